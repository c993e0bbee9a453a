"""Reads for the judge's dashboard: every round of the judge's contests with the judge's assigned
entries (assignments in effect, as scoring.selectors.judge reads them), each with its scorecard's
state (`scorecard_state`, the one definition), the sum of its saved scores, when it was last
saved and whether the organizer reopened it or submitted it on the judge's behalf.

Open and upcoming rounds come first (closing soonest first); closed rounds the judge had entries
in follow ("past rounds", latest first), so that the evaluation-sheet booklet stays reachable.
Filtering (state, category) and sorting happen in Python on the rows already read: three queries
whatever the number of rounds and entries.

`closes_soon` is the one definition of "the window closes within 24 hours", shared by the
dashboard's warning and the emailed notice (scoring.services.closing_notices).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone

from contests.models import Category, Round
from scoring.models import Scorecard, ScoreEvent, scorecard_state
from scoring.selectors.judge import (
    DRAFT,
    NOT_STARTED,
    SUBMITTED,
    _visible_assignments,
    points,
    time_left_text,
)
from submissions.models import Attachment

CLOSING_SOON = dt.timedelta(hours=24)
STATES = (NOT_STARTED, DRAFT, SUBMITTED)
REOPENED, SUBMITTED_FOR_JUDGE = "reopened", "submitted_for_judge"


def closes_soon(round_: Round, now: dt.datetime) -> bool:
    """The round is open and its window closes within the next 24 hours."""
    return round_.opens_at <= now < round_.closes_at <= now + CLOSING_SOON


@dataclass(frozen=True)
class BoardFilters:
    """What the dashboard's filter form asked for (already validated)."""

    status: str = ""
    category: int | None = None
    sort: str = "receipt"

    @property
    def active(self) -> bool:
        return bool(self.status or self.category)

    def keep(self, row) -> bool:
        return (not self.status or row.state == self.status) and (
            not self.category or row.entry.category_id == self.category
        )


def _receipt(row) -> tuple:
    return (row.entry.receipt_number or "", row.entry_id)


_SORT_KEYS = {
    "receipt": _receipt,
    "title": lambda row: (row.entry.title.casefold(), *_receipt(row)),
    "category": lambda row: (row.entry.category.order, row.entry.category_id, *_receipt(row)),
    "status": lambda row: (STATES.index(row.state), *_receipt(row)),
}
# Latest saved and highest total first; rows without one last.
_DESCENDING = {"saved": "saved_at", "total": "total"}


def sort_rows(rows: list, sort: str) -> list:
    rows = sorted(rows, key=_receipt)
    if sort in _DESCENDING:
        name = _DESCENDING[sort]
        present = [row for row in rows if getattr(row, name) is not None]
        absent = [row for row in rows if getattr(row, name) is None]
        return sorted(present, key=lambda row: getattr(row, name), reverse=True) + absent
    return sorted(rows, key=_SORT_KEYS.get(sort, _receipt))


@dataclass
class RoundBoard:
    round: Round
    rows: list = field(default_factory=list)
    time_left: str = ""
    is_open: bool = False

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.state == SUBMITTED)

    @property
    def next_row(self):
        return next((row for row in self.rows if row.state != SUBMITTED), None)


