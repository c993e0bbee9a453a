"""Assignments in effect: the one definition every judging page, count and email uses.

An assignment (a judge, an entry, a round) is *in effect* when
- its entry is in the running (submissions.selectors.running: submitted, not screened 부적격),
- the entry takes part in the round: in a round that comes after a round with an advancement rule,
  only the entries advanced into it by that round's finalized result (`in_round`),
- no conflict in effect binds the pair (기피, approved 회피, a recorded 제척), and
- the judge is not linked to the entry's agency (제척: affiliation or membership, whenever made).

Only assignments in effect are shown to the judge (dashboard, scorecard, `may_score`), counted on
the progress board (per judge, per entry, "재배정 필요"), reminded, counted in the assignment
matrix's loads and the automatic planner's. An assignment that stops being in effect is kept, not
deleted: when the cause goes away (the entry is screened back in) it counts again with its
scorecard. A scorecard with something saved whose pair is not in effect is listed on the board
and in the audit as excluded, with `exclusion_reason`, and is never counted.

The condition works on any model with `judge`, `entry` (and `round`) relations: Assignment and
Scorecard.
"""

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from contests.models import Round
from scoring.models import Advancement, Assignment, Conflict, Scorecard
from scoring.selectors.conflicts import IN_EFFECT, agency_links, unlinked_from_entry_agency
from submissions.models import Entry
from submissions.selectors.running import in_the_running

# The advancement rules after which only advanced entries take part in the next rounds.
GATING = (Round.Advancement.TOP_N, Round.Advancement.CUTOFF)


def pair_open() -> Q:
    """No conflict in effect and no agency link between the row's judge and entry."""
    conflict = Conflict.objects.filter(IN_EFFECT, judge=OuterRef("judge"), entry=OuterRef("entry"))
    return ~Q(Exists(conflict)) & unlinked_from_entry_agency()


def _gated(round_ref: str) -> Exists:
    """The round (an OuterRef to its id) comes after a round with an advancement rule."""
    earlier = Round.objects.filter(
        contest=OuterRef(f"{round_ref}__contest"),
        advancement__in=GATING,
    ).filter(
        Q(order__lt=OuterRef(f"{round_ref}__order"))
        | Q(order=OuterRef(f"{round_ref}__order"), pk__lt=OuterRef(f"{round_ref}_id"))
    )
    return Exists(earlier)


def in_round(entry_ref: str = "entry", round_ref: str = "round") -> Q:
    """The row's entry takes part in the row's round: the round is not gated by an earlier
    round's advancement, or the entry was advanced into it by a result in force."""
    advanced = Advancement.objects.filter(
        round=OuterRef(f"{round_ref}_id"), entry=OuterRef(f"{entry_ref}_id"), result__voided_at=None
    )
    return ~Q(_gated(round_ref)) | Q(Exists(advanced))


def in_effect() -> Q:
    """The condition on an Assignment (or Scorecard) row."""
    return in_the_running("entry__") & in_round() & pair_open()


def in_effect_of(round_: Round, gated: bool | None = None) -> Q:
    """`in_effect()` for rows of `round_` alone: whether the round comes after an advancement
    round is asked once here (one query, or `gated` when the caller already knows) instead of
    once per row, which at 14,000 assignments is a third of the results query's time."""
    condition = in_the_running("entry__") & pair_open()
    if gated is None:
        gated = round_gated(round_)
    return condition & in_round() if gated else condition


def entries_in_round(round_: Round, gated: bool | None = None) -> QuerySet[Entry]:
    """The entries in the running for `round_` (advancement-aware): what its assignment, pages,
    progress board and results list. `gated`: round_gated(round_), when the caller knows it."""
    entries = Entry.objects.filter(in_the_running(), contest_id=round_.contest_id)
    if not (round_gated(round_) if gated is None else gated):
        return entries
    advanced = Advancement.objects.filter(round=round_, result__voided_at=None)
    return entries.filter(pk__in=advanced.values("entry_id"))


