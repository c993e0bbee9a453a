"""Documents built in the background: the report kinds and the services that build, keep,
retry and withdraw their files (issue 9, item 5). reports.tasks runs a build; reports.models
says what a `ReportFile` is.

A report kind is an exporter of reports.catalog that can be built by the task. It says how to
name the object the exporter builds (`key`, a subject key such as "round_result:12", "contest:3"
or "round:5/judge:7") and how to find it again from that key in the worker (`load`), and which
frozen snapshot the document's numbers come from (`digest`; "" for a document without one):
a kept file is reused for as long as its snapshot is in force. Registering a kind is one
declaration, in reports.kinds (imported at the end of this module, so that every kind is
registered whoever imports the registry), with its helpers for the usual subjects:

    register_kind(round_result_kind(ROUND_REPORT))    # a round result in force
    register_kind(contest_kind(CONTEST_REPORT))       # a contest, every round finalized
    register_kind(ReportKind(exporter=X, load=..., key=..., digest=...))   # anything else

`digest` (and `load`) may raise `reports.results_workbook.NotFinalized` with a message for the
user when the object has no finalized result to document: the request is refused with it, and a
build whose snapshot changed between the request and the worker fails with it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.ids import parse_id
from reports.exporters import Exporter, add_once
from reports.models import ReportFile, build_timeout
from reports.results_workbook import NotFinalized
from scoring.models import RoundResult

logger = logging.getLogger(__name__)

__all__ = [
    "KINDS",
    "NotFinalized",
    "ReportKind",
    "UnknownKind",
    "UnknownSubject",
    "expire_stale",
    "get_kind",
    "register_kind",
    "request_build",
    "retry",
    "subject_key",
    "subject_parts",
    "withdraw_for_result",
    "withdraw_subject",
]


class UnknownKind(LookupError):
    """No report kind has this name."""


class UnknownSubject(LookupError):
    """The subject key is malformed or names nothing."""


def _no_digest(obj: Any) -> str:
    return ""


@dataclass(frozen=True, kw_only=True)
class ReportKind[T]:
    """An exporter that the worker can build, and how it finds and dates its object."""

    exporter: Exporter[T]
    load: Callable[[str], T]  # subject key → object; raises UnknownSubject
    key: Callable[[T], str]  # object → subject key
    digest: Callable[[T], str] = _no_digest  # the snapshot digest the document shows, or ""
    # Every snapshot digest the document reads (voiding any withdraws it); default [digest].
    sources: Callable[[T], list[str]] | None = None
    page: Callable[[T], str] | None = None  # the URL of the page the document belongs to

    @property
    def name(self) -> str:
        return self.exporter.name

    def sources_of(self, obj: T, digest: str) -> list[str]:
        if self.sources is not None:
            return self.sources(obj)
        return [digest] if digest else []


KINDS: dict[str, ReportKind] = {}


def register_kind[K: ReportKind](kind: K) -> K:
    """Add `kind` to `KINDS` under its exporter's name (each name once) and return it."""
    return add_once(KINDS, kind.name, kind, what="report kinds")


def get_kind(name: str) -> ReportKind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


# --- subject keys -------------------------------------------------------------------------


def subject_key(**parts: int) -> str:
    """subject_key(round=5, judge=7) == "round:5/judge:7" (in the order given)."""
    return "/".join(f"{name}:{pk}" for name, pk in parts.items())


def subject_parts(key: str) -> dict[str, int]:
    """The ids of a subject key by name: "round:5/judge:7" → {"round": 5, "judge": 7}."""
    parts = {}
    for piece in key.split("/"):
        name, colon, value = piece.partition(":")
        pk = parse_id(value)
        if not colon or not name.isidentifier() or pk is None or name in parts:
            raise UnknownSubject(key)
        parts[name] = pk
    return parts


def load_one(queryset, name: str) -> Callable[[str], Any]:
    """A `load` for a subject key of one id, "<name>:<pk>", read from `queryset`."""

    def load(key: str):
        parts = subject_parts(key)
        if set(parts) != {name}:
            raise UnknownSubject(key)
        try:
            return queryset.get(pk=parts[name])
        except ObjectDoesNotExist:
            raise UnknownSubject(key) from None

    return load


# --- services -----------------------------------------------------------------------------


