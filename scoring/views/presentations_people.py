"""The 2차 발표심사 pages of judges and agencies (namespace `presentations`):

- `today`: a judge's "today's presentations": the published order of the round with each
  entry's scorecard state and a link to the scorecard, the current and next slot marked by the
  time; 404 unless the user judges an entry of the round.
- `slides`: an agency member uploads (or replaces) an entry's slides for a round, before the
  deadline; 404 unless the entry is their agency's and takes part in the round.
- `slides_file`: the slides as a download (scoring.presentation_rules), 404 for anyone else.
"""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import scoring.presentation_rules  # noqa: F401  (registers the slides permission)
from contests.models import Round
from reports.catalog_objections import PRESENTATION_SLIDES
from reports.exporters import export_response
from scoring.forms.presentations import SlidesForm
from scoring.models import PresentationSlides
from scoring.selectors.in_effect import entries_in_round
from scoring.selectors.presentations import judge_today, schedule_of, slides_refusal
from scoring.services.presentation_slides import slides_upload
from submissions.models import AgencyMembership, Entry


@login_required
@require_GET
def today(request: HttpRequest, round_pk: int):
    view = judge_today(request.user, round_pk)
    if view is None:
        raise Http404
    context = {"view": view, "round": view.round, "contest": view.round.contest}
    return render(request, "scoring/presentations/today.html", context)


def _member_entry(request, round_pk: int, entry_pk: int) -> tuple[Round, Entry]:
    """The round and the user's agency's entry taking part in it, else 404."""
    round_ = get_object_or_404(Round.objects.select_related("contest"), pk=round_pk)
    mine = AgencyMembership.objects.filter(user=request.user).values("agency_id")
    entry = (
        entries_in_round(round_)
        .filter(pk=entry_pk, agency_id__in=mine)
        .select_related("agency", "contest")
        .first()
    )
    if entry is None:
        raise Http404
    return round_, entry


@login_required
@require_http_methods(["GET", "POST"])
def slides(request: HttpRequest, round_pk: int, entry_pk: int):
    round_, entry = _member_entry(request, round_pk, entry_pk)
    form = SlidesForm(request.POST, request.FILES) if request.method == "POST" else SlidesForm()
    if request.method == "POST" and form.is_valid():
        try:
            slides_upload(
                round_=round_, entry=entry, upload=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The presentation slides were uploaded."))
            return redirect("presentations:slides", round_pk=round_.pk, entry_pk=entry.pk)
    schedule = schedule_of(round_)
    current = PresentationSlides.objects.filter(round=round_, entry=entry).first()
    slot = None
    if schedule is not None and schedule.published_at is not None:
        slot = schedule.slots.filter(entry=entry, published_starts_at__isnull=False).first()
    context = {
        "round": round_,
        "contest": round_.contest,
        "entry": entry,
        "form": form,
        "schedule": schedule,
        "slot": slot,
        "current": current,
        "refusal": slides_refusal(schedule, timezone.now()),
    }
    return render(request, "scoring/presentations/slides.html", context, status=200)


@login_required
@require_GET
def slides_file(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponseBase:
    found = (
        PresentationSlides.objects.filter(round_id=round_pk, entry_id=entry_pk)
        .select_related("round__contest", "entry")
        .first()
    )
    if found is None or not rules.has_perm(
        "scoring.download_presentation_slides", request.user, found
    ):
        raise Http404
    return export_response(PRESENTATION_SLIDES, request, found)
