"""Journey (issue 11 item 5): the organizer lists only the under-assigned entries of the matrix,
pages through them with plain links that keep the filter, assigns a judge on the second page
with htmx (the page and filter stay), then reassigns a challenged judge's entry from the
conflicts page. axe in Korean and English on both pages.

The matrix's page size is set to 2 for the journey (the real size and the page weight at 1,000
entries: tests/judging/test_matrix_paging.py)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scoring.models import Assignment
from scoring.selectors import assignments as matrix_selectors
from scoring.services.conflicts import conflict_record_challenge
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(matrix_selectors, "MATRIX_PAGE_SIZE", 2)


def _world():
    """Five entries needing two judges each; entry 1 had 가심사 and 다심사 until 다심사 was
    challenged: every entry is under-assigned. 라심사 already holds entry 5."""
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2027 적극행정 경진대회")
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    now = timezone.now()
    round_ = factories.RoundFactory(
        contest=contest, judges_per_entry=2, opens_at=now - timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=5),
    )  # fmt: skip
    seoul = factories.AgencyFactory(code="6110000", name_ko="서울특별시", name_en="Seoul")
    entries = [
        factories.EntryFactory(
            contest=contest, category=central, agency=seoul, title=f"우수사례 {n}",
            status=Entry.Status.SUBMITTED, receipt_number=f"2027-{n:04d}", submitted_at=now,
        )
        for n in range(1, 6)
    ]  # fmt: skip
    judges = [
        factories.JudgeFactory(contest=contest, user=factories.UserFactory(name=name))
        for name in ("가심사", "나심사", "다심사", "라심사")
    ]
    ga, _na, da, ra = judges
    for judge, entry in ((ga, entries[0]), (da, entries[0]), (ra, entries[4])):
        Assignment.objects.create(round=round_, judge=judge, entry=entry)
    conflict_record_challenge(judge=da, entry=entries[0], reason="공동 연구", by=organizer)
    return organizer, contest, round_, entries, judges


def test_page_through_the_filtered_matrix_and_reassign_a_conflict(page, live_server, small_pages):
    organizer, contest, round_, entries, judges = _world()
    ga, na, _da, ra = judges
    login_as(page, live_server, organizer)
    matrix = url(live_server, "judging:matrix", contest.pk, round_.pk)

    # 1. Only the under-assigned entries (htmx swaps the grid and puts the filter in the URL).
    page.goto(matrix)
    page.locator("#matrix-coverage").select_option("under")
    page.wait_for_url(re.compile(r"coverage=under"))
    # The header's language switcher goes back to the URL the page was loaded with (htmx only
    # swapped the grid): load the filtered URL itself before switching languages.
    page.reload()
    expect(page.locator("th.judging-entry")).to_have_count(2)
    axe_both_languages(
        page,
        "assignment matrix, first page of under-assigned entries",
        in_english=lambda: expect(page.locator("[data-matrix-status]")).to_have_text(
            "5 entries in this list; shown: 1\u20132."
        ),
    )

    # 2. The next page: a plain link that keeps the filter; the current page is marked.
    next_link = page.locator("nav.judging-pager").first.locator("a[rel=next]")
    expect(next_link).to_have_accessible_name("다음 페이지")
    next_link.click()
    page.wait_for_url(re.compile(r"\?coverage=under&page=2$"))
    expect(page.locator(".judging-pager").first.locator("[aria-current=page]")).to_contain_text("2")
    rows = page.locator("th.judging-entry")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("2027-0003")
    axe_both_languages(page, "assignment matrix, second page of under-assigned entries")

    # 3. Assign 가심사 to entry 3 with htmx: no page load, the page and the filter stay.
    page.evaluate("() => { window.stillSamePage = true; }")
    cell = page.locator(f"button[name=pair][value='{ga.pk}-{entries[2].pk}']")
    cell.click()
    expect(cell).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#load-{ga.pk}")).to_have_text("2")
    assert page.evaluate("() => window.stillSamePage") is True
    assert page.url.endswith("?coverage=under&page=2")
    assert Assignment.objects.filter(round=round_, judge=ga, entry=entries[2]).exists()

    # 4. The conflicts page offers the free judges of entry 1, least loaded first.
    page.goto(url(live_server, "judging:conflicts", contest.pk))
    control = page.locator(f"form[data-reassign='{round_.pk}-{entries[0].pk}']")
    options = control.locator("select[name=judge] option")
    expect(options).to_have_count(2)
    assert options.evaluate_all("(os) => os.map((o) => o.value)") == [str(na.pk), str(ra.pk)]
    axe_both_languages(page, "conflicts page with a reassignment control")

    # 5. Give entry 1 to 나심사: back on the conflicts page with a message; nothing left to do.
    control.locator("select[name=judge]").select_option(str(na.pk))
    control.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("2027-0001")
    expect(page.locator("form[data-reassign]")).to_have_count(0)
    assert Assignment.objects.filter(round=round_, judge=na, entry=entries[0]).exists()
