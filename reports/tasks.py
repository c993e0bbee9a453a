"""The background build of a report file (Django's tasks framework; the worker is
django-tasks-db's `manage.py db_worker`, started by `./run` beside the web server).

`build_report(report_file_id)` claims a queued `ReportFile` (a row no longer queued is skipped:
timed out, withdrawn, or claimed by another worker), loads its subject, checks that the snapshot
is still the one requested, and builds the document in the row's language. Progress: 10 when it
starts, 90 once built, 100 once stored; a build function that takes a `progress` keyword gets a
callback `progress(percent, stage="")` whose 0 to 100 is mapped onto 10 to 90.

The bytes are written to a temporary name and moved into place in one step, and the row names
the file only in the update that marks it done, so a failed or killed build never leaves a file
that is offered. A build that raises marks the row failed (a message for the user in `error`)
and fails the task too (its traceback is kept by the task backend). A worker killed mid-build
leaves the row running: after REPORT_BUILD_TIMEOUT it counts as failed and may be retried.
"""

import inspect
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.jobs import NotFinalized, get_kind
from reports.models import ReportFile, report_path

logger = logging.getLogger(__name__)

STARTED, BUILT, STORED = 10, 90, 100


@task
def build_report(report_file_id: int) -> str:
    """Build one report file; returns what happened: "done", "skipped" or "discarded"."""
    return run_build(report_file_id)


class Progress:
    """The `progress` callback handed to a build: writes at most twice a second."""

    def __init__(self, report_file_id: int):
        self.pk = report_file_id
        self.value = STARTED
        self.stage = ""
        self.written_at = 0.0

    def __call__(self, percent: float, stage: str = "") -> None:
        share = min(max(float(percent), 0.0), 100.0) / 100
        value = STARTED + int((BUILT - STARTED) * share)
        moment = time.monotonic()
        changed = value > self.value or (stage and stage != self.stage)
        if not changed or (moment - self.written_at < 0.5 and stage == self.stage):
            return
        self.value, self.stage, self.written_at = max(value, self.value), stage, moment
        update = {"progress": self.value}
        if stage:
            update["stage"] = str(stage)[:120]
        ReportFile.objects.filter(pk=self.pk, status=ReportFile.Status.RUNNING).update(**update)


def takes_progress(build) -> bool:
    """Whether `build` accepts a `progress` keyword."""
    try:
        parameters = inspect.signature(build).parameters
    except (TypeError, ValueError):
        return False
    found = parameters.get("progress")
    return found is not None and found.kind in (found.KEYWORD_ONLY, found.POSITIONAL_OR_KEYWORD)


def write_body(body, out: BinaryIO) -> None:
    """Write an exporter's body (bytes, an open binary file or an iterator of bytes) to `out`."""
    if isinstance(body, bytes | bytearray):
        out.write(body)
    elif hasattr(body, "read"):
        with body:
            shutil.copyfileobj(body, out)
    else:
        for chunk in body:
            out.write(chunk)


def store(body, name: str) -> tuple[str, int]:
    """Store `body` under `name` in the report files' storage, all at once: on a file system
    it is written to "<name>.part" and renamed; elsewhere it is spooled to a temporary file
    first. Returns the stored name and its size."""
    storage = ReportFile._meta.get_field("file").storage
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        try:
            with part.open("wb") as out:
                write_body(body, out)
                out.flush()
                os.fsync(out.fileno())
            if storage.file_permissions_mode is not None:
                part.chmod(storage.file_permissions_mode)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)
        return name, path.stat().st_size
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        write_body(body, spool)
        size = spool.tell()
        spool.seek(0)
        return storage.save(name, File(spool, name=name)), size


def _claim(row: ReportFile) -> bool:
    return bool(
        ReportFile.objects.filter(
            pk=row.pk, status=ReportFile.Status.QUEUED, withdrawn_at=None
        ).update(
            status=ReportFile.Status.RUNNING,
            started_at=timezone.now(),
            progress=STARTED,
            stage=_("Reading the results"),
        )
    )


def _running(row: ReportFile):
    return ReportFile.objects.filter(pk=row.pk, status=ReportFile.Status.RUNNING)


def _build(row: ReportFile) -> str:
    kind = get_kind(row.kind)
    obj = kind.load(row.subject)
    if kind.digest(obj) != row.digest:
        raise NotFinalized(_("The results changed after the file was requested: ask again."))
    build = kind.exporter.build
    body = build(obj, progress=Progress(row.pk)) if takes_progress(build) else build(obj)
    _running(row).update(progress=BUILT, stage=_("Saving the file"))
    name, size = store(body, report_path(row, kind.exporter.filename(obj)))
    with transaction.atomic():
        done = (
            _running(row)
            .filter(withdrawn_at=None)
            .update(
                status=ReportFile.Status.DONE,
                file=name,
                size=size,
                progress=STORED,
                stage=_("Ready"),
                finished_at=timezone.now(),
            )
        )
    if not done:  # withdrawn or timed out meanwhile: nobody may have it
        ReportFile._meta.get_field("file").storage.delete(name)
        return "discarded"
    return "done"


def run_build(report_file_id: int) -> str:
    row = ReportFile.objects.filter(pk=report_file_id).first()
    if row is None:
        return "skipped"
    with translation.override(row.language):
        if not _claim(row):
            return "skipped"
        try:
            return _build(row)
        except Exception as error:
            if isinstance(error, NotFinalized):
                message = str(error)
            elif isinstance(error, LookupError):
                message = _("What the document is about no longer exists.")
            else:
                logger.exception("Building report file %s failed", row.pk)
                message = _("The file could not be built (%(error)s). Try again.") % {
                    "error": type(error).__name__
                }
            _running(row).update(
                status=ReportFile.Status.FAILED,
                error=message,
                stage="",
                finished_at=timezone.now(),
            )
            raise
