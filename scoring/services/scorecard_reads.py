"""What an `Edit` (scoring.services.scorecard_edit) reads, in its transaction: the judge's card
locked with its round, contest and judge (`lock_card`); after the lock, in a statement of its
own, the card's scores with the checks that must see what committed meanwhile (`read_locked`);
a card not saved yet, from the assignment in effect (`fresh_card`); the criteria a change names
(`criteria_of`, kept per process once the round's rubric is locked).

The lock and the read are compiled once per process (config.compiled.CompiledQuery): building
the in-effect condition cost far more than running it (bench/load_autosave.py).
"""

from django.db.models import Exists, OuterRef, Subquery, TextField, Value

from config.compiled import CompiledQuery, loaded
from contests.models import Contest, Criterion, Round
from scoring.models import Judge, RoundResult, Score, Scorecard
from scoring.models.judge_aids import CriterionComment
from scoring.selectors.in_effect import assignments_in_effect, card_in_effect
from scoring.selectors.judge import criterion_of, rubric_of


def _finalized() -> Exists:
    return Exists(RoundResult.objects.filter(round=OuterRef("round"), voided_at=None))


# The card with its round, the round's contest and the judge, read as one row (`_LOCK`).
_LOCKED = [
    (Scorecard, ""),
    (Round, "round__"),
    (Contest, "round__contest__"),
    (Judge, "judge__"),
]


def _lock_rows(**ids: int):
    """The query of `lock_card`: the card's row FOR UPDATE OF the card alone, with the columns of
    its round, contest and judge (compiled once per lookup: `_LOCK`)."""
    columns = [f"{prefix}{field.attname}" for model, prefix in _LOCKED for field in _fields(model)]
    return (
        Scorecard.objects.select_for_update(of=("self",))
        .filter(**ids)
        .values_list(*columns)
        .order_by()
    )


_LOCK = CompiledQuery(_lock_rows)


def _fields(model) -> list:
    return model._meta.concrete_fields


def lock_card(**ids: int) -> Scorecard | None:
    """The card with its round, contest and judge, locked: FOR UPDATE OF the card alone (not its
    round), so that saves of different cards never wait for each other. `ids`: the card's `pk`,
    or its `round_id`, `entry_id` and `judge__user_id`."""
    rows = _LOCK.rows(**ids)
    return _card(rows[0]) if rows else None


def _card(row: tuple) -> Scorecard:
    db, start, made = Scorecard.objects.db, 0, []
    for model, _prefix in _LOCKED:
        names = [field.attname for field in _fields(model)]
        made.append(loaded(model, db, names, row[start : start + len(names)]))
        start += len(names)
    card, round_, contest, judge = made
    round_.contest, card.round, card.judge = contest, round_, judge
    return card


_SCORE_FIELDS = [f.attname for f in Score._meta.concrete_fields]


def _locked_rows(comment_of: int | None = None, **ids: int):
    """The query of `read_locked` (compiled once: `_LOCKED_ROWS`); `ids` name the card as
    `lock_card`'s do. The card's checks and the criterion's comment are subqueries that do not
    refer to the joined row, so that PostgreSQL runs each once (an InitPlan) rather than once
    per score."""
    this = Scorecard.objects.filter(**ids)
    comment = CriterionComment.objects.filter(
        scorecard__in=this.values("pk"), criterion_id=comment_of
    )
    text = Subquery(comment.values("text")[:1]) if comment_of else Value(None, TextField())
    return (
        this.annotate(
            finalized=Exists(this.filter(_finalized())),
            assigned=Exists(this.filter(card_in_effect())),
            ccomment=text,
        )
        .values_list("finalized", "assigned", "ccomment", *(f"scores__{n}" for n in _SCORE_FIELDS))
        .order_by()
    )


_LOCKED_ROWS = CompiledQuery(_locked_rows)


def _read_ids(ids: dict, comment_of: int | None) -> dict:
    return {**ids, "comment_of": comment_of} if comment_of else ids


def read_locked(card: Scorecard, comment_of: int | None = None) -> dict[int, Score]:
    """Once the card is locked, in a statement of its own (it sees what committed while the lock
    was awaited: a finalize locks the cards first): the card's scores, and, set on the card,
    whether the round's result is finalized and its assignment is in effect. With `comment_of`
    (a criterion id), that criterion's stored comment too, in the same statement
    (`card.ccomments`: {criterion id: text, "" for none}; None: not read). The query is compiled
    once per process (config.compiled): building the in-effect condition is what cost most."""
    return _scores(card, _LOCKED_ROWS.rows(**_read_ids({"pk": card.pk}, comment_of)), comment_of)


