"""The judge's dashboard (filter, sort, 24-hour warning, past rounds) and the ZIP of a round's
files. The dashboard also starts the 24-hour notices when they are due
(scoring.services.closing_notices.closing_notices_soon: at most once per 10 minutes)."""

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.catalog import JUDGE_FILES_ZIP
from reports.exporters import export_response
from scoring.forms.judge_board import STATE_LABELS, BoardFilterForm
from scoring.selectors.judge_board import judge_board, round_files
from scoring.selectors.published import published_for_judge
from scoring.services.closing_notices import closing_notices_soon

TEMPLATE = "judge/dashboard.html"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("scoring.view_judge_dashboard", request.user):
        raise PermissionDenied
    board = judge_board(request.user)
    form = BoardFilterForm(request.GET or None, categories=board.categories)
    filters = form.filters()
    board.apply(filters)
    closing_notices_soon()
    context = {
        "dashboard": board,
        "form": form,
        "filters": filters,
        "active_category": form.category_label(filters.category),
        "state_labels": STATE_LABELS,
        "published": published_for_judge(request.user),
    }
    template = f"{TEMPLATE}#boards" if request.htmx else TEMPLATE
    return render(request, template, context)


@login_required
@require_GET
def files_zip(request: HttpRequest, round_pk: int) -> HttpResponseBase:
    """Every attachment of the judge's assigned entries in the round, as one streamed ZIP;
    404 before the round opens and for a round the judge has no entry in."""
    files = round_files(request.user, round_pk)
    if files is None:
        raise Http404
    return export_response(JUDGE_FILES_ZIP, request, files)
