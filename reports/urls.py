"""Documents: PDF receipts, Excel exports, attachment archives (namespace `reports`)."""

from django.urls import path

from reports.views import exports, receipts

app_name = "reports"
urlpatterns = [
    path(
        "entries/<int:entry_pk>/receipt.pdf", receipts.entry_receipt_pdf, name="entry_receipt_pdf"
    ),
    path("contests/<int:pk>/entries.xlsx", exports.entries_xlsx, name="entries_xlsx"),
    path("contests/<int:pk>/attachments.zip", exports.attachments_zip, name="attachments_zip"),
]