def report_language(language: str) -> str:
    """`language` when the site offers it, else the default (a file is kept per language)."""
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def expire_stale() -> int:
    """Mark builds queued or running past REPORT_BUILD_TIMEOUT failed (killed, or no worker);
    the worker skips a row that is no longer queued, and discards what a late build stored."""
    now = timezone.now()
    minutes = int(build_timeout().total_seconds() // 60)
    count = 0
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            error = _(
                "The build did not finish within %(minutes)d minutes. Try again; if it happens "
                "again, check that the report worker (manage.py db_worker) is running."
            ) % {"minutes": minutes}
        count += (
            ReportFile.objects.stale(now)
            .filter(language=code)
            .update(status=ReportFile.Status.FAILED, error=error, finished_at=now)
        )
    return count


def _delete_files(names: list[str]) -> None:
    storage = ReportFile._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _withdraw(rows, *, reason: str) -> int:
    """Withdraw `rows`; their bytes are deleted once the transaction commits. The rows are
    locked first, so a build finishing meanwhile waits, then finds its row withdrawn and
    deletes what it stored (reports.tasks)."""
    names = [name for name in rows.select_for_update().values_list("file", flat=True) if name]
    count = rows.update(
        withdrawn_at=timezone.now(), withdrawn_reason=reason[:500], file="", size=None
    )
    if names:
        transaction.on_commit(partial(_delete_files, names))
    return count


@transaction.atomic
def withdraw_for_result(*, result: RoundResult, reason: str = "") -> int:
    """Withdraw every file built from the snapshot of `result` (voided): none is offered again
    and the stored bytes are deleted. Returns how many files were withdrawn."""
    rows = ReportFile.objects.live().filter(
        Q(digest=result.digest) | Q(sources__contains=result.digest)
    )
    return _withdraw(rows, reason=reason or _("The snapshot was voided."))


@transaction.atomic
def withdraw_subject(*, kind: str, subject: str, reason: str) -> int:
    """Withdraw every live file of `kind` about `subject`: what its document says changed
    without a snapshot changing (an objection answered: reports.results_report_objections)."""
    rows = ReportFile.objects.live().filter(kind=kind, subject=subject)
    return _withdraw(rows, reason=reason)


def result_saved(sender, instance: RoundResult, created: bool, update_fields=None, **kwargs):
    """post_save of RoundResult (reports.apps): a result just voided withdraws its files."""
    voiding = update_fields is None or "voided_at" in update_fields
    if not created and voiding and instance.voided_at is not None:
        withdraw_for_result(result=instance, reason=instance.void_reason)


def enqueue_build(report_file_id: int) -> None:
    """Hand the build to the task backend (after the request's transaction commits)."""
    from reports.tasks import build_report  # the task module imports this one

    try:
        task_result = build_report.enqueue(report_file_id)
    except Exception:
        logger.exception("Could not enqueue the build of report file %s", report_file_id)
        ReportFile.objects.filter(pk=report_file_id, status=ReportFile.Status.QUEUED).update(
            status=ReportFile.Status.FAILED,
            error=_("The build could not be queued. Try again later."),
            finished_at=timezone.now(),
        )
        return
    ReportFile.objects.filter(pk=report_file_id).update(task_id=str(task_result.id)[:64])


@transaction.atomic
def request_build(*, kind: str | ReportKind, obj, user, language: str) -> ReportFile:
    """The file of `obj` by `kind` in `language`: the kept one when it is done or being built
    for the same snapshot, else a new row whose build is queued once this transaction commits.

    Raises NotFinalized (with a message for the user) when `obj` has no finalized result to
    document. The caller has checked the exporter's permission.
    """
    kind = get_kind(kind) if isinstance(kind, str) else kind
    language = report_language(language)
    digest = kind.digest(obj)
    fields = {"kind": kind.name, "subject": kind.key(obj), "language": language, "digest": digest}
    expire_stale()
    same = ReportFile.objects.kept().filter(**fields)
    if digest:
        kept = same.first()
        if kept is not None:
            return kept
    else:
        # No snapshot to key a kept file on: every request builds afresh (unless a build is
        # already on its way), and the earlier file gives way.
        in_flight = same.exclude(status=ReportFile.Status.DONE).first()
        if in_flight is not None:
            return in_flight
        _withdraw(same, reason=_("A newer file was requested."))
    try:
        with transaction.atomic():
            row = ReportFile.objects.create(
                **fields,
                sources=" ".join(kind.sources_of(obj, digest)),
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:  # another request created it meanwhile
        return same.get()
    transaction.on_commit(partial(enqueue_build, row.pk))
    return row


def retry(*, report_file: ReportFile, user) -> ReportFile:
    """A new attempt at a failed (or withdrawn) file; the file itself while it is still
    queued, running or done. May raise NotFinalized or UnknownSubject."""
    expire_stale()
    report_file.refresh_from_db()
    if report_file.withdrawn_at is None and report_file.status in ReportFile.KEPT:
        return report_file
    kind = get_kind(report_file.kind)
    obj = kind.load(report_file.subject)
    return request_build(kind=kind, obj=obj, user=user, language=report_file.language)


import reports.kinds  # noqa: E402, F401  (registers every report kind; it imports this module)
