"""Every write to a scorecard: scores, comment, submit, reopen. Each real change bumps the
scorecard's version and appends a ScoreEvent; a save that carries an old version is refused.

`via` says who acts: the judge themself, an organizer on the judge's behalf (a signed paper
sheet), or an import. Judges act only on their own assigned scorecards inside the round's window;
organizers act on scorecards of contests they manage, at any time, and must give a reason to reopen.

Every way in (the judge's autosave `field_save` and whole form `form_save`, `score_save`,
`comment_save`, `scorecard_fill` for paper sheets and imports) goes through one `Edit`
(scoring.services.scorecard_edit): lock the card, check, change in memory, write.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.compiled import pipelined
from contests.models import Criterion, Round
from scoring.aggregation import is_complete, judge_total
from scoring.models import Judge, Score, Scorecard, ScoreEvent
from scoring.rules import is_submitted_scorecard, window_open
from scoring.selectors.judge import may_score
from scoring.services.scorecard_comments import COMMENT_MAX_LENGTH
from scoring.services.scorecard_edit import (
    EMPTY_SCORE_CODE,
    JUDGE,
    CardTaken,
    Change,
    Edit,
    FieldConflict,
    NotAssigned,
    StaleScorecard,
    empty_score_message,
    score_error_message,
)
from submissions.models import Entry

__all__ = [
    "COMMENT_MAX_LENGTH", "EMPTY_SCORE_CODE", "JUDGE", "Change", "FieldConflict", "Filled",
    "NotAssigned", "Outcome", "Saved", "StaleScorecard", "comment_save", "empty_score_message",
    "field_save", "form_save", "is_assigned", "score_error_message", "score_save",
    "scorecard_fill", "scorecard_open", "scorecard_reopen", "scorecard_scores",
    "scorecard_submit", "window_open",
]  # fmt: skip


@dataclass(frozen=True)
class Saved:
    scorecard: Scorecard
    changed: bool


@dataclass
class Outcome:
    """What a judge's save did. `scorecard`: as stored now (not yet saved, version 0, when
    nothing was ever saved on it); `scores` its scores by criterion id; `criteria` the criteria
    that were asked about (with `level_list`); `refusal` why one autosaved field was refused
    (ValidationError, or FieldConflict); `errors` the whole form's refusals by criterion id
    (None: the comment), each a list of messages."""

    scorecard: Scorecard
    scores: dict[int, Score]
    criteria: dict[int, Criterion]
    changed: int = 0
    refusal: Exception | None = None
    errors: dict[int | None, list[str]] = field(default_factory=dict)
    ccomments: dict[int, str] = field(default_factory=dict)  # comments on criteria (read ones)

    @property
    def total(self) -> Decimal:
        return sum((score.value for score in self.scores.values()), Decimal("0"))


def _outcome(edit: Edit, **kwargs) -> Outcome:
    return Outcome(edit.card, edit.scores, edit.criteria, ccomments=edit.ccomments or {}, **kwargs)


def is_assigned(judge: Judge, entry: Entry, round_: Round) -> bool:
    """Assigned, and the judge's own pages would show it: the entry is still in the running and
    no conflict (own agency, recusal, challenge) closes it. One definition with the pages."""
    return may_score(judge, entry, round_)


@transaction.atomic
def scorecard_open(*, round_: Round, judge: Judge, entry: Entry) -> Scorecard:
    """The judge's scorecard for an assigned entry, created empty the first time."""
    if not is_assigned(judge, entry, round_):
        raise NotAssigned(_("This entry is not assigned to you."))
    card, _created = Scorecard.objects.get_or_create(round=round_, judge=judge, entry=entry)
    return card


# --- the judge's page: one autosaved field, the whole form -----------------------------------


