"""The progress board at size (issue 12): its self-refresh fetches the totals only (a small
answer whatever the size of the round, counted exactly as the board counts), and its per-entry
list comes 100 a page, its links keeping the round and the coverage filter."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.control.conftest import english, totals
from tests.control.test_progress import _bulk_round

pytestmark = pytest.mark.django_db
DASH = "\N{EN DASH}"


def _totals_url(contest, round_):
    return reverse("control:progress_totals", args=[contest.pk, round_.pk])


def _entry_rows(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr data-entry="(\d+)"', html)]


def test_the_totals_of_the_scene_are_the_boards(scene, organizer_client):
    kim, _lee, _park = scene.judges
    e1, e2, _e3, _e4 = scene.entries
    scene.score(kim, e1, {scene.innovation: "25", scene.effect: "17.5"}, submit=True)
    scene.score(kim, e2, {scene.innovation: "20"})
    client = english(organizer_client)
    board = client.get(reverse("control:progress", args=[scene.contest.pk])).content.decode()
    response = client.get(_totals_url(scene.contest, scene.round))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert totals(html) == totals(board) == {
        "judges": "3", "assigned": "5", "not_started": "3", "draft": "1", "submitted": "1",
        "withdrawn": "0", "percent": "20%", "entries_complete": "0 / 4",
        "entries_unassigned": "1", "entries_under": "4", "entries_over": "0",
    }  # fmt: skip
    assert "data-judge=" not in html
    assert "data-entry=" not in html
    # The page polls this URL every 30 seconds into the totals only; "Refresh now" swaps the
    # whole board.
    assert (
        f'hx-get="{_totals_url(scene.contest, scene.round)}" hx-trigger="every 30s" '
        'hx-target="#progress-totals"'
    ) in board


@pytest.mark.parametrize("size", [10, 600])
def test_the_totals_stay_small_with_a_fixed_number_of_queries(organizer, organizer_client, size):
    contest, round_ = _bulk_round(organizer, size)  # 5 judges, 2 per entry, nothing scored
    url = _totals_url(contest, round_)
    client = english(organizer_client)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"coverage": "under"})
    html = response.content.decode()
    assert len(queries) == 9  # session, user, contest and its organizers, round, four counts
    assert len(response.content) < 3000
    assert totals(html) == {
        "judges": "5", "assigned": str(2 * size), "not_started": str(2 * size), "draft": "0",
        "submitted": "0", "withdrawn": "0", "percent": "0%",
        "entries_complete": f"0 / {size}", "entries_unassigned": "0",
        "entries_under": str(size), "entries_over": "0",
    }  # fmt: skip
    # The filter is kept in the coverage summary's link back to every entry.
    assert f'?round={round_.pk}#entries-title">Show every entry</a>' in html


def test_a_round_of_another_contest_has_no_totals(scene, organizer_client):
    other = factories.RoundFactory(contest=factories.ContestFactory(organizers=[scene.organizer]))
    assert organizer_client.get(_totals_url(scene.contest, other)).status_code == 404
    assert organizer_client.get(_totals_url(other.contest, other)).status_code == 200


def test_entries_come_100_a_page_in_receipt_order(organizer, organizer_client):
    contest, round_ = _bulk_round(organizer, 250)
    ordered = list(
        round_.assignments.order_by("entry__receipt_number")
        .values_list("entry_id", flat=True)
        .distinct()
    )
    url = reverse("control:progress", args=[contest.pk])
    client = english(organizer_client)
    first = client.get(url, {"round": round_.pk, "coverage": "under"}).content.decode()
    assert _entry_rows(first) == ordered[:100]
    assert f"250 entries in this list; shown: 1{DASH}100." in first
    assert totals(first)["assigned"] == "500"  # the totals count every entry
    assert (
        f'<a class="page-link" href="?round={round_.pk}&amp;coverage=under&amp;page=3'
        '#entries-title"><span class="sr-only">Page </span>3</a>'
    ) in first
    last = client.get(url, {"round": round_.pk, "coverage": "under", "page": "3"})
    html = last.content.decode()
    assert _entry_rows(html) == ordered[200:]
    assert f"250 entries in this list; shown: 201{DASH}250." in html
    # A page past the end or not a number: the last or the first page.
    past_the_end = client.get(url, {"round": round_.pk, "page": "99"}).content.decode()
    assert _entry_rows(past_the_end) == ordered[200:]
    not_a_number = client.get(url, {"round": round_.pk, "page": "x"}).content.decode()
    assert _entry_rows(not_a_number) == ordered[:100]
