"""Reads for the organizer's audit pages and scorecard actions (per entry and per judge).

Every look-up is limited to the given contest: an id of another contest is a 404.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from contests.models import Contest, Round
from scoring.models import Assignment, Judge, Scorecard, ScoreEvent
from scoring.selectors.in_effect import Reasons, effect_flag
from scoring.selectors.progress import scorecard_status
from submissions.models import Entry

PER_PAGE = 50


@dataclass
class CardRow:
    """One assignment of an entry (or one judge) with its scorecard, if any; or a scorecard whose
    assignment was withdrawn or is not in effect, with `withdrawn` saying why (it stays in the
    audit, not counted)."""

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


def card_rows(contest: Contest, *, entry: Entry | None = None, judge: Judge | None = None):
    """Assignments of the entry (or of the judge) in every round with their scorecards, then the
    scorecards whose assignment was withdrawn and that hold something (five queries).

    An assignment not in effect (scoring.selectors.in_effect) is listed with the reason it does
    not count (`withdrawn`), like a scorecard whose assignment was withdrawn."""
    assignments = (
        Assignment.objects.filter(round__contest=contest)
        .select_related("round", "judge__user", "entry")
        .annotate(ok=effect_flag())
    )
    cards = Scorecard.objects.filter(round__contest=contest).select_related(
        "round", "judge__user", "entry"
    )
    if entry is not None:
        assignments, cards = assignments.filter(entry=entry), cards.filter(entry=entry)
    if judge is not None:
        assignments, cards = assignments.filter(judge=judge), cards.filter(judge=judge)
    by_key = {(c.round_id, c.judge_id, c.entry_id): c for c in cards}
    items = list(
        assignments.order_by(
            "round__order", "round_id", "judge__user__name", "entry__receipt_number", "entry_id"
        )
    )
    reasons = Reasons(contest.pk, {(a.round_id, a.judge_id, a.entry_id) for a in items})
    rows = []
    for item in items:
        card = by_key.pop((item.round_id, item.judge_id, item.entry_id), None)
        reason = "" if item.ok else reasons.of(item)
        rows.append(CardRow(item.round, item.judge, item.entry, card, _status(card), reason))
    withdrawn = sorted(
        (card for card in by_key.values() if card.version > 0),
        key=lambda c: (c.round.order, c.round_id, c.judge.user.name, c.entry.receipt_number or ""),
    )
    for card in withdrawn:
        rows.append(
            CardRow(card.round, card.judge, card.entry, card, _status(card), reasons.of(card))
        )
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
