"""The texts of a scorecard: the overall comment's rules, and the comments on criteria as they
are stored (CriterionComment: one row per commented criterion, none for an empty comment).
Used by scoring.services.scorecard_edit (the one write path)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from scoring.models import Scorecard
from scoring.models.judge_aids import CriterionComment

COMMENT_MAX_LENGTH = 5000


def clean_comment(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def checked_comment(raw: str) -> str:
    """The text as stored; refused (ValidationError) when it is too long."""
    text = clean_comment(raw)
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("At most %(max)d characters (this comment has %(count)d).")
            % {"max": COMMENT_MAX_LENGTH, "count": len(text)},
            code="max_length",
        )
    return text


def stored_ccomments(card: Scorecard | None) -> dict[int, str]:
    """The card's comments on criteria: criterion id → text."""
    if card is None or card.pk is None:
        return {}
    return dict(CriterionComment.objects.filter(scorecard=card).values_list("criterion_id", "text"))


def write_ccomment(card: Scorecard, criterion_id: int, text: str, *, stored: bool) -> None:
    """One statement: the row (`stored`: it exists) updated, created, or deleted (empty text)."""
    rows = CriterionComment.objects.filter(scorecard=card, criterion_id=criterion_id)
    if not text:
        rows.delete()
    elif stored:
        rows.update(text=text)
    else:
        CriterionComment.objects.create(scorecard=card, criterion_id=criterion_id, text=text)
