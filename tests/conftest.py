import pytest
from django.test import Client
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REQUIRE_ORGANIZER_MFA = False
    # Fast hashing: tests create many users; production keeps Django's PBKDF2 default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _cards_seen_forgotten():
    """Each test's database starts without cards, and may reuse the ids of an earlier test's:
    the autosave's memo of the cards this process has locked (scoring.services.scorecard_reads
    `_SEEN`, which only saves a statement) starts empty too."""
    from scoring.services import scorecard_reads

    scorecard_reads._SEEN.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (Korean). A test-client request with
    Accept-Language: en leaves English active in the thread (LocaleMiddleware activates it and
    nothing resets it), which made messages checked outside a request depend on test order."""
    translation.activate("ko")
    yield
    translation.deactivate()


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def organizer(db):
    return factories.OrganizerFactory(name="김주관", email="organizer@example.kr")


@pytest.fixture
def organizer_client(organizer):
    return _client_for(organizer)


@pytest.fixture
def site_admin(db):
    return factories.AdminFactory(name="관리자", email="admin@example.kr")


@pytest.fixture
def admin_client_(site_admin):
    return _client_for(site_admin)


@pytest.fixture
def login():
    return _client_for
