"""The assignment matrix in pages (issue 11 item 5, issue 12): MATRIX_PAGE_SIZE entries a page,
the category and coverage filters kept in every link and form, the under/over totals counted over
the whole filter, and at 1,000 entries by 60 judges a page under 1 MB read with as many queries as
at 10 entries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contests.models import Round
from scoring.models import Assignment
from scoring.selectors import assignments as selectors
from tests.judging.conftest import english
from tests.permissions.bulk_world import grow, prepare
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<span id="coverage-(\d+)"', html)]


def _status(html: str) -> str:
    """The line above the table, its en dash written as a hyphen."""
    match = re.search(r"<p class=\"judging-page-status\"[^>]*>(.*?)</p>", html, re.S)
    return " ".join(match.group(1).split()).replace("\u2013", "-")


def _summary(html: str) -> str:
    match = re.search(r"<div class=\"coverage-summary\"[^>]*>(.*?)</div>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _pager_links(html: str) -> list[str]:
    navs = re.findall(r'<nav class="krds-pagination judging-pager".*?</nav>', html, re.S)
    return [
        href.replace("&amp;", "&") for nav in navs for href in re.findall(r'href="([^"]*)"', nav)
    ]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "MATRIX_PAGE_SIZE", 2)


def test_page_size_is_100_entries():
    assert selectors.MATRIX_PAGE_SIZE == 100


def test_pages_keep_the_filter_and_totals_count_the_whole_filter(
    world, organizer_client, small_pages
):
    e1, e2, e3 = world.entries
    url = reverse("judging:matrix", args=[world.contest.pk, world.round.pk])
    # As the filter form sends it (no category chosen): the empty category is left out of links.
    first = organizer_client.get(url, {"category": "", "coverage": "under"}).content.decode()
    assert _rows(first) == [e1.pk, e2.pk]
    # Every entry lacks its two judges: the totals count all three, not the page's two.
    assert _summary(first).startswith("3 under-assigned entries")
    assert _status(first) == "3 entries in this list; shown: 1-2."
    assert _pager_links(first) == 2 * [
        "?coverage=under&page=1",  # the current page
        "?coverage=under&page=2",
        "?coverage=under&page=2",  # next page
    ]
    assert 'aria-current="page"><span class="sr-only">Current page </span>1</a>' in first
    assert (
        '<a class="page-navi next" href="?coverage=under&amp;page=2" rel="next">Next page</a>'
        in first
    )
    assert '<span class="page-navi prev disabled">Previous page</span>' in first
    second = organizer_client.get(url, {"coverage": "under", "page": "2"}).content.decode()
    assert _rows(second) == [e3.pk]
    assert _summary(second).startswith("3 under-assigned entries")
    assert _status(second) == "3 entries in this list; shown: 3-3."
    assert 'href="?coverage=under&amp;page=1" rel="prev">Previous page</a>' in second
    # The toggle form carries the filter and the page back.
    assert '<input type="hidden" name="coverage" value="under">' in second
    assert '<input type="hidden" name="page" value="2">' in second
    # A page past the end, or not a number, shows the last or the first page.
    assert _rows(
        organizer_client.get(url, {"coverage": "under", "page": "99"}).content.decode()
    ) == [e3.pk]
    assert _rows(organizer_client.get(url, {"page": "x"}).content.decode()) == [e1.pk, e2.pk]


def test_category_filter_is_kept_and_counted(world, organizer_client, small_pages):
    url = reverse("judging:matrix", args=[world.contest.pk, world.round.pk])
    local = organizer_client.get(url, {"category": world.local.pk}).content.decode()
    assert _rows(local) == [world.entries[2].pk]
    assert _summary(local).startswith("1 under-assigned entry")
    assert "judging-pager" not in local  # one page: no page links
    central = organizer_client.get(url, {"category": world.central.pk, "coverage": "under"})
    html = central.content.decode()
    assert _status(html) == "2 entries in this list; shown: 1-2."
    assert f'href="{url}?category={world.central.pk}&amp;coverage=over#matrix-grid"' not in html
    assert f'<option value="{world.central.pk}" selected>' in html


def test_toggle_without_javascript_returns_to_the_same_page_and_filter(world, organizer_client):
    ga = world.judges[0]
    e3 = world.entries[2]
    url = reverse("judging:matrix", args=[world.contest.pk, world.round.pk])
    toggle = reverse("judging:toggle", args=[world.contest.pk, world.round.pk])
    response = organizer_client.post(
        toggle,
        {"pair": f"{ga.pk}-{e3.pk}", "category": str(world.local.pk), "coverage": "under",
         "page": "2"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{url}?category={world.local.pk}&coverage=under&page=2"
    assert Assignment.objects.filter(round=world.round, judge=ga, entry=e3).exists()


def _measure(client, url):
    client.get(url)  # the first visit's session and caches are not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_1000_entries_by_60_judges_same_queries_as_10_and_under_a_megabyte(settings):
    settings.ACCOUNT_RATE_LIMITS = False
    world = build_world()
    prepare(world)
    Round.objects.filter(pk=world.round.pk).update(judges_per_entry=4)  # all under-assigned
    client = english(world.client("organizer"))
    url = reverse("judging:matrix", args=[world.contest.pk, world.round.pk])
    filtered = f"{url}?coverage=under&page=5"
    grow(world, entries=9, judges=3, rows=3)
    small, small_page = _measure(client, url)
    small_filtered, _ = _measure(client, filtered)
    assert len(small_page.context["matrix"].judges) == 3
    assert len(small_page.context["matrix"].rows) == 10
    grow(world, entries=990, judges=57, rows=3)
    large, large_page = _measure(client, url)
    large_filtered, page5 = _measure(client, filtered)
    assert (large, large_filtered) == (small, small_filtered)
    matrix = large_page.context["matrix"]
    assert len(matrix.judges) == 60
    assert len(matrix.rows) == 100
    assert (matrix.under, matrix.over) == (1000, 0)
    assert len(large_page.content) < 1_000_000
    html = page5.content.decode()
    assert _status(html) == "1000 entries in this list; shown: 401-500."
    assert _summary(html).startswith("1000 under-assigned entries")
    assert 'aria-current="page"><span class="sr-only">Current page </span>5</a>' in html
    assert len(page5.content) < 1_000_000
    print(
        f"\nmatrix: {small} queries, {len(small_page.content)} bytes at 10 entries by 3 judges; "
        f"{large} queries, {len(large_page.content)} bytes at 1,000 by 60"
    )
