"""Documents: PDF receipts, Excel exports, attachment archives (namespace `reports`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from reports.views import exports, receipts, results

app_name = "reports"
urlpatterns = [
    path("entries/<id:entry_pk>/receipt.pdf", receipts.entry_receipt_pdf, name="entry_receipt_pdf"),
    path("contests/<id:pk>/entries.xlsx", exports.entries_xlsx, name="entries_xlsx"),
    path("contests/<id:pk>/attachments.zip", exports.attachments_zip, name="attachments_zip"),
    path(
        "contests/<id:pk>/results.xlsx", results.contest_results_xlsx, name="contest_results_xlsx"
    ),
    path(
        "contests/<id:pk>/rounds/<id:round_pk>/results.xlsx",
        results.round_results_xlsx,
        name="round_results_xlsx",
    ),
]
