"""Reads for the organizer's audit pages and scorecard actions (per entry and per judge).

Every look-up is limited to the given contest: an id of another contest is a 404.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from scoring.models import Assignment, Conflict, Judge, Scorecard, ScoreEvent
from scoring.selectors.conflicts import IN_EFFECT
from scoring.selectors.progress import scorecard_status
from submissions.models import Entry

PER_PAGE = 50


@dataclass
class CardRow:
    """One assignment of an entry (or one judge) with its scorecard, if any; or a scorecard whose
    assignment was withdrawn, with `withdrawn` saying why (it stays in the audit, not counted)."""

    round: Round
    judge: Judge
    entry: Entry
    scorecard: Scorecard | None
    status: str
    withdrawn: str = ""


def control_entry(contest: Contest, entry_pk: int) -> Entry:
    return get_object_or_404(Entry, pk=entry_pk, contest=contest)


def control_judge(contest: Contest, judge_pk: int) -> Judge:
    return get_object_or_404(Judge.objects.select_related("user"), pk=judge_pk, contest=contest)


def control_scorecard(contest: Contest, scorecard_pk: int) -> Scorecard:
    return get_object_or_404(
        Scorecard.objects.select_related("round__contest", "judge__user", "entry"),
        pk=scorecard_pk,
        round__contest=contest,
    )


def _status(card: Scorecard | None) -> str:
    return scorecard_status(
        None if card is None else {"status": card.status, "version": card.version}
    )


def withdrawal_reason(card: Scorecard, conflicts: dict) -> str:
    """Why a scorecard has no assignment any more (one place for the audit and the results)."""
    conflict = conflicts.get((card.judge_id, card.entry_id))
    if conflict is not None:
        return f"{conflict.get_kind_display()}: {conflict.decision_reason or conflict.reason}"
    entry = card.entry
    if entry.eligibility == Entry.Eligibility.INELIGIBLE:
        return _("Screened out as ineligible: %(reason)s") % {"reason": entry.eligibility_reason}
    if entry.status != Entry.Status.SUBMITTED:
        return _("The entry is %(status)s.") % {"status": entry.get_status_display()}
    return _("Unassigned by the organizer.")


def card_rows(contest: Contest, *, entry: Entry | None = None, judge: Judge | None = None):
    """Assignments of the entry (or of the judge) in every round with their scorecards, then the
    scorecards whose assignment was withdrawn and that hold something (three queries)."""
    assignments = Assignment.objects.filter(round__contest=contest).select_related(
        "round", "judge__user", "entry"
    )
    cards = Scorecard.objects.filter(round__contest=contest).select_related(
        "round", "judge__user", "entry"
    )
    conflicts = Conflict.objects.filter(IN_EFFECT, judge__contest=contest)
    if entry is not None:
        assignments, cards = assignments.filter(entry=entry), cards.filter(entry=entry)
        conflicts = conflicts.filter(entry=entry)
    if judge is not None:
        assignments, cards = assignments.filter(judge=judge), cards.filter(judge=judge)
        conflicts = conflicts.filter(judge=judge)
    by_key = {(c.round_id, c.judge_id, c.entry_id): c for c in cards}
    rows = []
    for item in assignments.order_by(
        "round__order", "round_id", "judge__user__name", "entry__receipt_number", "entry_id"
    ):
        card = by_key.pop((item.round_id, item.judge_id, item.entry_id), None)
        rows.append(CardRow(item.round, item.judge, item.entry, card, _status(card)))
    in_effect = {(c.judge_id, c.entry_id): c for c in conflicts.order_by("created_at")}
    withdrawn = sorted(
        (card for card in by_key.values() if card.version > 0),
        key=lambda c: (c.round.order, c.round_id, c.judge.user.name, c.entry.receipt_number or ""),
    )
    for card in withdrawn:
        reason = withdrawal_reason(card, in_effect)
        rows.append(CardRow(card.round, card.judge, card.entry, card, _status(card), reason))
    return rows


def audit_events(
    contest: Contest, *, entry: Entry | None = None, judge: Judge | None = None
) -> QuerySet[ScoreEvent]:
    """Score events of the contest's scorecards, newest first, with everything a row shows."""
    events = ScoreEvent.objects.filter(scorecard__round__contest=contest)
    if entry is not None:
        events = events.filter(scorecard__entry=entry)
    if judge is not None:
        events = events.filter(scorecard__judge=judge)
    return events.select_related(
        "scorecard__round", "scorecard__judge__user", "scorecard__entry", "criterion", "by"
    ).order_by("-at", "-id")


def audit_page(events: QuerySet[ScoreEvent], number) -> Page:
    return Paginator(events, PER_PAGE).get_page(number)
