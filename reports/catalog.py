"""Every download of the project, declared once (see reports.exporters for what an exporter is).

Each view looks its object up and returns `export_response(<EXPORTER>, request, obj)`:

| exporter | object | URL name |
|---|---|---|
| `ENTRIES_WORKBOOK` | `ContestEntries` (contest, screening filters) | reports:entries_xlsx |
| `ATTACHMENTS_ZIP` | contest | reports:attachments_zip |
| `ENTRY_RECEIPT` | submitted entry | reports:entry_receipt_pdf |
| `SCORE_TEMPLATE` | round | control:score_template |
| `AGENCY_TEMPLATE` | None | submissions:agency_import_template |
| `ENTRY_ATTACHMENT` | attachment | entries:attachment_download |
| `JUDGE_ATTACHMENT` | `JudgeFile` (assignment, number, attachment) | judge:attachment |
| `ROUND_SNAPSHOT` | round result | results:snapshot, public:snapshot |
| `ROUND_WORKBOOK` | round result (in force) | reports:round_results_xlsx |
| `CONTEST_WORKBOOK` | contest (every round finalized) | reports:contest_results_xlsx |
| `ROUND_REPORT` | `RoundReport` (round, result in force or a draft) | reports:round_results_pdf |
| `CONTEST_REPORT` | `ContestReport` (contest, its rounds' results) | reports:contest_results_pdf |
| `EVALUATION_SHEET` | submitted scorecard that counts | reports:evaluation_sheet_pdf |
| `JUDGE_BOOKLET` | `JudgeRound` (round, judge) | reports:judge_booklet_pdf |
| `TALLY_SHEET` | round result (in force) | reports:tally_pdf |
| `ENTRY_TALLY_SHEET` | `EntryTally` (round result in force, entry) | reports:entry_tally_pdf |
| `FEEDBACK_REPORT` | entry (a round it took part in finalized) | reports:feedback_pdf |
| `CERTIFICATES` | `Certificates` (the final round's result in force) | reports:certificates_pdf |
| `ENTRY_CERTIFICATE` | `Certificates` of one awarded entry | reports:entry_certificate_pdf |
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports.archive import stream_attachments_zip
from reports.certificates import Certificates, certificates_pdf
from reports.excel import entries_workbook
from reports.exporters import (
    JSON_TYPE,
    PDF_TYPE,
    XLSX_TYPE,
    ZIP_TYPE,
    Exporter,
    file_type,
    open_stored,
    register,
)
from reports.feedback_pdf import build_feedback_report
from reports.receipts import entry_receipt_pdf_bytes
from reports.results_report import (
    ContestReport,
    RoundReport,
    build_contest_report,
    build_round_report,
)
from reports.results_workbook import build_contest_workbook, build_round_workbook
from reports.sheets_pdf import (
    JudgeRound,
    build_evaluation_sheet,
    build_judge_booklet,
    number_of_round,
)
from reports.tally_pdf import EntryTally, build_entry_tally_sheet, build_tally_sheet
from scoring.models import Assignment, RoundResult, Scorecard
from scoring.selectors.judge import judge_file_name
from scoring.selectors.results import contest_rounds
from scoring.services.score_import import score_template
from submissions.models import Attachment, Entry
from submissions.selectors.screening import (
    EntryFilters,
    archive_attachments,
    contest_questions,
    export_entries,
)
from submissions.services.agency_import import agency_import_template
from submissions.services.filetypes import safe_filename


def contest_short_name(contest: Contest) -> str:
    """The Korean name without its year and spaces, for file names.

    "2026 정부혁신 우수사례" → "정부혁신우수사례" (Contest has no short-name field).
    """
    words = [word for word in contest.name_ko.split() if word != str(contest.year)]
    return safe_filename("".join(words), fallback=str(contest.pk), max_length=40)


def contest_file_name(contest: Contest, what: str, ext: str) -> str:
    """The name of an organizer's download of a contest: "2026_정부혁신우수사례_<what>.<ext>"."""
    return f"{contest.year}_{contest_short_name(contest)}_{what}.{ext}"


