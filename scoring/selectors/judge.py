"""Reads for the judge's own pages: dashboard and scorecard.

Everything is filtered to the signed-in judge's assignments in effect (scoring.selectors.in_effect:
entries in the running, never an entry of an agency they are linked to, never an entry with a
conflict in effect). A judge never sees another judge's scores.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contests.models import Criterion, Level, Round
from scoring.models import Assignment, Judge, Score, Scorecard, ScoreEvent
from scoring.selectors.in_effect import assignments_in_effect
from submissions.models import Answer, Attachment, Entry

NOT_STARTED = "not_started"
DRAFT = Scorecard.Status.DRAFT.value
SUBMITTED = Scorecard.Status.SUBMITTED.value


def _visible_assignments(user) -> QuerySet[Assignment]:
    """The user's assignments in effect (scoring.selectors.in_effect)."""
    return assignments_in_effect(judge__user=user)


def has_judge_role(user) -> bool:
    return user.is_authenticated and Judge.objects.filter(user=user).exists()


# --- dashboard -------------------------------------------------------------------------------


def time_left_text(round_: Round, now: dt.datetime) -> str:
    """ "3 days 4 hours left" until the window closes, or until it opens; computed here so that
    every judge sees the same thing whatever their device's clock says."""
    if now >= round_.closes_at:
        return _("Scoring is closed.")
    if now < round_.opens_at:
        return _("Scoring opens in %(time)s.") % {"time": _duration(round_.opens_at - now)}
    return _("%(time)s left until the deadline") % {"time": _duration(round_.closes_at - now)}


def _duration(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 60 * 24)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours or (days and not minutes):
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and (minutes or not hours):
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)


# --- scorecard page --------------------------------------------------------------------------


def assignment_of(user, round_pk: int, entry_pk: int) -> Assignment | None:
    """The user's own assignment of this entry in this round, or None (the caller answers 404)."""
    if not user.is_authenticated:
        return None
    return (
        _visible_assignments(user)
        .filter(round_id=round_pk, entry_id=entry_pk)
        .select_related("round__contest", "judge", "entry__category", "entry__agency")
        .first()
    )


def may_score(judge: Judge, entry: Entry, round_: Round) -> bool:
    """The judge's own pages would show this assignment (for services that act as the judge)."""
    return _visible_assignments(judge.user).filter(judge=judge, entry=entry, round=round_).exists()


def scorecard_of(assignment: Assignment) -> Scorecard | None:
    """The judge's scorecard for the assignment, if one was started (a GET never creates one).
    Its round, judge and entry are the assignment's, already loaded (the rules read them)."""
    card = Scorecard.objects.filter(
        round_id=assignment.round_id, judge_id=assignment.judge_id, entry_id=assignment.entry_id
    ).first()
    if card is not None:
        card.round, card.judge, card.entry = assignment.round, assignment.judge, assignment.entry
    return card


def rubric_of(round_: Round) -> list[Criterion]:
    """The round's criteria in order, each with `level_list`."""
    levels = Prefetch(
        "levels", queryset=Level.objects.order_by("order", "id"), to_attr="level_list"
    )
    return list(
        Criterion.objects.filter(round=round_).order_by("order", "id").prefetch_related(levels)
    )


CRITERION_FIELDS = [f.attname for f in Criterion._meta.concrete_fields]
LEVEL_FIELDS = [f.attname for f in Level._meta.concrete_fields]


def criterion_rows(round_id: int, criterion_id: int, *conditions) -> QuerySet:
    """The query of `criterion_of`: one row per level (a LEFT JOIN), the criterion's fields
    first; none when `conditions` (on the criterion's query) do not hold."""
    return (
        Criterion.objects.filter(*conditions, pk=criterion_id, round_id=round_id)
        .values_list(*CRITERION_FIELDS, *(f"levels__{name}" for name in LEVEL_FIELDS))
        .order_by("levels__order", "levels__id")
    )


def criterion_from_rows(rows, db: str) -> Criterion | None:
    """The criterion of `criterion_rows`' rows, with its `level_list`; None without rows."""
    criterion, own = None, len(CRITERION_FIELDS)
    for row in rows:
        if criterion is None:
            criterion = Criterion.from_db(db, CRITERION_FIELDS, row[:own])
            criterion.level_list = []
        if row[own] is not None:
            criterion.level_list.append(Level.from_db(db, LEVEL_FIELDS, row[own:]))
    return criterion


def criterion_of(round_id: int, criterion_id: int, *conditions) -> Criterion | None:
    """One criterion of the round with its `level_list` (as rubric_of gives it), in one query
    (a LEFT JOIN of its levels): what the save of one score needs. None when the round has no
    such criterion, or when `conditions` (on the criterion's query) do not hold."""
    rows = criterion_rows(round_id, criterion_id, *conditions)
    return criterion_from_rows(rows, rows.db)


def scores_of(card: Scorecard | None) -> dict[int, Score]:
    if card is None:
        return {}
    return {score.criterion_id: score for score in Score.objects.filter(scorecard=card)}


def answers_of(entry: Entry) -> list[Answer]:
    return list(
        Answer.objects.filter(entry=entry)
        .select_related("question")
        .order_by("question__order", "question_id")
    )


def attachments_of(entry: Entry) -> list[Attachment]:
    return list(Attachment.objects.filter(entry=entry).order_by("uploaded_at", "id"))


def rubric_total(criteria: list[Criterion]) -> Decimal:
    return sum((c.max_points for c in criteria), Decimal("0"))


def points(value: Decimal | None) -> str:
    """A score or max points as typed and printed: "8.5", "10" ("" for none)."""
    return "" if value is None else f"{value.normalize():f}"


def checked_level(criterion: Criterion, score: Score | None) -> int | None:
    """The level shown as chosen: the one saved, else the first whose points equal the score
    (`criterion.level_list` from rubric_of)."""
    if score is None:
        return None
    if score.level_id:
        return score.level_id
    return next((lv.pk for lv in criterion.level_list if lv.points == score.value), None)


def judge_file_name(attachment: Attachment, number: int, *, blind: bool) -> str:
    """The name a judge sees and downloads. With blind judging the uploaded name may carry the
    agency's name, so it is replaced by "첨부<n>.<type>"."""
    if blind:
        return f"첨부{number}.{attachment.kind}"
    return attachment.original_name


def last_status_event(card: Scorecard | None) -> ScoreEvent | None:
    """The card's latest change of status (submitted, reopened) when the judge did not make it
    themself: an organizer reopened it, or submitted it on the judge's behalf (by hand or by
    import). None otherwise. One query."""
    if card is None:
        return None
    event = (
        ScoreEvent.objects.filter(scorecard=card, field=ScoreEvent.Field.STATUS)
        .select_related("by")
        .order_by("-at", "-id")
        .first()
    )
    return event if event is not None and event.via != ScoreEvent.Via.JUDGE else None