def lock_and_read(comment_of: int | None = None, **ids: int) -> tuple[Scorecard | None, dict]:
    """`lock_card` then `read_locked`, sent together: one round trip inside `pipelined()` on
    PostgreSQL. The server runs the read after the lock is granted, with a snapshot of its own,
    so it still sees what committed while the lock was awaited. (None, {}) without a card."""
    lock = _LOCK.send(**ids)
    try:
        read = _LOCKED_ROWS.send(**_read_ids(ids, comment_of))
    finally:
        locked = lock()
    rows = read()
    if not locked:
        return None, {}
    card = _card(locked[0])
    return card, _scores(card, rows, comment_of)


# The judges' cards this process has locked (round, entry, judge's user): a card, once made, is
# never deleted, so the next save of one of these sends the lock and the read together; a card
# not seen yet is locked first, since without one the read would be a statement for nothing.
_SEEN: set[tuple[int, int, int]] = set()
_SEEN_MAX = 200_000


def lock_own_card(
    user_id: int, round_id: int, entry_id: int, comment_of: int | None = None
) -> tuple[Scorecard | None, dict[int, Score]]:
    """The judge's own card of the entry in the round, locked, with its scores and checks
    (`read_locked`): (None, {}) when the judge has no card there yet."""
    ids = {"round_id": round_id, "entry_id": entry_id, "judge__user_id": user_id}
    key = (round_id, entry_id, user_id)
    if key in _SEEN:
        card, scores = lock_and_read(comment_of, **ids)
    else:
        card = lock_card(**ids)
        scores = {} if card is None else read_locked(card, comment_of)
    if card is not None and key not in _SEEN:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN.add(key)
    return card, scores


def _scores(card: Scorecard, rows: list[tuple], comment_of: int | None) -> dict[int, Score]:
    scores, card.ccomments = {}, None
    for card.finalized, card.assigned, stored, *values in rows:
        if comment_of:
            card.ccomments = {comment_of: stored or ""}
        if values[0] is not None:  # the LEFT JOIN's row of a card without scores
            score = loaded(Score, card._state.db, _SCORE_FIELDS, values)
            scores[score.criterion_id] = score
    return scores


def fresh_card(by, round_id: int, entry_id: int) -> Scorecard | None:
    """A judge's card not saved yet (created by its first change), from the assignment."""
    assignments = (
        assignments_in_effect(judge__user=by, round_id=round_id, entry_id=entry_id)
        .select_related("round__contest", "judge")
        .annotate(finalized=_finalized())
        .order_by()
    )
    assignment = next(iter(assignments), None)
    if assignment is None:
        return None
    card = Scorecard(round=assignment.round, judge=assignment.judge, entry_id=entry_id)
    card.finalized, card.assigned = assignment.finalized, True
    return card


# The criteria of rounds whose rubric is locked, kept per process: once scoring has started,
# contests.services.rubric refuses every change to a round's criteria and levels, so an autosave
# need not read its criterion again.
# Keyed by the criterion, its round and the moment the round's scoring started.
_LOCKED_CRITERIA: dict[tuple, Criterion] = {}


def _criterion(round_: Round, criterion_id: int) -> Criterion | None:
    """The round's criterion with its `level_list`; None when it is not the round's."""
    key = (criterion_id, round_.pk, round_.scoring_started_at)
    criterion = _LOCKED_CRITERIA.get(key) if round_.scoring_started_at else None
    if criterion is None:
        criterion = criterion_of(round_.pk, criterion_id)
        if criterion is not None and round_.scoring_started_at:
            _LOCKED_CRITERIA[key] = criterion
    return criterion


def criteria_of(round_: Round, ids: list[int] | None) -> dict[int, Criterion]:
    """The criteria asked about (None: the whole rubric), each with `level_list`."""
    if ids is not None and len(ids) == 1:
        criterion = _criterion(round_, ids[0])
        return {} if criterion is None else {criterion.pk: criterion}
    if ids is not None and not ids:
        return {}
    return {criterion.pk: criterion for criterion in rubric_of(round_)}
