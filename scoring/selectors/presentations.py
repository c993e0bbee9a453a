"""Reads for the 2차 발표심사 pages: the organizer's schedule and live scores, the judge's
"today's presentations", the agency's own slots and slides. A fixed number of queries each.

Who sees what: the organizer every slot's working and published values; a judge of the round
(an assignment in effect in it) the published order of every presentation, with each entry's
title (its agency only without blind judging) and their own scorecard's state; an agency's
members only their own entries' published slots.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Round
from scoring.aggregation import mean
from scoring.models import (
    Judge,
    PresentationSchedule,
    PresentationSlides,
    PresentationSlot,
    Scorecard,
    scorecard_state,
)
from scoring.outcome import shown
from scoring.selectors.in_effect import (
    assignments_in_effect,
    counted_scorecards,
    entries_in_round,
    round_gated,
)
from submissions.models import AgencyMembership, Entry


def schedule_of(round_: Round) -> PresentationSchedule | None:
    schedule = PresentationSchedule.objects.filter(round=round_).first()
    if schedule is not None:
        schedule.round = round_
    return schedule


def _slides_by_entry(round_: Round) -> dict[int, PresentationSlides]:
    slides = PresentationSlides.objects.filter(round=round_).defer("sha256")
    return {item.entry_id: item for item in slides}


def slides_refusal(schedule: PresentationSchedule | None, now=None) -> str:
    """Why slides cannot be uploaded now ("" when they can): no deadline set, or it passed."""
    if schedule is None or schedule.slides_deadline is None:
        return _("The organizer has not opened the upload of presentation slides yet.")
    if (now or timezone.now()) >= schedule.slides_deadline:
        deadline = timezone.localtime(schedule.slides_deadline).strftime("%Y-%m-%d %H:%M")
        return _(
            "The deadline for presentation slides passed on %(deadline)s: slides can no "
            "longer be uploaded or replaced. Contact the organizer if you need a change."
        ) % {"deadline": deadline}
    return ""


# --- the organizer's schedule -----------------------------------------------------------------


@dataclass
class ScheduleRow:
    entry: Entry
    slot: PresentationSlot | None = None
    slides: PresentationSlides | None = None
    in_round: bool = True  # False: a slot of an entry no longer in the round


@dataclass
class ScheduleView:
    round: Round
    schedule: PresentationSchedule | None
    rows: list[ScheduleRow]  # the slots in order, then the entries without one
    entries: list[Entry]  # the entries in the round, by receipt number

    @property
    def slotted(self) -> list[ScheduleRow]:
        return [row for row in self.rows if row.slot is not None]

    @property
    def unslotted(self) -> list[ScheduleRow]:
        return [row for row in self.rows if row.slot is None]

    @property
    def changed(self) -> int:
        return sum(1 for row in self.slotted if row.slot.changed)

    @property
    def missing_slides(self) -> int:
        return sum(1 for row in self.rows if row.in_round and row.slides is None)

    @property
    def with_slides(self) -> int:
        return sum(1 for row in self.rows if row.in_round and row.slides is not None)


def organizer_schedule(round_: Round) -> ScheduleView:
    """Five queries."""
    schedule = schedule_of(round_)
    entries = list(
        entries_in_round(round_)
        .select_related("agency", "category")
        .order_by("receipt_number", "pk")
    )
    in_round = {entry.pk for entry in entries}
    slides = _slides_by_entry(round_)
    slots = (
        PresentationSlot.objects.filter(schedule__round=round_)
        .select_related("entry__agency", "entry__category")
        .order_by("order", "starts_at", "pk")
    )
    rows = [
        ScheduleRow(
            entry=slot.entry,
            slot=slot,
            slides=slides.get(slot.entry_id),
            in_round=slot.entry_id in in_round,
        )
        for slot in slots
    ]
    slotted = {row.entry.pk for row in rows}
    rows += [
        ScheduleRow(entry=entry, slides=slides.get(entry.pk))
        for entry in entries
        if entry.pk not in slotted
    ]
    return ScheduleView(round=round_, schedule=schedule, rows=rows, entries=entries)


# --- the judge's order of presentations -------------------------------------------------------


@dataclass
class TodayRow:
    slot: PresentationSlot
    assigned: bool  # the judge scores this entry (a link to the scorecard)
    state: str  # the judge's scorecard state ("" when not assigned)
    has_slides: bool
    now: str = ""  # "current" or "next"


@dataclass
class Today:
    round: Round
    judge: Judge
    published: bool
    rows: list[TodayRow] = field(default_factory=list)
    slides_open: bool = False  # the judge may download the slides (deadline passed or opened)

    @property
    def blind(self) -> bool:
        return self.round.contest.blind_judging


def judge_slides_open(round_: Round, schedule: PresentationSchedule | None, now=None) -> bool:
    """Judges read the slides once agencies can no longer change them (the deadline passed) or
    once the round's scoring opened."""
    now = now or timezone.now()
    deadline = schedule.slides_deadline if schedule is not None else None
    return now >= round_.opens_at or (deadline is not None and now >= deadline)


