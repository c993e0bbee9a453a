"""What a contest asks agencies to attach and what it hands them (issue 11, item 4).

- `AttachmentSlot`: a file every entry may (or must) carry, e.g. 사례요약서 (PDF only, 10 MB) or
  발표자료; it limits the file's types and size. An entry holds at most one file per slot; its
  other files stay free attachments (submissions.Attachment.slot is empty).
- `ContestDocument`: a file the organizer publishes with the contest (공고문, 서식), downloaded
  through a permission-checked view, never a public media URL.

Defined here (contests/models.py is long enough) and imported there so Django finds them.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from contests.models import Contest, FileKind, Ordered

# The extensions a browser's file picker offers for each kind (jpg files are also named .jpeg).
EXTENSIONS = {kind: f".{kind}" for kind in FileKind.values} | {"jpg": ".jpg,.jpeg"}
SLOT_MAX_FILE_MB = 500


def validate_file_kinds(value) -> None:
    if not isinstance(value, list) or any(kind not in FileKind.values for kind in value):
        raise ValidationError(_("Choose file types from the list."), code="invalid_kind")


class AttachmentSlot(Ordered):
    """A file the entry form asks for by name, with its own types and size limit."""

    contest = models.ForeignKey(
        Contest,
        on_delete=models.CASCADE,
        related_name="attachment_slots",
        verbose_name=_("contest"),
    )
    label_ko = models.CharField(_("label (Korean)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    kinds = models.JSONField(
        _("allowed file types"),
        default=list,
        blank=True,
        validators=[validate_file_kinds],
        help_text=_("None ticked: every accepted type."),
    )
    max_file_mb = models.PositiveIntegerField(
        _("largest file (MB)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(SLOT_MAX_FILE_MB)],
    )

    class Meta(Ordered.Meta):
        verbose_name = _("attachment slot")
        verbose_name_plural = _("attachment slots")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "ko").startswith("en") and self.label_en:
            return self.label_en
        return self.label_ko

    @property
    def allowed_kinds(self) -> list[str]:
        """The kinds it accepts, in the list's order (every kind when none is ticked)."""
        return [kind for kind in FileKind.values if not self.kinds or kind in self.kinds]

    @property
    def kind_labels(self) -> str:
        """The accepted types as people name them, e.g. "PDF, HWP"."""
        return ", ".join(str(FileKind(kind).label) for kind in self.allowed_kinds)

    @property
    def accept(self) -> str:
        """The file input's `accept` attribute, e.g. ".pdf,.hwp"."""
        return ",".join(EXTENSIONS[kind] for kind in self.allowed_kinds)

    def accepts(self, kind: str) -> bool:
        return kind in self.allowed_kinds


def document_path(instance: "ContestDocument", filename: str) -> str:
    """A random stored name; the uploaded name is kept only in `original_name`."""
    return f"documents/{instance.contest_id}/{uuid.uuid4().hex}.{instance.kind}"


class ContestDocument(models.Model):
    """A file published with the contest for agencies to download (공고문, 서식 …)."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="documents", verbose_name=_("contest")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5, choices=FileKind)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("contest document")
        verbose_name_plural = _("contest documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title
