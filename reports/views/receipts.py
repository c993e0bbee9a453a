"""The PDF receipt of a submitted entry, for whoever may see the entry."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from reports.catalog import ENTRY_RECEIPT
from reports.exporters import export_response
from submissions.models import Entry
from submissions.selectors.entries import entry_visible_to


@login_required
@require_GET
def entry_receipt_pdf(request: HttpRequest, entry_pk: int) -> HttpResponseBase:
    entry = entry_visible_to(request.user, entry_pk)
    if entry is None or entry.status != Entry.Status.SUBMITTED:
        raise Http404
    return export_response(ENTRY_RECEIPT, request, entry)
