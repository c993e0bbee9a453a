"""Reads for the organizer's progress board: per judge and per entry of one round.

A fixed number of queries whatever the size: the round's judges, its assignments, its scorecards
and its entries are each read once and counted in Python (plus the contest's conflicts in effect
and agency links, to say why a scorecard is not counted).

Statuses of an assignment (one judge, one entry):
- not started: no scorecard yet, or an opened scorecard nothing was ever saved on (version 0);
- draft: something was saved, not submitted;
- submitted.

Only assignments in effect (scoring.selectors.in_effect) are counted, per judge, per entry and in
the totals. A scorecard with something saved whose pair is not in effect (an approved recusal, an
entry screened out, a judge who joined the entry's agency, …) does not disappear: it is counted
as "withdrawn" on its judge's row and listed under `excluded` with the reason. An entry with
fewer judges in effect than the round's `judges_per_entry` is flagged under-assigned (with none,
also "without judges"), one with more over-assigned; the board can list only those
(`coverage`).

Entries listed: the entries in the running for the round, advancement-aware
(scoring.selectors.in_effect.entries_in_round).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import IntegerField, Value
from django.shortcuts import get_object_or_404

from contests.models import Contest, Round
from scoring.models import Judge, Scorecard, scorecard_state
from scoring.selectors.in_effect import (
    GATING,
    Reasons,
    assignments_with_effect,
    entries_in_round,
    pairs_in_effect,
)
from submissions.models import Entry

NOT_STARTED, DRAFT, SUBMITTED = "not_started", "draft", "submitted"
UNDER, OVER = "under", "over"
COVERAGES = (UNDER, OVER)


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
    needed: int = 0  # the round's judges per entry
    assigned: int = 0
    submitted: int = 0

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned

    @property
    def coverage(self) -> str:
        return coverage_of(self.assigned, self.needed)


@dataclass
class Excluded:
    """A scorecard with something saved whose assignment is not in effect: not counted."""

    judge: Judge
    entry: Entry
    status: str
    reason: str


@dataclass
class Totals:
    judges: int = 0
    entries: int = 0
    entries_complete: int = 0
    entries_unassigned: int = 0
    entries_under: int = 0
    entries_over: int = 0
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
    excluded: list[Excluded] = field(default_factory=list)
    coverage: str = ""  # the entries listed: every one, or only UNDER or OVER


def coverage_of(assigned: int, needed: int) -> str:
    """UNDER with fewer judges in effect than the round asks for, OVER with more, else ""."""
    if assigned < needed:
        return UNDER
    return OVER if assigned > needed else ""


def percent(part: int, whole: int) -> int:
    """Whole percent, rounded down (100 only when everything is done)."""
    return part * 100 // whole if whole else 0


def control_rounds(contest: Contest) -> list[Round]:
    return list(contest.rounds.order_by("order", "id"))


def control_round(contest: Contest, round_pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("contest"), pk=round_pk, contest=contest)


def scorecard_status(card: dict | None) -> str:
    """scoring.models.scorecard_state of a scorecard row (None: no scorecard yet)."""
    return scorecard_state(card and card["status"], card and card["version"])


def _scorecards(round_: Round) -> dict[tuple[int, int], dict]:
    rows = Scorecard.objects.filter(round=round_).values(
        "judge_id", "entry_id", "status", "version", "updated_at"
    )
    return {(row["judge_id"], row["entry_id"]): row for row in rows}


class _Card(NamedTuple):
    """A scorecard as the board reads it: a row, not a model (14,000 at the bench's size L),
    with what `Reasons.of` and the list of cards not counted read of its entry."""

    round_id: int
    judge_id: int
    entry_id: int
    status: str
    version: int
    updated_at: dt.datetime
    receipt_number: str | None
    title: str
    entry_status: str
    eligibility: str
    eligibility_reason: str
    agency_id: int

    @property
    def entry(self) -> Entry:
        return Entry(
            pk=self.entry_id, receipt_number=self.receipt_number, title=self.title,
            status=self.entry_status, eligibility=self.eligibility,
            eligibility_reason=self.eligibility_reason, agency_id=self.agency_id,
        )  # fmt: skip


_CARD_FIELDS = (
    "round_id", "judge_id", "entry_id", "status", "version", "updated_at",
    "entry__receipt_number", "entry__title", "entry__status", "entry__eligibility",
    "entry__eligibility_reason", "entry__agency_id",
)  # fmt: skip


def _cards(round_: Round) -> dict[tuple[int, int], _Card]:
    """The round's scorecards as rows with their entries' fields (the reasons read them), in
    one query."""
    rows = Scorecard.objects.filter(round=round_).order_by().values_list(*_CARD_FIELDS)
    return {(row[1], row[2]): _Card(*row) for row in rows}


def judged_entries(round_: Round):
    return (
        entries_in_round(round_)
        .only("pk", "receipt_number", "title", "status", "eligibility")
        .order_by("receipt_number", "id")
    )


def _tally(
    judges: dict[int, JudgeProgress], entries: dict[int, EntryProgress], pairs, cards: dict
) -> tuple[Totals, list[tuple[JudgeProgress, _Card, str]]]:
    """Count one round's assignments in effect (`pairs`: (judge_id, entry_id)) on its judge and
    entry rows and in the totals, by their scorecards (`cards`: (judge_id, entry_id) → card).
    Also returns the withdrawn cards: (judge row, card, status) of each card with something saved
    whose pair is not in effect. The one count of the board and of `rounds_totals`."""
    totals = Totals(judges=len(judges))
    withdrawn = []
    for (judge_id, entry_id), card in cards.items():
        row = judges.get(judge_id)
        if row is not None and (judge_id, entry_id) not in pairs and card.version > 0:
            row.withdrawn += 1
            totals.withdrawn += 1
            status = scorecard_status({"status": card.status, "version": card.version})
            withdrawn.append((row, card, status))
    for judge_id, entry_id in pairs:
        row, entry_row = judges.get(judge_id), entries.get(entry_id)
        if row is None or entry_row is None:  # data of another contest: not this board's
            continue
        card = cards.get((judge_id, entry_id))
        status = scorecard_status(
            None if card is None else {"status": card.status, "version": card.version}
        )
        row.assigned += 1
        setattr(row, status, getattr(row, status) + 1)
        setattr(totals, status, getattr(totals, status) + 1)
        totals.assigned += 1
        moment = card.updated_at if card is not None and status != NOT_STARTED else None
        if moment is not None and (row.last_activity is None or moment > row.last_activity):
            row.last_activity = moment
        entry_row.assigned += 1
        entry_row.submitted += status == SUBMITTED
    totals.entries = len(entries)
    totals.entries_complete = sum(row.complete for row in entries.values())
    totals.entries_unassigned = sum(row.assigned == 0 for row in entries.values())
    totals.entries_under = sum(row.coverage == UNDER for row in entries.values())
    totals.entries_over = sum(row.coverage == OVER for row in entries.values())
    return totals, withdrawn


def progress_board(round_: Round, *, coverage: str = "") -> Board:
    """Counts per judge and per entry of `round_` (seven queries); with `coverage` (UNDER or
    OVER) only those entries are listed (the totals count every entry)."""
    judges = {
        judge.pk: JudgeProgress(judge=judge)
        for judge in Judge.objects.filter(contest_id=round_.contest_id)
        .select_related("user")
        .order_by("user__name", "id")
    }
    entries = {
        entry.pk: EntryProgress(entry=entry, needed=round_.judges_per_entry)
        for entry in judged_entries(round_)
    }
    assignments = assignments_with_effect(round=round_)
    pairs = {(judge_id, entry_id) for (_r, judge_id, entry_id), ok in assignments.items() if ok}
    totals, withdrawn = _tally(judges, entries, pairs, _cards(round_))
    reasons = Reasons(round_.contest_id, set(assignments))
    excluded = [
        Excluded(row.judge, card.entry, status, reasons.of(card)) for row, card, status in withdrawn
    ]
    excluded.sort(key=lambda x: (x.judge.user.name, x.judge.pk, x.entry.receipt_number or ""))
    coverage = coverage if coverage in COVERAGES else ""
    return Board(
        round=round_,
        totals=totals,
        judges=list(judges.values()),
        entries=[row for row in entries.values() if not coverage or row.coverage == coverage],
        excluded=excluded,
        coverage=coverage,
    )


class _CardState(NamedTuple):
    """What `_tally` reads of a scorecard."""

    status: str
    version: int
    updated_at: dt.datetime


def rounds_totals(rounds: list[Round]) -> dict[int, Totals]:
    """The board's totals of each of one contest's `rounds` (all of them, in order), counted as
    the board counts them, in four queries whatever the number of rounds (the contest page's
    timeline). The entries of each round are entries_in_round's, read in one UNION."""
    if not rounds:
        return {}
    judges = list(Judge.objects.filter(contest_id=rounds[0].contest_id).order_by().only("pk"))
    gated = [any(r.advancement in GATING for r in rounds[:n]) for n in range(len(rounds))]
    per_round = [
        entries_in_round(round_, is_gated)
        .order_by()
        .annotate(round_key=Value(round_.pk, output_field=IntegerField()))
        .values_list("round_key", "pk")
        for round_, is_gated in zip(rounds, gated, strict=True)
    ]
    entry_ids: dict[int, list[int]] = {round_.pk: [] for round_ in rounds}
    for round_id, entry_id in per_round[0].union(*per_round[1:], all=True).order_by():
        entry_ids[round_id].append(entry_id)
    assignments = assignments_with_effect(round__in=rounds)
    cards = Scorecard.objects.filter(round__in=rounds).values_list(
        "round_id", "judge_id", "entry_id", "status", "version", "updated_at"
    )
    by_round: dict[int, dict] = {round_.pk: {} for round_ in rounds}
    for round_id, judge_id, entry_id, *state in cards.order_by():  # rows, not models: 14,000 at L
        by_round[round_id][(judge_id, entry_id)] = _CardState(*state)
    out = {}
    for round_ in rounds:
        pairs = {(j, e) for (r, j, e), ok in assignments.items() if ok and r == round_.pk}
        out[round_.pk], _withdrawn = _tally(
            {judge.pk: JudgeProgress(judge=judge) for judge in judges},
            {
                pk: EntryProgress(entry=None, needed=round_.judges_per_entry)
                for pk in entry_ids[round_.pk]
            },
            pairs,
            by_round[round_.pk],
        )
    return out


def round_totals(round_: Round) -> Totals:
    """The board's totals of `round_` alone (its self-refresh): counted as the board counts
    them, from rows (judge keys, entry keys, assignments, scorecards: four queries)."""
    judges = Judge.objects.filter(contest_id=round_.contest_id).order_by().values_list("pk")
    entries = judged_entries(round_).order_by().values_list("pk", flat=True)
    assignments = assignments_with_effect(round=round_)
    pairs = {(judge_id, entry_id) for (_r, judge_id, entry_id), ok in assignments.items() if ok}
    cards = Scorecard.objects.filter(round=round_).values_list(
        "judge_id", "entry_id", "status", "version", "updated_at"
    )
    totals, _withdrawn = _tally(
        {pk: JudgeProgress(judge=None) for (pk,) in judges},
        {pk: EntryProgress(entry=None, needed=round_.judges_per_entry) for pk in entries},
        pairs,
        {(j, e): _CardState(*state) for j, e, *state in cards.order_by()},
    )
    return totals


def unfinished_counts(round_: Round, judge: Judge | None = None) -> list[tuple[Judge, int]]:
    """(judge, number of assignments in effect not submitted) for each judge with any (3 queries).

    Only assignments in effect: a judge is never reminded of an entry they cannot open."""
    judges = Judge.objects.filter(contest_id=round_.contest_id).select_related("user")
    if judge is not None:
        judges = judges.filter(pk=judge.pk)
    submitted = {
        (row["judge_id"], row["entry_id"])
        for row in _scorecards(round_).values()
        if row["status"] == Scorecard.Status.SUBMITTED
    }
    counts: dict[int, int] = {}
    for judge_id, entry_id in pairs_in_effect(round_):
        if (judge_id, entry_id) not in submitted:
            counts[judge_id] = counts.get(judge_id, 0) + 1
    return [
        (row, counts[row.pk]) for row in judges.order_by("user__name", "id") if counts.get(row.pk)
    ]
