"""What the contest's timeline (scoring.selectors.timeline) is made of: the states and stage
names, the stage, link and missing-item types, and the facts every stage reads, gathered once
(`read_facts`: the entry counts, each round's progress totals and its result in force)."""

from dataclasses import dataclass, field
from itertools import pairwise

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Round
from contests.services.checks import SetupGap
from scoring.models import RoundResult
from scoring.selectors.in_effect import GATING
from scoring.selectors.progress import Totals, control_rounds, rounds_totals
from submissions.models import Entry
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

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass
class RoundFacts:
    round: Round
    number: int  # 1, 2, … in the contest's order
    totals: Totals  # the progress board's totals
    result: RoundResult | None  # the finalized result in force
    waiting: bool = False  # for the previous round's result, which decides who takes part

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
    return Facts(contest, now or timezone.now(), list(gaps), entries, rounds)
