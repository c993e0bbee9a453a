"""The organizer's award certificates (상장): every awarded entry's in one PDF, or one entry's.
A 404 while the contest's final round has no result in force (as the results workbooks), when no
entry has an award, and for an entry of the contest without one."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from contests.models import Contest
from contests.views.base import manageable_contest
from reports.catalog import CERTIFICATES, ENTRY_CERTIFICATE
from reports.certificates import Certificates, awarded_certificates
from reports.exporters import export_response
from reports.results_workbook import NotFinalized
from submissions.models import Entry


def _certificates(contest: Contest) -> Certificates:
    try:
        return awarded_certificates(contest)
    except NotFinalized as error:
        raise Http404(str(error)) from error


@login_required
@require_GET
def certificates_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = manageable_contest(request, pk)
    return export_response(CERTIFICATES, request, _certificates(contest))


@login_required
@require_GET
def entry_certificate_pdf(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponseBase:
    contest = manageable_contest(request, pk)
    entry = get_object_or_404(Entry.objects.only("receipt_number"), contest=contest, pk=entry_pk)
    certificate = _certificates(contest).only(entry.receipt_number or "")
    if certificate is None:
        raise Http404("This entry has no award.")
    return export_response(ENTRY_CERTIFICATE, request, certificate)
