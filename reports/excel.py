"""Excel (openpyxl, write-only mode) builders.

User text is written as plain string cells (`submissions.sheets.set_text`, the one text-cell
rule): openpyxl would otherwise turn any string that starts with "=" into a formula, and Excel
would run "=HYPERLINK(…)" typed by an agency.
"""

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from contests.models import Contest, EntryQuestion
from submissions.models import Entry
from submissions.sheets import set_text

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDE6F4", end_color="FFDDE6F4")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def text_cell(ws, value: str | None, *, wrap: bool = False) -> WriteOnlyCell:
    """A cell that is always text, never a formula, whatever the first character is."""
    cell = set_text(WriteOnlyCell(ws), value)
    if wrap:
        cell.alignment = WRAP
    return cell


def local_naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the Asia/Seoul wall-clock time, without tzinfo."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None)


def _header(ws, labels: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = text_cell(ws, label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def entries_workbook(
    *, contest: Contest, entries: Iterable[Entry], questions: Sequence[EntryQuestion], title: str
) -> bytes:
    """The entry list as .xlsx: a title row, a styled header row, one row per entry.

    `entries` carry `attachment_count` and prefetched `answers` (see
    submissions.selectors.screening.export_entries).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_("Entries")[:31])
    fixed = [
        (_("Receipt number"), 12),
        (_("Category"), 16),
        (_("Agency"), 22),
        (_("Agency kind"), 16),
        (_("Case title"), 40),
        (_("Status"), 10),
        (_("Screening"), 12),
        (_("Screening reason"), 30),
        (_("Submitted (Asia/Seoul)"), 18),
    ]
    labels = [label for label, _width in fixed]
    widths = [width for _label, width in fixed]
    labels += [question.label for question in questions]
    widths += [50] * len(questions)
    labels.append(_("Attachments"))
    widths.append(10)

    # Column widths and frozen panes must be set before the first row in write-only mode.
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "B3"
    last_column = get_column_letter(len(labels))

    title_cell = text_cell(ws, title)
    title_cell.font = TITLE_FONT
    ws.append([title_cell])
    ws.append(_header(ws, labels))

    rows = 0
    for entry in entries:
        texts = {answer.question_id: answer.text for answer in entry.answers.all()}
        submitted = WriteOnlyCell(ws, value=local_naive(entry.submitted_at))
        submitted.number_format = DATETIME_FORMAT
        row = [
            text_cell(ws, entry.receipt_number),
            text_cell(ws, entry.category.name),
            text_cell(ws, entry.agency.name),
            text_cell(ws, entry.agency.get_kind_display()),
            text_cell(ws, entry.title),
            text_cell(ws, entry.get_status_display()),
            text_cell(ws, entry.get_eligibility_display()),
            text_cell(ws, entry.eligibility_reason, wrap=True),
            submitted,
        ]
        row += [text_cell(ws, texts.get(question.pk), wrap=True) for question in questions]
        row.append(entry.attachment_count)
        ws.append(row)
        rows += 1
    ws.auto_filter.ref = f"A2:{last_column}{rows + 2}"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
