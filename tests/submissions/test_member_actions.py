import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from submissions.models import AgencyInvitation, AgencyMembership
from tests import factories
from tests.submissions.conftest import english


def add_url(agency):
    return reverse("submissions:member_add", args=[agency.pk])


def remove_url(membership):
    return reverse("submissions:member_remove", args=[membership.agency_id, membership.pk])


def toggle_url(membership):
    return reverse("submissions:member_toggle_admin", args=[membership.agency_id, membership.pk])


def _invitation_link(message) -> str:
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/agencies/invitations/[^/\s]+/)\n", message.body
    )
    assert link is not None
    return link.group(1)


def test_admin_invites_a_new_colleague_who_signs_up_and_accepts(
    client_for, agency, agency_admin, django_capture_on_commit_callbacks
):
    client = client_for(agency_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(agency), {"email": " Choi@MOIS.go.kr ", "name": "최신규"})

    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:agency_detail", args=[agency.pk])
    assert not User.objects.filter(email="choi@mois.go.kr").exists()  # no account made for them
    invitation = AgencyInvitation.objects.get()
    assert (invitation.email, invitation.name, invitation.is_admin) == (
        "choi@mois.go.kr",
        "최신규",
        False,
    )
    assert invitation.invited_by == agency_admin
    page = client.get(reverse("submissions:agency_detail", args=[agency.pk])).content.decode()
    assert (
        "An invitation email was sent to choi@mois.go.kr. They become a member when they accept it."
        in page
    )
    assert "<caption>Invitations waiting to be accepted</caption>" in page

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["choi@mois.go.kr"]
    assert message.subject == "[우수사례 경진대회 심사시스템] 행정안전부 담당자로 초대합니다"
    assert "최신규님, 안녕하세요." in message.body
    assert (
        "박기관님이 행정안전부의 경진대회 담당자로 choi@mois.go.kr 주소를 초대했습니다."
        in message.body
    )
    link = _invitation_link(message)

    newcomer = english(Client())
    landing = newcomer.get(link).content.decode()
    assert "choi@mois.go.kr is invited to write and submit case entries for" in landing
    signup = newcomer.post(
        f"{reverse('account_signup')}?next={link}",
        {
            "email": "choi@mois.go.kr",
            "name": "최신규",
            "password1": "Hanbit-2026-pw!",
            "password2": "Hanbit-2026-pw!",
            "privacy_consent": "on",
        },
    )
    assert signup.status_code == 302
    assert signup["Location"] == link
    assert not AgencyMembership.objects.filter(user__email="choi@mois.go.kr").exists()
    accepted = newcomer.post(link, {"decision": "accept"})
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("submissions:agency_detail", args=[agency.pk])
    membership = AgencyMembership.objects.get(user__email="choi@mois.go.kr")
    assert (membership.agency, membership.is_admin, membership.added_by) == (
        agency,
        False,
        agency_admin,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == membership.user


def test_inviting_an_existing_account_adds_nobody_until_they_accept(
    client_for, agency, agency_admin, django_capture_on_commit_callbacks
):
    existing = factories.UserFactory(email="kim@stat.go.kr", name="김기존")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(agency_admin).post(
            add_url(agency), {"email": "KIM@stat.go.kr", "name": "다른이름", "is_admin": "on"}
        )
    assert response.status_code == 302
    assert not AgencyMembership.objects.filter(user=existing).exists()
    existing.refresh_from_db()
    assert (existing.name, existing.has_usable_password()) == ("김기존", True)
    assert User.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["kim@stat.go.kr"]]
    page = client_for(agency_admin).get(reverse("submissions:agency_detail", args=[agency.pk]))
    assert "김기존" not in page.content.decode()

    accepted = client_for(existing).post(_invitation_link(mail.outbox[0]), {"decision": "accept"})
    assert accepted.status_code == 302
    assert AgencyMembership.objects.get(user=existing).is_admin is True


