"""Two-factor authentication: organizers can be required to use TOTP; the full activation flow."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import yield_hotp_counters_from_time as counters
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.accounts.conftest import english

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(counters()))))


def _with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


@pytest.fixture
def require_mfa(settings):
    settings.REQUIRE_ORGANIZER_MFA = True


def test_organizer_without_totp_is_sent_to_set_it_up(require_mfa, organizer_client):
    response = english(organizer_client).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before any MFA change (MFA_REAUTHENTICATION_REQUIRED).
    page = organizer_client.get(response["Location"], follow=True)
    assert page.redirect_chain == [
        (f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F", 302)
    ]
    assert page.status_code == 200
    assert "Organizers must set up two-factor authentication before continuing." in (
        page.content.decode()
    )


def test_organizer_without_totp_may_still_sign_out_and_switch_language(
    require_mfa, organizer_client
):
    response = organizer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = organizer_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert organizer_client.session.get("_auth_user_id") is None


def test_organizer_with_totp_is_let_through(require_mfa, organizer, login):
    response = login(_with_totp(organizer)).get("/")
    assert response.status_code == 200


def test_non_organizer_is_never_redirected(require_mfa, login):
    assert login(factories.UserFactory()).get("/").status_code == 200
    judge = factories.JudgeFactory().user
    assert login(judge).get("/").status_code == 200


def test_site_admin_counts_as_organizer(require_mfa, admin_client_):
    response = admin_client_.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_requirement_off_lets_organizers_through(organizer_client):
    assert organizer_client.get("/").status_code == 200


def test_full_totp_activation_then_sign_in_with_a_recovery_code(require_mfa, organizer):
    EmailAddress.objects.create(user=organizer, email=organizer.email, verified=True, primary=True)
    client = english(Client())
    response = client.post(
        reverse("account_login"), {"login": organizer.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/")["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": factories.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<img src="data:image/svg+xml;base64,' in html
    assert 'class="app-qr"' in html
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', html).group(1)

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200
    assert (
        'class="form-hint-invalid" id="id_code_error">Incorrect code.</p>' in wrong.content.decode()
    )
    assert not Authenticator.objects.filter(user=organizer).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert set(Authenticator.objects.filter(user=organizer).values_list("type", flat=True)) == {
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    }
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = re.search(
        r'<textarea class="krds-input" id="recovery_codes"[^>]*>([^<]+)</textarea>', codes_page
    )
    recovery_code = codes.group(1).split()[0]
    assert client.get("/").status_code == 200

    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": organizer.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.session.get("_auth_user_id") is None
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_code})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(organizer.pk)
    assert client.get("/").status_code == 200


def test_mfa_index_page_is_krds_styled(login):
    user = factories.UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = english(Client())
    client.post(reverse("account_login"), {"login": user.email, "password": factories.PASSWORD})
    html = client.get(reverse("mfa_index")).content.decode()  # viewing needs no reauthentication
    assert "<h1>Two-Factor Authentication</h1>" in html
    assert '<section class="app-panel">' in html
    assert f'<a href="{reverse("mfa_activate_totp")}" class="krds-btn tertiary medium">' in html
    assert '<nav class="krds-breadcrumb-wrap" aria-label="Breadcrumb">' in html
