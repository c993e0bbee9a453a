"""Signing up with the consent to the collection and use of personal information, the policy
pages the footer links to, and the ministry's logo in the header, in a real browser."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import PrivacyConsent
from tests.e2e.conftest import axe_both_languages, axe_check, url
from tests.e2e.steps import SIGNUP_PASSWORD, agree_to_privacy

User = get_user_model()
REFUSED = "회원가입을 하려면 개인정보 수집·이용에 동의하십시오."


def test_signup_is_refused_without_consent_and_recorded_with_it(page, live_server):
    page.goto(url(live_server, "account_signup"))
    consent = page.locator("section.app-consent")
    expect(consent.locator("h2")).to_have_text("개인정보 수집·이용 동의")
    expect(consent.locator("thead th")).to_have_text(
        ["수집·이용 목적", "수집 항목", "보유·이용 기간"]
    )
    expect(
        consent.get_by_role("link", name="개인정보처리방침 전문 보기 (새 창 열림)")
    ).to_have_attribute("target", "_blank")
    axe_both_languages(
        page,
        "sign-up with the consent",
        in_english=lambda: expect(
            page.get_by_label("I agree to the collection and use of my personal information")
        ).not_to_be_checked(),
    )

    # Everything typed, the consent left out: refused, the reason beside the checkbox.
    page.fill("#id_email", "jung@mois.go.kr")
    page.fill("#id_name", "정신청")
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#id_privacy_consent_error")).to_have_text(REFUSED)
    expect(page.locator("#id_privacy_consent")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email")).to_have_value("jung@mois.go.kr")
    expect(page.locator("#id_name")).to_have_value("정신청")
    expect(page.locator("#id_password1")).to_have_value("")
    axe_check(page, context="sign-up refused without consent")
    assert not User.objects.filter(email="jung@mois.go.kr").exists()

    # Agree (by the label, as people do), type the passwords again, sign up.
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    agree_to_privacy(page)
    before = timezone.now()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("정신청 님, 환영합니다")
    consent_row = PrivacyConsent.objects.get()
    assert (consent_row.user.email, consent_row.version) == ("jung@mois.go.kr", "2026-1")
    assert before <= consent_row.agreed_at <= timezone.now()


def test_the_footer_leads_to_the_privacy_policy_and_the_terms(page, live_server, settings):
    settings.SITE_OPERATOR_NAME = "행정안전부 정부혁신조직실"
    settings.SITE_OPERATOR_PHONE = "044-205-1234"
    settings.SITE_OPERATOR_EMAIL = "innovation@mois.go.kr"
    page.goto(url(live_server, "home"))
    footer = page.locator("#krds-footer")
    expect(footer.locator(".f-menu a")).to_have_text(["개인정보처리방침", "이용약관"])
    expect(footer.get_by_role("link", name="044-205-1234")).to_have_attribute(
        "href", "tel:044-205-1234"
    )

    footer.get_by_role("link", name="개인정보처리방침").click()
    page.wait_for_url(url(live_server, "privacy"))
    expect(page.locator("h1")).to_have_text("개인정보처리방침")
    expect(page.locator(".app-policy-meta")).to_have_text("버전 2026-1, 시행일 2026-12-01")
    page.locator(".app-policy-toc").get_by_role("link", name="개인정보 보호책임자").click()
    expect(page.locator("#privacy-officer")).to_be_in_viewport()
    axe_both_languages(
        page,
        "privacy policy",
        in_english=lambda: expect(page.locator("h1")).to_have_text("Privacy policy"),
    )

    page.locator("#krds-footer").get_by_role("link", name="이용약관").click()
    page.wait_for_url(url(live_server, "terms"))
    expect(page.locator("h1")).to_have_text("이용약관")
    expect(page.locator("#terms-1")).to_have_text("제1조(목적)")
    axe_both_languages(
        page,
        "terms of use",
        in_english=lambda: expect(page.locator("#terms-1")).to_have_text("Article 1 (Purpose)"),
    )


def test_the_ministrys_logo_shows_beside_the_name_when_configured(page, live_server, settings):
    page.goto(url(live_server, "home"))
    expect(page.locator("#krds-header .app-brand img")).to_have_count(0)

    settings.SITE_LOGO_URL = "krds/img/component/favicon/favicon-32x32.png"
    settings.SITE_LOGO_ALT = "행정안전부"
    page.goto(url(live_server, "home"))
    logo = page.locator("#krds-header .app-brand img.app-brand-logo")
    expect(logo).to_have_attribute("alt", "행정안전부")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator("#krds-header .app-brand a")).to_have_accessible_name(
        "행정안전부 우수사례 경진대회 심사시스템"
    )
    axe_both_languages(page, "home with the ministry's logo")