def test_invited_person_may_decline(
    client_for, agency, agency_admin, django_capture_on_commit_callbacks
):
    existing = factories.UserFactory(email="kim@stat.go.kr")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(agency_admin).post(add_url(agency), {"email": "kim@stat.go.kr", "name": "김"})
    link = _invitation_link(mail.outbox[0])
    response = client_for(existing).post(link, {"decision": "decline"})
    assert response.status_code == 302
    assert not AgencyMembership.objects.filter(user=existing).exists()
    assert not AgencyInvitation.objects.exists()
    assert client_for(existing).get(link).status_code == 404


def test_admin_cancels_a_pending_invitation(client_for, agency, agency_admin, agency_member):
    invitation = AgencyInvitation.objects.create(
        agency=agency, email="kim@stat.go.kr", name="김", token="tok"
    )
    url = reverse("submissions:invitation_cancel", args=[agency.pk, invitation.pk])
    assert client_for(agency_member).post(url).status_code == 403
    response = client_for(agency_admin).post(url)
    assert response.status_code == 302
    assert not AgencyInvitation.objects.exists()
    assert client_for(agency_admin).post(url).status_code == 404


def test_adding_someone_twice_gives_a_form_error_and_keeps_typed_values(
    client_for, agency, agency_admin, agency_member
):
    response = client_for(agency_admin).post(
        add_url(agency), {"email": "LEE@mois.go.kr", "name": "이담당 재등록"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"email": ["lee@mois.go.kr is already a member of this agency."]}
    content = response.content.decode()
    assert 'value="LEE@mois.go.kr"' in content
    assert 'value="이담당 재등록"' in content
    assert 'aria-invalid="true"' in content
    assert AgencyMembership.objects.filter(agency=agency).count() == 2
    assert mail.outbox == []


def test_missing_and_invalid_values_are_reported_next_to_the_fields(
    client_for, agency, agency_admin
):
    response = client_for(agency_admin).post(add_url(agency), {"email": "not-an-email", "name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Enter a valid email address."],
        "name": ["This field is required."],
    }
    assert 'value="not-an-email"' in response.content.decode()
    assert AgencyMembership.objects.count() == 1


def test_htmx_add_returns_the_refreshed_member_region(
    client_for, agency, agency_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(agency_admin).post(
            add_url(agency),
            {"email": "jung@mois.go.kr", "name": "정동료"},
            headers={"HX-Request": "true"},
        )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="agency-members"')
    assert "An invitation email was sent to jung@mois.go.kr." in content
    assert [m.user.email for m in response.context["members"]] == ["park@mois.go.kr"]
    assert [i.email for i in response.context["invitations"]] == ["jung@mois.go.kr"]
    assert response.context["form"].is_bound is False
    assert len(mail.outbox) == 1


def test_htmx_add_with_error_re_renders_region_with_errors(client_for, agency, agency_admin):
    response = client_for(agency_admin).post(
        add_url(agency),
        {"email": "park@mois.go.kr", "name": "박기관"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "park@mois.go.kr is already a member of this agency." in content


def test_plain_member_cannot_add(client_for, agency, agency_member):
    response = client_for(agency_member).post(add_url(agency), {"email": "x@x.kr", "name": "엑스"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@x.kr").exists()


def test_get_on_member_add_is_not_allowed(client_for, agency, agency_admin):
    assert client_for(agency_admin).get(add_url(agency)).status_code == 405


def test_admin_removes_a_member(client_for, agency, agency_admin, agency_member):
    membership = AgencyMembership.objects.get(user=agency_member)
    response = client_for(agency_admin).post(remove_url(membership), follow=True)
    assert response.redirect_chain == [
        (reverse("submissions:agency_detail", args=[agency.pk]), 302)
    ]
    assert not AgencyMembership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=agency_member.pk).exists()
    assert "이담당 was removed from Ministry of the Interior." in response.content.decode()


def test_last_admin_cannot_remove_themself(client_for, agency, agency_admin, agency_member):
    membership = AgencyMembership.objects.get(user=agency_admin)
    response = client_for(agency_admin).post(remove_url(membership), follow=True)
    assert response.status_code == 200
    assert AgencyMembership.objects.filter(pk=membership.pk).exists()
    assert (
        "You are the last admin of this agency. Make a colleague an admin first, "
        "then you can step down or leave." in response.content.decode()
    )


def test_last_admin_error_over_htmx_stays_in_the_region(client_for, agency, agency_admin):
    membership = AgencyMembership.objects.get(user=agency_admin)
    response = client_for(agency_admin).post(remove_url(membership), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["error"].startswith("You are the last admin of this agency.")
    assert AgencyMembership.objects.filter(pk=membership.pk).exists()


def test_admin_who_is_not_the_last_can_leave_and_lands_on_my_agencies(
    client_for, agency, agency_admin, agency_member
):
    AgencyMembership.objects.filter(user=agency_member).update(is_admin=True)
    membership = AgencyMembership.objects.get(user=agency_admin)
    client = client_for(agency_admin)

    response = client.post(remove_url(membership))
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:my_agencies")
    assert not AgencyMembership.objects.filter(pk=membership.pk).exists()
    assert client.get(reverse("submissions:agency_detail", args=[agency.pk])).status_code == 404


def test_leaving_over_htmx_redirects_the_browser(client_for, agency, agency_admin, agency_member):
    AgencyMembership.objects.filter(user=agency_member).update(is_admin=True)
    membership = AgencyMembership.objects.get(user=agency_admin)
    response = client_for(agency_admin).post(remove_url(membership), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("submissions:my_agencies")


def test_plain_member_cannot_remove_or_toggle(client_for, agency, agency_admin, agency_member):
    admin_membership = AgencyMembership.objects.get(user=agency_admin)
    client = client_for(agency_member)
    assert client.post(remove_url(admin_membership)).status_code == 403
    assert client.post(toggle_url(admin_membership)).status_code == 403
    admin_membership.refresh_from_db()
    assert admin_membership.is_admin is True


def test_admin_promotes_and_demotes_a_colleague(client_for, agency, agency_admin, agency_member):
    membership = AgencyMembership.objects.get(user=agency_member)
    client = client_for(agency_admin)
    assert client.post(toggle_url(membership)).status_code == 302
    membership.refresh_from_db()
    assert membership.is_admin is True
    response = client.post(toggle_url(membership), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["notice"] == "이담당 is no longer an agency admin."
    membership.refresh_from_db()
    assert membership.is_admin is False


def test_last_admin_cannot_step_down(client_for, agency, agency_admin):
    membership = AgencyMembership.objects.get(user=agency_admin)
    response = client_for(agency_admin).post(toggle_url(membership), follow=True)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.is_admin is True
    assert "You are the last admin of this agency." in response.content.decode()


def test_site_admin_manages_members_of_any_agency(
    client_for, site_admin, agency, agency_admin, django_capture_on_commit_callbacks
):
    client = client_for(site_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(agency), {"email": "new@mois.go.kr", "name": "신입"})
    assert response.status_code == 302
    assert AgencyInvitation.objects.filter(agency=agency, email="new@mois.go.kr").exists()
    assert not AgencyMembership.objects.filter(user__email="new@mois.go.kr").exists()
    admin_membership = AgencyMembership.objects.get(user=agency_admin)
    response = client.post(remove_url(admin_membership), follow=True)
    assert "박기관 is the last admin of this agency." in response.content.decode()
    assert AgencyMembership.objects.filter(pk=admin_membership.pk).exists()


@pytest.mark.parametrize("view", ["member_remove", "member_toggle_admin"])
def test_unknown_membership_is_404(client_for, agency, agency_admin, view):
    url = reverse(f"submissions:{view}", args=[agency.pk, 999999])
    assert client_for(agency_admin).post(url).status_code == 404
