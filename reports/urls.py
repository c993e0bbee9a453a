"""Documents: PDF receipts, Excel exports, attachment archives (namespace `reports`)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from reports.views import builds, certificates, exports, receipts, results, results_pdf, sheets

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
    path(
        "contests/<id:pk>/results.pdf", results_pdf.contest_results_pdf, name="contest_results_pdf"
    ),
    path(
        "contests/<id:pk>/rounds/<id:round_pk>/results.pdf",
        results_pdf.round_results_pdf,
        name="round_results_pdf",
    ),
    # Printed judging documents (reports.views.sheets)
    path(
        "scorecards/<id:scorecard_pk>/sheet.pdf",
        sheets.evaluation_sheet_pdf,
        name="evaluation_sheet_pdf",
    ),
    path(
        "rounds/<id:round_pk>/judges/<id:judge_pk>/booklet.pdf",
        sheets.judge_booklet_pdf,
        name="judge_booklet_pdf",
    ),
    path("contests/<id:pk>/rounds/<id:round_pk>/tally.pdf", sheets.tally_pdf, name="tally_pdf"),
    path(
        "contests/<id:pk>/rounds/<id:round_pk>/entries/<id:entry_pk>/tally.pdf",
        sheets.entry_tally_pdf,
        name="entry_tally_pdf",
    ),
    path("entries/<id:entry_pk>/feedback.pdf", sheets.feedback_pdf, name="feedback_pdf"),
    # Files built in the background (reports.views.builds)
    path("builds/", builds.build_request, name="build_request"),
    path("builds/<id:number>/", builds.build_status, name="build_status"),
    path("builds/<id:number>/download", builds.build_download, name="build_download"),
    path("builds/<id:number>/retry", builds.build_retry, name="build_retry"),
    # Award certificates (reports.views.certificates)
    path(
        "contests/<id:pk>/certificates.pdf", certificates.certificates_pdf, name="certificates_pdf"
    ),
    path(
        "contests/<id:pk>/entries/<id:entry_pk>/certificate.pdf",
        certificates.entry_certificate_pdf,
        name="entry_certificate_pdf",
    ),
]
