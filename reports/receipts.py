"""The one-page PDF receipt (접수증) of a submitted entry."""

from django.utils import timezone

from reports.pdf import render_pdf
from submissions.models import Entry
from submissions.selectors.entries import entry_attachments

RECEIPT_CSS = """
h1 { font-size: 20pt; font-weight: 700; text-align: center; margin: 0 0 8mm; }
.number { text-align: center; font-size: 14pt; font-weight: 700; margin-bottom: 8mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #8a949e; padding: 3mm; text-align: left; vertical-align: top; }
th { width: 32mm; background: #f4f5f6; font-weight: 700; }
ul { margin: 0; padding-left: 5mm; }
.note { margin-top: 8mm; font-size: 9pt; color: #464c53; }
.issuer { margin-top: 12mm; text-align: center; font-size: 12pt; font-weight: 700; }
"""


def receipt_context(entry: Entry) -> dict:
    return {
        "entry": entry,
        "attachments": entry_attachments(entry),
        "submitted_at": timezone.localtime(entry.submitted_at),
        "issued_at": timezone.localtime(),
    }


def entry_receipt_pdf_bytes(entry: Entry) -> bytes:
    return render_pdf("reports/receipt.html", receipt_context(entry), extra_css=RECEIPT_CSS)
