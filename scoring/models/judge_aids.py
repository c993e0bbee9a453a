"""What a judge keeps beside the scores: a comment per criterion (when the round asks for it),
private notes per entry that only the judge reads, and the notices already sent to a judge."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Criterion, Round
from scoring.models.judging import Judge, Scorecard
from submissions.models import Entry


class CriterionComment(models.Model):
    """The judge's comment on one criterion of a scorecard (rounds with `criterion_comments`)."""

    scorecard = models.ForeignKey(
        Scorecard,
        on_delete=models.CASCADE,
        related_name="criterion_comments",
        verbose_name=_("scorecard"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment on a criterion")
        verbose_name_plural = _("comments on criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="one_comment_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.text[:40]}"


class PrivateNote(models.Model):
    """A judge's own note on an entry: never shown to organizers, never in a report."""

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="notes", verbose_name=_("judge")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )
    text = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="one_note_per_judge_entry")
        ]

    def __str__(self):
        return f"{self.judge_id}/{self.entry_id}"


class JudgeNotice(models.Model):
    """A notice sent once to a judge about a round (e.g. the window closes within 24 hours)."""

    class Kind(models.TextChoices):
        CLOSING_SOON = "closing", _("Scoring closes within 24 hours")

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="notices", verbose_name=_("judge")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="+", verbose_name=_("round")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice to a judge")
        verbose_name_plural = _("notices to judges")
        constraints = [
            models.UniqueConstraint(fields=["judge", "round", "kind"], name="one_notice_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} {self.judge_id}/{self.round_id}"
