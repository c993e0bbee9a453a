"""The installation's operator in every page's footer, the policy pages it links to, and the
organizing ministry's logo in the header (settings SITE_OPERATOR_*, SITE_PRIVACY_OFFICER,
SITE_LOGO_URL, SITE_LOGO_ALT; config/site_context.py)."""

import os
import re

import pytest
from django.test import Client
from django.urls import reverse

from config.settings import logo_csp_source
from config.site_context import logo_src, site_info
from tests import factories
from tests.config.conftest import english
from tests.production import manage

pytestmark = pytest.mark.django_db

MOIS = {
    "SITE_OPERATOR_NAME": "행정안전부 정부혁신조직실",
    "SITE_OPERATOR_ADDRESS": "(30112) 세종특별자치시 도움6로 42 정부세종청사 중앙동",
    "SITE_OPERATOR_PHONE": "044-205-1234",
    "SITE_OPERATOR_EMAIL": "innovation@mois.go.kr",
    "SITE_PRIVACY_OFFICER": "정보화담당관 김보호",
}


@pytest.fixture(autouse=True)
def _bare_installation(settings):
    """Only the operator's name: what the other settings add is tested one by one."""
    settings.SITE_OPERATOR_NAME = "심사시스템 운영기관"
    settings.SITE_OPERATOR_ADDRESS = ""
    settings.SITE_OPERATOR_PHONE = ""
    settings.SITE_OPERATOR_EMAIL = ""
    settings.SITE_PRIVACY_OFFICER = ""
    settings.SITE_LOGO_URL = ""
    settings.SITE_LOGO_ALT = ""


def _mois(settings):
    for name, value in MOIS.items():
        setattr(settings, name, value)


def footer(html: str) -> str:
    return re.search(r'<footer id="krds-footer">.*</footer>', html, re.S).group(0)


def brand(html: str) -> str:
    return re.search(r'<p class="app-brand.*?</p>', html, re.S).group(0)


def test_the_footer_links_the_policies_privacy_first_and_bold_on_every_page(login):
    pages = [
        english(Client()).get("/").content.decode(),
        english(login(factories.UserFactory())).get("/").content.decode(),
        english(Client()).get(reverse("account_signup")).content.decode(),
    ]
    for html in pages:
        assert (
            '<nav class="f-menu" aria-label="Site policies">\n'
            '          <a href="/privacy/" class="point"><strong>Privacy policy</strong></a>\n'
            '          <a href="/terms/">Terms of use</a>\n'
            "        </nav>"
        ) in footer(html)


def test_the_footer_in_korean_names_the_policies_as_public_sites_do():
    html = footer(Client().get("/").content.decode())
    assert '<a href="/privacy/" class="point"><strong>개인정보처리방침</strong></a>' in html
    assert '<a href="/terms/">이용약관</a>' in html
    assert '<p class="info-addr app-footer-operator">운영기관: 심사시스템 운영기관</p>' in html


def test_a_bare_installation_shows_only_the_operators_name():
    html = footer(english(Client()).get("/").content.decode())
    assert '<p class="info-addr app-footer-operator">Operated by 심사시스템 운영기관</p>' in html
    assert "info-cs" not in html
    assert "app-footer-address" not in html
    assert re.search(r'<p class="f-copy">© \d{4} 심사시스템 운영기관</p>', html)


def test_the_footer_shows_the_configured_contact(settings):
    _mois(settings)
    html = footer(english(Client()).get("/").content.decode())
    assert (
        '<p class="info-addr app-footer-operator">Operated by 행정안전부 정부혁신조직실'
        '<span class="app-footer-address">(30112) 세종특별자치시 도움6로 42 정부세종청사 중앙동'
        "</span></p>"
    ) in html
    assert (
        '<li><strong class="strong">Main phone</strong>&nbsp;'
        '<a href="tel:044-205-1234">044-205-1234</a></li>'
    ) in html
    assert (
        '<li><strong class="strong">Email</strong>&nbsp;'
        '<a href="mailto:innovation@mois.go.kr">innovation@mois.go.kr</a></li>'
    ) in html