def field_save(*, by: User, round_id: int, entry_id: int, change: Change) -> Outcome:
    """One field autosaved by the judge's page (static/js/scorecard.js), in one transaction.

    The judge's own card is locked (created by its first change; NotAssigned without an
    assignment in effect of the entry in the round) and the change checked and saved. Refusals
    come back in `refusal`, nothing changed: the round's result finalized, a closed window, a
    submitted card, a value out of range or off the step, an empty box over a stored score
    without `clear`, a criterion or level of another round, and FieldConflict when `change.base`
    (the value the page knew) is no longer the stored one while the new value differs from it. A
    value equal to the stored one changes nothing and records nothing. After the session and the
    user: the lock, the locked read, and the writes (the card, the changed score and the event
    as one statement on PostgreSQL), plus the criterion the first time a process meets it
    (tests/judge/test_save_queries.py).
    """
    while True:
        try:
            with pipelined(), transaction.atomic():
                comment_of = change.criterion_id if change.on_criterion else None
                edit = Edit.of_judge(
                    by, round_id, entry_id, criterion_ids=_asked(change), comment_of=comment_of
                )
                try:
                    changed = edit.apply(change)
                except (ValidationError, FieldConflict) as refusal:
                    return _outcome(edit, refusal=refusal)
                edit.write()
                return _outcome(edit, changed=int(changed))
        except CardTaken:  # another window created the card meanwhile: again, on that card
            continue


def form_save(
    *, by: User, round_id: int, entry_id: int, changes: list[Change], version: int
) -> Outcome:
    """The judge's whole scorecard form (the page without JavaScript), in one transaction.

    A card that cannot change refuses the whole form (ValidationError: submitted, or the window
    closed), then a `version` other than the stored one refuses it (StaleScorecard). Otherwise
    each field is saved or refused on its own: the refusals are in `errors`, the rest is saved.
    """
    while True:
        try:
            with transaction.atomic():
                return _form_save(by, round_id, entry_id, changes, version)
        except CardTaken:
            continue


def _form_save(by, round_id, entry_id, changes, version) -> Outcome:
    edit = Edit.of_judge(by, round_id, entry_id)
    card = edit.card
    if card.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This scorecard is submitted; reopen it to change it."))
    if not window_open(card.round):
        raise ValidationError(_("The scoring window of this round is closed."))
    if version != card.version:
        raise StaleScorecard(card)
    outcome = _outcome(edit)
    for change in changes:
        try:
            outcome.changed += edit.apply(change)
        except ValidationError as exc:
            outcome.errors[change.criterion_id] = exc.messages
    edit.write()
    return outcome


def _asked(change: Change) -> list[int]:
    return [] if change.criterion_id is None else [change.criterion_id]


# --- one field, many fields: judges, organizers, imports -------------------------------------


@transaction.atomic
def score_save(
    *, scorecard: Scorecard, criterion_id: int, raw: str, version: int | None, by,
    via: str = JUDGE, level_id: int | None = None, reason: str = "", clear: bool = False,
    base: str | None = None,
) -> Saved:  # fmt: skip
    """Set one criterion's score, or with `clear` remove it.

    Refused without any change: a criterion of another round, a value that is not a number, is
    negative, above the max or off the step, an empty value without `clear` while a score is
    stored (clearing must be deliberate), a submitted scorecard, a closed window (judges), a stale
    card `version` (StaleScorecard), or a `base` (the value the page last knew for this field)
    that is no longer the stored value while the new value differs from it (FieldConflict). A
    value equal to the stored one changes nothing and records nothing ("-0" over 0 included).
    """
    edit = Edit.of_card(scorecard, version, by=by, via=via, reason=reason,
                        criterion_ids=[criterion_id])  # fmt: skip
    change = Change(criterion_id, raw, level_id=level_id, clear=clear, base=base)
    changed = edit.apply(change)
    edit.write()
    return Saved(edit.card, changed)


