"""Reads for the organizer's progress board: per judge and per entry of one round.

A fixed number of queries whatever the size: the round's judges, its assignments, its scorecards
and its entries are each read once and counted in Python.

Statuses of an assignment (one judge, one entry):
- not started: no scorecard yet, or an opened scorecard nothing was ever saved on (version 0);
- draft: something was saved, not submitted;
- submitted.
A scorecard whose assignment was withdrawn (an approved recusal, an entry screened out) is not
counted as assigned, but it does not disappear: each judge's row counts it as "withdrawn" when
anything was saved on it, and the audit pages list it with the reason.

Entries listed: the entries in the running (submissions.selectors.running); an assignment of an
entry no longer in the running is not counted.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from contests.models import Contest, Round
from scoring.models import Assignment, Judge, Scorecard
from submissions.models import Entry
from submissions.selectors.running import in_the_running

NOT_STARTED, DRAFT, SUBMITTED = "not_started", "draft", "submitted"


@dataclass
class JudgeProgress:
    judge: Judge
    assigned: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    withdrawn: int = 0
    last_activity: dt.datetime | None = None

    @property
    def unfinished(self) -> int:
        return self.assigned - self.submitted

    @property
    def percent(self) -> int:
        return percent(self.submitted, self.assigned)


@dataclass
class EntryProgress:
    entry: Entry
    assigned: int = 0
    submitted: int = 0

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned


@dataclass
class Totals:
    judges: int = 0
    entries: int = 0
    entries_complete: int = 0
    entries_unassigned: int = 0
    assigned: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    withdrawn: int = 0

    @property
    def percent(self) -> int:
        return percent(self.submitted, self.assigned)


@dataclass
class Board:
    round: Round
    totals: Totals
    judges: list[JudgeProgress] = field(default_factory=list)
    entries: list[EntryProgress] = field(default_factory=list)


def percent(part: int, whole: int) -> int:
    """Whole percent, rounded down (100 only when everything is done)."""
    return part * 100 // whole if whole else 0


def control_rounds(contest: Contest) -> list[Round]:
    return list(contest.rounds.order_by("order", "id"))


def control_round(contest: Contest, round_pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("contest"), pk=round_pk, contest=contest)


def scorecard_status(card: dict | None) -> str:
    if card is None or (card["status"] == Scorecard.Status.DRAFT and card["version"] == 0):
        return NOT_STARTED
    return SUBMITTED if card["status"] == Scorecard.Status.SUBMITTED else DRAFT


def _scorecards(round_: Round) -> dict[tuple[int, int], dict]:
    rows = Scorecard.objects.filter(round=round_).values(
        "judge_id", "entry_id", "status", "version", "updated_at"
    )
    return {(row["judge_id"], row["entry_id"]): row for row in rows}


def judged_entries(round_: Round):
    return (
        Entry.objects.filter(in_the_running(), contest_id=round_.contest_id)
        .only("pk", "receipt_number", "title", "status", "eligibility")
        .order_by("receipt_number", "id")
    )


def running_assignments(round_: Round):
    """(judge_id, entry_id) of the round's assignments on entries in the running."""
    return Assignment.objects.filter(in_the_running("entry__"), round=round_).values_list(
        "judge_id", "entry_id"
    )


def progress_board(round_: Round) -> Board:
    """Counts per judge and per entry of `round_` (four queries)."""
    judges = {
        judge.pk: JudgeProgress(judge=judge)
        for judge in Judge.objects.filter(contest_id=round_.contest_id)
        .select_related("user")
        .order_by("user__name", "id")
    }
    entries = {entry.pk: EntryProgress(entry=entry) for entry in judged_entries(round_)}
    cards = _scorecards(round_)
    totals = Totals(judges=len(judges))
    pairs = set(running_assignments(round_))
    for (judge_id, entry_id), card in cards.items():
        row = judges.get(judge_id)
        if row is not None and (judge_id, entry_id) not in pairs and card["version"] > 0:
            row.withdrawn += 1
            totals.withdrawn += 1
    for judge_id, entry_id in pairs:
        row, entry_row = judges.get(judge_id), entries.get(entry_id)
        if row is None or entry_row is None:  # data of another contest: not this board's
            continue
        card = cards.get((judge_id, entry_id))
        status = scorecard_status(card)
        row.assigned += 1
        setattr(row, status, getattr(row, status) + 1)
        setattr(totals, status, getattr(totals, status) + 1)
        totals.assigned += 1
        moment = card["updated_at"] if card is not None and status != NOT_STARTED else None
        if moment is not None and (row.last_activity is None or moment > row.last_activity):
            row.last_activity = moment
        entry_row.assigned += 1
        entry_row.submitted += status == SUBMITTED
    totals.entries = len(entries)
    totals.entries_complete = sum(row.complete for row in entries.values())
    totals.entries_unassigned = sum(row.assigned == 0 for row in entries.values())
    return Board(
        round=round_, totals=totals, judges=list(judges.values()), entries=list(entries.values())
    )


def unfinished_counts(round_: Round, judge: Judge | None = None) -> list[tuple[Judge, int]]:
    """(judge, number of assigned scorecards not submitted) for each judge with any (3 queries)."""
    judges = Judge.objects.filter(contest_id=round_.contest_id).select_related("user")
    if judge is not None:
        judges = judges.filter(pk=judge.pk)
    submitted = {
        (row["judge_id"], row["entry_id"])
        for row in _scorecards(round_).values()
        if row["status"] == Scorecard.Status.SUBMITTED
    }
    counts: dict[int, int] = {}
    for judge_id, entry_id in running_assignments(round_):
        if (judge_id, entry_id) not in submitted:
            counts[judge_id] = counts.get(judge_id, 0) + 1
    return [
        (row, counts[row.pk]) for row in judges.order_by("user__name", "id") if counts.get(row.pk)
    ]
