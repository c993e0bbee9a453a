"""Files built in the background (reports.jobs): request one, watch it being built, download
it, retry a failed one.

Every view finds the file's report kind and subject and asks the kind's exporter whether the
user may have it (403 otherwise), as the direct download would. A kind that does not exist, a
subject that names nothing, a file withdrawn or not finished are 404s with a message. The status
page polls itself with htmx every second while the build runs and stops once it is finished;
without JavaScript it refreshes itself (a <meta> refresh inside <noscript>) and has a plain link.
"""

from dataclasses import replace

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


def _problem(request, title: str, message: str, *, status: int) -> HttpResponse:
    return render(request, PROBLEM_TEMPLATE, {"title": title, "message": message}, status=status)


def _missing(request, message: str) -> HttpResponse:
    return _problem(request, _("Not found"), message, status=404)


def _kind_and_subject(request, kind_name: str, subject: str):
    """(kind, object) when the user may have the document, else a response to return."""
    try:
        kind = jobs.get_kind(kind_name)
    except jobs.UnknownKind:
        message = _("There is no document of the kind “%(kind)s”.") % {"kind": kind_name[:60]}
        return _missing(request, message)
    try:
        obj = kind.load(subject)
    except jobs.UnknownSubject:
        return _missing(request, _("What this document is about does not exist."))
    if not kind.exporter.allows(request.user, obj):
        raise PermissionDenied
    return kind, obj


def _file(request, number: int):
    """(file, kind, object) of a file the user may have, else a response to return."""
    report = ReportFile.objects.select_related("requested_by").filter(pk=number).first()
    if report is None:
        return _missing(request, _("There is no such file."))
    found = _kind_and_subject(request, report.kind, report.subject)
    if isinstance(found, HttpResponse):
        return found
    return report, *found


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
def build_request(request: HttpRequest) -> HttpResponseBase:
    """POST kind, subject (and optionally language, next): the status page of its file."""
    post = request.POST
    found = _kind_and_subject(request, post.get("kind", ""), post.get("subject", ""))
    if isinstance(found, HttpResponse):
        return found
    kind, obj = found
    language = request.POST.get("language") or get_language()
    try:
        report = jobs.request_build(kind=kind, obj=obj, user=request.user, language=language)
    except jobs.NotFinalized as error:
        return _refused(request, str(error))
    return redirect("reports:build_status", report.pk)


@login_required
@require_GET
def build_status(request: HttpRequest, number: int) -> HttpResponseBase:
    found = _file(request, number)
    if isinstance(found, HttpResponse):
        return found
    report, kind, obj = found
    context = {
        "file": report,
        "name": kind.exporter.filename(obj),
        "page_url": kind.page(obj) if kind.page else None,
    }
    return render_region(request, STATUS_TEMPLATE, context, partial="state")


@login_required
@require_GET
def build_download(request: HttpRequest, number: int) -> HttpResponseBase:
    """The stored bytes, with the exporter's headers (reports.exporters.export_response)."""
    found = _file(request, number)
    if isinstance(found, HttpResponse):
        return found
    report, kind, obj = found
    if not report.offered:
        if report.withdrawn_at is not None:
            message = _("This file was withdrawn: %(reason)s") % {"reason": report.withdrawn_reason}
            return _missing(request, message)
        return _missing(request, _("This file is not ready."))
    stored = replace(kind.exporter, build=lambda _obj: open_stored(report.file))
    return export_response(stored, request, obj)


@login_required
@require_POST
def build_retry(request: HttpRequest, number: int) -> HttpResponseBase:
    """A new attempt at a failed or withdrawn file (the file itself while it is fine)."""
    found = _file(request, number)
    if isinstance(found, HttpResponse):
        return found
    report = found[0]
    try:
        again = jobs.retry(report_file=report, user=request.user)
    except jobs.NotFinalized as error:
        messages.error(request, str(error))
        return redirect("reports:build_status", report.pk)
    except jobs.UnknownSubject:
        return _missing(request, _("What this document is about does not exist."))
    return redirect("reports:build_status", again.pk)
