"""Organizers import the agency list from an Excel sheet."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reports.catalog import AGENCY_TEMPLATE
from reports.exporters import export_response
from submissions.forms.agency_import import AgencyImportForm
from submissions.services.agency_import import AgencyImportError
from submissions.services.agency_import import agency_import as import_agencies


def _require_importer(request: HttpRequest) -> None:
    if not rules.has_perm("submissions.import_agencies", request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def agency_import(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    errors: list[str] = []
    if request.method == "POST":
        form = AgencyImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = import_agencies(file=form.cleaned_data["file"])
            except AgencyImportError as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    _(
                        "Import finished: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("submissions:agency_import")
    else:
        form = AgencyImportForm()
    return render(request, "submissions/agency_import.html", {"form": form, "errors": errors})


@login_required
@require_GET
def agency_import_template_download(request: HttpRequest) -> HttpResponseBase:
    return export_response(AGENCY_TEMPLATE, request, None)
