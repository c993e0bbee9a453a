import pytest
from django.test import Client
from django.utils import translation

from tests import factories


def english(client: Client) -> Client:
    """Pin the page language to English so assertions read the msgids, not a translation."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English (the Korean catalogue translates them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def agency(db):
    return factories.AgencyFactory(
        code="MOIS", name_ko="행정안전부", name_en="Ministry of the Interior"
    )


@pytest.fixture
def agency_admin(agency):
    user = factories.UserFactory(name="박기관", email="park@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=user, is_admin=True)
    return user


@pytest.fixture
def agency_member(agency):
    user = factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=user, is_admin=False)
    return user


@pytest.fixture
def client_for(login):
    def make(user) -> Client:
        return english(login(user) if user is not None else Client())

    return make


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Every factory user hashes a password; the default PBKDF2 makes these tests ten times slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
