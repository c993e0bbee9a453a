"""Earlier hostile cases of agency membership: an admin of another agency or someone else signed in
cannot add, remove or accept here, and an imported agency sheet's formulas stay plain text."""

import io

import pytest
from django.urls import reverse

from accounts.models import User
from submissions.models import AgencyInvitation, AgencyMembership
from submissions.services.agency_import import agency_import
from tests import factories
from tests.submissions import conftest as submissions
from tests.submissions.test_agency_import import rows_in_db, xlsx
from tests.submissions.test_member_actions import add_url

pytestmark = pytest.mark.django_db

# The agency pages' fixtures and their autouse settings (English messages, fast hashing).
_english_messages = submissions._english_messages
_fast_password_hasher = submissions._fast_password_hasher
agency = submissions.agency
agency_admin = submissions.agency_admin
client_for = submissions.client_for


def test_someone_else_signed_in_cannot_accept_an_invitation(client_for, agency, agency_admin):
    invitation = AgencyInvitation.objects.create(
        agency=agency, email="kim@stat.go.kr", name="김", token="tok"
    )
    stranger = factories.UserFactory(email="other@example.kr")
    url = reverse("submissions:invitation_detail", args=[invitation.token])
    page = client_for(stranger).get(url).content.decode()
    assert "but you are signed in as other@example.kr" in page
    assert client_for(stranger).post(url, {"decision": "accept"}).status_code == 403
    assert not AgencyMembership.objects.filter(user=stranger).exists()
    anonymous = client_for(None).post(url, {"decision": "accept"})
    assert (
        anonymous["Location"]
        == f"{reverse('account_login')}?next=%2Fagencies%2Finvitations%2Ftok%2F"
    )


def test_admin_of_another_agency_cannot_add_members_here(client_for, agency):
    other_admin = factories.UserFactory()
    factories.AgencyMembershipFactory(user=other_admin, is_admin=True)
    response = client_for(other_admin).post(add_url(agency), {"email": "x@x.kr", "name": "엑스"})
    assert response.status_code == 404
    assert not User.objects.filter(email="x@x.kr").exists()


def test_member_of_another_agency_cannot_be_removed_through_this_agency(
    client_for, agency, agency_admin
):
    foreign = factories.AgencyMembershipFactory()
    url = reverse("submissions:member_remove", args=[agency.pk, foreign.pk])
    assert client_for(agency_admin).post(url).status_code == 404
    assert AgencyMembership.objects.filter(pk=foreign.pk).exists()


def test_formulas_in_an_agency_import_are_stored_as_plain_text():
    agency_import(
        file=io.BytesIO(xlsx([["EQ1", '=HYPERLINK("http://evil.example","x")', "=1+1", "central"]]))
    )
    assert rows_in_db() == [("EQ1", '=HYPERLINK("http://evil.example","x")', "=1+1", "central")]
