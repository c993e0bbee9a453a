"""KRDS-styled 403/404/500 pages through real URLs with DEBUG off."""

import pytest
from django.test import Client, RequestFactory

from config.views import server_error
from tests.config.conftest import english


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_404_page():
    response = english(Client()).get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found | Case Competition Judging</title>" in html
    assert '<p class="app-error-code">404</p>' in html
    assert "<h1>Page not found</h1>" in html
    assert '<header id="krds-header">' in html
    assert html.count("<h1>") == 1


@pytest.mark.django_db
@pytest.mark.urls("tests.config.urls_for_tests")
def test_403_page_from_a_view():
    response = english(Client()).get("/test/forbidden/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>Access denied | Case Competition Judging</title>" in html
    assert "<h1>Access denied</h1>" in html
    assert 'href="/accounts/login/?next=/test/forbidden/">Sign in</a>' in html


@pytest.mark.django_db
@pytest.mark.urls("tests.config.urls_for_tests")
def test_500_page_from_a_failing_view():
    client = english(Client(raise_request_exception=False))
    response = client.get("/test/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Server error | Case Competition Judging</title>" in html
    assert '<p class="app-error-code">500</p>' in html
    assert "<h1>Something went wrong</h1>" in html
    assert '<link rel="stylesheet" href="/static/css/app.css">' in html


def test_500_page_needs_no_database_and_no_context_processors():
    # No django_db mark: any database query here would fail the test.
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<p class="app-error-code">500</p>' in html
    assert "krds-masthead" in html
