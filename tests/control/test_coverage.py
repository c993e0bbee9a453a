"""Under- and over-assigned entries flagged on the progress board and the assignment matrix:
the counts at the top, the filter, the flag per entry, constant query counts."""

import re

import pytest
from django.urls import reverse

from tests.control.conftest import english, row_values, totals
from tests.control.test_progress import _bulk_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_each(scene):
    """One judge per entry: entries 1 and 2 have two (over), 3 has one, 4 none (under)."""
    scene.round.judges_per_entry = 1
    scene.round.save(update_fields=["judges_per_entry"])
    return scene


def _progress(client, scene, **query):
    url = reverse("control:progress", args=[scene.contest.pk])
    response = english(client).get(url, {"round": scene.round.pk, **query})
    assert response.status_code == 200
    return response.content.decode()


def _matrix(client, scene, **query):
    url = reverse("judging:matrix", args=[scene.contest.pk, scene.round.pk])
    response = english(client).get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _entry_rows(html):
    return [int(pk) for pk in re.findall(r'<tr data-entry="(\d+)"', html)]


def _summary(html):
    match = re.search(r"<div class=\"coverage-summary\"[^>]*>(.*?)</div>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_progress_board_flags_and_counts_under_and_over_assigned(one_each, organizer_client):
    e1, e2, e3, e4 = one_each.entries
    html = _progress(organizer_client, one_each)
    assert totals(html)["entries_under"] == "1"
    assert totals(html)["entries_over"] == "2"
    assert _summary(html) == (
        "1 under-assigned entry Show only under-assigned entries "
        "2 over-assigned entries Show only over-assigned entries"
    )
    base = reverse("control:progress", args=[one_each.contest.pk]) + f"?round={one_each.round.pk}"
    assert f'href="{base}&amp;coverage=under#entries-title"' in html
    assert row_values(html, "data-entry", e1.pk)["reassign"] == "Over-assigned 2/1"
    assert row_values(html, "data-entry", e3.pk)["reassign"] == "—"
    assert row_values(html, "data-entry", e4.pk)["reassign"] == "Under-assigned 0/1"
    assert _entry_rows(html) == [e1.pk, e2.pk, e3.pk, e4.pk]


def test_progress_board_filter_lists_only_those_entries(one_each, organizer_client):
    e1, e2, _e3, e4 = one_each.entries
    under = _progress(organizer_client, one_each, coverage="under")
    assert _entry_rows(under) == [e4.pk]
    assert "Show every entry" in _summary(under)
    assert totals(under)["entries_complete"] == "0 / 4"  # the totals still count every entry
    assert _entry_rows(_progress(organizer_client, one_each, coverage="over")) == [e1.pk, e2.pk]
    assert len(_entry_rows(_progress(organizer_client, one_each, coverage="nonsense"))) == 4
    # The 30-second refresh (the totals only) keeps the filter in the coverage summary's links.
    totals_url = reverse("control:progress_totals", args=[one_each.contest.pk, one_each.round.pk])
    assert f'hx-get="{totals_url}?coverage=under" hx-trigger="every 30s"' in under


def test_progress_board_with_every_entry_covered_says_so(scene, organizer_client):
    scene.round.judges_per_entry = 0
    scene.round.save(update_fields=["judges_per_entry"])
    html = _progress(organizer_client, scene)
    assert _summary(html).startswith("Every entry has the judges the round asks for.")


def test_matrix_flags_counts_and_filters(one_each, organizer_client):
    e1, e2, e3, e4 = one_each.entries
    html = _matrix(organizer_client, one_each)
    assert _summary(html) == (
        "1 under-assigned entry Show only under-assigned entries "
        "2 over-assigned entries Show only over-assigned entries"
    )
    badge = re.search(rf'<span id="coverage-{e4.pk}" data-coverage="under">(.*?)</span></th>', html)
    assert re.sub(r"<[^>]+>", "", badge.group(1)) == "Under-assigned 0/1"
    assert f'<span id="coverage-{e3.pk}" data-coverage=""></span>' in html
    assert f'<span id="coverage-{e1.pk}" data-coverage="over">' in html
    under = _matrix(organizer_client, one_each, coverage="under")
    assert re.findall(r'id="coverage-(\d+)"', under) == [str(e4.pk)]
    assert '<option value="under" selected>' in under
    over = _matrix(organizer_client, one_each, coverage="over")
    assert re.findall(r'id="coverage-(\d+)"', over) == [str(e1.pk), str(e2.pk)]


def test_matrix_toggle_updates_the_entry_flag(one_each, organizer_client):
    _kim, _lee, park = one_each.judges
    e4 = one_each.entries[3]
    url = reverse("judging:toggle", args=[one_each.contest.pk, one_each.round.pk])
    response = english(organizer_client).post(
        url, {"pair": f"{park.pk}-{e4.pk}"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span id="coverage-{e4.pk}" data-coverage="" hx-swap-oob="true"></span>' in html


@pytest.mark.parametrize("size", [10, 300])
def test_progress_filter_query_count_is_constant(
    organizer, organizer_client, size, django_assert_num_queries
):
    contest, round_ = _bulk_round(organizer, size)  # 2 judges per entry, 5 needed: all under
    url = reverse("control:progress", args=[contest.pk])
    organizer_client.get(url)  # warm the session
    with django_assert_num_queries(14):
        response = organizer_client.get(url, {"round": round_.pk, "coverage": "under"})
    html = response.content.decode()
    assert len(_entry_rows(html)) == min(size, 100)  # 100 entries a page


@pytest.mark.parametrize("size", [10, 100])
def test_matrix_filter_query_count_is_constant(
    organizer, organizer_client, size, django_assert_num_queries
):
    contest, round_ = _bulk_round(organizer, size)
    url = reverse("judging:matrix", args=[contest.pk, round_.pk])
    organizer_client.get(url)  # warm the session
    with django_assert_num_queries(16):
        response = organizer_client.get(url, {"coverage": "under"})
    assert len(re.findall(r'id="coverage-\d+"', response.content.decode())) == size
