"""Who judges what: judges, invitations, panels, assignments, conflicts, scorecards, audit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Category, Contest, Criterion, Level, Panel, Round
from submissions.models import Agency, Entry


class Judge(models.Model):
    """A user's judge role in one contest."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="judges", verbose_name=_("contest")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="judge_roles",
        verbose_name=_("user"),
    )
    affiliation = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affiliation"),
        help_text=_("Entries from this agency are never assigned to the judge (제척)."),
    )
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="judges",
        verbose_name=_("expertise categories"),
        help_text=_("Automatic assignment gives the judge entries of these categories."),
    )
    panels = models.ManyToManyField(
        Panel, blank=True, related_name="judges", verbose_name=_("panels")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = ["contest", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="unique_contest_judge")
        ]

    def __str__(self):
        return f"{self.user.name} ({self.contest})"


class JudgeInvitation(models.Model):
    """An emailed invitation to judge a contest; accepting it creates the Judge."""

    contest = models.ForeignKey(
        Contest,
        on_delete=models.CASCADE,
        related_name="judge_invitations",
        verbose_name=_("contest"),
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=100)
    affiliation = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affiliation"),
    )
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    categories = models.ManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("expertise categories")
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    security_pledge_at = models.DateTimeField(_("security pledge signed"), null=True, blank=True)
    conflict_pledge_at = models.DateTimeField(
        _("conflict-of-interest pledge signed"), null=True, blank=True
    )
    pledge_version = models.CharField(_("pledge version"), max_length=20, blank=True)
    judge = models.OneToOneField(
        Judge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("judge"),
    )

    class Meta:
        verbose_name = _("judge invitation")
        verbose_name_plural = _("judge invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "email"], name="one_invitation_per_email")
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Assignment(models.Model):
    """A judge is to score an entry in a round."""

    class Method(models.TextChoices):
        MANUAL = "manual", _("By hand")
        AUTOMATIC = "automatic", _("Automatic")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("judge")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("entry")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method, default=Method.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["round", "judge", "entry"], name="one_assignment")
        ]

    def __str__(self):
        return f"{self.judge} → {self.entry}"


class Conflict(models.Model):
    """A conflict of interest between a judge and an entry (제척 · 기피 · 회피)."""

    class Kind(models.TextChoices):
        EXCLUSION = "exclusion", _("Exclusion (own agency)")
        CHALLENGE = "challenge", _("Challenge (recorded by the organizer)")
        RECUSAL = "recusal", _("Recusal (declared by the judge)")

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("judge")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("entry")
    )

    class Status(models.TextChoices):
        """A recusal declared after scoring started is a request the organizer decides."""

        IN_EFFECT = "in_effect", _("In effect")
        PENDING = "pending", _("Awaiting the organizer's decision")
        REJECTED = "rejected", _("Rejected by the organizer")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.IN_EFFECT, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry", "kind"], name="one_conflict_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.judge} / {self.entry}"


NOT_STARTED = "not_started"


def scorecard_state(status: str | None, version: int | None) -> str:
    """A scorecard's state, the one definition every page, count and result uses:
    "submitted"; "draft" once anything was saved on it (a score, a comment); else "not_started"
    (no scorecard yet, or one opened and never saved on)."""
    if status == Scorecard.Status.SUBMITTED:
        return Scorecard.Status.SUBMITTED.value
    if version:
        return Scorecard.Status.DRAFT.value
    return NOT_STARTED


class Scorecard(models.Model):
    """One judge's scores for one entry in one round (평가표)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("scorecard status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("scorecard status", "Submitted")

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("judge")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("entry")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("Goes up by one with every change.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The sum of the scores, written by scorecard_submit in the same locked transaction and
    # cleared by scorecard_reopen; scores of a submitted scorecard cannot change, so it cannot go
    # stale. Results read these 14,000 totals instead of summing 140,000 scores (issue 8, Speed).
    total = models.DecimalField(
        _("total"), max_digits=9, decimal_places=2, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["round", "entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["round", "judge", "entry"], name="one_scorecard"),
            models.CheckConstraint(
                condition=(
                    models.Q(status="submitted", total__isnull=False)
                    | models.Q(status="draft", total__isnull=True)
                ),
                name="total_exactly_when_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.judge} / {self.entry} ({self.round})"

    @property
    def state(self) -> str:
        return scorecard_state(self.status, self.version)


class Score(models.Model):
    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="scores", verbose_name=_("scorecard")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    level = models.ForeignKey(
        Level,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("level"),
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ScoreEvent(models.Model):
    """Append-only audit of every change to a scorecard: who, when, what, old → new, how."""

    class Field(models.TextChoices):
        SCORE = "score", _("Score")
        COMMENT = "comment", _("Comment")
        STATUS = "status", _("Status")
        CRITERION_COMMENT = "ccomment", _("Comment on a criterion")

    class Via(models.TextChoices):
        JUDGE = "judge", _("Judge")
        ORGANIZER = "organizer", _("Organizer on behalf of the judge")
        IMPORT = "import", _("Excel score import")

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.PROTECT, related_name="events", verbose_name=_("scorecard")
    )
    field = models.CharField(_("field"), max_length=10, choices=Field)
    # No database constraint on `criterion` and `by` (PROTECT still refuses deleting either in
    # Django): PostgreSQL checks a foreign key of an inserted row by locking the referenced row
    # (FOR KEY SHARE), and every autosave of every judge inserted an event naming one of the
    # round's few criteria, so concurrent saves queued on those rows' page and multixacts
    # (bench/RESULTS.md, autosave fourth pass). Events are only ever inserted, through the
    # services, with a criterion of the card's round and the signed-in user; a criterion cannot be
    # deleted once scoring started, and users are deactivated, not deleted.
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
        db_constraint=False,
    )
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)
    via = models.CharField(_("how"), max_length=10, choices=Via, default=Via.JUDGE)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        db_constraint=False,
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.field}: {self.old} → {self.new}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Score events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Score events are append-only")
