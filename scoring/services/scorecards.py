"""Every write to a scorecard: scores, comment, submit, reopen. Each real change bumps the
scorecard's version and appends a ScoreEvent; a save that carries an old version is refused.

`via` says who acts: the judge themself, an organizer on the judge's behalf (a signed paper
sheet), or an import. Judges act only on their own assigned scorecards inside the round's window;
organizers act on scorecards of contests they manage, at any time, and must give a reason to reopen.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from contests.models import Criterion, Level, Round
from scoring.aggregation import ScoreValueError, is_complete, judge_total, parse_score
from scoring.models import Judge, RoundResult, Score, Scorecard, ScoreEvent
from scoring.rules import is_submitted_scorecard, window_open
from scoring.selectors.judge import may_score
from submissions.models import Entry

JUDGE = ScoreEvent.Via.JUDGE
COMMENT_MAX_LENGTH = 5000


class StaleScorecard(Exception):
    """The save carried an older version than the stored one; nothing was changed."""

    def __init__(self, scorecard: Scorecard):
        super().__init__(f"scorecard {scorecard.pk} is at version {scorecard.version}")
        self.scorecard = scorecard


class FieldConflict(StaleScorecard):
    """A field-level save whose `base` (the value the page last knew) is no longer the stored one:
    someone else saved this field meanwhile. Nothing was changed; `stored` is the stored text."""

    def __init__(self, scorecard: Scorecard, stored: str):
        super().__init__(scorecard)
        self.stored = stored


EMPTY_SCORE_CODE = "empty"


def empty_score_message() -> str:
    return _(
        "The box is empty, so the saved score was kept. "
        "To remove the score, use “Remove this score”."
    )


@dataclass(frozen=True)
class Saved:
    scorecard: Scorecard
    changed: bool


def score_error_message(code: str, criterion: Criterion) -> str:
    messages = {
        "number": _("Enter a number."),
        "negative": _("A score cannot be negative."),
        "max": _("At most %(max)s points.") % {"max": _points(criterion.max_points)},
        "step": _("Use steps of %(step)s points.") % {"step": _points(criterion.step)},
    }
    return messages[code]


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}"


def is_assigned(judge: Judge, entry: Entry, round_: Round) -> bool:
    """Assigned, and the judge's own pages would show it: the entry is still in the running and
    no conflict (own agency, recusal, challenge) closes it. One definition with the pages."""
    return may_score(judge, entry, round_)


def _check_actor(scorecard: Scorecard, by, via: str) -> None:
    if RoundResult.objects.filter(round_id=scorecard.round_id, voided_at=None).exists():
        raise ValidationError(
            _("This round's result is finalized: scores can change only after an organizer "
              "reopens the round with a reason."),
            code="finalized",
        )  # fmt: skip
    if via == JUDGE:
        if scorecard.judge.user_id != by.pk:
            raise PermissionDenied(_("This scorecard belongs to another judge."))
        if not is_assigned(scorecard.judge, scorecard.entry, scorecard.round):
            raise PermissionDenied(_("This entry is no longer assigned to you."))
        if not window_open(scorecard.round):
            raise ValidationError(_("The scoring window of this round is closed."), code="closed")
    elif not rules.has_perm("contests.manage_contest", by, scorecard.round.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))


def _locked(scorecard: Scorecard, version: int | None) -> Scorecard:
    card = (
        Scorecard.objects.select_for_update()
        .select_related("round__contest", "judge", "entry")
        .get(pk=scorecard.pk)
    )
    if version is not None and version != card.version:
        raise StaleScorecard(card)
    return card


def _bump(card: Scorecard, by, via, *, field, old="", new="", criterion=None, reason=""):
    card.version += 1
    card.save()
    ScoreEvent.objects.create(
        scorecard=card, field=field, criterion=criterion, old=old, new=new, via=via,
        reason=reason, by=by,
    )  # fmt: skip
    Round.objects.filter(pk=card.round_id, scoring_started_at=None).update(
        scoring_started_at=timezone.now()
    )


@transaction.atomic
def scorecard_open(*, round_: Round, judge: Judge, entry: Entry) -> Scorecard:
    """The judge's scorecard for an assigned entry, created empty the first time."""
    if not is_assigned(judge, entry, round_):
        raise PermissionDenied(_("This entry is not assigned to you."))
    card, _created = Scorecard.objects.get_or_create(round=round_, judge=judge, entry=entry)
    return card


def _as_points(text: str) -> str:
    """A score as the page shows it ("" for none), for comparing with what a page knew."""
    text = str(text).strip()
    try:
        value = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        return text
    if not value.is_finite():
        return text
    return _points(abs(value) if value == 0 else value)


