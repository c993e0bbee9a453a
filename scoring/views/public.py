"""Published results (namespace `public`): the public page, the snapshot files, and each agency's
own result. Nothing here exists before the organizer publishes (404); every number is read from
the frozen snapshots (scoring.selectors.published)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scoring.selectors.published import (
    entry_result,
    public_results,
    published_contest,
    published_entry,
    published_snapshot,
)
from scoring.views.snapshot_file import snapshot_download


@require_GET
def contest_results(request, pk):
    """Winners by award tier and category; scores and ranks only if the organizer chose so."""
    contest = published_contest(pk)
    return render(
        request,
        "scoring/public/contest.html",
        {"contest": contest, "results": public_results(contest)},
    )


@require_GET
def snapshot(request, pk, round_pk):
    """The round's frozen snapshot, byte for byte, for `python manage.py verify_results FILE`."""
    contest = published_contest(pk)
    result = published_snapshot(contest, round_pk)
    return snapshot_download(request, result)


@login_required
@require_GET
def entry(request, pk, entry_pk):
    """The agency's own entry: total, per-criterion averages, rank (if allowed), award,
    advancement per round and the judges' comments without their names."""
    contest = published_contest(pk)
    own = published_entry(request.user, contest, entry_pk)
    return render(
        request,
        "scoring/public/entry.html",
        {"contest": contest, "result": entry_result(contest, own)},
    )
