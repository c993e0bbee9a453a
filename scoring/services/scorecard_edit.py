"""The one way a scorecard's scores and comment change (scoring.services.scorecards uses it
for every save): an `Edit` locks the card, reads once what the changes need, checks and
applies each change in memory, then `write()` stores the result.

Reads of a judge's autosave (scoring.services.scorecards.field_save), in one transaction
(scoring.services.scorecard_reads): the judge's own card with its round, contest and judge,
locked (SELECT … FOR UPDATE OF the card alone, not its round: saves of different cards never wait
for each other; a stranger has no card to lock, and a card not saved yet is made from the
assignment in effect); then, in a statement of its own after the lock, the card's scores with
the two checks that must see what committed meanwhile: is the round's result finalized, is the
card's assignment still in effect (scoring.selectors.in_effect.card_in_effect); the criterion
changed, with its levels, unless its round's rubric is locked and this process read it already.
Writes: the card once, each changed score, the audit events, and the round's "scoring started"
mark the first time; on PostgreSQL the card, the scores and the events are one statement.

Speed (bench/load_autosave.py): the reads' SQL is compiled once per process and the writes' SQL
made once (config.compiled), since building the in-effect condition cost more than running it.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.compiled import Batch, insert_rows, pipelined, update_row
from contests.models import Criterion, Round
from scoring.aggregation import ScoreValueError, parse_score
from scoring.models import Score, Scorecard, ScoreEvent
from scoring.rules import window_open
from scoring.services.scorecard_comments import (
    checked_comment,
    clean_comment,
    stored_ccomments,
    write_ccomment,
)
from scoring.services.scorecard_reads import (
    criteria_of,
    fresh_card,
    lock_card,
    lock_own_card,
    read_locked,
)

JUDGE = ScoreEvent.Via.JUDGE
EMPTY_SCORE_CODE = "empty"


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


class NotAssigned(PermissionDenied):
    """The judge has no assignment in effect for this scorecard (the judge's pages answer 404)."""


class CardTaken(Exception):
    """The first save of a card met the same card created meanwhile (another window)."""


@dataclass(frozen=True)
class Change:
    """One field to save. A criterion's score: `raw` as typed, or `level_id` (a chosen level:
    its points are the score; `by_level` with level_id None: the value named no level), `clear`
    to remove it on purpose. With `criterion_id` None, the comment (`raw` is its text). `base`:
    the value the page last knew for the field (autosave; None: not compared). With
    `on_criterion`, the comment on the criterion `criterion_id` (`raw` its text; empty: none)."""

    criterion_id: int | None
    raw: str = ""
    level_id: int | None = None
    by_level: bool = False
    clear: bool = False
    base: str | None = None
    on_criterion: bool = False


def empty_score_message() -> str:
    return _(
        "The box is empty, so the saved score was kept. "
        "To remove the score, use “Remove this score”."
    )


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


# What `write` stores of a card and of an event (the SQL made once: config.compiled).
_CARD_FIELDS = ["status", "comment", "version", "submitted_at", "total", "updated_at"]
_EVENT_FIELDS = [f.name for f in ScoreEvent._meta.concrete_fields if not f.primary_key]


class Edit:
    """One scorecard locked for the transaction, its criteria (those asked about) and scores
    read once; `apply` checks one change and makes it in memory, `write` stores them all."""

    def __init__(self, card, scores, criteria, *, by, via=JUDGE, reason=""):
        self.card, self.by, self.via, self.reason = card, by, via, reason
        self.criteria: dict[int, Criterion] = criteria
        self.scores: dict[int, Score] = scores
        self.events: list[ScoreEvent] = []
        self._created: list[Score] = []
        self._updated: list[Score] = []
        self._deleted: list[Score] = []
        # The comments on criteria: criterion id → text (None: not read yet), and those to write.
        self.ccomments: dict[int, str] | None = getattr(card, "ccomments", None)
        self._all_ccomments = card.pk is None  # a card not saved yet has none
        self._ccomment_writes: dict[int, tuple[str, bool]] = {}

    @classmethod
    def of_card(cls, scorecard, version, *, by, via=JUDGE, reason="", criterion_ids=()) -> "Edit":
        """Lock `scorecard`; StaleScorecard when `version` is given and is not the stored one.
        `criterion_ids`: the criteria the changes name (None: the whole rubric)."""
        card = lock_card(pk=scorecard.pk)
        if card is None:
            raise Scorecard.DoesNotExist
        scores = read_locked(card)
        if version is not None and version != card.version:
            raise StaleScorecard(card)
        criteria = criteria_of(card.round, criterion_ids)
        return cls(card, scores, criteria, by=by, via=via, reason=reason)

    @classmethod
    def of_judge(
        cls, by, round_id: int, entry_id: int, *, criterion_ids=None, comment_of=None
    ) -> "Edit":
        """The signed-in judge's own card of the entry in the round, locked (not saved yet when
        nothing was ever saved on it); NotAssigned without an assignment in effect (a stranger
        has no card of their own to lock). `criterion_ids`: the criteria the change names (None:
        the whole rubric is read). `comment_of`: the criterion whose comment is changed (read
        with the scores)."""
        card, scores = lock_own_card(by.pk, round_id, entry_id, comment_of)
        if card is None:
            card = fresh_card(by, round_id, entry_id)
            if card is None:
                raise NotAssigned(_("This entry is not assigned to you."))
            card.ccomments = {}
        elif not card.assigned:
            raise NotAssigned(_("This entry is not assigned to you."))
        return cls(card, scores, criteria_of(card.round, criterion_ids), by=by)

    def check_actor(self) -> None:
        card, by = self.card, self.by
        if card.finalized:
            raise ValidationError(
                _("This round's result is finalized: scores can change only after an organizer "
                  "reopens the round with a reason."),
                code="finalized",
            )  # fmt: skip
        if self.via == JUDGE:
            if card.judge.user_id != by.pk:
                raise PermissionDenied(_("This scorecard belongs to another judge."))
            if not card.assigned:
                raise NotAssigned(_("This entry is no longer assigned to you."))
            if not window_open(card.round):
                raise ValidationError(
                    _("The scoring window of this round is closed."), code="closed"
                )
        elif not rules.has_perm("contests.manage_contest", by, card.round.contest):
            raise PermissionDenied(_("Only the contest's organizers can do this."))

    def apply(self, change: Change) -> bool:
        """Check and make one change; True when something changed (a version and an event)."""
        if change.by_level and change.level_id is None:
            raise ValidationError(_("Choose one of this criterion's levels."))
        self.check_actor()
        if self.card.status == Scorecard.Status.SUBMITTED:
            raise ValidationError(_("This scorecard is submitted; reopen it to change it."))
        if change.criterion_id is None:
            return self._comment(change)
        if change.on_criterion:
            return self._criterion_comment(change)
        return self._score(change)

    def _criterion_comment(self, change: Change) -> bool:
        """The judge's comment on one criterion (rounds with `criterion_comments`)."""
        criterion = self.criteria.get(change.criterion_id)
        if criterion is None:
            raise ValidationError(_("This criterion is not part of this round's rubric."))
        if not self.card.round.criterion_comments:
            raise ValidationError(_("This round does not ask for comments on each criterion."))
        text = checked_comment(change.raw)
        if not self._all_ccomments and criterion.pk not in (self.ccomments or {}):
            self.ccomments, self._all_ccomments = stored_ccomments(self.card), True
        old = self.ccomments.get(criterion.pk, "")
        if text == old:
            return False
        if change.base is not None and clean_comment(change.base) != old:
            raise FieldConflict(self.card, old)
        self.ccomments[criterion.pk] = text
        self._ccomment_writes[criterion.pk] = (text, bool(old))
        self.record(
            field=ScoreEvent.Field.CRITERION_COMMENT, old=old, new=text, criterion=criterion
        )
        return True

    def _score(self, change: Change) -> bool:
        criterion = self.criteria.get(change.criterion_id)
        if criterion is None:
            raise ValidationError(_("This criterion is not part of this round's rubric."))
        raw, level = change.raw, None
        if change.level_id is not None:
            level = next((lv for lv in criterion.level_list if lv.pk == change.level_id), None)
            if level is None:
                raise ValidationError(_("Choose one of this criterion's levels."))
            raw = str(level.points)
        existing = self.scores.get(criterion.pk)
        old = _points(existing.value) if existing else ""
        value = None
        if str(raw).strip() == "":
            if existing is not None and not change.clear:
                raise ValidationError(empty_score_message(), code=EMPTY_SCORE_CODE)
        else:
            try:
                value = parse_score(raw, max_points=criterion.max_points, step=criterion.step)
            except ScoreValueError as error:
                raise ValidationError(
                    score_error_message(error.code, criterion), code=error.code
                ) from None
        new = "" if value is None else _points(value)
        if new != old and change.base is not None and _as_points(change.base) != old:
            raise FieldConflict(self.card, old)
        if value is None:
            if existing is None:
                return False
            del self.scores[criterion.pk]
            self._deleted.append(existing)
        else:
            self._store(criterion, existing, value, level)
        if new == old:  # the same points (perhaps through another level label): no change
            return False
        self.record(field=ScoreEvent.Field.SCORE, old=old, new=new, criterion=criterion)
        return True

    def _store(self, criterion, existing: Score | None, value: Decimal, level) -> None:
        """The value and the level it was chosen by (None: typed) become the stored score."""
        if existing is None:
            score = Score(scorecard=self.card, criterion=criterion, value=value, level=level)
            self.scores[criterion.pk] = score
            self._created.append(score)
        elif existing.value != value or existing.level_id != (level.pk if level else None):
            existing.value, existing.level = value, level
            if existing.pk is not None and existing not in self._updated:
                self._updated.append(existing)

    def _comment(self, change: Change) -> bool:
        card, text = self.card, checked_comment(change.raw)
        if text == card.comment:
            return False
        if change.base is not None and clean_comment(change.base) != card.comment:
            raise FieldConflict(card, card.comment)
        old, card.comment = card.comment, text
        self.record(field=ScoreEvent.Field.COMMENT, old=old, new=text)
        return True

    def record(self, *, field: str, old: str, new: str, criterion=None) -> None:
        """One change: the card's version goes up by one and the audit trail gets its event."""
        self.card.version += 1
        event = ScoreEvent(
            scorecard=self.card, field=field, criterion=criterion, old=old, new=new,
            via=self.via, reason=self.reason, by=self.by,
        )  # fmt: skip
        self.events.append(event)

    def write(self) -> None:
        """Store what `apply`/`record` changed: the card (created by its first change; CardTaken
        when another window created it meanwhile), the scores, the events. The writes to a card
        that exists go out together (config.compiled: the card, its changed scores and the
        events as one statement on PostgreSQL, in the pipeline of the transaction)."""
        card = self.card
        if self.events and card.pk is None:
            try:
                with transaction.atomic():
                    card.save(force_insert=True)
            except IntegrityError:
                raise CardTaken from None
            self._write_rest(card_saved=True)
        else:
            with pipelined():
                self._write_rest(card_saved=False)
        if self.events:
            _mark_started(card.round)

    def _write_rest(self, *, card_saved: bool) -> None:
        card, batch = self.card, Batch()
        for score in self._deleted:
            Score.objects.filter(pk=score.pk).delete()
        if self._created:
            Score.objects.bulk_create(self._created)
        for criterion_id, (text, stored) in self._ccomment_writes.items():
            write_ccomment(card, criterion_id, text, stored=stored)
        # The card, the changed scores and the events: one statement on PostgreSQL.
        if self.events and not card_saved:
            update_row(card, _CARD_FIELDS, batch)  # as card.save(): every field, updated_at now
        for score in self._updated:
            update_row(score, ["value", "level"], batch)
        if self.events:
            insert_rows(self.events, _EVENT_FIELDS, batch)
        batch.send()


def _mark_started(round_: Round) -> None:
    """The round's first change ever: scoring started (the rubric is locked from then on)."""
    if round_.scoring_started_at is None:
        now = timezone.now()
        Round.objects.filter(pk=round_.pk, scoring_started_at=None).update(scoring_started_at=now)
        round_.scoring_started_at = now
