"""Sign-up, sign-in, email verification, rate limiting and password reset through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.accounts.conftest import english

# A password-reset link: SITE_URL's, on a line of its own.
RESET_LINK = rf"^{re.escape(django_settings.SITE_URL)}(/accounts/password/reset/key/\S+/)$"

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "email": "Hong@Example.kr",
    "name": "홍길동",
    "password1": "a-Long-pass-7395",
    "password2": "a-Long-pass-7395",
    "privacy_consent": "on",
}


def _session_user_id(client: Client):
    return client.session.get("_auth_user_id")


def test_signup_page_is_krds_styled_and_has_the_name_field():
    html = english(Client()).get(reverse("account_signup")).content.decode()
    assert '<form method="post" class="app-form" action="/accounts/signup/" novalidate>' in html
    assert (
        '<label for="id_name">Name <span class="app-required" aria-hidden="true">*</span></label>'
        in html
    )
    assert (
        '<input type="text" name="name" maxlength="100" class="krds-input" required id="id_name">'
        in html
    )
    assert '<button class="krds-btn primary large" type="submit">' in html
    assert html.count("<h1>") == 1


def test_signup_creates_a_user_with_name_and_signs_in():
    client = Client()
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get()
    assert user.email == "hong@example.kr"
    assert user.name == "홍길동"
    assert user.is_organizer is False
    assert user.check_password("a-Long-pass-7395")
    assert _session_user_id(client) == str(user.pk)
    # Optional verification (the development default): the email is sent, sign-in is not blocked.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hong@example.kr"]
    assert EmailAddress.objects.get(user=user).verified is False


def test_signup_without_name_keeps_what_was_typed_and_says_why():
    response = english(Client()).post(reverse("account_signup"), {**SIGNUP, "name": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert '<p class="form-hint-invalid" id="id_name_error">This field is required.</p>' in html
    assert 'aria-invalid="true" aria-describedby="id_name_error"' in html
    assert 'value="Hong@Example.kr"' in html


def test_signup_with_a_taken_email_is_refused():
    factories.UserFactory(email="hong@example.kr")
    response = english(Client()).post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    assert "A user is already registered with this email address." in response.content.decode()
    assert User.objects.count() == 1


def test_login_by_email():
    user = factories.UserFactory(email="kim@example.kr")
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "KIM@example.kr", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _session_user_id(client) == str(user.pk)


def test_login_with_a_wrong_password_shows_the_reason():
    factories.UserFactory(email="kim@example.kr")
    client = english(Client())
    response = client.post(
        reverse("account_login"), {"login": "kim@example.kr", "password": "nope"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="app-alert error form-errors" role="alert">\n  '
        "<p>The email address and/or password you specified are not correct.</p>"
    ) in html
    assert 'value="kim@example.kr"' in html
    assert _session_user_id(client) is None


def test_sign_out_is_a_post(login):
    client = login(factories.UserFactory())
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _session_user_id(client) is None


def test_mandatory_email_verification_blocks_login_until_confirmed(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    client = english(Client())
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _session_user_id(client) is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hong@example.kr"]
    assert message.subject == "[우수사례 경진대회 심사시스템] Please Confirm Your Email Address"
    # Greeted by the system's name, not the host name ("Hello from testserver!").
    assert message.body.startswith("Hello from the case competition judging system.\n")
    assert "testserver" not in message.body  # no host name: the system's name, SITE_URL's links
    assert "gave this email address for an account of the case competition judging system." in (
        message.body
    )
    # The link starts with SITE_URL and stands on a line of its own.
    confirm_url = re.search(
        rf"^{re.escape(django_settings.SITE_URL)}(/accounts/confirm-email/[^/\s]+/)$",
        message.body,
        re.M,
    )
    assert confirm_url is not None

    response = client.post(
        reverse("account_login"), {"login": "hong@example.kr", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _session_user_id(client) is None
    assert len(mail.outbox) == 1  # no second email within allauth's 3-minute cooldown

    response = client.post(confirm_url.group(1))
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="hong@example.kr").verified is True

    response = client.post(
        reverse("account_login"), {"login": "hong@example.kr", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _session_user_id(client) == str(User.objects.get().pk)


LOCKED = (
    "Too many failed sign-in attempts for this account. Sign in with a one-time code sent to "
    "your email (“Send me a sign-in code”), reset your password, or try again in a few minutes."
)


def _fail(client: Client, email: str, times: int, ip: str = "10.0.0.66") -> None:
    for _ in range(times):
        client.post(reverse("account_login"), {"login": email, "password": "wrong"}, REMOTE_ADDR=ip)


def test_sixth_failed_login_from_one_address_is_refused_even_with_the_right_password():
    factories.UserFactory(email="kim@example.kr")
    client = english(Client())
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": "kim@example.kr", "password": "wrong"}
        )
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    response = client.post(
        reverse("account_login"), {"login": "kim@example.kr", "password": factories.PASSWORD}
    )
    assert response.status_code == 200
    assert f"<p>{LOCKED}</p>" in response.content.decode()
    assert _session_user_id(client) is None


def test_failures_from_another_address_do_not_lock_the_owner_out():
    owner = factories.UserFactory(email="kim@example.kr")
    _fail(Client(), "kim@example.kr", 10, ip="203.0.113.9")
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "kim@example.kr", "password": factories.PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    assert _session_user_id(client) == str(owner.pk)


def test_login_rate_limit_is_per_email_not_the_whole_office():
    factories.UserFactory(email="kim@example.kr")
    colleague = factories.UserFactory(email="lee@example.kr")
    client = Client()
    for _ in range(6):
        client.post(reverse("account_login"), {"login": "kim@example.kr", "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": "lee@example.kr", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert _session_user_id(client) == str(colleague.pk)


def test_per_account_ceiling_slows_guessing_spread_over_many_addresses(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "4/1h/key",
    }
    factories.UserFactory(email="kim@example.kr")
    for number in range(4):
        _fail(Client(), "kim@example.kr", 1, ip=f"203.0.113.{number}")
    client = english(Client())
    response = client.post(
        reverse("account_login"),
        {"login": "kim@example.kr", "password": factories.PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert f"<p>{LOCKED}</p>" in response.content.decode()
    assert _session_user_id(client) is None


def _sign_in_with_code(client: Client, email: str, **extra):
    response = client.post(reverse("account_request_login_code"), {"email": email}, **extra)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    code = re.search(r"\n\n(\S+)\n\n", mail.outbox[-1].body).group(1)
    return client.post(reverse("account_confirm_login_code"), {"code": code}, **extra)


def test_locked_out_owner_signs_in_at_once_with_an_emailed_code():
    owner = factories.UserFactory(email="kim@example.kr")
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    _fail(Client(), "kim@example.kr", 6, ip="10.0.0.66")  # the same office address as the owner
    client = english(Client())
    response = client.post(
        reverse("account_login"),
        {"login": "kim@example.kr", "password": factories.PASSWORD},
        REMOTE_ADDR="10.0.0.66",
    )
    html = response.content.decode()
    assert f"<p>{LOCKED}</p>" in html
    assert f'href="{reverse("account_request_login_code")}' in html
    response = _sign_in_with_code(client, "kim@example.kr", REMOTE_ADDR="10.0.0.66")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _session_user_id(client) == str(owner.pk)


def test_password_reset_clears_the_lock():
    owner = factories.UserFactory(email="kim@example.kr")
    client = english(Client())
    _fail(client, "kim@example.kr", 6, ip="127.0.0.1")
    client.post(reverse("account_reset_password"), {"email": "kim@example.kr"})
    link = re.search(RESET_LINK, mail.outbox[-1].body, re.M)
    response = client.get(link.group(1))
    client.post(
        response["Location"],
        {"password1": "brand-New-pass-2468", "password2": "brand-New-pass-2468"},
    )
    response = client.post(
        reverse("account_login"), {"login": "kim@example.kr", "password": "brand-New-pass-2468"}
    )
    assert response.status_code == 302
    assert _session_user_id(client) == str(owner.pk)


def test_password_reset_sends_a_link_that_sets_a_new_password():
    user = factories.UserFactory(email="kim@example.kr")
    client = english(Client())
    response = client.post(reverse("account_reset_password"), {"email": "kim@example.kr"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kim@example.kr"]
    assert mail.outbox[0].subject == "[우수사례 경진대회 심사시스템] Password Reset Email"
    link = re.search(RESET_LINK, mail.outbox[0].body, re.M)
    assert link is not None

    response = client.get(link.group(1))  # allauth moves the key into the session
    assert response.status_code == 302
    response = client.post(
        response["Location"],
        {"password1": "brand-New-pass-2468", "password2": "brand-New-pass-2468"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-New-pass-2468")


def test_password_reset_for_an_unknown_email_sends_nothing_useful():
    response = Client().post(reverse("account_reset_password"), {"email": "ghost@example.kr"})
    assert response.status_code == 302
    assert all("password/reset/key" not in m.body for m in mail.outbox)


def test_login_page_is_krds_styled():
    html = english(Client()).get(reverse("account_login")).content.decode()
    assert "<title>Sign In | Case Competition Judging</title>" in html
    assert '<main id="main" class="app-main app-narrow" tabindex="-1">' in html
    assert '<input type="email" name="login"' in html
    assert 'class="krds-input"' in html
    assert "<h1>Sign In</h1>" in html
