"""What is judged and how: contests, categories, rounds, panels, rubrics, awards, questions."""

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """The kinds of agency (submissions.Agency.kind); categories may be open to some only."""

    CENTRAL = "central", _("Central government agency")
    METROPOLITAN = "metropolitan", _("Metropolitan government")
    LOCAL = "local", _("Local government")
    EDUCATION = "education", _("Office of education")
    PUBLIC = "public", _("Public institution")
    OTHER = "other", _("Other")


class FileKind(models.TextChoices):
    """The file types an upload may be (submissions.Attachment.Kind; submissions.services.filetypes
    tells them from the content); an attachment slot may accept some only."""

    PDF = "pdf", "PDF"
    HWP = "hwp", "HWP"
    HWPX = "hwpx", "HWPX"
    DOCX = "docx", "DOCX"
    PPTX = "pptx", "PPTX"
    XLSX = "xlsx", "XLSX"
    PNG = "png", "PNG"
    JPG = "jpg", "JPG"


def validate_agency_kinds(value) -> None:
    if not isinstance(value, list) or any(kind not in AgencyKind.values for kind in value):
        raise ValidationError(_("Choose agency kinds from the list."), code="invalid_kind")


class Bilingual(models.Model):
    """Korean and English names; `name` follows the active language, falling back to Korean."""

    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "ko").startswith("en") and self.name_en:
            return self.name_en
        return self.name_ko


class Ordered(models.Model):
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class Contest(Bilingual):
    class Rounding(models.TextChoices):
        HALF_UP = ROUND_HALF_UP, _("Round half up (사사오입)")
        HALF_EVEN = ROUND_HALF_EVEN, _("Round half to even")

    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.TextField(_("description"), blank=True)
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organized_contests", verbose_name=_("organizers")
    )
    submission_opens_at = models.DateTimeField(_("submission opens"))
    submission_closes_at = models.DateTimeField(_("submission closes"))
    blind_judging = models.BooleanField(
        _("blind judging"), default=True, help_text=_("Hide the agency's name from judges.")
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Agencies can see a published contest.")
    )
    max_entries_per_agency = models.PositiveIntegerField(
        _("entries per agency per category"), default=3, validators=[MinValueValidator(1)]
    )
    attachment_max_file_mb = models.PositiveIntegerField(
        _("largest attachment (MB)"), default=20, validators=[MinValueValidator(1)]
    )
    attachment_max_total_mb = models.PositiveIntegerField(
        _("attachments per entry, in all (MB)"), default=50, validators=[MinValueValidator(1)]
    )
    max_attachments_per_entry = models.PositiveIntegerField(
        _("attachments per entry (files)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    rounding = models.CharField(
        _("rounding rule"), max_length=20, choices=Rounding, default=Rounding.HALF_UP
    )
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places shown"), default=2, validators=[MaxValueValidator(4)]
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True, editable=False
    )
    publish_scores = models.BooleanField(
        _("publish scores"),
        default=False,
        db_default=False,
        help_text=_("Show scores on the public results page, not only the winners."),
    )
    publish_ranks = models.BooleanField(
        _("tell agencies their rank"),
        default=True,
        db_default=True,
        help_text=_("Each agency sees its own entry's rank with its result."),
    )
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="+", verbose_name=_("results published by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submission_opens_at__lt=models.F("submission_closes_at")),
                name="contest_submission_window_ordered",
            )
        ]

    @property
    def submission_is_open(self) -> bool:
        return self.submission_opens_at <= timezone.now() < self.submission_closes_at


