"""The documents of judging and results, declared once (reports.catalog re-exports every one and
lists them): the frozen snapshot, the results workbooks and reports, 평가표 and booklets, 집계표,
the agency's feedback report and the award certificates. File names: reports.catalog_base."""

from reports.catalog_base import (
    contest_document,
    itself,
    snapshot_file_name,
)
from reports.certificates import certificates_pdf
from reports.exporters import JSON_TYPE, PDF_TYPE, XLSX_TYPE, Exporter, register
from reports.feedback_pdf import build_feedback_report
from reports.results_report import (
    ContestReport,
    RoundReport,
    build_contest_report,
    build_round_report,
)
from reports.results_workbook import build_contest_workbook, build_round_workbook
from reports.sheets_pdf import build_evaluation_sheet, build_judge_booklet
from reports.tally_pdf import build_entry_tally_sheet, build_tally_sheet
from scoring.models import RoundResult


def _result_round(result: RoundResult):
    return result.round


def _result_contest(result: RoundResult):
    return result.round.contest


# The stored text byte for byte (organizer's page and public page alike), for
# `python manage.py verify_results FILE`.
ROUND_SNAPSHOT = register(
    Exporter[RoundResult](
        name="round_snapshot",
        permission="reports.download_snapshot",
        target=_result_contest,
        content_type=JSON_TYPE,
        filename=snapshot_file_name,
        build=lambda result: result.snapshot.encode(),
    )
)

# The results workbooks (reports.results_workbook): the numbers of the frozen snapshots. The view
# finds a result in force (404 while the round is live, or while a round of the contest is).
ROUND_WORKBOOK = contest_document(
    name="round_workbook",
    round_of=_result_round,
    what=("심사결과_{n}차", "results_round{n}"),
    content_type=XLSX_TYPE,
    build=build_round_workbook,
)

CONTEST_WORKBOOK = contest_document(
    name="contest_workbook",
    contest=itself,
    what=("심사결과", "results"),
    content_type=XLSX_TYPE,
    build=build_contest_workbook,
)


# --- printed judging documents (reports.sheets_pdf, reports.tally_pdf, reports.feedback_pdf) ---
# PDFs open in the browser, to print. An evaluation sheet names the round by its number, the
# entry and the judge; the booklet the round and the judge.

EVALUATION_SHEET = contest_document(
    name="evaluation_sheet",
    permission="scoring.print_scorecard",
    target=itself,
    round_of=lambda card: card.round,
    what=("평가표_{n}차_{receipt}_{judge}", "evaluation_sheet_round{n}_{receipt}"),
    fields=lambda card: {
        "receipt": card.entry.receipt_number,
        "judge": card.judge.user.name,
    },
    content_type=PDF_TYPE,
    inline=True,
    build=build_evaluation_sheet,
)

JUDGE_BOOKLET = contest_document(
    name="judge_booklet",
    permission="scoring.print_judge_sheets",
    target=lambda booklet: booklet.judge,
    round_of=lambda booklet: booklet.round,
    what=("평가표모음_{n}차_{judge}", "judge_booklet_round{n}_judge{judge_pk}"),
    fields=lambda booklet: {
        "judge": booklet.judge.user.name,
        "judge_pk": booklet.judge.pk,
    },
    content_type=PDF_TYPE,
    inline=True,
    build=build_judge_booklet,
)

TALLY_SHEET = contest_document(
    name="tally_sheet",
    round_of=_result_round,
    what=("집계표_{n}차", "tally_round{n}"),
    content_type=PDF_TYPE,
    inline=True,
    build=build_tally_sheet,
)

ENTRY_TALLY_SHEET = contest_document(
    name="entry_tally_sheet",
    round_of=lambda tally: tally.result.round,
    what=("집계표_{n}차_{receipt}", "tally_round{n}_{receipt}"),
    fields=lambda tally: {"receipt": tally.entry.receipt_number},
    content_type=PDF_TYPE,
    inline=True,
    build=build_entry_tally_sheet,
)

FEEDBACK_REPORT = contest_document(
    name="feedback_report",
    permission="scoring.read_entry_feedback",
    target=itself,
    contest=lambda entry: entry.contest,
    what=("심사결과안내_{receipt}", "feedback_{receipt}"),
    fields=lambda entry: {"receipt": entry.receipt_number},
    content_type=PDF_TYPE,
    inline=True,
    build=build_feedback_report,
)


# The results reports (reports.results_report): a PDF of the frozen snapshots, or a draft of the
# live inputs when the organizer asks for one (its name then says so).
def _draft(report: RoundReport | ContestReport) -> dict:
    draft = report.draft
    return {"draft_ko": "_초안" if draft else "", "draft_en": "_draft" if draft else ""}


ROUND_REPORT = contest_document(
    name="round_report",
    round_of=lambda report: report.round,
    what=("심사결과보고서_{n}차{draft_ko}", "results_report_round{n}{draft_en}"),
    fields=_draft,
    content_type=PDF_TYPE,
    build=build_round_report,
)

CONTEST_REPORT = contest_document(
    name="contest_report",
    contest=lambda report: report.contest,
    what=("심사결과보고서{draft_ko}", "results_report{draft_en}"),
    fields=_draft,
    content_type=PDF_TYPE,
    build=build_contest_report,
)


# --- award certificates (reports.certificates) ---------------------------------------------------
# One A4 page per awarded entry of the final round's snapshot (the view: 404 while it is live),
# opened in the browser to print.

CERTIFICATES = contest_document(
    name="certificates",
    contest=lambda certificates: certificates.contest,
    what=("상장", "certificates"),
    content_type=PDF_TYPE,
    inline=True,
    build=certificates_pdf,
)

ENTRY_CERTIFICATE = contest_document(
    name="entry_certificate",
    contest=lambda one: one.contest,
    what=("상장_{receipt}", "certificate_{receipt}"),
    fields=lambda one: {"receipt": one.items[0].receipt},
    content_type=PDF_TYPE,
    inline=True,
    build=certificates_pdf,
)
