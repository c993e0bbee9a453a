"""Sign-up asks for consent to the collection and use of personal information (개인정보 수집·이용
동의), refuses without it, and records the consent with the policy's version and the time."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import PrivacyConsent
from accounts.policies import PRIVACY_VERSION
from accounts.services import privacy_consent_record
from tests import factories
from tests.accounts.conftest import english

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "email": "hong@example.kr",
    "name": "홍길동",
    "password1": "a-Long-pass-7395",
    "password2": "a-Long-pass-7395",
    "privacy_consent": "on",
}
WITHOUT_CONSENT = {key: value for key, value in SIGNUP.items() if key != "privacy_consent"}
CHECKBOX = '<input type="checkbox" name="privacy_consent" required id="id_privacy_consent">'
LABEL = (
    '<label for="id_privacy_consent">I agree to the collection and use of my personal '
    "information (required)</label>"
)


def test_the_version_is_the_first_of_2026():
    assert PRIVACY_VERSION == "2026-1"


def test_signup_page_shows_the_consent_after_the_passwords_with_what_it_covers():
    html = english(Client()).get(reverse("account_signup")).content.decode()
    assert CHECKBOX in html
    assert LABEL in html
    # The consent is the last field, inside its own section with a visible heading.
    assert html.index('id="id_password2"') < html.index('<section class="app-consent"')
    assert html.index('<section class="app-consent"') < html.index(CHECKBOX)
    assert (
        '<h2 id="privacy-consent-title">Consent to the collection and use of personal '
        "information</h2>" in html
    )
    # What is collected, why and for how long (the same table as in the privacy policy).
    assert '<th scope="col">Purpose</th>' in html
    assert '<th scope="col">Items collected</th>' in html
    assert '<th scope="col">Retention period</th>' in html
    assert (
        '<td data-label="Items collected">Required: name, email address, password (kept only '
        "as a one-way hash)</td>" in html
    )
    assert '<td data-label="Retention period">Until you delete your account</td>' in html
    assert "You may refuse this consent, but you then cannot sign up or use the system." in html
    assert (
        '<a href="/privacy/" target="_blank" rel="noopener">Read the full privacy policy '
        "(opens in a new window)</a>" in html
    )


def test_signup_without_consent_is_refused_and_keeps_what_was_typed():
    response = english(Client()).post(reverse("account_signup"), WITHOUT_CONSENT)
    html = response.content.decode()
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert PrivacyConsent.objects.count() == 0
    assert (
        '<p class="form-hint-invalid" id="id_privacy_consent_error">To sign up, agree to the '
        "collection and use of your personal information.</p>" in html
    )
    assert (
        '<input type="checkbox" name="privacy_consent" aria-invalid="true" '
        'aria-describedby="id_privacy_consent_error" required id="id_privacy_consent">' in html
    )
    # Email and name stay; passwords are never sent back (allauth's rule).
    assert 'value="hong@example.kr"' in html
    assert 'value="홍길동"' in html
    assert "a-Long-pass-7395" not in html


def test_signup_without_consent_says_why_in_korean():
    html = Client().post(reverse("account_signup"), WITHOUT_CONSENT).content.decode()
    assert (
        '<p class="form-hint-invalid" id="id_privacy_consent_error">회원가입을 하려면 개인정보 '
        "수집·이용에 동의하십시오.</p>" in html
    )
    assert '<label for="id_privacy_consent">개인정보 수집·이용에 동의합니다 (필수)</label>' in html


def test_signup_with_consent_records_the_version_and_the_time():
    before = timezone.now()
    response = Client().post(reverse("account_signup"), SIGNUP)
    after = timezone.now()
    assert response.status_code == 302
    user = User.objects.get()
    consent = PrivacyConsent.objects.get()
    assert (consent.user, consent.version) == (user, "2026-1")
    assert before <= consent.agreed_at <= after


def test_signup_from_an_invitation_link_records_the_consent_and_goes_back():
    link = "/invitations/some-token/"
    response = Client().post(f"{reverse('account_signup')}?next={link}", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == link
    assert list(PrivacyConsent.objects.values_list("user__email", "version")) == [
        ("hong@example.kr", "2026-1")
    ]


def test_a_consent_to_a_version_is_recorded_once_and_a_new_version_adds_a_row():
    user = factories.UserFactory()
    first = privacy_consent_record(user=user)
    again = privacy_consent_record(user=user)
    assert (again.pk, again.agreed_at) == (first.pk, first.agreed_at)
    later = privacy_consent_record(user=user, version="2027-1")
    assert list(user.privacy_consents.values_list("version", flat=True)) == ["2027-1", "2026-1"]
    assert later.agreed_at >= first.agreed_at


def test_a_consent_reads_as_user_version_and_seoul_time():
    user = factories.UserFactory(name="홍길동", email="hong@example.kr")
    consent = PrivacyConsent.objects.create(
        user=user, version="2026-1", agreed_at=dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC)
    )
    assert str(consent) == "홍길동 <hong@example.kr> · 2026-1 · 2026-12-01 09:30"


def test_the_admin_lists_consents_read_only(admin_client_):
    user = factories.UserFactory(email="hong@example.kr")
    consent = privacy_consent_record(user=user)
    english(admin_client_)
    listing = admin_client_.get(reverse("admin:accounts_privacyconsent_changelist"))
    assert listing.status_code == 200
    assert "hong@example.kr" in listing.content.decode()
    change_url = reverse("admin:accounts_privacyconsent_change", args=[consent.pk])
    page = admin_client_.get(change_url)
    assert page.status_code == 200
    assert '<div class="readonly">2026-1</div>' in page.content.decode()
    assert admin_client_.post(change_url, {"version": "2099-1"}).status_code == 403
    assert admin_client_.get(reverse("admin:accounts_privacyconsent_add")).status_code == 403
    consent.refresh_from_db()
    assert consent.version == "2026-1"
