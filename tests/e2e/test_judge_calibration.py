"""A judge calibrates: 나의 평가 현황 sorted by a criterion both ways, two entries picked and
compared side by side, a private note written on a scorecard (autosaved) and seen in the
side-by-side view. axe in Korean and English on the overview and the compare page; at 390 px
neither page scrolls sideways (the table scrolls inside its own wrapper)."""

import re

from playwright.sync_api import Page, expect

from scoring.models import PrivateNote
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.judge.calibration import Scene

NOTE = "3번보다 확산 가능성이 높음"


def _receipts(page: Page) -> list[str]:
    return page.locator(".overview-table tbody td[data-k=receipt]").all_inner_texts()


def _no_sideways_scroll(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url}: the page is {width}px wide at 390px"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_judge_calibrates(page, live_server):
    scene = Scene(n=4)
    e1, e2, e3, _e4 = scene.entries
    scene.score(e1, 24, "15.5", submit=True)
    scene.score(e2, 30, 10, submit=True)
    scene.score(e3, 12)
    login_as(page, live_server, scene.judge.user)
    overview = url(live_server, "judge:overview", scene.round.pk)
    page.goto(overview)
    expect(page.locator("h1")).to_have_text("나의 평가 현황")
    assert _receipts(page) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    expect(page.locator(".overview-figures")).to_contain_text("39.75")
    expect(page.locator(".overview-chart svg[role=img]")).to_have_count(1)
    axe_both_languages(page, "judge overview")
    _no_sideways_scroll(page)

    # Sort by 효과성, ascending then descending: empty scores last both ways.
    header = page.locator(f"th[data-k=c{scene.effect.pk}]")
    header.locator("a").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert _receipts(page) == ["2026-0002", "2026-0001", "2026-0003", "2026-0004"]
    header.locator("a").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert _receipts(page) == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]

    # A private note on entry 1's scorecard (submitted: the note stays writable), autosaved as
    # it is typed.
    page.locator(f"tr[data-entry='{e1.pk}'] th a").click()
    page.wait_for_url(url(live_server, "judge:scorecard", scene.round.pk, e1.pk))
    page.wait_for_load_state("load")
    note = page.locator(f"#private-note-{e1.pk}")
    expect(note).to_have_count(1)
    note.fill(NOTE)
    note.press("End")  # the keyup that starts the autosave (after 800 ms of quiet)
    expect(page.locator(f"#private-note-status-{e1.pk}")).to_have_text(re.compile(r"\d{2}:\d{2}"))
    assert list(PrivateNote.objects.values_list("entry_id", "text")) == [(e1.pk, NOTE)]

    # Back on the overview: the note shows; pick entries 1 and 3 and compare them.
    page.goto(overview)
    expect(page.locator(f"tr[data-entry='{e1.pk}'] td[data-k=note]")).to_have_text(NOTE)
    page.locator(f"label[for=pick-{e1.pk}]").click()
    page.locator(f"label[for=pick-{e3.pk}]").click()
    page.locator(".overview-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/compare/\?pick="))
    expect(page.locator("h1")).to_have_text("나란히 보기")
    expect(page.locator(".compare-side h2")).to_have_text(["A 사례 01", "B 사례 03"])
    expect(page.locator(".compare-note").first).to_contain_text(NOTE)
    expect(page.locator(".compare-scores tbody tr").last).to_contain_text("39.5")
    axe_both_languages(page, "side by side")
    _no_sideways_scroll(page)

    # One entry only: back on the overview with a message.
    page.goto(overview)
    page.locator(f"label[for=pick-{e2.pk}]").click()
    page.locator(".overview-form button[type=submit]").click()
    page.wait_for_url(overview)
    expect(page.locator("main")).to_contain_text("정확히 두 개")