@dataclass
class JudgeBoard(RoundBoard):
    """One round on the dashboard: every row (`rows`, receipt order) and those shown (`shown`,
    filtered and sorted), the judge's id in the round's contest, and the 24-hour warning."""

    shown: list = field(default_factory=list)
    judge_id: int | None = None
    is_closed: bool = False
    closing_soon: bool = False

    @property
    def unfinished(self) -> int:
        return self.total - self.submitted

    @property
    def warn(self) -> bool:
        return self.closing_soon and self.unfinished > 0

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(state, number of rows in it), every state in order."""
        return [(state, sum(1 for row in self.rows if row.state == state)) for state in STATES]


@dataclass
class Dashboard:
    current: list[JudgeBoard]
    past: list[JudgeBoard]

    @property
    def boards(self) -> list[JudgeBoard]:
        return self.current + self.past

    @property
    def categories(self) -> list[Category]:
        """The categories of the entries on the dashboard (for the filter), in their order."""
        found = {row.entry.category_id: row.entry.category for b in self.boards for row in b.rows}
        return sorted(found.values(), key=lambda c: (c.contest_id, c.order, c.pk))

    def apply(self, filters: BoardFilters) -> None:
        for board in self.boards:
            board.shown = sort_rows([row for row in board.rows if filters.keep(row)], filters.sort)


def _cards(user, round_ids: list[int]) -> dict[tuple[int, int], Scorecard]:
    """The user's scorecards in these rounds by (round, entry), with `score_sum` and the via and
    new status of its latest change of status (`status_via`, `status_new`): as
    scoring.selectors.judge.last_status_event reads one card, for every card at once."""
    latest = ScoreEvent.objects.filter(scorecard=OuterRef("pk"), field=ScoreEvent.Field.STATUS)
    latest = latest.order_by("-at", "-id")
    cards = (
        Scorecard.objects.filter(judge__user=user, round_id__in=round_ids)
        .annotate(
            score_sum=Sum("scores__value"),
            status_via=Subquery(latest.values("via")[:1]),
            status_new=Subquery(latest.values("new")[:1]),
        )
        .only("round_id", "entry_id", "status", "version", "total", "updated_at")
    )
    return {(card.round_id, card.entry_id): card for card in cards}


def _fill(row, card: Scorecard | None) -> None:
    row.state = scorecard_state(card and card.status, card and card.version)
    row.saved_at = card.updated_at if card is not None and card.version else None
    total = None if card is None else (card.total if card.total is not None else card.score_sum)
    row.total = total if row.state != NOT_STARTED else None
    row.total_text = points(row.total)
    row.mark = ""
    if card is not None and card.status_via not in (None, ScoreEvent.Via.JUDGE):
        # Someone else changed the status last: the organizer (reopen, on behalf) or an import.
        row.mark = {"draft": REOPENED, "submitted": SUBMITTED_FOR_JUDGE}.get(card.status_new, "")


def judge_board(user, now: dt.datetime | None = None) -> Dashboard:
    """Every round of the user's contests with the user's rows (not yet filtered: `apply`).
    Closed rounds without a row of the user's are left out. Three queries."""
    now = now or timezone.now()
    rounds = Round.objects.filter(contest__judges__user=user).select_related("contest")
    boards = {
        r.pk: JudgeBoard(
            round=r,
            time_left=time_left_text(r, now),
            is_open=r.opens_at <= now < r.closes_at,
            is_closed=r.closes_at <= now,
            closing_soon=closes_soon(r, now),
        )
        for r in rounds.order_by("closes_at", "contest_id", "order", "id")
    }
    if not boards:
        return Dashboard(current=[], past=[])
    cards = _cards(user, list(boards))
    assignments = (
        _visible_assignments(user)
        .filter(round_id__in=list(boards))
        .select_related("entry__category__contest", "entry__agency")
        .order_by("entry__receipt_number", "entry_id")
    )
    for row in assignments:
        _fill(row, cards.get((row.round_id, row.entry_id)))
        board = boards[row.round_id]
        board.rows.append(row)
        board.judge_id = row.judge_id
    current = [b for b in boards.values() if not b.is_closed]
    past = [b for b in reversed(boards.values()) if b.is_closed and b.rows]
    dashboard = Dashboard(current=current, past=past)
    dashboard.apply(BoardFilters())
    return dashboard


# --- the round's files as one ZIP ------------------------------------------------------------


@dataclass(frozen=True)
class RoundFiles:
    """The user's assignments in effect in an opened round, in receipt number order, each
    entry with `judge_files`: its attachments in upload order (as judge:attachment numbers them)."""

    round: Round
    assignments: list


def round_files(user, round_pk: int, now: dt.datetime | None = None) -> RoundFiles | None:
    """None (the caller answers 404) when the round is not one the user has an entry in, or has
    not opened yet: a judge reads the entries only from the round's opening. Three queries."""
    now = now or timezone.now()
    files = Prefetch(
        "entry__attachments",
        queryset=Attachment.objects.order_by("uploaded_at", "id"),
        to_attr="judge_files",
    )
    assignments = list(
        _visible_assignments(user)
        .filter(round_id=round_pk, round__opens_at__lte=now)
        .select_related("round__contest", "judge", "entry")
        .prefetch_related(files)
        .order_by("entry__receipt_number", "entry_id")
    )
    if not assignments:
        return None
    return RoundFiles(round=assignments[0].round, assignments=assignments)
