"""What the contest's timeline (scoring.selectors.timeline) is made of: the states and stage
names, the stage, link and missing-item types, and the facts every stage reads, gathered once
(`read_facts`: the entry counts, each round's progress totals, its result in force and its
presentation schedule's counts, and the contest's objection period and objection counts)."""

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Round
from contests.services.checks import SetupGap
from scoring.models import (
    Objection,
    PresentationSchedule,
    PresentationSlides,
    PresentationSlot,
    RoundResult,
)
from scoring.selectors.in_effect import GATING, in_round
from scoring.selectors.progress import Totals, control_rounds, rounds_totals
from submissions.models import Entry
from submissions.selectors.running import in_the_running
from submissions.selectors.screening import EntryFilters, screening_counts

DONE, CURRENT, UPCOMING, NOT_APPLICABLE = "done", "current", "upcoming", "not_applicable"
STATE_LABELS = {
    DONE: pgettext_lazy("timeline state", "Done"),
    CURRENT: pgettext_lazy("timeline state", "In progress"),
    UPCOMING: pgettext_lazy("timeline state", "Upcoming"),
    NOT_APPLICABLE: pgettext_lazy("timeline state", "Not applicable"),
}
NAMES = {
    "publish": pgettext_lazy("timeline stage", "Call for entries"),
    "submission": pgettext_lazy("timeline stage", "Submission"),
    "screening": pgettext_lazy("timeline stage", "Screening"),
    "assignment": pgettext_lazy("timeline stage", "Assignment"),
    "advancement": pgettext_lazy("timeline stage", "Advancement confirmed"),
    "final": pgettext_lazy("timeline stage", "Results finalized"),
    "announcement": pgettext_lazy("timeline stage", "Announcement"),
    "objection": pgettext_lazy("timeline stage", "Objections"),
}
SEP = " · "


def moment(value) -> str:
    """Month, day and time in Korea time: 12월 5일 18:00, or December 5 18:00 in English."""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'MONTH_DAY_FORMAT')} {local:%H:%M}"


def page_url(name: str, contest: Contest, *args, query: str = "") -> str:
    return reverse(name, args=[contest.pk, *args]) + query


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Missing:
    text: str
    url: str = ""  # the page that fixes it, when there is one


@dataclass
class Stage:
    key: str  # "publish", "submission", …, "round-1", "advancement-1", …
    name: str
    state: str
    summary: str
    missing: list[Missing] = field(default_factory=list)
    action: Link | None = None
    subject: str = ""  # the round's own name, for a round's stages
    details: list[Missing] = field(default_factory=list)  # more lines: text and a link

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass
class ScheduleFacts:
    """A round's presentation schedule (2차 발표심사), counted as its page counts it
    (scoring.selectors.presentations.ScheduleView): slots, the slots changed since publishing
    (or never published), and the slides of the entries in the round."""

    published_at: dt.datetime | None
    slides_deadline: dt.datetime | None
    slots: int = 0
    changed: int = 0
    slides: int = 0


@dataclass
class ObjectionFacts:
    """The contest's objection period (its closing time, None when not set) and objections."""

    closes_at: dt.datetime | None
    filed: int = 0
    open: int = 0

    @property
    def answered(self) -> int:
        return self.filed - self.open


@dataclass
class RoundFacts:
    round: Round
    number: int  # 1, 2, … in the contest's order
    totals: Totals  # the progress board's totals
    result: RoundResult | None  # the finalized result in force
    waiting: bool = False  # for the previous round's result, which decides who takes part
    schedule: ScheduleFacts | None = None  # its presentation schedule, when it has one

    @property
    def unfinished(self) -> int:
        return self.totals.assigned - self.totals.submitted

    @property
    def scored(self) -> bool:
        """Every scorecard in effect is submitted (or the result is already final)."""
        return self.result is not None or (self.totals.assigned > 0 and not self.unfinished)


@dataclass
class Facts:
    contest: Contest
    now: object
    gaps: list[SetupGap]
    entries: dict[str, int]  # draft, submitted, withdrawn, and among submitted: screening values
    rounds: list[RoundFacts]
    objections: ObjectionFacts


def read_facts(contest: Contest, gaps, now) -> Facts:
    counts = screening_counts(contest, EntryFilters(status=Entry.Status.SUBMITTED))
    entries = {value: n for value, _label, n in counts["by_status"]}
    entries |= {value: n for value, _label, n in counts["by_screening"]}  # of the submitted
    rounds = control_rounds(contest)
    totals = rounds_totals(rounds)
    results = {  # in force: not voided (scoring.selectors.results.result_in_force)
        result.round_id: result
        for result in RoundResult.objects.filter(round__in=rounds, voided_at=None)
    }
    rounds = [
        RoundFacts(round_, n, totals[round_.pk], results.get(round_.pk))
        for n, round_ in enumerate(rounds, 1)
    ]
    for previous, r in pairwise(rounds):
        r.waiting = previous.round.advancement in GATING and previous.result is None
    schedules = read_schedules([r.round for r in rounds])
    for r in rounds:
        r.schedule = schedules.get(r.round.pk)
    now = now or timezone.now()
    return Facts(contest, now, list(gaps), entries, rounds, read_objections(contest))


def read_schedules(rounds: list[Round]) -> dict[int, ScheduleFacts]:
    """Each round's schedule with its counts (three queries, whatever the number of rounds)."""
    found = {
        s.round_id: ScheduleFacts(s.published_at, s.slides_deadline)
        for s in PresentationSchedule.objects.filter(round__in=rounds).order_by()
    }
    if not found:
        return found
    changed = (
        Q(published_starts_at__isnull=True)
        | ~Q(published_order=F("order"))
        | ~Q(published_starts_at=F("starts_at"))
        | ~Q(published_ends_at=F("ends_at"))
        | ~Q(published_room=F("room"))
    )
    slots = (
        PresentationSlot.objects.filter(schedule__round__in=rounds)
        .values("schedule__round")
        .annotate(n=Count("pk"), changed=Count("pk", filter=changed))
        .order_by()
    )
    for row in slots:
        found[row["schedule__round"]].slots = row["n"]
        found[row["schedule__round"]].changed = row["changed"]
    slides = (  # of the entries in the round (ScheduleView.with_slides)
        PresentationSlides.objects.filter(in_the_running("entry__"), in_round(), round__in=rounds)
        .values("round")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in slides:
        if row["round"] in found:
            found[row["round"]].slides = row["n"]
    return found


def read_objections(contest: Contest) -> ObjectionFacts:
    """The period and the counts, in one query."""
    row = (
        Contest.objects.filter(pk=contest.pk)
        .values("objection_window__closes_at")
        .annotate(
            filed=Count("objections"),
            open=Count("objections", filter=Q(objections__status=Objection.Status.OPEN)),
        )
        .order_by()
        .first()
    )
    if row is None:
        return ObjectionFacts(None)
    return ObjectionFacts(row["objection_window__closes_at"], row["filed"], row["open"])
