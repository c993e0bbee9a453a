"""Printed judging documents: a judge's 평가표 and booklet, a finalized round's 집계표, and an
entry's feedback report (reports.sheets_pdf, reports.tally_pdf, reports.feedback_pdf).

- Evaluation sheet and booklet: the judge themselves (their own pages link them) and the
  contest's organizers (the progress board and the judge's audit page link them). Anyone else is
  told nothing exists (404), as on the judge's pages; a scorecard that is not submitted, or does
  not count (the assignment is no longer in effect), has no sheet (404).
- 집계표: the contest's organizers (403 for other visitors of the contest, as on the results
  pages); 404 while the round has no result in force.
- Feedback report: the entry's agency members once the results are published, the contest's
  organizers any time; 404 for anyone else and while no round of the entry is finalized.
"""

import rules
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from contests.models import Round
from reports.catalog import (
    ENTRY_TALLY_SHEET,
    EVALUATION_SHEET,
    FEEDBACK_REPORT,
    JUDGE_BOOKLET,
    TALLY_SHEET,
)
from reports.exporters import export_response
from reports.sheets_pdf import JudgeRound, counted_cards
from reports.tally_pdf import EntryTally
from reports.views.results import result_in_force_or_404
from scoring.models import Judge
from submissions.models import Entry


@login_required
@require_GET
def evaluation_sheet_pdf(request: HttpRequest, scorecard_pk: int) -> HttpResponseBase:
    card = counted_cards(pk=scorecard_pk).first()
    if not rules.has_perm(EVALUATION_SHEET.permission, request.user, card):
        raise Http404
    return export_response(EVALUATION_SHEET, request, card)


@login_required
@require_GET
def judge_booklet_pdf(request: HttpRequest, round_pk: int, judge_pk: int) -> HttpResponseBase:
    judge = Judge.objects.select_related("user", "contest").filter(pk=judge_pk).first()
    if not rules.has_perm(JUDGE_BOOKLET.permission, request.user, judge):
        raise Http404
    round_ = get_object_or_404(
        Round.objects.select_related("contest"), pk=round_pk, contest_id=judge.contest_id
    )
    return export_response(JUDGE_BOOKLET, request, JudgeRound(round_, judge))


@login_required
@require_GET
def tally_pdf(request: HttpRequest, pk: int, round_pk: int) -> HttpResponseBase:
    return export_response(TALLY_SHEET, request, result_in_force_or_404(request, pk, round_pk))


@login_required
@require_GET
def entry_tally_pdf(
    request: HttpRequest, pk: int, round_pk: int, entry_pk: int
) -> HttpResponseBase:
    result = result_in_force_or_404(request, pk, round_pk)
    entry = get_object_or_404(Entry, pk=entry_pk, contest_id=pk)
    return export_response(ENTRY_TALLY_SHEET, request, EntryTally(result, entry))


@login_required
@require_GET
def feedback_pdf(request: HttpRequest, entry_pk: int) -> HttpResponseBase:
    entry = (
        Entry.objects.select_related("contest", "agency", "category").filter(pk=entry_pk).first()
    )
    if not rules.has_perm(FEEDBACK_REPORT.permission, request.user, entry):
        raise Http404
    return export_response(FEEDBACK_REPORT, request, entry)
