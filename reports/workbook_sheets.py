"""Tables in a write-only openpyxl workbook: a styled header row, frozen below it, an autofilter
over the table, column widths, text cells by the one text-cell rule and number cells that show a
number of decimal places while holding the full-precision value.

Write-only sheets write the sheet view (frozen panes) and the column widths before the first
row, so `Book.table` sets both when it creates the sheet; the autofilter comes after the rows in
the file and is set by `Table.close`, when the last row is known.

Text cells are made once per distinct text (`Book.text`) and handed to every row that shows that
text: the write-only writer sets a cell's position as it writes it, and a styled cell (a text
cell carries the "@" text format) is never reused by the writer for the next value.

Rows are turned into cells by `_row_cells`, not openpyxl's own WriteOnlyWorksheet.
_values_to_row (openpyxl 3.1.5, pinned): openpyxl first tries each value as a plain value and
takes a cell object only after the ValueError that fails (whose message formats the cell's
repr), which cost a third of the time of a 1,000,000-cell workbook. `_row_cells` tells a cell
from a value first and otherwise does the same.
"""

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.excel import HEADER_FILL, HEADER_FONT, WRAP
from submissions.sheets import set_text

TEXT_FORMAT = "@"
STRUCK = Font(strike=True, color="FF7F7F7F")
BOLD = Font(bold=True)
MAX_SHEET_NAME = 31  # Excel's limit
_BAD_IN_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def places_format(places: int) -> str:
    """The number format that shows `places` decimal places: 0 → "0", 2 → "0.00"."""
    return "0" if places <= 0 else "0." + "0" * places


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: no []:*?/\\, at most 31 characters."""
    return name.translate(_BAD_IN_NAMES).strip()[:MAX_SHEET_NAME] or "Sheet"


class Table:
    """One sheet: a header row, then rows appended with `row`; `close` sets the autofilter."""

    def __init__(self, book: "Book", title: str, columns: Sequence[tuple[str, float]]):
        self.book = book
        self.ws = book.wb.create_sheet(title=sheet_name(title))
        for index, (_label, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = "A2"
        self.ws._values_to_row = self._row_cells  # see the module docstring
        self.width = len(columns)
        self.rows = 0
        self.ws.append([book.header(label) for label, _width in columns])

    def row(self, values: Iterable) -> None:
        self.ws.append(values)
        self.rows += 1

    def _row_cells(self, values: Iterable, row_idx: int):
        """The cells of one row for the writer: our cells as they are, other values in a
        scratch cell (a fresh one after a styled cell), None skipped."""
        scratch = WriteOnlyCell(self.ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = scratch
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell
            if cell is scratch and cell.has_style:
                scratch = WriteOnlyCell(self.ws)

    def close(self) -> None:
        last = get_column_letter(self.width)
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"


class Book:
    """A write-only workbook and the cells its tables share."""

    def __init__(self):
        self.wb = Workbook(write_only=True)
        self._texts: dict[str, Cell] = {}
        self._sheet = self.wb.create_sheet("_")  # the sheet cells are made against
        self.wb.remove(self._sheet)

    def table(self, title: str, columns: Sequence[tuple[str, float]]) -> Table:
        return Table(self, title, columns)

    def text(self, value: str | None) -> Cell | None:
        """A text cell (never a formula, whatever its first character); None for no text."""
        if value is None or value == "":
            return None
        cell = self._texts.get(value)
        if cell is None:
            cell = set_text(WriteOnlyCell(self._sheet), value)
            cell.number_format = TEXT_FORMAT
            self._texts[value] = cell
        return cell

    def wrapped(self, value: str | None) -> Cell | None:
        """A text cell that wraps (long user text), made for this row only."""
        if not value:
            return None
        cell = set_text(WriteOnlyCell(self._sheet), value)
        cell.alignment = WRAP
        return cell

    def header(self, label: str) -> Cell:
        cell = set_text(WriteOnlyCell(self._sheet), label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        return cell

    def bold(self, label: str) -> Cell:
        cell = set_text(WriteOnlyCell(self._sheet), label)
        cell.font = BOLD
        return cell

    def number(
        self, value: Decimal | float | int | str | None, fmt: str, *, struck: bool = False
    ) -> Cell | None:
        """A number cell holding `value` (a Decimal's text is read as a Decimal) shown by `fmt`;
        `struck` draws a line through it (a total the trimmed mean dropped)."""
        if value is None:
            return None
        cell = WriteOnlyCell(self._sheet, value=Decimal(value) if isinstance(value, str) else value)
        cell.number_format = fmt
        if struck:
            cell.font = STRUCK
        return cell

    def save(self, out) -> None:
        self.wb.save(out)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()
