"""The one way a frozen snapshot is downloaded (organizer's page and public page alike):
reports.catalog.ROUND_SNAPSHOT, the stored text byte for byte as a JSON attachment named
result-<year>-round<n>-<digest>.json."""

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from reports.catalog import ROUND_SNAPSHOT
from reports.exporters import export_response
from scoring.models import RoundResult


def snapshot_download(request: HttpRequest, result: RoundResult) -> HttpResponseBase:
    return export_response(ROUND_SNAPSHOT, request, result)
