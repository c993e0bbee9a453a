"""Journey: an organizer narrows the entry list by typing a search (htmx, no page load), opens an
entry, marks it ineligible with a reason and sees the badge. Axe in Korean and English on every
page visited."""

from playwright.sync_api import Page, expect

from submissions.models import Agency, Entry
from tests import factories
from tests.e2e.conftest import axe_check, login_as, switch_language, url
from tests.screening.conftest import attach, make_entry


def _check_both_languages(page: Page, what: str) -> None:
    axe_check(page, context=what)
    switch_language(page, "en")
    axe_check(page, context=what)
    switch_language(page, "ko")


def test_organizer_searches_opens_and_screens_an_entry(page, live_server):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(
        name_ko="2026 정부혁신 우수사례 경진대회", organizers=[organizer]
    )
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    question = factories.EntryQuestionFactory(contest=contest, label_ko="추진배경")
    mois = factories.AgencyFactory(name_ko="행정안전부", kind=Agency.Kind.CENTRAL)
    seoul = factories.AgencyFactory(name_ko="서울특별시", kind=Agency.Kind.METROPOLITAN)
    target = make_entry(contest, central, mois, "찾아라! 119 지름길", number=1)
    factories.AnswerFactory(entry=target, question=question, text="출동 지연 문제\n<b>해결</b>")
    attach(target, "사업 설명서.pdf", b"%PDF-1.7 demo")
    make_entry(contest, central, seoul, "스마트 버스정류장", number=2)
    make_entry(contest, central, seoul, "작성 중인 사례", status="draft")

    login_as(page, live_server, organizer)
    page.goto(url(live_server, "contests:detail", contest.pk))
    list_href = url(live_server, "screening:list", contest.pk).removeprefix(live_server.url)
    page.locator(f"main .contest-actions a[href='{list_href}']").click()
    page.wait_for_url(url(live_server, "screening:list", contest.pk))
    expect(page.locator("table.screening-table tbody tr")).to_have_count(3)
    _check_both_languages(page, "entry list")

    # Typing a search narrows the results in place: no page load happens.
    page.evaluate("() => { window.stillSamePage = true; }")
    page.locator("#id_q").press_sequentially("지름길", delay=50)
    expect(page.locator("table.screening-table tbody tr")).to_have_count(1)
    expect(page.locator("table.screening-table tbody")).to_contain_text("찾아라! 119 지름길")
    assert page.evaluate("() => window.stillSamePage") is True
    assert "q=" in page.url  # the filter is in the address bar (hx-push-url)
    _check_both_languages(page, "entry list, searched")

    page.locator("table.screening-table a", has_text="찾아라! 119 지름길").click()
    page.wait_for_url(url(live_server, "screening:detail", contest.pk, target.pk))
    expect(page.locator("main")).to_contain_text("<b>해결</b>")
    expect(page.locator("main")).to_contain_text("사업 설명서.pdf")
    _check_both_languages(page, "entry detail, not screened")

    # Ineligible without a reason is refused next to the field; then with a reason it is saved.
    page.evaluate("() => { window.stillSamePage = true; }")
    page.locator("label[for=id_eligibility_1]").click()
    page.locator("#screening button[type=submit]").click()
    expect(page.locator("#id_reason_error")).to_be_visible()
    page.fill("#id_reason", "동일 사례가 작년에 수상함")
    page.locator("#screening button[type=submit]").click()
    expect(page.locator("#screening .krds-badge.bg-light-danger")).to_be_visible()
    expect(page.locator("#screening")).to_contain_text("동일 사례가 작년에 수상함")
    assert page.evaluate("() => window.stillSamePage") is True
    target.refresh_from_db()
    assert (target.eligibility, target.eligibility_reason, target.screened_by) == (
        Entry.Eligibility.INELIGIBLE,
        "동일 사례가 작년에 수상함",
        organizer,
    )
    _check_both_languages(page, "entry detail, screened")

    # The list shows the outcome too.
    page.goto(url(live_server, "screening:list", contest.pk) + "?screening=ineligible")
    expect(page.locator("table.screening-table tbody tr")).to_have_count(1)
    expect(page.locator("table.screening-table tbody .bg-light-danger")).to_be_visible()
