"""The KRDS shell in a real browser: accessibility in both languages, sign-up, language switcher."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, switch_language, url

PAGES = {
    "home": "home",
    "login": "account_login",
    "signup": "account_signup",
    "password reset": "account_reset_password",
}


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_pages_are_accessible_in_korean_and_english(page, live_server, name):
    page.goto(url(live_server, PAGES[name]))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("h1")).to_have_count(1)
    axe_both_languages(page, name, in_english=lambda: expect(page.locator("h1")).to_have_count(1))


def test_404_page_is_accessible_in_korean_and_english(page, live_server, settings):
    settings.DEBUG = False
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_count(1)
    axe_both_languages(
        page, "404", in_english=lambda: expect(page.locator("h1")).to_have_text("Page not found")
    )


def test_signed_in_home_is_accessible_in_korean_and_english(page, live_server):
    organizer = factories.OrganizerFactory(name="김주관")
    factories.ContestFactory(name_ko="2026 정부혁신 우수사례", organizers=[organizer])
    member = factories.AgencyMembershipFactory(user=organizer, is_admin=True)
    login_as(page, live_server, organizer)
    expect(page.locator("main")).to_contain_text("2026 정부혁신 우수사례")
    expect(page.locator("main")).to_contain_text(member.agency.name_ko)
    axe_both_languages(
        page,
        "home, organizer and agency admin",
        in_english=lambda: expect(page.locator("h1")).to_have_text("Welcome, 김주관"),
    )


def test_language_switcher_changes_lang_and_text(page, live_server):
    page.goto(url(live_server, "account_login"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("h1")).to_have_text("로그인")
    switch_language(page, "en")
    assert page.url == url(live_server, "account_login")
    expect(page.locator("h1")).to_have_text("Sign In")
    expect(page.locator("form.app-language button[value='en']")).to_have_attribute(
        "aria-current", "true"
    )
    switch_language(page, "ko")
    expect(page.locator("h1")).to_have_text("로그인")


def test_signup_journey_through_the_real_form(page, live_server):
    page.goto(url(live_server, "home"))
    switch_language(page, "en")
    page.locator("main").get_by_role("link", name="Sign up").click()
    expect(page.locator("h1")).to_have_text("Sign Up")

    # A mistake first: the reason appears next to the field and what was typed stays.
    page.get_by_label("Email").fill("hong@example.kr")
    page.get_by_label("Name").fill("홍길동")
    page.locator("#id_password1").fill("a-Long-pass-7395")
    page.locator("#id_password2").fill("different-pass-7395")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("#id_password2_error")).to_contain_text(
        "You must type the same password each time."
    )
    expect(page.get_by_label("Email")).to_have_value("hong@example.kr")
    expect(page.get_by_label("Name")).to_have_value("홍길동")
    axe_check(page, context="signup with errors")

    page.locator("#id_password1").fill("a-Long-pass-7395")
    page.locator("#id_password2").fill("a-Long-pass-7395")
    page.get_by_text("I agree to the collection and use of my personal information").click()
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Welcome, 홍길동")
    expect(page.locator("main")).to_contain_text("Your account has no role yet.")
    axe_check(page, context="home after sign-up")

    user = get_user_model().objects.get(email="hong@example.kr")
    assert user.name == "홍길동"

    page.locator("form.app-logout button").click()
    expect(page.locator("header").get_by_role("link", name="Sign in")).to_be_visible()


def test_mobile_menu_collapses_behind_a_toggle(page, live_server):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url(live_server, "home"))
    toggle = page.locator(".app-menu-toggle")
    nav = page.locator("#app-nav")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link").first).to_be_visible()
    axe_check(page, context="mobile menu open")


def test_axe_check_fails_on_serious_violations(page):
    """The harness itself: a page with an unlabeled image and button must not pass."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<h1>t</h1><img src="x.png"><button type="button"></button></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page, context="self-test")
    assert "- image-alt (critical)" in str(failure.value)
    assert "- button-name (critical)" in str(failure.value)