@transaction.atomic
def comment_save(
    *, scorecard: Scorecard, text: str, version: int | None, by, via: str = JUDGE,
    reason: str = "", base: str | None = None,
) -> Saved:  # fmt: skip
    """Set the comment. With `base` (the text the page last knew), a stored comment that is
    neither `base` nor the new text is somebody else's newer text: FieldConflict, nothing saved."""
    edit = Edit.of_card(scorecard, version, by=by, via=via, reason=reason, criterion_ids=[])
    changed = edit.apply(Change(None, text, base=base))
    edit.write()
    return Saved(edit.card, changed)


def scorecard_scores(card: Scorecard) -> dict[int, Decimal]:
    return dict(Score.objects.filter(scorecard=card).values_list("criterion_id", "value"))


@dataclass
class Filled:
    scorecard: Scorecard
    changed: int = 0
    unchanged: int = 0


@transaction.atomic
def scorecard_fill(
    *, scorecard: Scorecard, values: dict[int, str], comment: str | None, version: int | None,
    by: User, via: str, reason: str, submit: bool = False,
) -> Filled:  # fmt: skip
    """Save each criterion value (criterion id → raw text; empty removes the score) and the
    comment (None: leave it), then submit when asked. All or nothing: the first refusal is
    raised; only real changes bump the version and are audited."""
    result = Filled(scorecard=scorecard)
    if values or comment is not None:
        edit = Edit.of_card(scorecard, version, by=by, via=via, reason=reason,
                            criterion_ids=list(values))  # fmt: skip
        for criterion_id, raw in values.items():
            changed = edit.apply(Change(criterion_id, raw, clear=not str(raw).strip()))
            result.changed += changed
            result.unchanged += not changed
        if comment is not None:
            result.changed += edit.apply(Change(None, comment))
        edit.write()
        result.scorecard, version = edit.card, edit.card.version
    if submit:
        result.scorecard = scorecard_submit(
            scorecard=result.scorecard, version=version, by=by, via=via, reason=reason
        )
    return result


# --- submit, reopen --------------------------------------------------------------------------


@transaction.atomic
def scorecard_submit(
    *, scorecard: Scorecard, version: int | None, by, via: str = JUDGE, reason: str = ""
) -> Scorecard:
    """Lock the scorecard; every criterion of the round must have a score."""
    edit = Edit.of_card(scorecard, version, by=by, via=via, reason=reason)
    card = edit.card
    edit.check_actor()
    if card.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This scorecard is already submitted."))
    criteria = set(Criterion.objects.filter(round_id=card.round_id).values_list("pk", flat=True))
    scores = {criterion_id: score.value for criterion_id, score in edit.scores.items()}
    if not is_complete(scores, criteria):
        raise ValidationError(_("Score every criterion before submitting."), code="incomplete")
    card.status, card.submitted_at = Scorecard.Status.SUBMITTED, timezone.now()
    card.total = judge_total(scores)
    edit.record(field=ScoreEvent.Field.STATUS, old="draft", new="submitted")
    edit.write()
    return card


@transaction.atomic
def scorecard_reopen(*, scorecard: Scorecard, by, via: str = JUDGE, reason: str = "") -> Scorecard:
    """Back to draft. Judges only where the round allows it and while the window is open;
    organizers at any time, with a reason."""
    edit = Edit.of_card(scorecard, None, by=by, via=via, reason=reason.strip())
    card = edit.card
    edit.check_actor()
    if not is_submitted_scorecard(by, card):
        raise ValidationError(_("Only a submitted scorecard can be reopened."))
    perm = "scoring.reopen_own_scorecard" if via == JUDGE else "scoring.reopen_scorecard"
    if not rules.has_perm(perm, by, card):  # what is left to refuse: a round without reopening
        raise ValidationError(_("In this round judges cannot reopen a submitted scorecard."))
    if via != JUDGE and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    card.status, card.submitted_at, card.total = Scorecard.Status.DRAFT, None, None
    edit.record(field=ScoreEvent.Field.STATUS, old="submitted", new="draft")
    edit.write()
    return card
