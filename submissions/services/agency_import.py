"""Import of the agency list from an Excel sheet: everything or nothing.

The first sheet's first row is the header (code, name_ko, name_en, kind; any order, name_en may be
left out). Every data row is checked before anything is written; one bad row and nothing is
imported, and every error is reported with its row number as Excel shows it.

Cell values are read as typed: a cell starting with "=" is kept as that plain text (we read formulas
as text, never their results), and nothing we store is ever evaluated.
"""

import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from submissions.models import Agency
from submissions.sheets import SheetError, cell_text, open_first_sheet, text_cell

MAX_ROWS = 5000
COLUMNS = ("code", "name_ko", "name_en", "kind")
REQUIRED_COLUMNS = ("code", "name_ko", "kind")
MAX_LENGTHS = {
    name: Agency._meta.get_field(name).max_length for name in ("code", "name_ko", "name_en")
}
COLUMN_LABELS = {
    "code": gettext_lazy("code"),
    "name_ko": gettext_lazy("Korean name"),
    "name_en": gettext_lazy("English name"),
}
# The Korean labels agencies know from the government's own lists, besides our code values.
KOREAN_KIND_LABELS = {
    "중앙행정기관": Agency.Kind.CENTRAL,
    "광역자치단체": Agency.Kind.METROPOLITAN,
    "기초자치단체": Agency.Kind.LOCAL,
    "교육청": Agency.Kind.EDUCATION,
    "공공기관": Agency.Kind.PUBLIC,
    "기타": Agency.Kind.OTHER,
}


class AgencyImportError(SheetError):
    """The agency list cannot be imported; `errors` lists every reason, row by row."""


@dataclass
class AgencyRow:
    row: int
    code: str
    name_ko: str
    name_en: str
    kind: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)


def kind_fromcell_text(text: str) -> str | None:
    value = text.strip()
    if value.lower() in Agency.Kind.values:
        return value.lower()
    return KOREAN_KIND_LABELS.get(value)


def _open_sheet(file):
    return open_first_sheet(file, AgencyImportError)


def _header_positions(header: tuple) -> dict[str, int]:
    names = [cell_text(value).lower() for value in header]
    positions = {name: index for index, name in reversed(list(enumerate(names))) if name}
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        raise AgencyImportError(
            [
                _(
                    "The first row must be the header with the columns %(columns)s. "
                    "Missing: %(missing)s."
                )
                % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)}
            ]
        )
    return {name: positions[name] for name in COLUMNS if name in positions}


def _check_row(number: int, values: dict[str, str], seen: dict[str, int]) -> list[str]:
    errors = []
    code, name_ko, kind = values["code"], values["name_ko"], values["kind"]
    if not code:
        errors.append(_("Row %(row)s: the code is missing.") % {"row": number})
    elif code in seen:
        errors.append(
            _("Row %(row)s: the code %(code)s appears again (first in row %(first)s).")
            % {"row": number, "code": code, "first": seen[code]}
        )
    if not name_ko:
        errors.append(_("Row %(row)s: the Korean name is missing.") % {"row": number})
    for name, max_length in MAX_LENGTHS.items():
        if len(values[name]) > max_length:
            errors.append(
                _("Row %(row)s: the %(column)s is longer than %(max)s characters.")
                % {"row": number, "column": COLUMN_LABELS[name], "max": max_length}
            )
    if not kind:
        errors.append(_("Row %(row)s: the agency kind is missing.") % {"row": number})
    elif kind_fromcell_text(kind) is None:
        errors.append(
            _("Row %(row)s: the agency kind '%(value)s' is unknown.")
            % {"row": number, "value": kind}
        )
    return errors


def read_agency_rows(file) -> list[AgencyRow]:
    """Every row of the sheet, checked; raises AgencyImportError listing every error."""
    workbook, sheet = _open_sheet(file)
    try:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise AgencyImportError([_("The sheet is empty.")])
        positions = _header_positions(header)
        result: list[AgencyRow] = []
        errors: list[str] = []
        seen: dict[str, int] = {}
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise AgencyImportError(
                    [_("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS}]
                )
            values = {
                name: cell_text(cells[index]) if index < len(cells) else ""
                for name, index in positions.items()
            }
            values.setdefault("name_en", "")
            if not any(values.values()):
                continue  # blank lines between blocks are common in hand-kept sheets
            row_errors = _check_row(number, values, seen)
            if values["code"] and values["code"] not in seen:
                seen[values["code"]] = number
            if row_errors:
                errors.extend(row_errors)
                continue
            result.append(
                AgencyRow(
                    row=number,
                    code=values["code"],
                    name_ko=values["name_ko"],
                    name_en=values["name_en"],
                    kind=kind_fromcell_text(values["kind"]),
                )
            )
    finally:
        workbook.close()
    if errors:
        raise AgencyImportError(errors)
    if not result:
        raise AgencyImportError([_("The sheet has no agency rows below the header.")])
    return result


@transaction.atomic
def agency_import(*, file) -> ImportResult:
    """Create the agencies whose code is new and update the others; all or nothing."""
    rows = read_agency_rows(file)
    existing = {
        agency.code: agency
        for agency in Agency.objects.select_for_update().filter(code__in=[r.code for r in rows])
    }
    result = ImportResult(codes=[r.code for r in rows])
    to_create, to_update = [], []
    for row in rows:
        agency = existing.get(row.code)
        if agency is None:
            to_create.append(
                Agency(code=row.code, name_ko=row.name_ko, name_en=row.name_en, kind=row.kind)
            )
            continue
        new = (row.name_ko, row.name_en, row.kind)
        if (agency.name_ko, agency.name_en, agency.kind) == new:
            result.unchanged += 1
            continue
        agency.name_ko, agency.name_en, agency.kind = new
        to_update.append(agency)
    Agency.objects.bulk_create(to_create)
    Agency.objects.bulk_update(to_update, ["name_ko", "name_en", "kind"])
    result.created, result.updated = len(to_create), len(to_update)
    return result


def agency_import_template() -> bytes:
    """An .xlsx with the header row, one example row and a sheet of the accepted kinds."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "agencies"
    example = ["MOIS", "행정안전부", "Ministry of the Interior and Safety", "중앙행정기관"]
    _text_rows(sheet, [list(COLUMNS), example])
    for column, width in zip("ABCD", (14, 28, 40, 18), strict=True):
        sheet.column_dimensions[column].width = width
    labels = {value: label for label, value in KOREAN_KIND_LABELS.items()}
    kinds = [["kind", "구분"], *([value, labels[value]] for value in Agency.Kind.values)]
    _text_rows(workbook.create_sheet("kind"), kinds)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_rows(sheet, rows) -> None:
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            text_cell(sheet, number, column, value)