def judge_today(user, round_pk: int, now: dt.datetime | None = None) -> Today | None:
    """None (the caller answers 404) unless the user judges an entry of the round. Six queries."""
    now = now or timezone.now()
    mine = list(
        assignments_in_effect(judge__user=user, round_id=round_pk).select_related(
            "round__contest", "judge"
        )
    )
    if not mine:
        return None
    round_, judge = mine[0].round, mine[0].judge
    schedule = schedule_of(round_)
    if schedule is None or schedule.published_at is None:
        return Today(round=round_, judge=judge, published=False)
    assigned = {assignment.entry_id for assignment in mine}
    cards = {
        entry_id: scorecard_state(status, version)
        for entry_id, status, version in Scorecard.objects.filter(
            round=round_, judge=judge
        ).values_list("entry_id", "status", "version")
    }
    with_slides = set(
        PresentationSlides.objects.filter(round=round_).values_list("entry_id", flat=True)
    )
    slots = (
        PresentationSlot.objects.filter(schedule=schedule, published_starts_at__isnull=False)
        .select_related("entry__agency", "entry__category")
        .order_by("published_order", "published_starts_at", "pk")
    )
    rows = [
        TodayRow(
            slot=slot,
            assigned=slot.entry_id in assigned,
            state=cards.get(slot.entry_id, "not_started") if slot.entry_id in assigned else "",
            has_slides=slot.entry_id in with_slides,
        )
        for slot in slots
    ]
    _mark_now(rows, now)
    return Today(
        round=round_,
        judge=judge,
        published=True,
        rows=rows,
        slides_open=judge_slides_open(round_, schedule, now),
    )


def _mark_now(rows: list[TodayRow], now: dt.datetime) -> None:
    """The slot under way now is "current"; the first one starting later is "next"."""
    upcoming = sorted(
        (row for row in rows if row.slot.published_starts_at > now),
        key=lambda row: row.slot.published_starts_at,
    )
    for row in rows:
        if row.slot.published_starts_at <= now < row.slot.published_ends_at:
            row.now = "current"
    if upcoming:
        upcoming[0].now = "next"


# --- the agency's own slots -------------------------------------------------------------------


@dataclass
class AgencySlot:
    round: Round
    entry: Entry
    slot: PresentationSlot | None  # published values only (None: not published for it yet)
    slides: PresentationSlides | None
    refusal: str  # why slides cannot be uploaded now ("" when they can)
    deadline: dt.datetime | None


