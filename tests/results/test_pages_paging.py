"""The results and robustness pages at size (issue 12): the ranked tables come a page at a time
(100 rows; the robustness entries 50), the numbers on each page those of the same selectors as
before, the award summary and the actions kept; one entry's 집계표 builds only its own row; a
live round's result is computed once per inputs (cached by their digest).

Scene: one final round (mean, one criterion of 100 points) of 230 entries in two categories,
each scored by 3 of 6 judges (tests.results.bulk, seeded), with a 대상 (1) and 우수상 (3)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Assignment
from scoring.outcome import compute
from scoring.robustness import robustness
from scoring.selectors.result_pages import computed, round_page
from scoring.selectors.result_sheets import overview
from scoring.selectors.results import round_inputs
from submissions.models import Entry
from tests import factories
from tests.results.bulk import scored_entries

pytestmark = pytest.mark.django_db
DASH = "\N{EN DASH}"


@pytest.fixture
def big(organizer):
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer], year=2026)
    categories = [
        factories.CategoryFactory(contest=contest, name_ko=ko, name_en=en)
        for ko, en in (("중앙부처", "Central"), ("지자체", "Local"))
    ]
    round_ = factories.RoundFactory(
        contest=contest, method=Round.Method.MEAN, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    criteria = [factories.CriterionFactory(round=round_, max_points=Decimal("100"))]
    factories.AwardTierFactory(contest=contest, name_ko="대상", name_en="Grand prize", count=1)
    factories.AwardTierFactory(contest=contest, name_ko="우수상", name_en="Excellence", count=3)
    judges = [factories.JudgeFactory(contest=contest) for _ in range(6)]
    scored_entries(round_, categories, judges, criteria, 230, per_entry=3)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    return contest, round_, categories, client


def _receipts(html: str) -> list[str]:
    return re.findall(r'<tr data-entry="([\d-]+)"', html)


def test_the_round_ranking_comes_100_a_page_in_the_selectors_order(big):
    contest, round_, _categories, client = big
    ranked = [row.receipt for row in round_page(round_).rows]
    url = reverse("results:round", args=[contest.pk, round_.pk])
    first = client.get(url).content.decode()
    assert _receipts(first) == ranked[:100]
    assert f"230 entries in this list; shown: 1{DASH}100." in first
    assert '<a class="page-link" href="?page=3#ranking-title">' in first
    last = client.get(url, {"page": "3"}).content.decode()
    assert _receipts(last) == ranked[200:]
    # The category filter and the sort are kept from page to page; a new sort starts again at
    # the first page.
    code = round_page(round_).categories[1][0]  # 지자체
    local = [row.receipt for row in round_page(round_).rows if row.category == code]
    query = {"category": code, "sort": "-score", "page": "2"}
    html = client.get(url, query).content.decode()
    by_score = sorted(local, key=lambda r: -Decimal(_score(round_, r)))  # stable: rank order
    assert len(local) == 115
    assert _receipts(html) == by_score[100:]
    assert f"115 entries in this list; shown: 101{DASH}115." in html
    assert f'href="?category={code}&amp;sort=-score&amp;page=1#ranking-title"' in html
    assert f'href="?category={code}&amp;sort=score"' in html  # the header's link: no page
    # htmx (the filter form, a header) swaps only the table, with its pages.
    region = client.get(url, query, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in region
    assert _receipts(region) == by_score[100:]
    assert 'aria-label="Pages of the ranking"' in region


def _score(round_, receipt: str) -> str:
    row = next(r for r in round_page(round_).rows if r.receipt == receipt)
    return row.score.full


def test_the_contest_results_page_pages_the_final_ranking_and_keeps_the_awards(big):
    """The two best entries tie on the boundary of the 대상 (공동 1위, an award tie to decide):
    the three best get 우수상 until the organizer records the order."""
    contest, _round, _categories, client = big
    final = [row.receipt for row in overview(contest).rows]
    url = reverse("results:index", args=[contest.pk])
    html = client.get(url).content.decode()
    assert _receipts(html) == final[:100]
    assert f"230 entries in this list; shown: 1{DASH}100." in html
    awards = re.search(r'<dl class="control-facts" data-k="awards">(.*?)</dl>', html, re.S)
    prefix = f"{contest.year}-{contest.pk:03d}-000"
    assert awards.group(1).strip() == (
        f'<div data-award="Excellence"><dt>Excellence</dt><dd>{prefix}18 사례 18, '
        f"{prefix}48 사례 48, {prefix}55 사례 55</dd></div>"
    )
    assert final[:3] == [f"{prefix}18", f"{prefix}48", f"{prefix}55"]
    # The override form offers the entries of the page shown.
    page3 = client.get(url, {"page": "3"}).content.decode()
    assert _receipts(page3) == final[200:]
    select = re.search(r'<select name="entry".*?</select>', page3, re.S).group(0)
    assert re.findall(r'<option value="([\d-]+)"', select) == final[200:]
    # Who wins is on every page.
    assert '<div data-award="Excellence">' in page3


def test_one_entrys_sheet_builds_only_its_row_and_matches_the_ranking(big):
    contest, round_, _categories, client = big
    page = round_page(round_)
    receipt = page.results["entries"][150]["entry"]
    line = page.line(receipt)
    assert page.__dict__["_rows"] is None  # the other rows were not built
    assert line == page.rows[150]
    assert line.position == 150
    entry = Entry.objects.get(receipt_number=receipt)
    html = client.get(reverse("results:sheet", args=[contest.pk, round_.pk, entry.pk]))
    assert html.status_code == 200
    assert page.line("no-such-entry") is None


def test_a_live_result_is_computed_once_per_inputs(big):
    _contest, round_, _categories, _client = big
    cache.clear()
    inputs = round_inputs(round_).inputs
    first = computed(inputs)
    assert first == compute(inputs)
    assert len([k for k in cache._cache if ":compute:" in k]) == 1
    assert computed(inputs) == first


def test_robustness_pages_50_entries_and_lists_the_outcome_changes(big):
    contest, round_, _categories, client = big
    report = robustness(round_inputs(round_).inputs)
    order = [row["entry"] for row in report["methods"]["rows"]]
    outcome = {
        item["entry"]
        for item in report["changed"]
        for change in item["changes"]
        if "tier" in change
        or "advanced" in change
        or (change.get("rank", {}).get("before", {}).get("rank") == 1)
        != (change.get("rank", {}).get("after", {}).get("rank") == 1)
    }
    url = reverse("analysis:robustness", args=[contest.pk, round_.pk])
    html = client.get(url).content.decode()
    assert _receipts(html) == order[:50]
    assert f"230 entries in this list; shown: 1{DASH}50." in html
    assert client.get(url, {"page": "5"}).content.decode().count("<tr data-entry=") == 30
    shown = client.get(url, {"show": "outcome"}).content.decode()
    assert _receipts(shown) == [r for r in order if r in outcome][:50]
    assert f"Only entries whose award, advancement or first place changes ({len(outcome)})" in (
        shown
    )
    assert len(shown.encode()) < 1_000_000


def test_the_scorecards_not_submitted_come_50_a_page_with_their_forms(big):
    contest, round_, _categories, client = big
    judges = list(round_.contest.judges.order_by("pk"))
    entries = list(Entry.objects.filter(contest=contest).order_by("pk"))
    for i, entry in enumerate(entries[:60]):  # a 4th judge, who has not scored: 60 cards open
        Assignment.objects.create(round=round_, judge=judges[(3 * i + 3) % 6], entry=entry)
    pending = [f"{j.pk}-{e.pk}" for j, e in round_page(round_).unsubmitted]
    assert len(pending) == 60
    url = reverse("results:round", args=[contest.pk, round_.pk])
    first = client.get(url).content.decode()
    assert re.findall(r'<tr data-unsubmitted="([\d-]+)"', first) == pending[:50]
    assert "60 assigned scorecards are not submitted." in first
    assert f"Shown: 1{DASH}50." in first
    assert '<a class="page-link" href="?todo=2#todo-title">' in first
    second = client.get(url, {"todo": "2", "page": "2"}).content.decode()
    assert re.findall(r'<tr data-unsubmitted="([\d-]+)"', second) == pending[50:]
    assert 'id="exclude50_reason"' in second  # form ids go on from the first page's
    assert _receipts(second) == [r.receipt for r in round_page(round_).rows][100:200]
