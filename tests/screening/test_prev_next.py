"""Previous / next on the organizer's entry page: the list's order and filter (carried in the
query string), the position "n / N", a fixed number of queries whatever the list's length."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.models import Entry
from submissions.views import screening as screening_views
from tests import factories as f
from tests.screening.conftest import make_entry

pytestmark = pytest.mark.django_db


def detail_url(world, entry, query=""):
    return reverse("screening:detail", args=[world.contest.pk, entry.pk]) + query


def nav(response) -> dict:
    """The pager as {previous, position, next, list}: link targets and the position text."""
    html = response.content.decode()
    pager = re.search(r'<nav class="screening-pager".*?</nav>', html, re.S).group(0)
    found = dict(re.findall(r'href="([^"]+)"[^>]*data-nav="(\w+)"', pager))
    links = {name: href.replace("&amp;", "&") for href, name in found.items()}
    position = re.search(r'data-nav="position">(.*?)</p>', pager, re.S).group(1)
    links["position"] = re.sub(r"<[^>]+>", "", position).replace("Position in the list: ", "")
    return links


def test_whole_list_in_receipt_order_drafts_last(world, org):
    first = nav(org.get(detail_url(world, world.shortcut)))
    assert first == {
        "position": "1 / 5",
        "next": detail_url(world, world.bus),
        "list": reverse("screening:list", args=[world.contest.pk]),
    }
    last = nav(org.get(detail_url(world, world.draft)))
    assert (last["position"], last["previous"]) == ("5 / 5", detail_url(world, world.withdrawn))
    assert "next" not in last
    html = org.get(detail_url(world, world.draft)).content.decode()
    assert (
        '<span class="krds-btn small secondary disabled" aria-disabled="true">Next entry</span>'
        in html
    )


def test_the_filter_is_kept_in_every_link(world, org):
    make_entry(world.contest, world.local, world.seoul, "버스 도착 알림", number=7)
    got = nav(org.get(detail_url(world, world.bus, "?status=submitted")))
    assert got == {
        "previous": detail_url(world, world.shortcut, "?status=submitted"),
        "position": "2 / 4",
        "next": detail_url(world, world.onestop, "?status=submitted"),
        "list": reverse("screening:list", args=[world.contest.pk]) + "?status=submitted",
    }
    query = "?status=submitted&q=%EB%B2%84%EC%8A%A4"  # search "버스"
    searched = nav(org.get(detail_url(world, world.bus, query)))
    assert searched["position"] == "1 / 2"
    assert searched["next"] == detail_url(
        world, Entry.objects.get(receipt_number="2026-0007"), query
    )
    assert "previous" not in searched


def test_an_entry_the_filter_leaves_out_keeps_its_neighbours(world, org):
    # Opened from "not screened yet", then screened eligible: no longer in that list.
    got = nav(org.get(detail_url(world, world.bus, "?screening=pending")))
    assert got == {
        "previous": detail_url(world, world.shortcut, "?screening=pending"),
        "position": "—not in this list / 3",
        "next": detail_url(world, world.withdrawn, "?screening=pending"),
        "list": reverse("screening:list", args=[world.contest.pk]) + "?screening=pending",
    }


def test_drafts_without_a_number_follow_each_other_by_id(world, org):
    second = make_entry(world.contest, world.central, world.mois, "두 번째 초안", status="draft")
    assert nav(org.get(detail_url(world, world.draft)))["next"] == detail_url(world, second)
    got = nav(org.get(detail_url(world, second)))
    assert (got["previous"], got["position"]) == (detail_url(world, world.draft), "6 / 6")


def test_back_to_the_list_opens_the_page_the_entry_is_on(world, org, monkeypatch):
    monkeypatch.setattr(screening_views, "PER_PAGE", 2)
    listing = reverse("screening:list", args=[world.contest.pk])
    got = nav(org.get(detail_url(world, world.onestop, "?q=&page=1&select=page")))
    assert (got["position"], got["list"]) == ("3 / 5", listing + "?q=&page=2")
    assert got["next"] == detail_url(world, world.withdrawn, "?q=")  # no page, no selection
    got = nav(org.get(detail_url(world, world.shortcut, "?kind=local")))
    assert (got["position"], got["list"]) == ("—not in this list / 2", listing + "?kind=local")
    got = nav(org.get(detail_url(world, world.withdrawn, "?kind=local")))
    assert (got["position"], got["list"]) == ("2 / 2", listing + "?kind=local")


def test_invalid_filters_are_ignored(world, org):
    response = org.get(detail_url(world, world.bus, "?category=abc&status=nonsense"))
    assert response.status_code == 200
    assert nav(response)["position"] == "2 / 5"


def test_list_links_carry_the_filters_to_the_entry(world, org):
    html = org.get(
        reverse("screening:list", args=[world.contest.pk]) + "?screening=pending&page=1"
    ).content.decode()
    assert f'<a href="{detail_url(world, world.shortcut, "?screening=pending")}">' in html


def test_screening_on_the_page_keeps_the_list(world, org):
    url = detail_url(world, world.shortcut, "?screening=pending")
    html = org.get(url).content.decode()
    assert f'action="{url}"' in html
    response = org.post(url, {"eligibility": "eligible", "reason": ""})
    assert (response.status_code, response["Location"]) == (302, url)


def test_previous_next_cost_the_same_queries_at_any_length(world, org):
    url = detail_url(world, world.bus, "?status=submitted&q=%EB%B2%84%EC%8A%A4")
    org.get(url)
    with CaptureQueriesContext(connection) as small:
        org.get(url)
    for n in range(20):
        make_entry(world.contest, world.local, world.seoul, f"버스 사례 {n}", number=100 + n)
        f.EntryFactory(contest=world.contest, title=f"초안 {n}")
    with CaptureQueriesContext(connection) as big:
        response = org.get(url)
    assert nav(response)["position"] == "1 / 21"
    assert len(big) == len(small)
    neighbours = [q["sql"] for q in big.captured_queries if "receipt_number" in q["sql"]]
    assert len(neighbours) >= 3
