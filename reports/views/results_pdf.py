"""The organizer's results reports (PDF): one round's, and the contest's. A round (or a contest
with a round) without a result in force is a 404, as for the results workbooks, unless the
organizer asks for a draft with `?draft=1`: the report is then built from the live inputs, with
DRAFT on every page and no digest. The document is in the language of the request."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest
from reports.catalog import CONTEST_REPORT, ROUND_REPORT
from reports.exporters import export_response
from reports.results_report import contest_report, round_report
from scoring.selectors.progress import control_round


def _draft(request: HttpRequest) -> bool:
    return request.GET.get("draft") == "1"


@login_required
@require_GET
def round_results_pdf(request: HttpRequest, pk: int, round_pk: int) -> HttpResponseBase:
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    report = round_report(round_, draft=_draft(request), language=get_language())
    if report is None:
        raise Http404("This round is not finalized.")
    return export_response(ROUND_REPORT, request, report)


@login_required
@require_GET
def contest_results_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = manageable_contest(request, pk)
    report = contest_report(contest, draft=_draft(request), language=get_language())
    if report is None:
        raise Http404("A round of this contest is not finalized.")
    return export_response(CONTEST_REPORT, request, report)
