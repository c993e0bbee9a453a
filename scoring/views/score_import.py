"""The Excel template of a round's scores and its import (namespace `control`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contests.views.base import manageable_contest
from reports.catalog import SCORE_TEMPLATE
from reports.exporters import export_response
from scoring.forms.control import ScoreImportForm
from scoring.selectors.progress import control_round
from scoring.services.score_import import ScoreImportError, scores_import


@login_required
@require_GET
def template_download(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    return export_response(SCORE_TEMPLATE, request, control_round(contest, round_pk))


@login_required
@require_http_methods(["GET", "POST"])
def score_import(request, pk, round_pk):
    """Upload the filled template: everything or nothing, every error listed."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    errors: list[str] = []
    posted = request.method == "POST"
    form = ScoreImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = scores_import(
                round_=round_, file=upload, filename=upload.name, by=request.user
            )
        except ScoreImportError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                _(
                    "Import finished: %(cards)s scorecard(s) updated, %(changed)s value(s) "
                    "changed, %(unchanged)s unchanged."
                )
                % {
                    "cards": summary.scorecards,
                    "changed": summary.changed,
                    "unchanged": summary.unchanged,
                },
            )
            return redirect("control:score_import", pk=contest.pk, round_pk=round_.pk)
    context = {"contest": contest, "round": round_, "form": form, "errors": errors}
    return render(request, "control/score_import.html", context, status=422 if errors else 200)
