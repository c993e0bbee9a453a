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
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports.archive import stream_attachments_zip
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
from reports.receipts import entry_receipt_pdf_bytes
from reports.results_workbook import build_contest_workbook, build_round_workbook
from scoring.models import Assignment, RoundResult
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