class Category(Bilingual, Ordered):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="categories", verbose_name=_("contest")
    )
    description = models.TextField(_("description"), blank=True)
    agency_kinds = models.JSONField(
        _("open to"),
        default=list,
        blank=True,
        validators=[validate_agency_kinds],
        help_text=_("The kinds of agency that may enter this category; none ticked: every kind."),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def is_open_to(self, kind: str) -> bool:
        """May an agency of this kind enter? A category with no kinds ticked is open to all."""
        return not self.agency_kinds or kind in self.agency_kinds

    def is_open_to_any(self, kinds) -> bool:
        return any(self.is_open_to(kind) for kind in kinds)

    @property
    def agency_kind_labels(self) -> list[str]:
        """The names of the kinds it is open to, in the list's order (empty: every kind)."""
        return [str(label) for value, label in AgencyKind.choices if value in self.agency_kinds]


class Round(Bilingual, Ordered):
    class Method(models.TextChoices):
        MEAN = "mean", _("Mean")
        TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (drop highest and lowest)")
        MEDIAN = "median", _("Median")
        ZSCORE = "zscore", _("Mean of per-judge z-scores")

    class Advancement(models.TextChoices):
        NONE = "none", _("No advancement (final round)")
        TOP_N = "top_n", _("Top N per category")
        CUTOFF = "cutoff", _("Score cut-off")

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("contest")
    )
    opens_at = models.DateTimeField(_("scoring opens"))
    closes_at = models.DateTimeField(_("scoring closes"))
    judges_per_entry = models.PositiveSmallIntegerField(
        _("judges per entry"), default=5, validators=[MinValueValidator(1)]
    )
    method = models.CharField(
        _("aggregation method"), max_length=20, choices=Method, default=Method.TRIMMED_MEAN
    )
    trim_count = models.PositiveSmallIntegerField(
        _("scores dropped at each end"),
        default=1,
        help_text=_(
            "For the trimmed mean: exactly this many highest and lowest totals are dropped."
        ),
    )
    weight = models.DecimalField(
        _("weight in final score (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    advancement = models.CharField(
        _("advancement rule"), max_length=10, choices=Advancement, default=Advancement.NONE
    )
    advancement_value = models.DecimalField(
        _("advancement value"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("N for top N per category, or the minimum score for a cut-off."),
    )
    allow_reopen = models.BooleanField(
        _("judges may reopen their own scorecards"),
        default=True,
        help_text=_("Until the scoring window closes."),
    )
    criterion_comments = models.BooleanField(
        _("ask for a comment on each criterion"),
        default=False,
        help_text=_("Judges may then comment on each criterion as well as on the whole entry."),
    )
    scoring_started_at = models.DateTimeField(
        _("scoring started"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the first score is saved; the rubric is locked from then on."),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="round_window_ordered",
            )
        ]

    @property
    def rubric_locked(self) -> bool:
        return self.scoring_started_at is not None


class Panel(Bilingual, Ordered):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="panels", verbose_name=_("round")
    )
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta(Ordered.Meta):
        verbose_name = _("panel")
        verbose_name_plural = _("panels")


class Criterion(Bilingual, Ordered):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    description = models.TextField(_("description"), blank=True)
    max_points = models.DecimalField(
        _("max points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    step = models.DecimalField(
        _("step"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta(Ordered.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class Level(Ordered):
    """An optional level descriptor of a criterion, e.g. 매우우수 = 30 points."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="levels", verbose_name=_("criterion")
    )
    label = models.CharField(_("label"), max_length=50)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return f"{self.label} ({self.points})"


class AwardTier(Bilingual, Ordered):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="award_tiers", verbose_name=_("contest")
    )
    count = models.PositiveSmallIntegerField(_("number of awards"), default=1)
    prize = models.CharField(_("prize"), max_length=200, blank=True)
    per_category = models.BooleanField(
        _("per category"),
        default=False,
        db_default=False,
        help_text=_("Award this many in each category; unticked: this many overall."),
    )

    class Meta(Ordered.Meta):
        verbose_name = _("award tier")
        verbose_name_plural = _("award tiers")


class TieBreakRule(Ordered):
    """One step of the contest's ordered tie-break chain (동점자 처리): the first step that
    separates tied entries decides; what no step separates stays a shared rank."""

    class Kind(models.TextChoices):
        CRITERION = "criterion", _("Higher average on a criterion")
        ROUND = "round", _("Higher score in another round")
        PANEL = "panel", _("Higher score of a panel")
        UNTRIMMED = "untrimmed", _("Higher untrimmed mean")
        FIRST_PLACES = "first_places", _("More judges' first places")

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="tie_breaks", verbose_name=_("contest")
    )
    kind = models.CharField(_("rule"), max_length=20, choices=Kind)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("criterion"),
    )  # fmt: skip
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("round"),
    )  # fmt: skip
    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("panel"),
    )  # fmt: skip

    class Meta(Ordered.Meta):
        verbose_name = _("tie-break rule")
        verbose_name_plural = _("tie-break rules")

    def __str__(self):
        target = self.criterion or self.round or self.panel
        return f"{self.get_kind_display()}: {target}" if target else self.get_kind_display()


class EntryQuestion(Ordered):
    """A section agencies fill in, e.g. 추진배경, with guidance and a length limit."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="questions", verbose_name=_("contest")
    )
    label_ko = models.CharField(_("label (Korean)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    max_length = models.PositiveIntegerField(
        _("maximum length (characters)"), default=2000, validators=[MinValueValidator(1)]
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta(Ordered.Meta):
        verbose_name = _("entry question")
        verbose_name_plural = _("entry questions")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "ko").startswith("en") and self.label_en:
            return self.label_en
        return self.label_ko


# Defined in its own module (this one is long enough); imported here so Django finds it.
from contests.publication import PublicationEvent  # noqa: E402, F401

# Attachment slots and downloadable documents (issue 11, item 4): contests/requirements.py.
from contests.requirements import AttachmentSlot, ContestDocument  # noqa: E402, F401
