"""Journey: a new user signs up and asks to join 행정안전부 (searching as they type), sees the
request waiting; an organizer approves it; the user then finds the agency on /agencies/. Every page
visited is checked with axe in Korean and English."""

import io

from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from submissions.models import AgencyMembership, JoinRequest
from tests import factories
from tests.e2e.conftest import axe_check, login_as, switch_language, url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_sheet() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name_ko", "name_en", "kind"])
    sheet.append(["MOIS", "행정안전부", "", "중앙행정기관"])
    sheet.append(["BAD", "잘못된 기관", "", "xyz"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_both_languages(page: Page, what: str) -> None:
    axe_check(page, context=what)
    switch_language(page, "en")
    axe_check(page, context=what)
    switch_language(page, "ko")


def test_new_user_asks_to_join_and_an_organizer_approves(page, live_server, browser):
    mois = factories.AgencyFactory(
        code="MOIS", name_ko="행정안전부", name_en="Ministry of the Interior and Safety"
    )
    factories.AgencyFactory(code="KOSTAT", name_ko="통계청", name_en="Statistics Korea")
    factories.AgencyFactory(
        code="SEOUL", name_ko="서울특별시", name_en="Seoul", kind="metropolitan"
    )
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")

    # 1. Sign up; home offers to join an agency.
    page.goto(url(live_server, "account_signup"))
    page.fill("#id_name", "정신청")
    page.fill("#id_email", "jung@mois.go.kr")
    page.fill("#id_password1", "Gongmuwon-2027!")
    page.fill("#id_password2", "Gongmuwon-2027!")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    join_link = page.locator(f"main a[href='{reverse('submissions:join_request_create')}']")
    _check_both_languages(page, "home, no agency yet")
    join_link.click()
    page.wait_for_url(url(live_server, "submissions:join_request_create"))
    _check_both_languages(page, "join form")

    # 2. Search as you type: the list narrows without a page load.
    page.evaluate("() => { window.stillSamePage = true; }")
    expect(page.locator("#id_agency option")).to_have_count(4)
    page.locator("#agency-search").fill("행정")
    expect(page.locator("#id_agency option")).to_have_count(2)
    assert page.evaluate("() => window.stillSamePage") is True
    page.locator("#id_agency").select_option(str(mois.pk))
    page.fill("#id_position", "혁신정책과 사무관")
    page.fill("#id_phone", "044-205-1234")
    page.fill("#id_message", "경진대회 담당자입니다.")
    page.locator("main form[method=post] button[type=submit]").click()

    # 3. The request waits; nothing is a membership yet.
    page.wait_for_url(url(live_server, "submissions:my_agencies"))
    join_request = JoinRequest.objects.get(user__email="jung@mois.go.kr")
    card = page.locator(f"#join-request-{join_request.pk}")
    expect(card).to_contain_text("행정안전부")
    expect(card.locator(".krds-badge.bg-light-warning")).to_be_visible()
    assert not AgencyMembership.objects.filter(user=join_request.user).exists()
    _check_both_languages(page, "my agencies, request waiting")
    switch_language(page, "en")
    expect(card).to_contain_text("Waiting for approval")
    switch_language(page, "ko")

    # 4. The organizer sees the waiting request and approves it.
    organizer_context = browser.new_context(locale="ko-KR", bypass_csp=True)
    organizer_page = organizer_context.new_page()
    login_as(organizer_page, live_server, organizer)
    list_url = url(live_server, "submissions:join_request_list")
    waiting = f"main a[href='{reverse('submissions:join_request_list')}?status=pending']"
    organizer_page.locator(waiting).click()
    expect(organizer_page.locator("#join-requests tbody tr")).to_have_count(1)
    _check_both_languages(organizer_page, "join requests, organizer")
    organizer_page.locator("#join-requests tbody a").first.click()
    organizer_page.wait_for_url(
        url(live_server, "submissions:join_request_detail", join_request.pk)
    )
    expect(organizer_page.locator("main")).to_contain_text("혁신정책과 사무관")
    _check_both_languages(organizer_page, "join request detail")
    organizer_page.locator("button[name=decision][value=approve]").click()
    organizer_page.wait_for_url(list_url)

    # 4b. From the list, the organizer opens the agency import; a bad sheet lists its rows.
    organizer_page.locator(f"main a[href='{reverse('submissions:agency_import')}']").click()
    _check_both_languages(organizer_page, "agency import")
    organizer_page.locator("#id_file").set_input_files(
        files=[{"name": "agencies.xlsx", "mimeType": XLSX, "buffer": _bad_sheet()}]
    )
    organizer_page.locator("main form button[type=submit]").click()
    expect(organizer_page.locator("#import-errors li")).to_have_count(1)
    expect(organizer_page.locator("#import-errors li")).to_contain_text("3")
    _check_both_languages(organizer_page, "agency import with errors")
    organizer_context.close()

    join_request.refresh_from_db()
    assert join_request.status == "approved"
    membership = AgencyMembership.objects.get(user=join_request.user)
    assert (membership.agency, membership.is_admin) == (mois, True)

    # 5. The user now sees the agency on /agencies/.
    page.reload()
    expect(page.locator("main .app-card h2 a")).to_have_text("행정안전부")
    _check_both_languages(page, "my agencies, approved")
