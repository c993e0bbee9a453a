"""Results: a finalized round's frozen snapshot, what advanced, and the organizer's decisions.

The numbers themselves are computed by the pure engine (scoring.ranking) from plain inputs; the
models keep what the organizer decided (exclusions, tie decisions, award overrides) and what was
frozen (RoundResult: canonical JSON and its SHA-256 digest).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import AwardTier, Contest, Round
from scoring.models.judging import Judge
from submissions.models import Entry


class Decision(models.Model):
    """Who recorded an organizer's decision, when and why (every decision has a reason)."""

    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True


class RoundResult(Decision):
    """A round's finalized result. Voided (never deleted) when an organizer reopens the round:
    `reason` is an optional note on finalizing, `void_reason` why it was reopened."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="results", verbose_name=_("round")
    )
    snapshot = models.TextField(_("snapshot (canonical JSON)"))
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    judges = models.JSONField(
        _("pseudonyms"), default=dict, blank=True
    )  # "J1" → judge id: private, never in the snapshot; the organizer's pages name judges by it
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )
    void_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(voided_at=None),
                name="one_result_in_force_per_round",
            )
        ]

    def __str__(self):
        return f"{self.round} {self.digest[:12]}"


class Advancement(models.Model):
    """An entry advanced into `round` by a finalized result of the round before it."""

    result = models.ForeignKey(
        RoundResult, on_delete=models.CASCADE, related_name="advancements", verbose_name=_("result")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="advancements", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="advancements", verbose_name=_("entry")
    )

    class Meta:
        verbose_name = _("advancement")
        verbose_name_plural = _("advancements")
        constraints = [
            models.UniqueConstraint(fields=["result", "entry"], name="one_advancement_per_result")
        ]

    def __str__(self):
        return f"{self.entry} → {self.round}"


class ResultExclusion(Decision):
    """An assigned scorecard left out of a round's result (unsubmitted), with the reason."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="exclusions", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="+", verbose_name=_("judge")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )

    class Meta:
        verbose_name = _("excluded scorecard")
        verbose_name_plural = _("excluded scorecards")
        constraints = [
            models.UniqueConstraint(fields=["round", "judge", "entry"], name="one_exclusion")
        ]

    def __str__(self):
        return f"{self.judge} / {self.entry} ({self.round})"


class TieDecision(Decision):
    """The order an organizer chose for entries the tie-break chain could not separate."""

    class Scope(models.TextChoices):
        ROUND = "round", _("Round ranking")
        CONTEST = "contest", _("Final ranking")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="tie_decisions", verbose_name=_("round")
    )
    scope = models.CharField(_("ranking"), max_length=10, choices=Scope, default=Scope.ROUND)
    entries = models.JSONField(_("entries, best first"))  # receipt numbers

    class Meta:
        verbose_name = _("tie decision")
        verbose_name_plural = _("tie decisions")
        ordering = ["at", "id"]

    def __str__(self):
        return " > ".join(self.entries)


class AwardOverride(Decision):
    """An organizer's award for an entry that differs from what the ranking gives (tier None:
    no award)."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="award_overrides", verbose_name=_("contest")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="+", verbose_name=_("entry")
    )
    tier = models.ForeignKey(
        AwardTier,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("award"),
    )

    class Meta:
        verbose_name = _("award override")
        verbose_name_plural = _("award overrides")
        constraints = [
            models.UniqueConstraint(fields=["contest", "entry"], name="one_award_override")
        ]

    def __str__(self):
        return f"{self.entry}: {self.tier or '—'}"
