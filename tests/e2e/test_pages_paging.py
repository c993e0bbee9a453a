"""The organizer's long pages a page at a time, in a real browser (issue 12): the round's
ranking, the robustness entries and the progress board's entries, each with its page links
(axe in Korean and English), the robustness filters swapping only the table with htmx.

Scene: one final round of 130 entries (2 categories, 3 of 6 judges each, tests.results.bulk)."""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from contests.models import Round
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.results.bulk import scored_entries


def _scene():
    now = timezone.now()
    organizer = factories.OrganizerFactory(name="김주관")
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2026 정부혁신 경진대회")
    categories = [factories.CategoryFactory(contest=contest) for _ in range(2)]
    round_ = factories.RoundFactory(
        contest=contest, method=Round.Method.MEAN, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=7),
    )  # fmt: skip
    criteria = [factories.CriterionFactory(round=round_, max_points=Decimal("100"))]
    factories.AwardTierFactory(contest=contest, name_ko="우수상", name_en="Excellence", count=3)
    judges = [factories.JudgeFactory(contest=contest) for _ in range(6)]
    scored_entries(round_, categories, judges, criteria, 130, per_entry=3)
    return organizer, contest, round_


def test_organizer_pages_through_the_ranking_robustness_and_progress(page, live_server):
    organizer, contest, round_ = _scene()
    login_as(page, live_server, organizer)
    rows = page.locator("tr[data-entry]")

    page.goto(url(live_server, "results:round", contest.pk, round_.pk))
    expect(rows).to_have_count(100)
    expect(page.locator('[data-k="ranking-shown"]')).to_contain_text("1\N{EN DASH}100")
    axe_both_languages(page, "round ranking, page 1")
    page.locator('nav[data-pager] a[rel="next"]').first.click()
    expect(rows).to_have_count(30)
    expect(page).to_have_url(re.compile(r"page=2#ranking-title$"))

    page.goto(url(live_server, "analysis:robustness", contest.pk, round_.pk))
    expect(rows).to_have_count(50)
    axe_both_languages(page, "robustness, every entry")
    page.locator('[data-k="shows"] a').nth(2).click()  # only the outcome changes (htmx)
    expect(page.locator('[data-k="shows"] a[aria-current="true"]')).to_have_attribute(
        "href", re.compile(r"\?show=outcome$")
    )
    expect(page).to_have_url(re.compile(r"\?show=outcome$"))
    page.goto(url(live_server, "analysis:robustness", contest.pk, round_.pk) + "?page=3")
    expect(rows).to_have_count(30)
    expect(page.locator('nav[data-pager] a[aria-current="page"]').first).to_contain_text("3")

    page.goto(url(live_server, "control:progress", contest.pk))
    entries = page.locator('section[aria-labelledby="entries-title"] tr[data-entry]')
    expect(entries).to_have_count(100)
    axe_both_languages(page, "progress board, entries page 1")
    page.locator('section[aria-labelledby="entries-title"] a[rel="next"]').first.click()
    expect(entries).to_have_count(30)
    expect(page.locator('[data-total="assigned"]')).to_have_text("390")
