"""The organizer's 2차 발표심사 pages (namespace `presentations`): the round's schedule (slots,
auto-fill, slides deadline and who has uploaded, publishing), one slot's page, and the live
scores. The contest's organizers and site admins only (contests.views.base.manageable_contest).
Every form works without JavaScript; a refused write shows the page again with the form as
typed and the service's message (nothing saved)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contests.models import Round
from contests.views.base import manageable_contest
from scoring.forms.presentations import AutofillForm, SlidesDeadlineForm, SlotForm
from scoring.models import PresentationSlot
from scoring.selectors.presentations import live_board, organizer_schedule
from scoring.services.presentations import (
    schedule_autofill,
    schedule_publish,
    schedule_settings,
    slot_add,
    slot_delete,
    slot_update,
)

SCHEDULE = "scoring/presentations/schedule.html"


def _round(request, round_pk: int) -> Round:
    round_ = get_object_or_404(Round, pk=round_pk)
    round_.contest = manageable_contest(request, round_.contest_id)
    return round_


def _page(request, round_, *, add=None, autofill=None, deadline=None, status=200):
    view = organizer_schedule(round_)
    unslotted = [row.entry.pk for row in view.unslotted]
    entries = round_.contest.entries.filter(pk__in=unslotted).order_by("receipt_number", "pk")
    if add is None:
        next_order = max((row.slot.order for row in view.slotted), default=0) + 1
        add = SlotForm(entries=entries, initial={"order": next_order})
    else:
        add.fields["entry"].queryset = entries
    schedule = view.schedule
    if deadline is None:
        initial = schedule.slides_deadline if schedule is not None else None
        deadline = SlidesDeadlineForm(
            initial={"slides_deadline": timezone.localtime(initial) if initial else None}
        )
    context = {
        "round": round_,
        "contest": round_.contest,
        "view": view,
        "add_form": add,
        "autofill_form": autofill or AutofillForm(),
        "deadline_form": deadline,
    }
    return render(request, SCHEDULE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request, round_pk: int):
    """The schedule; a POST adds a slot."""
    round_ = _round(request, round_pk)
    if request.method == "GET":
        return _page(request, round_)
    form = SlotForm(request.POST, entries=round_.contest.entries.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            slot_add(
                round_=round_, entry=data["entry"], order=data["order"],
                starts_at=data["starts_at"], ends_at=data["ends_at"], room=data["room"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The slot was added."))
            return redirect("presentations:schedule", round_pk=round_.pk)
    return _page(request, round_, add=form)


@login_required
@require_POST
def autofill(request, round_pk: int):
    round_ = _round(request, round_pk)
    form = AutofillForm(request.POST)
    if form.is_valid():
        try:
            count = schedule_autofill(round_=round_, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d entry was laid out in receipt order.",
                    "%(count)d entries were laid out in receipt order.",
                    count,
                )
                % {"count": count},
            )
            return redirect("presentations:schedule", round_pk=round_.pk)
    return _page(request, round_, autofill=form)


@login_required
@require_POST
def deadline(request, round_pk: int):
    round_ = _round(request, round_pk)
    form = SlidesDeadlineForm(request.POST)
    if not form.is_valid():
        return _page(request, round_, deadline=form)
    schedule_settings(
        round_=round_, slides_deadline=form.cleaned_data["slides_deadline"], by=request.user
    )
    messages.success(request, _("The slides deadline was saved."))
    return redirect("presentations:schedule", round_pk=round_.pk)


@login_required
@require_POST
def publish(request, round_pk: int):
    round_ = _round(request, round_pk)
    try:
        published = schedule_publish(round_=round_, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("presentations:schedule", round_pk=round_.pk)
    told = len(published.changed)
    if told:
        text = ngettext(
            "The schedule was published. %(count)d slot was new or changed: its agency and "
            "%(judges)d judges were emailed.",
            "The schedule was published. %(count)d slots were new or changed: their agencies "
            "and %(judges)d judges were emailed.",
            told,
        ) % {"count": told, "judges": published.judges_told}
    else:
        text = _("Nothing changed since the schedule was last published: nobody was emailed.")
    messages.success(request, text)
    return redirect("presentations:schedule", round_pk=round_.pk)


def _slot(request, round_pk: int, entry_pk: int) -> PresentationSlot:
    round_ = _round(request, round_pk)
    slot = (
        PresentationSlot.objects.filter(schedule__round=round_, entry_id=entry_pk)
        .select_related("entry", "schedule")
        .first()
    )
    if slot is None:
        raise Http404
    slot.schedule.round = round_
    return slot


@login_required
@require_http_methods(["GET", "POST"])
def slot(request, round_pk: int, entry_pk: int):
    """One slot's page: change its order, time and room."""
    found = _slot(request, round_pk, entry_pk)
    round_ = found.schedule.round
    form = SlotForm(request.POST or None, initial=SlotForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            slot_update(
                slot=found, order=data["order"], starts_at=data["starts_at"],
                ends_at=data["ends_at"], room=data["room"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The slot was changed. Publish the schedule to tell."))
            return redirect("presentations:schedule", round_pk=round_.pk)
    context = {"round": round_, "contest": round_.contest, "slot": found, "form": form}
    return render(request, "scoring/presentations/slot.html", context)


@login_required
@require_POST
def slot_remove(request, round_pk: int, entry_pk: int):
    found = _slot(request, round_pk, entry_pk)
    try:
        slot_delete(slot=found, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The slot was removed."))
    return redirect("presentations:schedule", round_pk=round_pk)


@login_required
@require_GET
def live(request, round_pk: int):
    """The live scores; htmx polls `?v=<version>` and gets 204 while nothing changed, else only
    the table body."""
    round_ = _round(request, round_pk)
    board = live_board(round_)
    context = {"round": round_, "contest": round_.contest, "board": board}
    if request.htmx:
        if request.GET.get("v") == board.version:
            return HttpResponse(status=204)
        return render(request, "scoring/presentations/live.html#rows", context)
    return render(request, "scoring/presentations/live.html", context)
