"""Report files built in the background (issue 9, item 5).

A `ReportFile` is one attempt at building one document: the exporter that builds it (`kind`),
what it is about (`subject`, a key such as "round_result:12" or "contest:3"), the language it is
written in and the digest of the frozen snapshot its numbers come from. A finished file is kept:
while it is not withdrawn, at most one row per (kind, subject, language, digest) is queued,
running or done (a conditional unique constraint), so a document is built once per snapshot and
then handed to everyone who asks. A failed attempt stays as history; retrying makes a new row.

The bytes live in the default storage under `reports/` (MEDIA_ROOT, which no URL serves, like
the entries' attachments); only `reports.views.builds.download` hands them out, after the
exporter's permission check. A file is named on its row only once it is completely written, in
the same update that marks the row done: a build that fails or is killed leaves a row without a
file, which is never offered. When the snapshot is voided the row is withdrawn and its bytes
deleted (reports.jobs.withdraw_for_result).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TIMEOUT = 15 * 60  # seconds; settings.REPORT_BUILD_TIMEOUT


def build_timeout() -> timedelta:
    """How long a build may stay queued or running before it counts as failed."""
    return timedelta(seconds=getattr(settings, "REPORT_BUILD_TIMEOUT", DEFAULT_TIMEOUT))


def report_path(instance: "ReportFile", filename: str) -> str:
    """A random stored name keeping only the extension of `filename`."""
    _stem, dot, ext = filename.rpartition(".")
    suffix = f".{ext}" if dot and ext.isascii() and ext.isalnum() and len(ext) <= 10 else ""
    return f"reports/{uuid.uuid4().hex}{suffix}"


class ReportFileQuerySet(models.QuerySet):
    def live(self):
        """Not withdrawn."""
        return self.filter(withdrawn_at=None)

    def kept(self):
        """The rows the unique constraint counts: not withdrawn, and queued, running or done."""
        return self.live().filter(status__in=ReportFile.KEPT)

    def stale(self, now=None):
        """Queued or running for longer than the build timeout: counted as failed."""
        limit = (now or timezone.now()) - build_timeout()
        return self.filter(
            Q(status=ReportFile.Status.RUNNING, started_at__lt=limit)
            | Q(status=ReportFile.Status.QUEUED, created_at__lt=limit)
        )


class ReportFile(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    KEPT = (Status.QUEUED, Status.RUNNING, Status.DONE)

    kind = models.CharField(
        _("document kind"), max_length=40
    )  # an exporter's name (reports.jobs.KINDS)
    subject = models.CharField(_("subject"), max_length=120)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    digest = models.CharField(_("snapshot digest"), max_length=64, blank=True)
    # Every snapshot digest the document was built from, separated by spaces (a contest document
    # reads several rounds): voiding any of them withdraws the file.
    sources = models.TextField(_("source digests"), blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(_("stage"), max_length=120, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    file = models.FileField(_("file"), upload_to=report_path, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("why withdrawn"), max_length=500, blank=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "language", "digest"],
                condition=Q(withdrawn_at=None, status__in=["queued", "running", "done"]),
                name="reports_one_kept_file",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reports_progress_at_most_100"
            ),
            # A done file has its bytes until it is withdrawn (withdrawing deletes them).
            models.CheckConstraint(
                condition=~Q(status="done", withdrawn_at=None) | ~Q(file=""),
                name="reports_done_has_file",
            ),
        ]
        indexes = [models.Index(fields=["digest"], name="reports_file_digest_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} [{self.language}] {self.status}"

    @property
    def timed_out(self) -> bool:
        """Queued or running past the build timeout (killed, or no worker): a failure."""
        if self.status == self.Status.RUNNING and self.started_at:
            return self.started_at < timezone.now() - build_timeout()
        if self.status == self.Status.QUEUED:
            return self.created_at < timezone.now() - build_timeout()
        return False

    @property
    def shown_status(self) -> str:
        """The status a page shows: a timed-out build is failed, a withdrawn file is withdrawn."""
        if self.withdrawn_at is not None:
            return "withdrawn"
        return self.Status.FAILED if self.timed_out else self.status

    @property
    def finished(self) -> bool:
        """Nothing more will happen to it: polling stops."""
        return self.shown_status in (self.Status.DONE, self.Status.FAILED, "withdrawn")

    @property
    def offered(self) -> bool:
        """Its bytes may be downloaded (by users the exporter allows)."""
        return self.status == self.Status.DONE and self.withdrawn_at is None and bool(self.file)
