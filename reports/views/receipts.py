"""The PDF receipt of a submitted entry, for whoever may see the entry."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from reports.receipts import entry_receipt_pdf_bytes
from submissions.models import Entry
from submissions.selectors.entries import entry_visible_to


@login_required
@require_GET
def entry_receipt_pdf(request: HttpRequest, entry_pk: int) -> HttpResponse:
    entry = entry_visible_to(request.user, entry_pk)
    if entry is None or entry.status != Entry.Status.SUBMITTED:
        raise Http404
    response = HttpResponse(entry_receipt_pdf_bytes(entry), content_type="application/pdf")
    filename = f"receipt-{entry.receipt_number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
