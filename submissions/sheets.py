"""Reading uploaded .xlsx sheets and writing text cells safely.

Shared by the agency-list import (submissions) and the score template and import (scoring).
"""

import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

XLSX_MAGIC = b"PK\x03\x04"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class SheetError(Exception):
    """The file cannot be imported; `errors` lists every reason, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def open_first_sheet(file, error_class: type[SheetError] = SheetError):
    """(workbook, first sheet) of an uploaded .xlsx, read only; formulas are read as text."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise error_class(
            [_("The file is not an Excel workbook (.xlsx) or it is damaged.")]
        ) from exc
    if not workbook.worksheets:
        raise error_class([_("The workbook has no sheet.")])
    return workbook, workbook.worksheets[0]


def cell_text(value) -> str:
    """A cell's value as stripped text; whole floats (Excel's numbers) without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def text_cell(sheet, row: int, column: int, value: str):
    """Always a text cell, never a formula, whatever the first character is."""
    cell = sheet.cell(row=row, column=column)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value or "")[:32767]
    cell.data_type = "s"
    return cell
