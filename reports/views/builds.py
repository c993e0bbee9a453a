"""Files built in the background (reports.jobs): request one, watch it being built, download
it, retry a failed one.

Every view finds the file's report kind and subject and asks the kind's exporter whether the
user may have it (403 otherwise), as the direct download would. A kind that does not exist, a
subject that names nothing, a file withdrawn or not finished are 404s with a message. The status
page polls itself with htmx every second while the build runs and stops once it is finished;
without JavaScript it refreshes itself (a <meta> refresh inside <noscript>) and has a plain link.
"""

from dataclasses import replace
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from contests.views.base import render_region
from reports import jobs
from reports.exporters import export_response, open_stored
from reports.models import ReportFile

STATUS_TEMPLATE = "reports/builds/status.html"
PROBLEM_TEMPLATE = "reports/builds/problem.html"


class Missing(Exception):
    """A 404 with a message for the user (`answers_missing` renders it)."""


def _problem(request, title: str, message: str, *, status: int) -> HttpResponse:
    return render(request, PROBLEM_TEMPLATE, {"title": title, "message": message}, status=status)


def answers_missing(view):
    """The view, with `Missing` answered by the problem page (404)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Missing as error:
            return _problem(request, _("Not found"), str(error), status=404)

    return wrapper


def _kind_and_subject(request, kind_name: str, subject: str):
    """(kind, object) when the user may have the document; Missing or PermissionDenied else."""
    try:
        kind = jobs.get_kind(kind_name)
    except jobs.UnknownKind:
        raise Missing(
            _("There is no document of the kind “%(kind)s”.") % {"kind": kind_name[:60]}
        ) from None
    try:
        obj = kind.load(subject)
    except jobs.UnknownSubject:
        raise Missing(_("What this document is about does not exist.")) from None
    except jobs.NotFinalized as error:  # a kind whose object needs a result in force
        raise Missing(str(error)) from None
    if not kind.exporter.allows(request.user, obj):
        raise PermissionDenied
    return kind, obj


def _file(request, number: int):
    """(file, kind, object) of a file the user may have; Missing or PermissionDenied else."""
    report = ReportFile.objects.select_related("requested_by").filter(pk=number).first()
    if report is None:
        raise Missing(_("There is no such file."))
    return report, *_kind_and_subject(request, report.kind, report.subject)


def _next(request) -> str | None:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else None


def _refused(request, message: str) -> HttpResponseBase:
    """The request cannot be built (no finalized result): the message, back on the page."""
    back = _next(request)
    if back:
        messages.error(request, message)
        return redirect(back)
    return _problem(request, _("The file cannot be made yet"), message, status=409)


@login_required
@require_POST
@answers_missing
def build_request(request: HttpRequest) -> HttpResponseBase:
    """POST kind, subject (and optionally language, next): the status page of its file."""
    post = request.POST
    kind, obj = _kind_and_subject(request, post.get("kind", ""), post.get("subject", ""))
    language = request.POST.get("language") or get_language()
    try:
        report = jobs.request_build(kind=kind, obj=obj, user=request.user, language=language)
    except jobs.NotFinalized as error:
        return _refused(request, str(error))
    return redirect("reports:build_status", report.pk)


@login_required
@require_GET
@answers_missing
def build_status(request: HttpRequest, number: int) -> HttpResponseBase:
    report, kind, obj = _file(request, number)
    context = {
        "file": report,
        "name": kind.exporter.filename(obj),
        "page_url": kind.page(obj) if kind.page else None,
    }
    return render_region(request, STATUS_TEMPLATE, context, partial="state")


@login_required
@require_GET
@answers_missing
def build_download(request: HttpRequest, number: int) -> HttpResponseBase:
    """The stored bytes, with the exporter's headers (reports.exporters.export_response)."""
    report, kind, obj = _file(request, number)
    if not report.offered:
        if report.withdrawn_at is not None:
            raise Missing(
                _("This file was withdrawn: %(reason)s") % {"reason": report.withdrawn_reason}
            )
        raise Missing(_("This file is not ready."))
    stored = replace(kind.exporter, build=lambda _obj: open_stored(report.file))
    return export_response(stored, request, obj)


@login_required
@require_POST
@answers_missing
def build_retry(request: HttpRequest, number: int) -> HttpResponseBase:
    """A new attempt at a failed or withdrawn file (the file itself while it is fine)."""
    report = _file(request, number)[0]
    try:
        again = jobs.retry(report_file=report, user=request.user)
    except jobs.NotFinalized as error:
        messages.error(request, str(error))
        return redirect("reports:build_status", report.pk)
    except jobs.UnknownSubject:
        raise Missing(_("What this document is about does not exist.")) from None
    return redirect("reports:build_status", again.pk)
