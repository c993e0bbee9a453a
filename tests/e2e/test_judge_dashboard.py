"""The judge's dashboard in a browser: the 24-hour warning, filtering by state (with htmx and
without a page load), removing the filter, sorting, and the phone layout (390 px wide: no
sideways scrolling, each entry's state and total visible). axe in Korean and English."""

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from scoring.models import Score, Scorecard
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url

SHOTS = Path(tempfile.gettempdir()) / "shots-dashboard"  # screenshots to look at


def _world():
    """An open round closing in 5 hours; judge 김심사 with six entries: 2 not started, 2 drafts
    (12 and 25 points so far), 2 submitted (40 and 7)."""
    now = timezone.now()
    contest = factories.ContestFactory()
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(hours=5)
    )
    criterion = factories.CriterionFactory(round=round_, max_points=Decimal("50"), order=0)
    judge = factories.JudgeFactory(contest=contest, user__name="김심사")
    states = [None, None, ("draft", "12"), ("draft", "25"), ("submitted", "40"),
              ("submitted", "7")]  # fmt: skip
    entries = []
    for n, state in enumerate(states, start=1):
        entry = factories.EntryFactory(
            contest=contest, status=Entry.Status.SUBMITTED, receipt_number=f"2026-{n:04d}",
            title=f"지역 상생을 위한 아주 긴 사례 제목 그대로 보여야 합니다 {n}",
        )  # fmt: skip
        factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
        if state:
            status, total = state
            card = Scorecard.objects.create(
                round=round_, judge=judge, entry=entry, status=status, version=2,
                total=Decimal(total) if status == "submitted" else None,
            )  # fmt: skip
            Score.objects.create(scorecard=card, criterion=criterion, value=Decimal(total))
        entries.append(entry)
    return round_, judge, entries


def _rows(page: Page) -> list[str]:
    return page.locator("table.judge-table tbody tr th a").all_inner_texts()


def test_judge_filters_sorts_sees_the_warning_and_reads_it_on_a_phone(page: Page, live_server):
    round_, judge, _entries = _world()
    login_as(page, live_server, judge.user)
    page.goto(url(live_server, "judge:dashboard"))

    # The 24-hour warning: the exact deadline (Korea time) and the number left.
    deadline = timezone.localtime(round_.closes_at).strftime("%Y-%m-%d %H:%M")
    alert = page.locator(".judge-closing[role=alert]")
    expect(alert).to_contain_text("심사 마감까지 24시간이 남지 않았습니다.")
    expect(alert).to_contain_text(f"마감 {deadline}(한국 시간): 미제출 평가표 4건")
    expect(page.locator(".judge-counts li[data-state=not_started] strong")).to_have_text("2")
    expect(page.locator(".judge-counts li[data-state=draft] strong")).to_have_text("2")
    expect(page.locator(".judge-counts li[data-state=submitted] strong")).to_have_text("2")
    expect(page.locator("table.judge-table tbody tr")).to_have_count(6)
    axe_both_languages(
        page,
        "judge dashboard with the 24-hour warning",
        in_english=lambda: expect(alert).to_contain_text("4 scorecards are not yet submitted"),
    )

    # Filter by state: the list is replaced in place (htmx), the address keeps the filter.
    page.evaluate("() => { window.stillSamePage = true; }")
    page.locator("#id_status").select_option("draft")
    page.locator("#judge-filter button[type=submit]").click()
    expect(page.locator("table.judge-table tbody tr")).to_have_count(2)
    assert page.evaluate("() => window.stillSamePage") is True
    assert "status=draft" in page.url
    expect(page.locator(".judge-filter-active")).to_contain_text("작성 중")
    axe_both_languages(page, "judge dashboard, filtered")

    # Sort by total (highest first), only the drafts.
    page.locator("#id_status").select_option("draft")
    page.locator("#id_sort").select_option("total")
    page.locator("#judge-filter button[type=submit]").click()
    expect(page.locator("table.judge-table tbody tr").first).to_contain_text("2026-0004")
    assert [t[-1] for t in _rows(page)] == ["4", "3"]

    # 필터 해제: every entry again, the sort kept.
    page.get_by_role("link", name="필터 해제").click()
    expect(page.locator("table.judge-table tbody tr")).to_have_count(6)
    assert [t[-1] for t in _rows(page)] == ["5", "4", "3", "6", "1", "2"]
    expect(page.locator(".judge-filter-active")).to_have_count(0)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard-1280-ko.png"), full_page=True)

    # A phone: 390 x 844. No sideways scrolling; each entry's state and total are shown.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(live_server, "judge:dashboard"))
    expect(page.locator("table.judge-table tbody tr")).to_have_count(6)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    for row in page.locator("table.judge-table tbody tr").all():
        for cell in ("td.judge-state", "td.judge-total"):
            box = row.locator(cell).bounding_box()
            assert box is not None
            assert box["width"] > 0
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= 390
    expect(page.locator("tr", has_text="2026-0005").locator("td.judge-total")).to_have_text("40")
    page.screenshot(path=str(SHOTS / "dashboard-390-ko.png"), full_page=True)
    axe_both_languages(page, "judge dashboard on a phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "dashboard-390-top.png"))
    page.locator("table.judge-table").first.screenshot(path=str(SHOTS / "dashboard-390-rows.png"))
