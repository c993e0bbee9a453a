"""Reading uploaded .xlsx sheets and writing text cells safely.

Shared by the agency-list import (submissions), the score template and import (scoring) and every
workbook of reports/: the xlsx MIME type and the text-cell rule are defined here, once.
"""

import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from submissions.services.filetypes import unpacked_size, zip_directory_ok

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"
EXCEL_MAX_TEXT = 32767  # characters in one cell
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# What openpyxl may unpack from one upload, all parts together: checked before it parses anything
# (a 5 MB sheet of text unpacks to some 30 MB; a decompression bomb to hundreds).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class SheetError(Exception):
    """The file cannot be imported; `errors` lists every reason, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _damaged(error_class: type[SheetError]) -> SheetError:
    return error_class([_("The file is not an Excel workbook (.xlsx) or it is damaged.")])


def check_unpacked_size(file, error_class: type[SheetError] = SheetError) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES, before reading any."""
    file.seek(0)
    if not zip_directory_ok(file):
        raise _damaged(error_class)
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = unpacked_size(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(error_class) from exc
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise error_class(
            [
                _(
                    "The workbook unpacks to %(size)s, more than the %(max)s that can be read. "
                    "Keep only the sheet to import, without images, and try again."
                )
                % {
                    "size": filesizeformat(unpacked),
                    "max": filesizeformat(MAX_UNPACKED_BYTES),
                }
            ]
        )


def open_first_sheet(file, error_class: type[SheetError] = SheetError):
    """(workbook, first sheet) of an uploaded .xlsx, read only; formulas are read as text.

    The workbook's unpacked size is checked first, so a decompression bomb is refused before
    openpyxl reads it."""
    check_unpacked_size(file, error_class)
    try:
        workbook = load_workbook(file, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _damaged(error_class) from exc
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


def set_text(cell, value):
    """The text-cell rule, for every workbook we write: the cell holds `value` as text, never a
    formula, whatever its first character (= + - @ tab CR); a carriage return becomes the line
    feed it would be read back as, characters XML cannot hold are dropped and the text is cut to
    Excel's limit. Works on normal and write-only cells."""
    text = "" if value is None else str(value)
    # A carriage return is written raw and read back as a line feed (XML normalizes line ends):
    # write it as the line feed it will be read as, so the cell reads back exactly.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_MAX_TEXT]
    cell.data_type = "s"
    return cell


def text_cell(sheet, row: int, column: int, value: str):
    """The cell at (row, column) of a normal sheet, set by `set_text`."""
    return set_text(sheet.cell(row=row, column=column), value)
