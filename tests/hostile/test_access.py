"""Issue 7, access (items 11, 12, 13, 16): the admin signs in through allauth, nobody decides their
own join request, joining an agency needs the person's consent, and failed sign-ins cannot be
used to lock an owner out."""

import re
import textwrap

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from submissions.models import AgencyInvitation, AgencyMembership, Entry, JoinRequest
from submissions.services.joins import join_request_approve, join_request_reject
from tests import factories
from tests.accounts.test_mfa import totp_code
from tests.production import manage, production_env

LOGIN = reverse("account_login")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


def _signed_in(client: Client):
    return client.session.get("_auth_user_id")


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


# --- Item 11: the admin's sign-in is allauth's (TOTP, rate limits) ---------------------------


def test_item_11_admin_login_never_checks_a_password_itself():
    admin = factories.AdminFactory(email="root@example.kr")
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    assert _signed_in(client) is None
    assert Client().get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_item_11_superuser_with_totp_is_asked_for_the_code_then_reaches_the_admin():
    admin = _verified(factories.AdminFactory(email="root@example.kr"))
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    client = Client()
    to_login = client.get("/admin/")["Location"]
    to_allauth = client.get(to_login)["Location"]
    assert to_allauth == f"{LOGIN}?next=%2Fadmin%2F"
    response = client.post(
        to_allauth, {"login": admin.email, "password": factories.PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert _signed_in(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert _signed_in(client) == str(admin.pk)
    assert client.get("/admin/").status_code == 200
    # Signed in already: the admin's sign-in URL forwards to where it was asked to go.
    assert client.get("/admin/login/?next=/admin/accounts/")["Location"] == "/admin/accounts/"


def test_item_11_signed_in_non_staff_is_refused_not_sent_round_in_circles(login):
    client = login(factories.OrganizerFactory())
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    assert client.get("/admin/login/?next=https://evil.example/").status_code == 403


PRODUCTION_SCRIPT = textwrap.dedent(
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    assert settings.PRODUCTION and not settings.DEBUG
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the sign-in rate limits' cache (README)
    call_command("createcachetable", verbosity=0)  # the README's production step
    admin = get_user_model().objects.create_superuser(
        email="root@example.kr", password="Root-pass-2026!", name="관리자"
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    TOTP.activate(admin, generate_totp_secret())
    client = Client()
    credentials = {"username": admin.email, "password": "Root-pass-2026!"}
    response = client.post("/admin/login/?next=/admin/", credentials, secure=True)
    print("admin", response.status_code, response["Location"], client.session.get("_auth_user_id"))
    credentials = {"login": admin.email, "password": "Root-pass-2026!"}
    response = client.post("/accounts/login/", credentials, secure=True)
    user_id = client.session.get("_auth_user_id")
    print("allauth", response.status_code, response["Location"], user_id)
    """
)


def test_item_11_admin_login_goes_through_allauth_in_production_mode(tmp_path):
    env = production_env(
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = manage("shell", "-c", PRODUCTION_SCRIPT, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("admin", "allauth"))]
    assert lines == [
        "admin 302 /accounts/login/?next=%2Fadmin%2F None",
        "allauth 302 /accounts/2fa/authenticate/ None",
    ]


# --- Item 12: nobody decides their own join request -----------------------------------------


def _decide(client: Client, join_request: JoinRequest, decision: str = "approve"):
    url = reverse("submissions:join_request_decide", args=[join_request.pk])
    return client.post(url, {"decision": decision, "reason": "본인"})


def test_item_12_organizer_cannot_decide_own_join_request(login):
    organizer = factories.OrganizerFactory()
    agency = factories.AgencyFactory()
    client = login(organizer)
    response = client.post(
        reverse("submissions:join_request_create"),
        {"agency": agency.pk, "position": "혁신정책과", "phone": "044-205-1234"},
    )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=organizer)
    page = client.get(reverse("submissions:join_request_detail", args=[join_request.pk]))
    assert reverse("submissions:join_request_decide", args=[join_request.pk]) not in (
        page.content.decode()
    )
    assert _decide(client, join_request).status_code == 403
    assert _decide(client, join_request, "reject").status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert not AgencyMembership.objects.filter(user=organizer).exists()
    with pytest.raises(PermissionDenied):
        join_request_approve(join_request=join_request, by=organizer)
    with pytest.raises(PermissionDenied):
        join_request_reject(join_request=join_request, by=organizer, reason="본인")
    assert organizer.has_perm("submissions.decide_join_request", join_request) is False

    # Another organizer decides it as usual.
    colleague = factories.OrganizerFactory()
    assert _decide(login(colleague), join_request).status_code == 302
    assert AgencyMembership.objects.filter(user=organizer, agency=agency).exists()


def test_item_12_site_admin_cannot_decide_own_join_request(login):
    admin = factories.AdminFactory()
    join_request = factories.JoinRequestFactory(user=admin)
    assert _decide(login(admin), join_request).status_code == 403
    with pytest.raises(PermissionDenied):
        join_request_approve(join_request=join_request, by=admin)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert _decide(login(factories.AdminFactory()), join_request).status_code == 302


# --- Item 13: joining an agency is an invitation the person accepts -------------------------


def _invite(client: Client, agency, email: str):
    url = reverse("submissions:member_add", args=[agency.pk])
    return client.post(url, {"email": email, "name": "입력한 이름"}, follow=True)


def test_item_13_adding_an_existing_judge_needs_their_consent_and_reveals_nothing(
    login, django_capture_on_commit_callbacks
):
    judge = factories.JudgeFactory(user__name="비밀심사위원", user__email="judge@example.kr")
    entry = factories.EntryFactory(status=Entry.Status.SUBMITTED, receipt_number="2026-0001")
    admin = factories.UserFactory()
    factories.AgencyMembershipFactory(agency=entry.agency, user=admin, is_admin=True)
    client = login(admin)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    with django_capture_on_commit_callbacks(execute=True):
        existing = _invite(client, entry.agency, "judge@example.kr")
        unknown = _invite(client, entry.agency, "nobody@example.kr")

    for response, email in ((existing, "judge@example.kr"), (unknown, "nobody@example.kr")):
        html = response.content.decode()
        assert response.status_code == 200
        assert "비밀심사위원" not in html
        assert (
            f"An invitation email was sent to {email}. They become a member when they accept it."
            in html
        )
    assert not AgencyMembership.objects.filter(user=judge.user).exists()
    assert [m.to for m in mail.outbox] == [["judge@example.kr"], ["nobody@example.kr"]]
    entry_url = reverse("entries:detail", args=[entry.pk])
    assert login(judge.user).get(entry_url).status_code == 404

    # Only the judge's own acceptance makes the membership.
    invitation = AgencyInvitation.objects.get(email="judge@example.kr")
    accept_url = reverse("submissions:invitation_detail", args=[invitation.token])
    assert login(admin).post(accept_url, {"decision": "accept"}).status_code == 403
    site_admin = factories.AdminFactory()  # Django grants superusers every permission; not this
    assert login(site_admin).post(accept_url, {"decision": "accept"}).status_code == 403
    assert not AgencyMembership.objects.filter(user=judge.user).exists()
    assert login(judge.user).post(accept_url, {"decision": "accept"}).status_code == 302
    assert AgencyMembership.objects.filter(user=judge.user, agency=entry.agency).exists()


def test_item_13_pending_invitations_are_listed_and_can_be_cancelled(login):
    admin = factories.UserFactory()
    membership = factories.AgencyMembershipFactory(user=admin, is_admin=True)
    invitation = AgencyInvitation.objects.create(
        agency=membership.agency, email="kim@example.kr", name="김", token="t"
    )
    client = login(admin)
    page = client.get(reverse("submissions:agency_detail", args=[membership.agency_id]))
    assert "kim@example.kr" in page.content.decode()
    cancel = reverse("submissions:invitation_cancel", args=[membership.agency_id, invitation.pk])
    assert client.post(cancel).status_code == 302
    assert not AgencyInvitation.objects.exists()


# --- Item 16: failed sign-ins are no lever to lock the owner out -----------------------------


def _attempt(email: str, password: str, ip: str, client: Client | None = None):
    client = client or Client()
    response = client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)
    return client, response


def test_item_16_wrong_passwords_from_one_address_do_not_lock_out_the_owner_elsewhere():
    owner = factories.UserFactory(email="judge@example.kr")
    for _ in range(10):
        _attempt(owner.email, "guess", "203.0.113.9")
    client, response = _attempt(owner.email, factories.PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    assert _signed_in(client) == str(owner.pk)


def test_item_16_the_guessing_address_itself_is_limited():
    owner = factories.UserFactory(email="judge@example.kr")
    for _ in range(5):
        _attempt(owner.email, "guess", "203.0.113.9")
    client, response = _attempt(owner.email, factories.PASSWORD, "203.0.113.9")
    assert response.status_code == 200
    assert _signed_in(client) is None


def test_item_16_locked_owner_signs_in_with_an_emailed_code_and_totp_still_applies():
    owner = _verified(factories.UserFactory(email="judge@example.kr"))
    secret = generate_totp_secret()
    TOTP.activate(owner, secret)
    for _ in range(6):
        _attempt(owner.email, "guess", "10.0.0.66")  # the attacker shares the owner's office NAT
    client, response = _attempt(owner.email, factories.PASSWORD, "10.0.0.66")
    assert _signed_in(client) is None
    assert reverse("account_request_login_code") in response.content.decode()

    extra = {"REMOTE_ADDR": "10.0.0.66"}
    response = client.post(reverse("account_request_login_code"), {"email": owner.email}, **extra)
    assert response["Location"] == reverse("account_confirm_login_code")
    code = re.search(r"\n\n(\S+)\n\n", mail.outbox[-1].body).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, **extra)
    assert response["Location"] == reverse("mfa_authenticate")
    assert _signed_in(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, **extra)
    assert response.status_code == 302
    assert _signed_in(client) == str(owner.pk)
