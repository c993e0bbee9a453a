"""Every download of the project, declared once (see reports.exporters for what an exporter is).

Each view looks its object up and returns `export_response(<EXPORTER>, request, obj)`, importing
the exporter from here, the one index: this module declares the screening downloads, the agency's
documents, the Excel templates and the judge's attachments; reports.catalog_results the documents
of judging and results; reports.catalog_base the file names ("2026_정부혁신우수사례_<what>.<ext>",
`contest_file_name`, `round_number`) and `contest_document`, the declaration of a document named
after its contest. All are re-exported here.

| exporter | object | URL name |
|---|---|---|
| `ENTRIES_WORKBOOK` | `ContestEntries` (contest, screening filters) | reports:entries_xlsx |
| `ATTACHMENTS_ZIP` | contest | reports:attachments_zip |
| `ENTRY_RECEIPT` | submitted entry | reports:entry_receipt_pdf |
| `SCORE_TEMPLATE` | round | control:score_template |
| `AGENCY_TEMPLATE` | None | submissions:agency_import_template |
| `ENTRY_ATTACHMENT` | attachment | entries:attachment_download |
| `JUDGE_ATTACHMENT` | `JudgeFile` (assignment, number, attachment) | judge:attachment |
| `JUDGE_FILES_ZIP` | `RoundFiles` (round, the judge's assignments) | judge:files_zip |
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
| `OBJECTION_FILE` | objection with a file | objections:download |
| `PRESENTATION_SLIDES` | an entry's 발표자료 for a round | presentations:slides_file |
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports.archive import stream_attachments_zip
from reports.catalog_base import (
    contest_document,
    contest_file_name,
    contest_short_name,
    itself,
    round_number,
    snapshot_file_name,
)
from reports.catalog_objections import OBJECTION_FILE, PRESENTATION_SLIDES
from reports.catalog_results import (
    CERTIFICATES,
    CONTEST_REPORT,
    CONTEST_WORKBOOK,
    ENTRY_CERTIFICATE,
    ENTRY_TALLY_SHEET,
    EVALUATION_SHEET,
    FEEDBACK_REPORT,
    JUDGE_BOOKLET,
    ROUND_REPORT,
    ROUND_SNAPSHOT,
    ROUND_WORKBOOK,
    TALLY_SHEET,
)
from reports.excel import entries_workbook
from reports.exporters import (
    PDF_TYPE,
    XLSX_TYPE,
    ZIP_TYPE,
    Exporter,
    file_type,
    open_stored,
    register,
)
from reports.judge_archive import JUDGE_FILES_ZIP
from reports.receipts import entry_receipt_pdf_bytes
from scoring.models import Assignment
from scoring.selectors.judge import judge_file_name
from scoring.services.score_import import score_template
from submissions.models import Attachment, Entry
from submissions.selectors.screening import (
    EntryFilters,
    archive_attachments,
    contest_questions,
    export_entries,
)
from submissions.services.agency_import import agency_import_template

__all__ = [
    "AGENCY_TEMPLATE",
    "ATTACHMENTS_ZIP",
    "CERTIFICATES",
    "CONTEST_REPORT",
    "CONTEST_WORKBOOK",
    "ENTRIES_WORKBOOK",
    "ENTRY_ATTACHMENT",
    "ENTRY_CERTIFICATE",
    "ENTRY_RECEIPT",
    "ENTRY_TALLY_SHEET",
    "EVALUATION_SHEET",
    "FEEDBACK_REPORT",
    "JUDGE_ATTACHMENT",
    "JUDGE_BOOKLET",
    "JUDGE_FILES_ZIP",
    "OBJECTION_FILE",
    "PRESENTATION_SLIDES",
    "ROUND_REPORT",
    "ROUND_SNAPSHOT",
    "ROUND_WORKBOOK",
    "SCORE_TEMPLATE",
    "TALLY_SHEET",
    "ContestEntries",
    "JudgeFile",
    "contest_file_name",
    "contest_short_name",
    "round_number",
    "snapshot_file_name",
]

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


ENTRIES_WORKBOOK = contest_document(
    name="entries_workbook",
    contest=lambda export: export.contest,
    what=("접수목록", "entries"),
    content_type=XLSX_TYPE,
    build=_entries_workbook,
)

ATTACHMENTS_ZIP = contest_document(
    name="attachments_zip",
    contest=itself,
    what=("첨부파일", "attachments"),
    content_type=ZIP_TYPE,
    build=lambda contest: stream_attachments_zip(
        archive_attachments(contest).iterator(chunk_size=200)
    ),
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
