"""Objections (이의신청): after the results are published, an agency objects to the outcome of its
own entry within the window the organizer sets; the organizer answers each with a reason.

`ObjectionWindow` is the contest's objection period: it opens when the results are published
(contests.Contest.results_published_at) and closes at `closes_at`. `Objection` is one objection,
numbered per contest (#1, #2 … : the number the audit and the results report name), with what it
concerns, the round it is about (for scores), the text and an optional file; at most one open
objection per entry at a time (the database refuses a second). The answer: dismissed (기각) or
upheld (인용), with the reason, who and when (scoring.services.objections says what upholding
reopens).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Round
from submissions.models import Entry


class ObjectionWindow(models.Model):
    contest = models.OneToOneField(
        Contest, on_delete=models.CASCADE, related_name="objection_window",
        verbose_name=_("contest"),
    )  # fmt: skip
    closes_at = models.DateTimeField(_("objections close"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("set by"),
    )  # fmt: skip
    set_at = models.DateTimeField(_("set"), auto_now=True)

    class Meta:
        verbose_name = _("objection period")
        verbose_name_plural = _("objection periods")

    def __str__(self):
        return f"{self.contest} → {self.closes_at:%Y-%m-%d %H:%M}"


def objection_file_path(instance: "Objection", filename: str) -> str:
    """A random stored name; the uploaded name is kept only in `file_name`."""
    return f"objections/{instance.contest_id}/{uuid.uuid4().hex}.{instance.file_kind}"


class Objection(models.Model):
    class Concern(models.TextChoices):
        SCORES = "scores", pgettext_lazy("objection concern", "Score calculation")
        PROCEDURE = "procedure", pgettext_lazy("objection concern", "Judging procedure")
        ELIGIBILITY = "eligibility", pgettext_lazy("objection concern", "Eligibility screening")
        OTHER = "other", pgettext_lazy("objection concern", "Other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("objection status", "Under review")
        DISMISSED = "dismissed", pgettext_lazy("objection status", "Dismissed")
        UPHELD = "upheld", pgettext_lazy("objection status", "Upheld")

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="objections", verbose_name=_("contest")
    )
    number = models.PositiveIntegerField(_("objection number"))
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="objections", verbose_name=_("entry")
    )
    concern = models.CharField(_("concerns"), max_length=12, choices=Concern)
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("round"),
    )  # fmt: skip
    text = models.TextField(_("objection"))
    file = models.FileField(_("file"), upload_to=objection_file_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_kind = models.CharField(_("file type"), max_length=5, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("filed by"),
    )  # fmt: skip
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="one_objection_number"),
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(status="open"), name="one_open_objection"
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.entry}"
