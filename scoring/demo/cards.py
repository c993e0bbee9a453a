"""Saving a planned round (scoring.demo.plan) through the judges' own services.

Every card goes through scoring.services.scorecards as the judge (`scorecard_open`, one
`score_save` per criterion, with the level picked where the judge works with levels,
`comment_save`, `scorecard_submit`), so versions, the rubric lock and the audit trail
(ScoreEvent) are exactly what a judge's clicks leave. The times are then moved to when the judges
'worked', inside the round's window, and entries' times inside the submission window.

Idempotent: a card anything was saved on is left alone (by the demo, or by someone trying the
demo: a judge's own edits are never overwritten).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import F

from contests.models import Level, Round
from scoring.demo.base import between, stable
from scoring.demo.comments import comment_for
from scoring.demo.plan import Pair, Plan, Style
from scoring.models import Judge, Scorecard, ScoreEvent
from scoring.services.scorecards import (
    comment_save,
    score_save,
    scorecard_open,
    scorecard_submit,
)
from submissions.models import Entry

DRAFT_CRITERIA = 2  # the draft card has its first two criteria scored


def write_round(
    round_: Round,
    plan: Plan,
    *,
    judges: dict[str, Judge],
    entries: dict[str, Entry],
    styles: dict[str, Style],
    window: tuple[dt.datetime, dt.datetime],
    draft: Pair | None = None,
    comment_every: int = 1,
) -> list[Scorecard]:
    """Save what is missing of `plan`; returns the scorecards created (for the tally)."""
    criteria = list(round_.criteria.order_by("order", "id"))
    full = sum(c.max_points for c in criteria)
    levels: dict[int, dict[Decimal, int]] = {}
    for level in Level.objects.filter(criterion__round=round_):
        levels.setdefault(level.criterion_id, {})[level.points] = level.pk
    existing = {(c.judge_id, c.entry_id): c for c in Scorecard.objects.filter(round=round_)}
    created, times = [], []
    for (entry_key, judge_key), values in sorted(plan.cards.items()):
        judge, entry = judges[judge_key], entries[entry_key]
        card = existing.get((judge.pk, entry.pk))
        if card is not None and card.version:
            continue  # saved on before (by the demo, or by someone trying it): left alone
        if (entry_key, judge_key) in plan.pending:
            if (entry_key, judge_key) != draft:
                continue
            values, comment, submit = values[:DRAFT_CRITERIA], "", False
            at = window[1] - dt.timedelta(hours=17, minutes=35)
        else:
            comment = comment_for(100 * sum(values) / full, entry_key, judge_key)
            comment = comment if stable(entry_key, judge_key, "say") % comment_every == 0 else ""
            submit = True
            at = between(*window, 0.05 + (stable(entry_key, judge_key, "at") % 900) / 1000)
        use_levels = styles[judge_key].levels
        saved = _save(round_, judge, entry, criteria, values, levels, use_levels, comment, submit)
        if card is None:
            created.append(saved)
        _backdate_card(saved, at, submitted=submit)
        times.append(at)
    if times:
        Round.objects.filter(pk=round_.pk, scoring_started_at__gt=min(times)).update(
            scoring_started_at=min(times)
        )
    return created


def _save(round_, judge, entry, criteria, values, levels, use_levels, comment, submit):
    user = judge.user
    card = scorecard_open(round_=round_, judge=judge, entry=entry)
    for criterion, value in zip(criteria, values, strict=False):
        level = levels.get(criterion.pk, {}).get(Decimal(value)) if use_levels else None
        card = score_save(
            scorecard=card, criterion_id=criterion.pk, raw=str(value), version=None, by=user,
            level_id=level,
        ).scorecard  # fmt: skip
    if comment:
        card = comment_save(scorecard=card, text=comment, version=None, by=user).scorecard
    if submit:
        card = scorecard_submit(scorecard=card, version=None, by=user)
    return card


def _backdate_card(card: Scorecard, at: dt.datetime, *, submitted: bool) -> None:
    Scorecard.objects.filter(pk=card.pk).update(
        created_at=at - dt.timedelta(minutes=25),
        updated_at=at,
        submitted_at=at if submitted else None,
    )
    ScoreEvent.objects.filter(scorecard_id=card.pk).update(at=at)


def backdate_entries(
    entries: list[Entry], *, opens: dt.datetime, closes: dt.datetime, screened: dt.datetime
) -> None:
    """Put entries made just now inside their contest's submission window, in receipt order
    (receipt numbers are issued in submission order), and their screening after the deadline."""
    numbered = sorted((e for e in entries if e.receipt_number), key=lambda e: e.receipt_number)
    for index, entry in enumerate(numbered):
        at = between(opens, closes, 0.3 + 0.65 * index / max(1, len(numbered)))
        Entry.objects.filter(pk=entry.pk).update(
            created_at=at - dt.timedelta(days=4, hours=3), updated_at=at, submitted_at=at
        )
        Entry.objects.filter(pk=entry.pk).exclude(screened_at=None).update(
            screened_at=screened + dt.timedelta(minutes=12 * index)
        )
    for entry in entries:
        if not entry.receipt_number:  # drafts never submitted: last touched before the deadline
            at = between(opens, closes, 0.5 + (stable(entry.title) % 400) / 1000)
            Entry.objects.filter(pk=entry.pk).update(
                created_at=at - dt.timedelta(days=6), updated_at=at
            )
    withdrawn = [e.pk for e in numbered if e.status == Entry.Status.WITHDRAWN]
    later = F("submitted_at") + dt.timedelta(days=2)
    Entry.objects.filter(pk__in=withdrawn).update(updated_at=later)
