"""The one way a frozen snapshot is downloaded (organizer's page and public page alike): the
stored text byte for byte, as a JSON attachment named result-<year>-round<n>-<digest>.json."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from scoring.models import RoundResult
from scoring.selectors.results import contest_rounds


def snapshot_download(result: RoundResult) -> HttpResponse:
    contest = result.round.contest
    number = [r.pk for r in contest_rounds(contest.pk)].index(result.round_id) + 1
    name = f"result-{contest.year}-round{number}-{result.digest[:12]}.json"
    response = HttpResponse(result.snapshot.encode(), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