def _clean_comment(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


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
    card = _locked(scorecard, version)
    _check_actor(card, by, via)
    if card.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This scorecard is submitted; reopen it to change it."))
    criterion = Criterion.objects.filter(pk=criterion_id, round_id=card.round_id).first()
    if criterion is None:
        raise ValidationError(_("This criterion is not part of this round's rubric."))
    level = None
    if level_id is not None:
        level = Level.objects.filter(pk=level_id, criterion=criterion).first()
        if level is None:
            raise ValidationError(_("Choose one of this criterion's levels."))
        raw = str(level.points)
    existing = Score.objects.filter(scorecard=card, criterion=criterion).first()
    old = _points(existing.value) if existing else ""
    value = None
    if str(raw).strip() == "":
        if existing is not None and not clear:
            raise ValidationError(empty_score_message(), code=EMPTY_SCORE_CODE)
    else:
        try:
            value = parse_score(raw, max_points=criterion.max_points, step=criterion.step)
        except ScoreValueError as error:
            raise ValidationError(
                score_error_message(error.code, criterion), code=error.code
            ) from None
    new = "" if value is None else _points(value)
    if new != old and base is not None and _as_points(base) != old:
        raise FieldConflict(card, old)
    if value is None:
        if existing is None:
            return Saved(card, changed=False)
        existing.delete()
        _bump(card, by, via, field="score", old=old, new="", criterion=criterion, reason=reason)
        return Saved(card, changed=True)
    Score.objects.update_or_create(
        scorecard=card, criterion=criterion, defaults={"value": value, "level": level}
    )
    if new == old:  # the same points (perhaps through another level label): no change
        return Saved(card, changed=False)
    _bump(card, by, via, field="score", old=old, new=new, criterion=criterion, reason=reason)
    return Saved(card, changed=True)


@transaction.atomic
def comment_save(
    *, scorecard: Scorecard, text: str, version: int | None, by, via: str = JUDGE,
    reason: str = "", base: str | None = None,
) -> Saved:  # fmt: skip
    """Set the comment. With `base` (the text the page last knew), a stored comment that is
    neither `base` nor the new text is somebody else's newer text: FieldConflict, nothing saved."""
    card = _locked(scorecard, version)
    _check_actor(card, by, via)
    if card.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This scorecard is submitted; reopen it to change it."))
    text = _clean_comment(text)
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("At most %(max)d characters (this comment has %(count)d).")
            % {"max": COMMENT_MAX_LENGTH, "count": len(text)},
            code="max_length",
        )
    if text == card.comment:
        return Saved(card, changed=False)
    if base is not None and _clean_comment(base) != card.comment:
        raise FieldConflict(card, card.comment)
    old, card.comment = card.comment, text
    _bump(card, by, via, field="comment", old=old, new=text, reason=reason)
    return Saved(card, changed=True)


def scorecard_scores(card: Scorecard) -> dict[int, Decimal]:
    return dict(Score.objects.filter(scorecard=card).values_list("criterion_id", "value"))


@transaction.atomic
def scorecard_submit(
    *, scorecard: Scorecard, version: int | None, by, via: str = JUDGE, reason: str = ""
) -> Scorecard:
    """Lock the scorecard; every criterion of the round must have a score."""
    card = _locked(scorecard, version)
    _check_actor(card, by, via)
    if card.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This scorecard is already submitted."))
    criteria = set(Criterion.objects.filter(round_id=card.round_id).values_list("pk", flat=True))
    scores = scorecard_scores(card)
    if not is_complete(scores, criteria):
        raise ValidationError(_("Score every criterion before submitting."), code="incomplete")
    card.status, card.submitted_at = Scorecard.Status.SUBMITTED, timezone.now()
    card.total = judge_total(scores)
    _bump(card, by, via, field="status", old="draft", new="submitted", reason=reason)
    return card


@transaction.atomic
def scorecard_reopen(*, scorecard: Scorecard, by, via: str = JUDGE, reason: str = "") -> Scorecard:
    """Back to draft. Judges only where the round allows it and while the window is open;
    organizers at any time, with a reason."""
    card = _locked(scorecard, None)
    _check_actor(card, by, via)
    if not is_submitted_scorecard(by, card):
        raise ValidationError(_("Only a submitted scorecard can be reopened."))
    perm = "scoring.reopen_own_scorecard" if via == JUDGE else "scoring.reopen_scorecard"
    if not rules.has_perm(perm, by, card):  # what is left to refuse: a round without reopening
        raise ValidationError(_("In this round judges cannot reopen a submitted scorecard."))
    if via != JUDGE and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    card.status, card.submitted_at, card.total = Scorecard.Status.DRAFT, None, None
    _bump(card, by, via, field="status", old="submitted", new="draft", reason=reason.strip())
    return card


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
    """Save each criterion value (criterion id → raw text) and the comment (None: leave it), then
    submit when asked. All or nothing; only real changes bump the version and are audited."""
    result = Filled(scorecard=scorecard)
    for criterion_id, raw in values.items():
        saved = score_save(
            scorecard=result.scorecard, criterion_id=criterion_id, raw=raw, version=version,
            by=by, via=via, reason=reason, clear=not str(raw).strip(),
        )  # fmt: skip
        result.scorecard, version = saved.scorecard, saved.scorecard.version
        result.changed += saved.changed
        result.unchanged += not saved.changed
    if comment is not None:
        saved = comment_save(
            scorecard=result.scorecard, text=comment, version=version, by=by, via=via,
            reason=reason,
        )  # fmt: skip
        result.scorecard, version = saved.scorecard, saved.scorecard.version
        result.changed += saved.changed
    if submit:
        result.scorecard = scorecard_submit(
            scorecard=result.scorecard, version=version, by=by, via=via, reason=reason
        )
    return result
