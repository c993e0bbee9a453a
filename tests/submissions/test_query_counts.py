"""The agency pages run the same number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from submissions.models import AgencyInvitation
from tests import factories


def _member_of_many_agencies(user, count: int) -> None:
    for _ in range(count):
        agency = factories.AgencyFactory()
        factories.AgencyMembershipFactory(agency=agency, user=user, is_admin=True)
        factories.AgencyMembershipFactory.create_batch(2, agency=agency)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 8])
def test_my_agencies_query_count(client_for, django_assert_num_queries, size):
    user = factories.UserFactory()
    _member_of_many_agencies(user, size)
    client = client_for(user)
    # session, user, roles (memberships, judge), the memberships list
    with django_assert_num_queries(5):
        response = client.get(reverse("submissions:my_agencies"))
    assert response.status_code == 200
    assert len(response.context["memberships"]) == size


@pytest.mark.parametrize("size", [1, 15])
def test_agency_detail_query_count(client_for, django_assert_num_queries, agency, size):
    admin = factories.UserFactory()
    factories.AgencyMembershipFactory(agency=agency, user=admin, is_admin=True)
    for index in range(size):
        factories.AgencyMembershipFactory(agency=agency, added_by=admin)
        AgencyInvitation.objects.create(
            agency=agency, email=f"invited{index}@example.kr", name="초대", token=f"t{index}"
        )
    client = client_for(admin)
    # session, user, agency with the viewer's admin flag, members, pending invitations,
    # roles (memberships, judge)
    with django_assert_num_queries(7):
        response = client.get(reverse("submissions:agency_detail", args=[agency.pk]))
    assert response.status_code == 200
    assert len(response.context["members"]) == size + 1
    assert len(response.context["invitations"]) == size
