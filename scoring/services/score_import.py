"""Scores the organizer enters for a whole round from the Excel template this module generates
(one scorecard from a signed paper sheet goes through scorecards.scorecard_fill).

Every value goes through the scorecard services (score_save, comment_save, scorecard_submit), so
versions, validation and the audit trail are exactly those of a judge's own save; only `via` and
`reason` tell the difference.

The Excel template has one row per assignment of the round (entries in the running): the judge's
email and name, the receipt number and title, the scorecard's status, one column per criterion
(its max points in the header) and the comment, pre-filled with what is stored, and a hidden,
locked column with the scorecard's version at download time (0: nothing saved yet). The import
reads it back: an empty score or comment cell leaves the stored value as it is. Every row is
checked first; any error and nothing is imported. A row that would change a scorecard that
changed since the download (another version now) is refused and listed, so that a judge's newer
edits are never overwritten by an old sheet; a sheet without the version column (downloaded
before it existed) is refused whole. Rows of submitted scorecards may only repeat the stored
values: to change them the organizer reopens the scorecard first.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import User
from contests.models import Round
from scoring.aggregation import ScoreValueError, parse_score
from scoring.models import Judge, Score, Scorecard, ScoreEvent
from scoring.selectors.in_effect import assignments_in_effect, pairs_in_effect
from scoring.services.scorecards import (
    StaleScorecard,
    score_error_message,
    scorecard_fill,
    scorecard_open,
)
from submissions.models import Entry
from submissions.sheets import SheetError, cell_text, open_first_sheet, text_cell

MAX_ROWS = 10000
IMPORT_REASON = "엑셀 가져오기 {filename}"  # stored in the audit trail as organizers wrote it


# --- The Excel template ------------------------------------------------------------------------


def _columns(criteria) -> list[tuple[str, str]]:
    """(key, header label) of every column, in the active language."""
    return [
        ("email", _("Judge email")),
        ("name", _("Judge")),
        ("receipt", _("Receipt number")),
        ("title", _("Case title")),
        ("status", _("Status")),
        *[(f"c{c.pk}", _criterion_label(c)) for c in criteria],
        ("comment", _("Comment")),
        ("version", _("Scorecard version (do not edit)")),
    ]


def _criterion_label(criterion) -> str:
    return _("%(name)s (max %(max)s)") % {
        "name": criterion.name,
        "max": _points(criterion.max_points),
    }


def columns_by_label(criteria) -> dict[str, str]:
    """Header label → column key, in Korean and in English (a file made in either is read)."""
    labels: dict[str, str] = {}
    for language in ("ko", "en"):
        with translation.override(language):
            labels.update({label: key for key, label in _columns(criteria)})
    return labels


def score_template(*, round_: Round) -> bytes:
    """The .xlsx to fill: one row per assignment, stored values pre-filled, header protected."""
    criteria = list(round_.criteria.order_by("order", "id"))
    stored = _Stored(round_)
    assignments = (
        assignments_in_effect(round=round_)
        .select_related("judge__user", "entry")
        .order_by("judge__user__name", "judge_id", "entry__receipt_number", "entry_id")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Scores")[:31]
    columns = _columns(criteria)
    unlocked = Protection(locked=False)
    fill = PatternFill(fill_type="solid", start_color="FFDDE6F4", end_color="FFDDE6F4")
    for index, (key, label) in enumerate(columns, start=1):
        cell = text_cell(sheet, 1, index, label)
        cell.font, cell.fill = Font(bold=True), fill
        width = 40 if key in ("title", "comment") else 24 if key == "email" else 14
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions[get_column_letter(len(columns))].hidden = True
    row = 1
    for row, assignment in enumerate(assignments, start=2):
        judge, entry = assignment.judge, assignment.entry
        card = stored.cards.get((judge.pk, entry.pk))
        status = card.get_status_display() if card else _("Not started")
        texts = [judge.user.email, judge.user.name, entry.receipt_number or "", entry.title, status]
        for index, text in enumerate(texts, start=1):
            text_cell(sheet, row, index, str(text))
        for index, criterion in enumerate(criteria, start=len(texts) + 1):
            cell = sheet.cell(row=row, column=index)
            cell.value = stored.scores.get((judge.pk, entry.pk, criterion.pk))
            cell.protection = unlocked
        comment = text_cell(sheet, row, len(columns) - 1, card.comment if card else "")
        comment.protection = unlocked
        sheet.cell(row=row, column=len(columns)).value = card.version if card else 0
    for index, criterion in enumerate(criteria, start=6):
        letter = get_column_letter(index)
        validation = DataValidation(
            type="decimal", operator="between", formula1="0",
            formula2=_points(criterion.max_points), allow_blank=True, showErrorMessage=True,
            errorTitle=_("Score out of range")[:32],
            error=_("Enter a number from 0 to %(max)s.") % {"max": _points(criterion.max_points)},
        )  # fmt: skip
        sheet.add_data_validation(validation)
        if row > 1:
            validation.add(f"{letter}2:{letter}{row}")
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The import -------------------------------------------------------------------------------


class ScoreImportError(SheetError):
    """The scores cannot be imported; `errors` lists every reason, row by row."""


@dataclass
class ImportRow:
    row: int
    judge: Judge
    entry: Entry
    values: dict[int, str] = field(default_factory=dict)  # changed criterion values only
    comment: str | None = None  # a changed comment, else None
    unchanged: int = 0
    version: int | None = None  # the scorecard's version when the sheet was downloaded


@dataclass
class ImportSummary:
    scorecards: int = 0
    changed: int = 0
    unchanged: int = 0


def _raw_score(value) -> str:
    if isinstance(value, bool):  # TRUE/FALSE cells are not numbers
        return str(value).upper()
    if isinstance(value, float):
        return repr(value)
    return cell_text(value)


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _open_sheet(file):
    return open_first_sheet(file, ScoreImportError)


def _positions(header: tuple, criteria) -> dict[str, int]:
    labels = columns_by_label(criteria)
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = labels.get(cell_text(value))
        if key and key not in positions:
            positions[key] = index
    wanted = {"email": _("Judge email"), "receipt": _("Receipt number")}
    wanted.update({f"c{c.pk}": c.name for c in criteria})
    missing = [str(label) for key, label in wanted.items() if key not in positions]
    if not missing and "version" not in positions:
        raise ScoreImportError(
            [
                _(
                    "This sheet has no scorecard version column: it was downloaded before "
                    "versions were recorded, so judges' later changes could be overwritten. "
                    "Download the template again and enter the scores in it."
                )
            ]
        )
    if missing:
        raise ScoreImportError(
            [
                _("The header row is not the one of the template. Missing columns: %(missing)s.")
                % {"missing": ", ".join(missing)}
            ]
        )
    return positions


class _Stored:
    """What the round holds now: judges, entries, assignments, scorecards and scores."""

    def __init__(self, round_: Round):
        self.judges = {
            judge.user.email.lower(): judge
            for judge in Judge.objects.filter(contest_id=round_.contest_id).select_related("user")
        }
        self.entries = {
            entry.receipt_number: entry
            for entry in Entry.objects.filter(
                contest_id=round_.contest_id, receipt_number__isnull=False
            )
        }
        self.assigned = pairs_in_effect(round_)
        self.cards = {
            (card.judge_id, card.entry_id): card for card in Scorecard.objects.filter(round=round_)
        }
        self.scores: dict[tuple[int, int, int], Decimal] = {}
        for judge_id, entry_id, criterion_id, value in Score.objects.filter(
            scorecard__round=round_
        ).values_list("scorecard__judge_id", "scorecard__entry_id", "criterion_id", "value"):
            self.scores[(judge_id, entry_id, criterion_id)] = value


def _check_row(number, cells, positions, criteria, stored: _Stored, seen) -> tuple[list, ImportRow]:
    def cell(key):
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    errors = []
    email, receipt = cell_text(cell("email")).lower(), cell_text(cell("receipt"))
    judge, entry = stored.judges.get(email), stored.entries.get(receipt)
    if judge is None:
        errors.append(
            _("Row %(row)s: no judge of this contest has the email “%(email)s”.")
            % {"row": number, "email": email}
        )
    if entry is None:
        errors.append(
            _("Row %(row)s: no entry has the receipt number “%(receipt)s”.")
            % {"row": number, "receipt": receipt}
        )
    if judge is not None and entry is not None:
        pair = (judge.pk, entry.pk)
        if pair not in stored.assigned:
            errors.append(
                _("Row %(row)s: entry %(receipt)s is not assigned to %(judge)s in this round.")
                % {"row": number, "receipt": receipt, "judge": judge.user.name or email}
            )
        elif pair in seen:
            errors.append(
                _("Row %(row)s: the same judge and entry appear again (first in row %(first)s).")
                % {"row": number, "first": seen[pair]}
            )
        else:
            seen[pair] = number
    row = ImportRow(row=number, judge=judge, entry=entry)
    for criterion in criteria:
        raw = _raw_score(cell(f"c{criterion.pk}"))
        if raw == "":
            continue
        try:
            value = parse_score(raw, max_points=criterion.max_points, step=criterion.step)
        except ScoreValueError as error:
            errors.append(
                _("Row %(row)s, column “%(column)s”: %(message)s")
                % {
                    "row": number,
                    "column": criterion.name,
                    "message": score_error_message(error.code, criterion),
                }
            )
            continue
        if judge is None or entry is None:
            continue
        if stored.scores.get((judge.pk, entry.pk, criterion.pk)) == value:
            row.unchanged += 1
        else:
            row.values[criterion.pk] = _points(value)
    comment = cell_text(cell("comment")).replace("\r\n", "\n")
    if comment and judge is not None and entry is not None:
        card = stored.cards.get((judge.pk, entry.pk))
        if card is not None and card.comment == comment:
            row.unchanged += 1
        else:
            row.comment = comment
    card = stored.cards.get((row.judge.pk, row.entry.pk)) if judge and entry else None
    stale = "" if errors or not _changes(row) else _stale(cell("version"), card)
    if stale:
        errors.append(
            stale % {"row": number, "judge": judge.user.name or email, "receipt": receipt}
        )
    elif card is not None and card.status == Scorecard.Status.SUBMITTED and _changes(row):
        errors.append(
            _(
                "Row %(row)s: the scorecard of %(judge)s for entry %(receipt)s is submitted; "
                "reopen it first to change it."
            )
            % {"row": number, "judge": judge.user.name or email, "receipt": receipt}
        )
    if _changes(row) and not errors:
        row.version = int(cell_text(cell("version")))
    return errors, row


def _stale(raw, card: Scorecard | None) -> str:
    """The error (to fill with row, judge, receipt) when the row's scorecard changed since the
    download, else ""."""
    text = cell_text(raw)
    current = card.version if card is not None else 0
    if not text.isdigit():
        return _(
            "Row %(row)s: the scorecard version of %(judge)s for entry %(receipt)s is missing "
            "or was edited; download the template again."
        )
    if int(text) != current:
        return _(
            "Row %(row)s: the scorecard of %(judge)s for entry %(receipt)s changed since the "
            "sheet was downloaded; download the template again so as not to overwrite the "
            "judge's newer scores."
        )
    return ""


def _changes(row: ImportRow) -> bool:
    return bool(row.values) or row.comment is not None


def read_score_rows(*, round_: Round, file) -> list[ImportRow]:
    """Every data row of the sheet, checked; raises ScoreImportError listing every error."""
    criteria = list(round_.criteria.order_by("order", "id"))
    stored = _Stored(round_)
    workbook, sheet = _open_sheet(file)
    try:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ScoreImportError([_("The sheet is empty.")])
        positions = _positions(header, criteria)
        result, errors, seen = [], [], {}
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise ScoreImportError(
                    [_("The sheet has more than %(max)s rows.") % {"max": MAX_ROWS}]
                )
            if not any(cell_text(value) for value in cells):
                continue
            row_errors, row = _check_row(number, cells, positions, criteria, stored, seen)
            errors.extend(row_errors)
            if not row_errors:
                result.append(row)
    finally:
        workbook.close()
    if errors:
        raise ScoreImportError(errors)
    if not result:
        raise ScoreImportError([_("The sheet has no rows below the header.")])
    return result


@transaction.atomic
def scores_import(*, round_: Round, file, filename: str, by: User) -> ImportSummary:
    """Save every changed value of the file (via="import"); all or nothing."""
    rows = read_score_rows(round_=round_, file=file)
    reason = IMPORT_REASON.format(filename=filename)
    summary = ImportSummary()
    try:
        for row in rows:
            summary.unchanged += row.unchanged
            if not _changes(row):
                continue
            card = scorecard_open(round_=round_, judge=row.judge, entry=row.entry)
            filled = scorecard_fill(
                scorecard=card, values=row.values, comment=row.comment, version=row.version, by=by,
                via=ScoreEvent.Via.IMPORT, reason=reason,
            )  # fmt: skip
            summary.scorecards += 1
            summary.changed += filled.changed
            summary.unchanged += filled.unchanged
    except ValidationError as error:  # changed meanwhile (e.g. submitted): nothing is kept
        transaction.set_rollback(True)
        raise ScoreImportError(
            [_("Row %(row)s: %(message)s") % {"row": row.row, "message": " ".join(error.messages)}]
        ) from error
    except StaleScorecard as error:  # a judge saved while the file was being read
        transaction.set_rollback(True)
        message = _stale(row.version, error.scorecard) % {
            "row": row.row, "judge": row.judge.user.name, "receipt": row.entry.receipt_number,
        }  # fmt: skip
        raise ScoreImportError([message]) from error
    return summary
