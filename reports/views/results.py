"""The organizer's results workbooks: one finalized round's, and the contest's once every round
is finalized. A round without a result in force is a 404, as its snapshot download is: there is
no finalized document to give, and the links to these files are shown only once there is."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest
from reports.catalog import CONTEST_WORKBOOK, ROUND_WORKBOOK
from reports.exporters import export_response
from reports.results_workbook import NotFinalized
from scoring.models import RoundResult
from scoring.selectors.progress import control_round
from scoring.selectors.results import result_in_force


def result_in_force_or_404(request: HttpRequest, pk: int, round_pk: int) -> RoundResult:
    """The result in force of a round of a contest the user manages (its `round` set); 404
    while the round is live (also for its 집계표, reports.views.sheets)."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    result = result_in_force(round_)
    if result is None:
        raise Http404("This round is not finalized.")
    result.round = round_
    return result


@login_required
@require_GET
def round_results_xlsx(request: HttpRequest, pk: int, round_pk: int) -> HttpResponseBase:
    result = result_in_force_or_404(request, pk, round_pk)
    return export_response(ROUND_WORKBOOK, request, result)


@login_required
@require_GET
def contest_results_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = manageable_contest(request, pk)
    try:
        return export_response(CONTEST_WORKBOOK, request, contest)
    except NotFinalized as error:
        raise Http404(str(error)) from error