@pytest.mark.skipif(
    any(name.startswith("SITE_OPERATOR_") or name.startswith("SITE_LOGO_") for name in os.environ),
    reason="this installation sets its own operator or logo",
)
def test_the_defaults_are_a_placeholder_operator_with_an_email_and_no_logo():
    from config import settings as defaults

    assert defaults.SITE_OPERATOR_NAME == "심사시스템 운영기관"
    assert defaults.SITE_OPERATOR_EMAIL == "help@simsa.example.kr"
    assert (defaults.SITE_OPERATOR_ADDRESS, defaults.SITE_OPERATOR_PHONE) == ("", "")
    assert (defaults.SITE_LOGO_URL, defaults.SITE_LOGO_ALT) == ("", "")


# --- the policy pages -----------------------------------------------------------------------


def test_the_privacy_policy_is_public_versioned_and_names_the_officer(settings):
    _mois(settings)
    response = english(Client()).get(reverse("privacy"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Privacy policy | Case Competition Judging</title>" in html
    assert "<h1>Privacy policy</h1>" in html
    assert '<p class="app-policy-meta">Version 2026-1, in effect from 2026-12-01</p>' in html
    assert html.count("<h1>") == 1
    # The items, purposes and retention: the same table as beside the sign-up consent.
    assert (
        '<h2 id="privacy-items">1. Personal information processed, purposes and retention</h2>'
        in html
    )
    assert '<th scope="col">Items collected</th>' in html
    assert (
        '<td data-label="Items collected">When you ask to join an agency: agency, department '
        "and position, office phone</td>" in html
    )
    assert (
        "<p>The privacy officer, responsible for the processing of personal information and for "
        "answering requests and complaints about it, is 정보화담당관 김보호.</p>"
    ) in html
    assert "<dt>Operator</dt><dd>행정안전부 정부혁신조직실</dd>" in html
    assert "<dt>Address</dt><dd>(30112) 세종특별자치시 도움6로 42 정부세종청사 중앙동</dd>" in html
    assert '<dt>Main phone</dt><dd><a href="tel:044-205-1234">044-205-1234</a></dd>' in html
    assert (
        '<dt>Email</dt><dd><a href="mailto:innovation@mois.go.kr">innovation@mois.go.kr</a></dd>'
        in html
    )
    assert "Personal Information Dispute Mediation Committee: 1833-6972" in html
    assert [int(n) for n in re.findall(r'<h2 id="privacy-[a-z-]+">(\d+)\. ', html)] == list(
        range(1, 11)
    )


def test_without_an_officer_the_operator_answers_for_privacy():
    html = english(Client()).get(reverse("privacy")).content.decode()
    assert "and complaints about it, is 심사시스템 운영기관.</p>" in html
    assert "<dt>Operator</dt><dd>심사시스템 운영기관</dd>" in html
    assert "<dt>Address</dt>" not in html
    assert "<dt>Main phone</dt>" not in html


def test_the_privacy_policy_in_korean():
    html = Client().get(reverse("privacy")).content.decode()
    assert "<h1>개인정보처리방침</h1>" in html
    assert '<p class="app-policy-meta">버전 2026-1, 시행일 2026-12-01</p>' in html
    assert '<h2 id="privacy-items">1. 처리하는 개인정보의 항목, 처리 목적 및 보유 기간</h2>' in html
    assert '<h2 id="privacy-officer">8. 개인정보 보호책임자</h2>' in html


def test_the_terms_of_use_are_public_with_articles_and_the_operator(settings):
    _mois(settings)
    response = english(Client()).get(reverse("terms"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Terms of use</h1>" in html
    assert '<p class="app-policy-meta">Version 2026-1, in effect from 2026-12-01</p>' in html
    assert '<h2 id="terms-1">Article 1 (Purpose)</h2>' in html
    assert '<h2 id="terms-10">Article 10 (Changes to these terms)</h2>' in html
    assert "that 행정안전부 정부혁신조직실 (“the operator”) provides" in html
    assert '<a href="/privacy/">Privacy policy</a>' in html
    assert "<dt>Operator</dt><dd>행정안전부 정부혁신조직실</dd>" in html


def test_the_terms_in_korean_number_their_articles():
    html = Client().get(reverse("terms")).content.decode()
    assert "<h1>이용약관</h1>" in html
    assert '<h2 id="terms-1">제1조(목적)</h2>' in html
    assert '<h2 id="terms-4">제4조(심사)</h2>' in html


@pytest.mark.parametrize("name", ["privacy", "terms"])
def test_the_policy_pages_only_answer_reads(name):
    assert Client().post(reverse(name)).status_code == 405
    assert Client().head(reverse(name)).status_code == 200


# --- the ministry's logo --------------------------------------------------------------------


def test_no_logo_configured_shows_the_name_alone():
    html = english(Client()).get("/").content.decode()
    assert brand(html) == ('<p class="app-brand"><a href="/">Case Competition Judging</a></p>')


def test_a_logo_from_the_static_files_shows_beside_the_name_with_the_ministrys_name(settings):
    settings.SITE_LOGO_URL = "img/mois.svg"
    settings.SITE_LOGO_ALT = "행정안전부"
    html = english(Client()).get("/").content.decode()
    assert brand(html) == (
        '<p class="app-brand app-brand-with-logo"><a href="/"><img class="app-brand-logo" '
        'src="/static/img/mois.svg" alt="행정안전부">Case Competition Judging</a></p>'
    )


def test_a_logo_at_an_address_without_alt_text_takes_the_operators_name(settings):
    settings.SITE_LOGO_URL = "https://www.mois.go.kr/images/mois.svg"
    html = english(Client()).get("/").content.decode()
    assert (
        '<img class="app-brand-logo" src="https://www.mois.go.kr/images/mois.svg" '
        'alt="심사시스템 운영기관">'
    ) in brand(html)


def test_logo_sources():
    assert logo_src("") == ""
    assert logo_src("/brand/logo.svg") == "/brand/logo.svg"
    assert logo_src("https://www.mois.go.kr/a.svg") == "https://www.mois.go.kr/a.svg"
    assert logo_src("img/mois.svg") == "/static/img/mois.svg"
    assert logo_src("//evil.example/a.svg") == ""


def test_a_static_logo_missing_from_the_manifest_costs_the_logo_not_every_page(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    settings.SITE_LOGO_URL = "img/not-collected.svg"
    assert logo_src("img/not-collected.svg") == ""
    assert site_info().logo_url == ""


def test_a_logo_on_another_host_is_allowed_by_the_csp():
    assert logo_csp_source("https://www.mois.go.kr/images/mois.svg") == "https://www.mois.go.kr"
    assert logo_csp_source("http://cdn.example.kr:8080/a.svg") == "http://cdn.example.kr:8080"
    assert logo_csp_source("https://user@cdn.example.kr/a.svg") == "https://cdn.example.kr"
    for same_site in ("", "img/mois.svg", "/brand/logo.svg", "//evil.example/a.svg",
                      "javascript:alert(1)", "https://cdn.example.kr:port/a.svg"):  # fmt: skip
        assert logo_csp_source(same_site) is None


def test_the_logo_setting_widens_img_src_when_the_site_starts():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SITE_LOGO_URL": "https://www.mois.go.kr/images/mois.svg",
    }
    check = "from django.conf import settings; print(settings.SECURE_CSP['img-src'])"
    result = manage("shell", "--no-imports", "-c", check, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[<CSP.SELF: \"'self'\">, 'data:', 'https://www.mois.go.kr']"
