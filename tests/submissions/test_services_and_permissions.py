import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from submissions.models import AgencyMembership
from submissions.rules import is_agency_admin, is_agency_member
from submissions.services.members import (
    agency_member_invite,
    agency_member_remove,
    agency_member_set_admin,
)
from tests import factories


def test_predicates(agency, agency_admin, agency_member):
    outsider = factories.UserFactory()
    assert is_agency_member(agency_admin, agency) is True
    assert is_agency_member(agency_member, agency) is True
    assert is_agency_member(outsider, agency) is False
    assert is_agency_admin(agency_admin, agency) is True
    assert is_agency_admin(agency_member, agency) is False
    assert is_agency_admin(outsider, agency) is False
    assert agency_admin.has_perm("submissions.manage_agency_members", agency) is True
    assert agency_member.has_perm("submissions.manage_agency_members", agency) is False
    assert agency_member.has_perm("submissions.view_agency", agency) is True
    assert outsider.has_perm("submissions.view_agency", agency) is False


def test_predicates_for_anonymous(agency):
    from django.contrib.auth.models import AnonymousUser

    assert is_agency_member(AnonymousUser(), agency) is False
    assert is_agency_admin(AnonymousUser(), agency) is False


def test_service_rejects_duplicate_even_without_the_form(agency, agency_member):
    with pytest.raises(ValidationError) as exc:
        agency_member_invite(agency=agency, email="LEE@mois.go.kr", name="이담당", by=None)
    assert exc.value.message_dict == {
        "email": ["lee@mois.go.kr is already a member of this agency."]
    }
    assert AgencyMembership.objects.filter(agency=agency).count() == 1


def test_service_refuses_a_second_pending_invitation(agency, agency_admin):
    agency_member_invite(agency=agency, email="new@mois.go.kr", name="신규", by=agency_admin)
    with pytest.raises(ValidationError) as exc:
        agency_member_invite(agency=agency, email="NEW@mois.go.kr", name="신규", by=agency_admin)
    assert exc.value.message_dict == {
        "email": ["An invitation to new@mois.go.kr is already waiting to be accepted."]
    }


def test_service_sends_no_mail_when_the_transaction_rolls_back(agency, agency_admin):
    # Without executing on-commit callbacks (the test transaction never commits) no mail goes out.
    agency_member_invite(agency=agency, email="new@mois.go.kr", name="신규", by=agency_admin)
    assert mail.outbox == []


def test_invitation_leaves_an_existing_account_untouched(agency):
    user = factories.UserFactory(name="", email="noname@mois.go.kr")
    agency_member_invite(agency=agency, email="noname@mois.go.kr", name="  홍길동 ", by=None)
    user.refresh_from_db()
    assert user.name == ""
    assert not AgencyMembership.objects.filter(user=user).exists()


def test_last_admin_cannot_be_removed_or_demoted_by_anyone(agency, agency_admin, site_admin):
    membership = AgencyMembership.objects.get(user=agency_admin)
    with pytest.raises(ValidationError) as exc:
        agency_member_remove(membership=membership, by=site_admin)
    assert exc.value.messages == [
        "박기관 is the last admin of this agency. Make a colleague an admin first."
    ]
    with pytest.raises(ValidationError):
        agency_member_set_admin(membership=membership, is_admin=False, by=agency_admin)
    membership.refresh_from_db()
    assert membership.is_admin is True


def test_admin_can_be_removed_when_another_admin_remains(agency, agency_admin, agency_member):
    other = AgencyMembership.objects.get(user=agency_member)
    agency_member_set_admin(membership=other, is_admin=True, by=agency_admin)
    mine = AgencyMembership.objects.get(user=agency_admin)
    agency_member_remove(membership=mine, by=agency_admin)
    assert list(AgencyMembership.objects.values_list("user__email", "is_admin")) == [
        ("lee@mois.go.kr", True)
    ]