def round_gated(round_: Round) -> bool:
    return Round.objects.filter(
        Q(order__lt=round_.order) | Q(order=round_.order, pk__lt=round_.pk),
        contest_id=round_.contest_id,
        advancement__in=GATING,
    ).exists()


def effect_flag() -> Case:
    """`in_effect()` as a boolean annotation (True / False, never NULL)."""
    return Case(
        When(in_effect(), then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def assignments_in_effect(**filters) -> QuerySet[Assignment]:
    return Assignment.objects.filter(in_effect(), **filters)


def card_in_effect() -> Q:
    """On a Scorecard row: its judge is assigned its entry in its round and that assignment is
    in effect. The same condition as `assignments_in_effect` (`in_effect()`, which
    `in_effect_of` only specializes per round), read on the card's own round, judge and entry:
    the autosave asks it right after locking the card, not in a second look-up."""
    assigned = Assignment.objects.filter(
        round=OuterRef("round"), judge=OuterRef("judge"), entry=OuterRef("entry")
    )
    return Q(Exists(assigned)) & in_effect()


def counted_scorecards(**filters) -> QuerySet[Scorecard]:
    """Submitted scorecards of an assignment in effect: the ones the results count (the pages
    and documents that show counted scores and comments read them here)."""
    assigned = Assignment.objects.filter(
        round=OuterRef("round"), judge=OuterRef("judge"), entry=OuterRef("entry")
    )
    return Scorecard.objects.filter(
        in_effect(), Exists(assigned), status=Scorecard.Status.SUBMITTED, **filters
    )


def assignments_with_effect(**filters) -> dict[tuple[int, int, int], bool]:
    """(round_id, judge_id, entry_id) of every assignment matching `filters` → in effect? (one
    query: for pages that show both what is assigned and what counts)."""
    rows = Assignment.objects.filter(**filters).annotate(ok=effect_flag())
    return {
        (r, j, e): ok for r, j, e, ok in rows.values_list("round_id", "judge_id", "entry_id", "ok")
    }


def pairs_in_effect(round_) -> set[tuple[int, int]]:
    """(judge_id, entry_id) of the round's assignments in effect (one query)."""
    return set(assignments_in_effect(round=round_).values_list("judge_id", "entry_id"))


class Reasons:
    """Why a pair is not in effect, for the board and the audit (a fixed number of queries).

    Built once per page with the contest's conflicts in effect and agency links; `of(card)` needs
    the scorecard's `entry` loaded (status, eligibility, reason, agency)."""

    def __init__(self, contest_id: int, assigned: set[tuple[int, int, int]]):
        conflicts = Conflict.objects.filter(IN_EFFECT, judge__contest_id=contest_id).order_by(
            "created_at", "pk"
        )
        self.conflicts = {}
        for conflict in conflicts:
            self.conflicts.setdefault((conflict.judge_id, conflict.entry_id), conflict)
        self.links = agency_links(contest_id)
        self.assigned = assigned  # (round_id, judge_id, entry_id) of every assignment

    def of(self, card) -> str:
        conflict = self.conflicts.get((card.judge_id, card.entry_id))
        if conflict is not None:
            return f"{conflict.get_kind_display()}: {conflict.decision_reason or conflict.reason}"
        entry = card.entry
        if entry.eligibility == Entry.Eligibility.INELIGIBLE:
            return _("Screened out as ineligible: %(reason)s") % {
                "reason": entry.eligibility_reason
            }
        if entry.status != Entry.Status.SUBMITTED:
            return _("The entry is %(status)s.") % {"status": entry.get_status_display()}
        if (card.judge_id, entry.agency_id) in self.links:
            return _("Exclusion: own agency")
        if (card.round_id, card.judge_id, card.entry_id) not in self.assigned:
            return _("Unassigned by the organizer.")
        return ""
