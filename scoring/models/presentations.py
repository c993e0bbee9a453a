"""The 2차 발표심사 (on-site presentation round): its schedule and the agencies' slides.

- `PresentationSchedule`: one per round; the slides deadline and when the schedule was last
  published (agencies and judges see it only from then).
- `PresentationSlot`: one per entry in the schedule: order, start and end, room. The organizer
  edits the working values (`order`, `starts_at`, `ends_at`, `room`); agencies and judges read the
  values as last published (`published_*`, empty until then). Publishing copies the working
  values of the changed slots and emails only the people those slots concern
  (scoring.services.presentations). Clash rules (same room at overlapping times, an entry or an
  order number twice) are checked by `scoring.services.presentations.schedule_clashes`.
- `PresentationSlides`: the 발표자료 an advanced entry's agency uploads for the round, one file per
  entry (a new upload replaces it until the deadline).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Round
from submissions.models import Entry


class PresentationSchedule(models.Model):
    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="presentation_schedule",
        verbose_name=_("round"),
    )  # fmt: skip
    slides_deadline = models.DateTimeField(_("slides deadline"), null=True, blank=True)
    published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("published by"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("presentation schedule")
        verbose_name_plural = _("presentation schedules")

    def __str__(self):
        return str(self.round)


class PresentationSlot(models.Model):
    schedule = models.ForeignKey(
        PresentationSchedule, on_delete=models.CASCADE, related_name="slots",
        verbose_name=_("presentation schedule"),
    )  # fmt: skip
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="presentation_slots", verbose_name=_("entry")
    )
    order = models.PositiveIntegerField(_("order"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200)
    published_order = models.PositiveIntegerField(_("published order"), null=True, blank=True)
    published_starts_at = models.DateTimeField(_("published start"), null=True, blank=True)
    published_ends_at = models.DateTimeField(_("published end"), null=True, blank=True)
    published_room = models.CharField(_("published room"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        ordering = ["order", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "entry"], name="presentation_slot_entry_once"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="presentation_slot_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.entry}"

    @property
    def is_published(self) -> bool:
        return self.published_starts_at is not None

    @property
    def changed(self) -> bool:
        """The working values differ from what agencies and judges were shown (or never were)."""
        return (
            self.published_order,
            self.published_starts_at,
            self.published_ends_at,
            self.published_room,
        ) != (self.order, self.starts_at, self.ends_at, self.room)


def slides_path(instance: "PresentationSlides", filename: str) -> str:
    """A random stored name: the uploaded name (which may carry the agency's) is kept apart."""
    return f"presentations/{instance.round_id}/{uuid.uuid4().hex}.{instance.kind}"


class PresentationSlides(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="presentation_slides",
        verbose_name=_("round"),
    )  # fmt: skip
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="presentation_slides",
        verbose_name=_("entry"),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=slides_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("presentation slides")
        verbose_name_plural = _("presentation slides")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="presentation_slides_once")
        ]

    def __str__(self):
        return self.original_name
