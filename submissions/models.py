"""What agencies send: agencies, their members, join requests, entries and attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import (
    AgencyKind,
    AttachmentSlot,
    Bilingual,
    Category,
    Contest,
    EntryQuestion,
    FileKind,
)


class Agency(Bilingual):
    Kind = AgencyKind  # defined with the contests, whose categories are open to some kinds

    code = models.CharField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_ko"]


class AgencyMembership(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(
        _("agency admin"), default=False, help_text=_("Can add and remove colleagues.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency membership")
        verbose_name_plural = _("agency memberships")
        ordering = ["agency", "-is_admin", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="unique_agency_member")
        ]

    def __str__(self):
        return f"{self.user} @ {self.agency}"


class JoinRequest(models.Model):
    """A user asks to join an agency, or to register a new one; an organizer decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="join_requests",
        verbose_name=_("agency"),
        help_text=_("Empty when the request registers a new agency."),
    )
    new_agency_name_ko = models.CharField(_("new agency name (Korean)"), max_length=200, blank=True)
    new_agency_name_en = models.CharField(
        _("new agency name (English)"), max_length=200, blank=True
    )
    new_agency_kind = models.CharField(
        _("new agency kind"), max_length=20, choices=Agency.Kind, blank=True
    )
    position = models.CharField(_("department and position"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)
    message = models.TextField(_("message to the organizer"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False) | ~models.Q(new_agency_name_ko=""),
                name="join_request_names_an_agency",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.agency or self.new_agency_name_ko}"


class AgencyInvitation(models.Model):
    """An agency admin invites a colleague by email; only their acceptance makes a membership."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("agency")
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=100)
    is_admin = models.BooleanField(_("agency admin"), default=False)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitation sent by"),
    )
    created_at = models.DateTimeField(_("invitation sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("agency invitation")
        verbose_name_plural = _("agency invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_agency_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.agency}"


class ReceiptSequence(models.Model):
    """The last receipt number handed out in a contest; numbers are never reused."""

    contest = models.OneToOneField(
        Contest, on_delete=models.CASCADE, primary_key=True, related_name="receipt_sequence"
    )
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.contest_id}: {self.last}"


class Entry(models.Model):
    """A case an agency submits to a contest (사례)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("entry status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("entry status", "Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("entry status", "Withdrawn")

    class Eligibility(models.TextChoices):
        PENDING = "pending", _("Not screened yet")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Ineligible")

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="entries", verbose_name=_("contest")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("category")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="entries", verbose_name=_("agency")
    )
    title = models.CharField(_("case title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    # "<year>-<contest id, 3+ digits>-<sequence, 4+ digits>", e.g. 2026-007-0001: unique across
    # every contest (see submissions.services.entries.receipt_number_for)
    receipt_number = models.CharField(
        _("receipt number"), max_length=40, null=True, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    eligibility = models.CharField(
        _("screening"), max_length=10, choices=Eligibility, default=Eligibility.PENDING
    )
    eligibility_reason = models.TextField(_("screening reason"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["contest", "receipt_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_number"],
                condition=models.Q(receipt_number__isnull=False) & ~models.Q(receipt_number=""),
                name="unique_receipt_number",
            )
        ]
        indexes = [models.Index(fields=["contest", "agency", "category", "status"])]

    def __str__(self):
        return f"{self.receipt_number or '—'} {self.title}"


class Answer(models.Model):
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="answers", verbose_name=_("entry")
    )
    question = models.ForeignKey(
        EntryQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.question_id}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random stored name; the uploaded name is kept only in `original_name`."""
    return f"attachments/{instance.entry.contest_id}/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(models.Model):
    Kind = FileKind  # defined with the contests, whose attachment slots accept some only

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("entry")
    )
    # The slot the file fills (사례요약서, 발표자료 …), one file per slot; empty: a free attachment.
    slot = models.ForeignKey(
        AttachmentSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("attachment slot"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5, choices=Kind)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "slot"],
                condition=models.Q(slot__isnull=False),
                name="one_attachment_per_slot",
            )
        ]

    def __str__(self):
        return self.original_name