# --- the organizer's screening downloads ------------------------------------------------------


@dataclass(frozen=True)
class ContestEntries:
    """The entry list as filtered on the screening page (same query string)."""

    contest: Contest
    filters: EntryFilters


def _entries_workbook(export: ContestEntries) -> bytes:
    contest = export.contest
    title = _("%(contest)s: entries (as of %(when)s)") % {
        "contest": contest.name,
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    return entries_workbook(
        contest=contest,
        entries=export_entries(contest, export.filters),
        questions=contest_questions(contest),
        title=title,
    )


ENTRIES_WORKBOOK = register(
    Exporter[ContestEntries](
        name="entries_workbook",
        permission="contests.manage_contest",
        target=lambda export: export.contest,
        content_type=XLSX_TYPE,
        filename=lambda export: contest_file_name(export.contest, "접수목록", "xlsx"),
        fallback=lambda export: f"{export.contest.year}_entries.xlsx",
        build=_entries_workbook,
    )
)

ATTACHMENTS_ZIP = register(
    Exporter[Contest](
        name="attachments_zip",
        permission="contests.manage_contest",
        content_type=ZIP_TYPE,
        filename=lambda contest: contest_file_name(contest, "첨부파일", "zip"),
        fallback=lambda contest: f"{contest.year}_attachments.zip",
        build=lambda contest: stream_attachments_zip(
            archive_attachments(contest).iterator(chunk_size=200)
        ),
    )
)

# --- the agency's documents -------------------------------------------------------------------

ENTRY_RECEIPT = register(
    Exporter[Entry](
        name="entry_receipt",
        permission="submissions.view_entry",
        content_type=PDF_TYPE,
        filename=lambda entry: f"receipt-{entry.receipt_number}.pdf",
        inline=True,
        build=entry_receipt_pdf_bytes,
    )
)

ENTRY_ATTACHMENT = register(
    Exporter[Attachment](
        name="entry_attachment",
        permission="submissions.view_entry",
        target=lambda attachment: attachment.entry,
        content_type=lambda attachment: file_type(attachment.kind),
        filename=lambda attachment: attachment.original_name,
        fallback=lambda attachment: f"attachment-{attachment.pk}.{attachment.kind}",
        build=lambda attachment: open_stored(attachment.file),
    )
)

# --- Excel templates to fill and import -------------------------------------------------------

SCORE_TEMPLATE = register(
    Exporter[Round](
        name="score_template",
        permission="contests.manage_contest",
        target=lambda round_: round_.contest,
        content_type=XLSX_TYPE,
        filename=lambda round_: f"scores-contest{round_.contest_id}-round{round_.pk}.xlsx",
        build=lambda round_: score_template(round_=round_),
    )
)

AGENCY_TEMPLATE = register(
    Exporter[None](
        name="agency_template",
        permission="submissions.import_agencies",
        content_type=XLSX_TYPE,
        filename=lambda _none: "agencies-template.xlsx",
        build=lambda _none: agency_import_template(),
    )
)

# --- judging and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class JudgeFile:
    """The `number`-th attachment (1-based, upload order) of an assigned judge's entry."""

    assignment: Assignment
    number: int
    attachment: Attachment

    @property
    def name(self) -> str:
        blind = self.assignment.round.contest.blind_judging
        return judge_file_name(self.attachment, self.number, blind=blind)


# PDFs open inline (framed by the judge's own scorecard page); other types download. With blind
# judging the file is named "첨부<n>.<type>", never the uploaded name, which may carry the
# agency's name.
JUDGE_ATTACHMENT = register(
    Exporter[JudgeFile](
        name="judge_attachment",
        permission="scoring.score_entry",
        target=lambda file: file.assignment,
        content_type=lambda file: file_type(file.attachment.kind),
        filename=lambda file: file.name,
        fallback=lambda file: f"attachment-{file.number}.{file.attachment.kind}",
        inline=lambda file: file.attachment.kind == Attachment.Kind.PDF,
        build=lambda file: open_stored(file.attachment.file),
    )
)


def round_number(result: RoundResult) -> int:
    """n of the result's round: the contest's rounds counted in order from 1."""
    return [r.pk for r in contest_rounds(result.round.contest_id)].index(result.round_id) + 1


def snapshot_file_name(result: RoundResult) -> str:
    """result-<year>-round<n>-<digest>.json: n counts the contest's rounds in order."""
    contest = result.round.contest
    return f"result-{contest.year}-round{round_number(result)}-{result.digest[:12]}.json"


# The stored text byte for byte (organizer's page and public page alike), for
# `python manage.py verify_results FILE`.
ROUND_SNAPSHOT = register(
    Exporter[RoundResult](
        name="round_snapshot",
        permission="reports.download_snapshot",
        target=lambda result: result.round.contest,
        content_type=JSON_TYPE,
        filename=snapshot_file_name,
        build=lambda result: result.snapshot.encode(),
    )
)

# The results workbooks (reports.results_workbook): the numbers of the frozen snapshots. The view
# finds a result in force (404 while the round is live, or while a round of the contest is).
ROUND_WORKBOOK = register(
    Exporter[RoundResult](
        name="round_workbook",
        permission="contests.manage_contest",
        target=lambda result: result.round.contest,
        content_type=XLSX_TYPE,
        filename=lambda result: contest_file_name(
            result.round.contest, f"심사결과_{round_number(result)}차", "xlsx"
        ),
        fallback=lambda result: (
            f"{result.round.contest.year}_results_round{round_number(result)}.xlsx"
        ),
        build=build_round_workbook,
    )
)

CONTEST_WORKBOOK = register(
    Exporter[Contest](
        name="contest_workbook",
        permission="contests.manage_contest",
        content_type=XLSX_TYPE,
        filename=lambda contest: contest_file_name(contest, "심사결과", "xlsx"),
        fallback=lambda contest: f"{contest.year}_results.xlsx",
        build=build_contest_workbook,
    )
)


# --- printed judging documents (reports.sheets_pdf, reports.tally_pdf, reports.feedback_pdf) ---
# PDFs open in the browser, to print. An evaluation sheet names the round by its number, the
# entry and the judge; the booklet the round and the judge.


def _sheet_name(card: Scorecard) -> str:
    n, receipt = number_of_round(card.round), card.entry.receipt_number
    return contest_file_name(
        card.round.contest, f"평가표_{n}차_{receipt}_{card.judge.user.name}", "pdf"
    )


EVALUATION_SHEET = register(
    Exporter[Scorecard](
        name="evaluation_sheet",
        permission="scoring.print_scorecard",
        content_type=PDF_TYPE,
        filename=_sheet_name,
        fallback=lambda card: (
            f"{card.round.contest.year}_evaluation_sheet_round{number_of_round(card.round)}"
            f"_{card.entry.receipt_number}.pdf"
        ),
        inline=True,
        build=build_evaluation_sheet,
    )
)

JUDGE_BOOKLET = register(
    Exporter[JudgeRound](
        name="judge_booklet",
        permission="scoring.print_judge_sheets",
        target=lambda booklet: booklet.judge,
        content_type=PDF_TYPE,
        filename=lambda booklet: contest_file_name(
            booklet.round.contest,
            f"평가표모음_{number_of_round(booklet.round)}차_{booklet.judge.user.name}",
            "pdf",
        ),
        fallback=lambda booklet: (
            f"{booklet.round.contest.year}_judge_booklet_round{number_of_round(booklet.round)}"
            f"_judge{booklet.judge.pk}.pdf"
        ),
        inline=True,
        build=build_judge_booklet,
    )
)

TALLY_SHEET = register(
    Exporter[RoundResult](
        name="tally_sheet",
        permission="contests.manage_contest",
        target=lambda result: result.round.contest,
        content_type=PDF_TYPE,
        filename=lambda result: contest_file_name(
            result.round.contest, f"집계표_{round_number(result)}차", "pdf"
        ),
        fallback=lambda result: (
            f"{result.round.contest.year}_tally_round{round_number(result)}.pdf"
        ),
        inline=True,
        build=build_tally_sheet,
    )
)

ENTRY_TALLY_SHEET = register(
    Exporter[EntryTally](
        name="entry_tally_sheet",
        permission="contests.manage_contest",
        target=lambda tally: tally.result.round.contest,
        content_type=PDF_TYPE,
        filename=lambda tally: contest_file_name(
            tally.result.round.contest,
            f"집계표_{round_number(tally.result)}차_{tally.entry.receipt_number}",
            "pdf",
        ),
        fallback=lambda tally: (
            f"{tally.result.round.contest.year}_tally_round{round_number(tally.result)}"
            f"_{tally.entry.receipt_number}.pdf"
        ),
        inline=True,
        build=build_entry_tally_sheet,
    )
)

FEEDBACK_REPORT = register(
    Exporter[Entry](
        name="feedback_report",
        permission="scoring.read_entry_feedback",
        content_type=PDF_TYPE,
        filename=lambda entry: contest_file_name(
            entry.contest, f"심사결과안내_{entry.receipt_number}", "pdf"
        ),
        fallback=lambda entry: f"{entry.contest.year}_feedback_{entry.receipt_number}.pdf",
        inline=True,
        build=build_feedback_report,
    )
)


# The results reports (reports.results_report): a PDF of the frozen snapshots, or a draft of the
# live inputs when the organizer asks for one (its name then says so).
def _draft(report: RoundReport | ContestReport, korean: bool) -> str:
    if not report.draft:
        return ""
    return "_초안" if korean else "_draft"


ROUND_REPORT = register(
    Exporter[RoundReport](
        name="round_report",
        permission="contests.manage_contest",
        target=lambda report: report.round.contest,
        content_type=PDF_TYPE,
        filename=lambda report: contest_file_name(
            report.round.contest, f"심사결과보고서_{report.number}차{_draft(report, True)}", "pdf"
        ),
        fallback=lambda report: (
            f"{report.round.contest.year}_results_report_round{report.number}"
            f"{_draft(report, False)}.pdf"
        ),
        build=build_round_report,
    )
)

CONTEST_REPORT = register(
    Exporter[ContestReport](
        name="contest_report",
        permission="contests.manage_contest",
        target=lambda report: report.contest,
        content_type=PDF_TYPE,
        filename=lambda report: contest_file_name(
            report.contest, f"심사결과보고서{_draft(report, True)}", "pdf"
        ),
        fallback=lambda report: f"{report.contest.year}_results_report{_draft(report, False)}.pdf",
        build=build_contest_report,
    )
)


# --- award certificates (reports.certificates) ---------------------------------------------------
# One A4 page per awarded entry of the final round's snapshot (the view: 404 while it is live),
# opened in the browser to print.

CERTIFICATES = register(
    Exporter[Certificates](
        name="certificates",
        permission="contests.manage_contest",
        target=lambda certificates: certificates.contest,
        content_type=PDF_TYPE,
        filename=lambda certificates: contest_file_name(certificates.contest, "상장", "pdf"),
        fallback=lambda certificates: f"{certificates.contest.year}_certificates.pdf",
        inline=True,
        build=certificates_pdf,
    )
)

ENTRY_CERTIFICATE = register(
    Exporter[Certificates](
        name="entry_certificate",
        permission="contests.manage_contest",
        target=lambda certificates: certificates.contest,
        content_type=PDF_TYPE,
        filename=lambda one: contest_file_name(one.contest, f"상장_{one.items[0].receipt}", "pdf"),
        fallback=lambda one: f"{one.contest.year}_certificate_{one.items[0].receipt}.pdf",
        inline=True,
        build=certificates_pdf,
    )
)
