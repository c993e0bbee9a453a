"""The KRDS shell: base layout, role-aware navigation, language switcher, security headers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.config.conftest import english

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def nav_links(html: str) -> list[str]:
    """The hrefs of the main menu, in order."""
    nav = re.search(r'<nav class="krds-main-menu" id="app-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def test_anonymous_home_has_the_krds_shell():
    response = english(Client()).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<div id="krds-skip-link"><a href="#main">Skip to main content</a></div>' in html
    assert (
        '<p class="nuri-txt">This website is an official e-government website of the Republic '
        "of Korea.</p>" in html
    )
    assert '<header id="krds-header">' in html
    assert '<main id="main" class="app-main ' in html
    assert '<footer id="krds-footer">' in html
    assert html.count("<h1>") == 1
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert reverse("account_logout") not in html


def test_korean_is_the_default_language():
    html = Client().get("/").content.decode()
    assert '<html lang="ko">' in html
    assert (
        '<button type="submit" name="language" value="ko" lang="ko" class="krds-btn small text" '
        'aria-current="true">한국어</button>' in html
    )


def test_htmx_is_served_from_our_static_files_and_csrf_header_is_set_once(client):
    html = client.get("/").content.decode()
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js"', html)
    assert html.count("hx-headers=") == 1
    match = re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'>", html)
    assert match is not None
    assert len(match.group(1)) == 64  # a masked CSRF token


def test_no_debug_script_that_swaps_error_pages_over_the_form_even_with_debug_on(client, settings):
    """django-htmx's debug script replaces the whole page with any 400/403/404/500 answer of an
    htmx request: the NUL or expired-CSRF answer of an entry autosave wiped the typed answers in
    the demo (DEBUG on). Our scripts show those answers beside the field instead."""
    settings.DEBUG = True
    html = client.get("/").content.decode()
    assert "django-htmx.js" not in html
    assert html.count("htmx-2.min.js") == 1


def test_no_inline_script_or_style_in_the_shell(client):
    html = client.get("/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html


def test_csp_and_frame_headers(client):
    response = client.get("/")
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"


def test_signed_in_user_sees_account_menu_and_a_post_sign_out(login):
    user = factories.UserFactory(name="홍길동")
    html = english(login(user)).get("/").content.decode()
    assert "Signed in as 홍길동" in html
    assert f'href="{reverse("mfa_index")}"' in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert re.search(
        rf'<form method="post" action="{reverse("account_logout")}" class="app-logout">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )
    assert f'href="{reverse("account_login")}"' not in html


def test_plain_user_navigation(login):
    links = nav_links(login(factories.UserFactory()).get("/").content.decode())
    assert links == [reverse("home"), reverse("contests:list")]


def test_contest_list_link_for_everyone(client):
    contests_url = reverse("contests:list")
    assert contests_url in nav_links(client.get("/").content.decode())


def test_organizer_navigation_has_new_contest(organizer_client):
    create_url = reverse("contests:create")
    links = nav_links(organizer_client.get("/").content.decode())
    assert create_url in links
    assert reverse("admin:index") not in links


def test_agency_member_navigation_has_my_agency(login):
    agencies_url = reverse("submissions:my_agencies")
    member = factories.AgencyMembershipFactory().user
    assert agencies_url in nav_links(login(member).get("/").content.decode())
    assert agencies_url not in nav_links(login(factories.UserFactory()).get("/").content.decode())


def test_site_admin_navigation_has_django_admin(admin_client_, organizer_client):
    assert reverse("admin:index") in nav_links(admin_client_.get("/").content.decode())
    assert reverse("admin:index") not in nav_links(organizer_client.get("/").content.decode())


def test_current_page_is_marked_in_the_menu(client):
    html = client.get("/").content.decode()
    assert '<a href="/" class="gnb-main-trigger is-link" aria-current="page">' in html


def test_language_switcher_works_without_javascript():
    client = Client()
    html = client.get("/").content.decode()
    assert f'<form action="{reverse("set_language")}" method="post" class="app-language">' in html
    assert '<input type="hidden" name="next" value="/">' in html
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert (
        'value="en" lang="en" class="krds-btn small text" aria-current="true">English</button>'
        in html
    )
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    assert '<html lang="ko">' in client.get("/").content.decode()


def test_messages_are_shown_as_alerts_with_role_status(client):
    user = factories.UserFactory(email="msg@example.kr")
    english(client)
    response = client.post(
        reverse("account_login"),
        {"login": "msg@example.kr", "password": factories.PASSWORD},
        follow=True,
    )
    html = response.content.decode()
    assert '<div class="app-messages" role="status">' in html
    assert (
        f'<div class="app-alert success"><p>Successfully signed in as {user.name}.</p></div>'
        in html
    )


def test_judge_navigation_has_my_scorecards(login):
    judge = factories.JudgeFactory()
    links = nav_links(login(judge.user).get("/").content.decode())
    assert links == [reverse("home"), reverse("contests:list"), reverse("judge:dashboard")]
