"""Announcements in a real browser: the organizer writes one to the agencies advanced to 2차
발표심사, checks the preview's counts and email, and sends it with a double click (sent once); a
member of the advanced agency got the email and sees the notice on the page its link opens; a
member of an agency that did not advance sees nothing. axe in Korean and English on every page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from scoring.models import Announcement
from tests.contests.announcements_scene import build_scene
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, switch_language, url

TITLE = "2차 발표심사 일정 안내"
BODY = (
    "발표심사는 12월 10일 14시 정부세종청사에서 진행합니다.\n"
    "발표 자료는 12월 5일까지 올려 주십시오."
)


def _write_and_preview(page: Page, presentation) -> None:
    page.fill("#id_title", TITLE)
    page.fill("#id_body", BODY)
    radio = page.locator(f'input[name="audience"][value="round-{presentation.pk}"]')
    page.locator(f'label[for="{radio.get_attribute("id")}"]').click()
    expect(radio).to_be_checked()
    page.locator('main button[value="preview"]').click()
    expect(page.locator('[data-k="people"]')).to_have_text("3")


def test_organizer_announces_to_advanced_agencies_and_only_they_see_it(
    page, second_page, live_server
):
    scene = build_scene()
    contest, presentation = scene.contest, scene.presentation
    login_as(page, live_server, scene.organizer)
    page.goto(url(live_server, "contests:detail", contest.pk))
    page.locator(f'a[href="{reverse("announcements:list", args=[contest.pk])}"]').click()
    expect(page.locator("h1")).to_contain_text("기관 공지")
    axe_both_languages(page, "announcements, none yet")

    page.locator(f'a[href="{reverse("announcements:new", args=[contest.pk])}"]').click()
    axe_both_languages(page, "write an announcement")

    # The preview in English (switching the language reloads the empty form, so write it there).
    switch_language(page, "en")
    _write_and_preview(page, presentation)
    expect(page.locator("main")).to_contain_text("Agencies advanced to Presentation")
    expect(page.locator('[data-k="agencies"]')).to_have_text("1")
    axe_check(page, context="announcement preview (en)")
    switch_language(page, "ko")

    _write_and_preview(page, presentation)
    expect(page.locator("main")).to_contain_text("2차 발표심사 진출 기관")
    expect(page.locator('[data-k="subject"]')).to_have_text(f"[{contest.name_ko}] {TITLE}")
    expect(page.locator('[data-k="body"]')).to_contain_text("박기관님, 안녕하세요.")
    axe_check(page, context="announcement preview (ko)")
    assert mail.outbox == []

    send = page.locator('main button[value="send"]')
    expect(send).to_have_text("3명에게 보내기")
    send.dblclick()  # an impatient double click: the form's one-time key sends it once
    listing = reverse("announcements:list", args=[contest.pk])
    page.wait_for_url(f"**{listing}")
    expect(page.locator(".app-messages")).to_contain_text("받은 기관: 1곳, 받은 사람: 3명")
    announcement = Announcement.objects.get()
    row = page.locator(f'tr[data-announcement="{announcement.pk}"]')
    expect(row.locator('[data-k="people"]')).to_have_text("3")
    expect(row.locator('[data-k="audience"]')).to_have_text("2차 발표심사 진출 기관")
    axe_both_languages(page, "announcements, one sent")

    assert Announcement.objects.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lee@mois.go.kr", "park@mois.go.kr", "yoon@mois.go.kr"
    ]  # fmt: skip

    # 이담당 of 행정안전부 (advanced) got the email; its link opens the notice.
    (email,) = [m for m in mail.outbox if m.to == ["lee@mois.go.kr"]]
    link = f"{settings.SITE_URL}{reverse('entries:list')}#notices"
    assert f"\n{link}\n" in email.body
    login_as(second_page, live_server, scene.members["이담당"])
    second_page.goto(f"{live_server.url}{urlsplit(link).path}#notices")
    notice = second_page.locator(f"#announcement-{announcement.pk}")
    expect(notice.locator("h3")).to_have_text(TITLE)
    expect(notice).to_contain_text("발표 자료는 12월 5일까지 올려 주십시오.")
    expect(notice).to_contain_text(contest.name_ko)
    axe_both_languages(second_page, "my entries with a notice")

    # 최담당 of 서울특별시 (did not advance) sees no notice.
    second_page.locator("form.app-logout button").click()
    login_as(second_page, live_server, scene.members["최담당"])
    second_page.goto(url(live_server, "entries:list"))
    expect(second_page.locator("h1")).to_be_visible()
    expect(second_page.locator("#notices")).to_have_count(0)
    expect(second_page.locator("main")).not_to_contain_text(TITLE)