def agency_presentations(user, now: dt.datetime | None = None) -> list[AgencySlot]:
    """The user's agencies' entries in a round with a presentation schedule (published, or with
    a slides deadline), each with its published slot and its slides. Three queries, and two per
    such round (a contest has one or two)."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    agency_ids = list(
        AgencyMembership.objects.filter(user=user).values_list("agency_id", flat=True)
    )
    if not agency_ids:
        return []
    schedules = (
        PresentationSchedule.objects.filter(
            Q(published_at__isnull=False) | Q(slides_deadline__isnull=False),
            round__contest__entries__agency_id__in=agency_ids,
        )
        .distinct()
        .select_related("round__contest")
        .order_by("round__contest_id", "round__order", "round_id")
    )
    found = []
    for schedule in schedules:
        round_ = schedule.round
        entries = entries_in_round(round_, gated=round_gated(round_)).filter(
            agency_id__in=agency_ids
        )
        slots = {
            slot.entry_id: slot
            for slot in PresentationSlot.objects.filter(
                schedule=schedule, published_starts_at__isnull=False
            )
        }
        slides = {item.entry_id: item for item in PresentationSlides.objects.filter(round=round_)}
        refusal = slides_refusal(schedule, now)
        for entry in entries.select_related("agency").order_by("receipt_number", "pk"):
            found.append(
                AgencySlot(
                    round=round_,
                    entry=entry,
                    slot=slots.get(entry.pk),
                    slides=slides.get(entry.pk),
                    refusal=refusal,
                    deadline=schedule.slides_deadline,
                )
            )
    return found


# --- the organizer's live scores --------------------------------------------------------------


@dataclass
class LiveCell:
    assigned: bool
    total: str = ""  # the submitted total as shown ("" until submitted)
    state: str = ""


@dataclass
class LiveRow:
    entry: Entry
    slot: PresentationSlot | None
    cells: list[LiveCell]
    submitted: int
    expected: int
    mean: str  # the running mean of the submitted totals as shown ("" with none)


@dataclass
class LiveBoard:
    round: Round
    judges: list[Judge]
    rows: list[LiveRow]

    @property
    def submitted(self) -> int:
        return sum(row.submitted for row in self.rows)

    @property
    def expected(self) -> int:
        return sum(row.expected for row in self.rows)

    @property
    def version(self) -> str:
        """A short digest of everything shown: unchanged digest, nothing to redraw."""
        text = repr(
            [(j.pk, str(j.user.display_name)) for j in self.judges]
            + [
                (
                    row.entry.pk,
                    row.slot and row.slot.pk,
                    row.mean,
                    row.submitted,
                    row.expected,
                    [(c.assigned, c.total, c.state) for c in row.cells],
                )
                for row in self.rows
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def live_board(round_: Round) -> LiveBoard:
    """Per entry of the round, in schedule order (then the entries without a slot, by receipt
    number): each judge's submitted total, submitted / expected, and the running mean (plain
    mean of the submitted totals, rounded once by the contest's rule). Six queries."""
    contest = round_.contest
    rule = {"decimal_places": contest.decimal_places, "rounding": contest.rounding}
    schedule = organizer_schedule(round_)
    rows_in_round = [row for row in schedule.rows if row.in_round]
    pairs = set(assignments_in_effect(round=round_).values_list("judge_id", "entry_id"))
    judges = list(
        Judge.objects.filter(pk__in={judge_id for judge_id, _ in pairs})
        .select_related("user")
        .order_by("user__name", "pk")
    )
    totals = {
        (judge_id, entry_id): total
        for judge_id, entry_id, total in counted_scorecards(round=round_).values_list(
            "judge_id", "entry_id", "total"
        )
    }
    drafts = set(
        Scorecard.objects.filter(
            round=round_, status=Scorecard.Status.DRAFT, version__gt=0
        ).values_list("judge_id", "entry_id")
    )
    rows = []
    for row in rows_in_round:
        cells, present = [], []
        for judge in judges:
            key = (judge.pk, row.entry.pk)
            total: Decimal | None = totals.get(key)
            if total is not None:
                present.append(total)
            state = "submitted" if total is not None else ("draft" if key in drafts else "")
            cells.append(
                LiveCell(assigned=key in pairs, total=shown(total, rule) or "", state=state)
            )
        rows.append(
            LiveRow(
                entry=row.entry,
                slot=row.slot,
                cells=cells,
                submitted=len(present),
                expected=sum(1 for cell in cells if cell.assigned),
                mean=shown(mean(present), rule) if present else "",
            )
        )
    return LiveBoard(round=round_, judges=judges, rows=rows)
