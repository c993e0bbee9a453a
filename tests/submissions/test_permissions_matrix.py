"""Every submissions URL by every role, with the exact status each one gets."""

import pytest
from django.urls import reverse

from submissions.models import AgencyMembership
from submissions.urls import urlpatterns
from tests import factories

ROLES = [
    "anonymous",
    "plain_user",
    "agency_member",
    "agency_admin",
    "judge",
    "organizer_elsewhere",
    "organizer_on_contest",
    "site_admin",
]

# url name -> (method, expected status per role in ROLES order)
EXPECTED = {
    "my_agencies": ("get", [302, 200, 200, 200, 200, 200, 200, 200]),
    "agency_detail": ("get", [302, 404, 200, 200, 404, 404, 404, 200]),
    "member_add": ("post", [302, 404, 403, 200, 404, 404, 404, 200]),
    "member_remove": ("post", [302, 404, 403, 302, 404, 404, 404, 302]),
    "member_toggle_admin": ("post", [302, 404, 403, 302, 404, 404, 404, 302]),
}


def test_every_url_is_in_the_matrix():
    assert sorted(p.name for p in urlpatterns) == sorted(EXPECTED)


def _user_for(role, agency):
    if role == "anonymous":
        return None
    if role == "site_admin":
        return factories.AdminFactory()
    contest = factories.ContestFactory()
    if role == "organizer_on_contest":
        user = factories.OrganizerFactory()
        contest.organizers.add(user)
        return user
    if role == "organizer_elsewhere":
        return factories.OrganizerFactory()
    user = factories.UserFactory()
    if role == "judge":
        factories.JudgeFactory(contest=contest, user=user)
    elif role in {"agency_member", "agency_admin"}:
        factories.AgencyMembershipFactory(agency=agency, user=user, is_admin=role == "agency_admin")
    return user


def _url(name, agency, target):
    if name == "my_agencies":
        return reverse("submissions:my_agencies")
    if name in {"agency_detail", "member_add"}:
        return reverse(f"submissions:{name}", args=[agency.pk])
    return reverse(f"submissions:{name}", args=[agency.pk, target.pk])


@pytest.mark.parametrize(
    ("name", "role", "method", "status"),
    [
        (name, role, method, statuses[i])
        for name, (method, statuses) in EXPECTED.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_status_for_role(client_for, agency, name, role, method, status):
    # The agency always has an admin besides the user under test.
    factories.AgencyMembershipFactory(agency=agency, is_admin=True)
    target = factories.AgencyMembershipFactory(agency=agency)
    client = client_for(_user_for(role, agency))
    response = getattr(client, method)(_url(name, agency, target))
    assert response.status_code == status
    if method == "post" and status in {302, 200} and role != "anonymous":
        return
    # Refused requests change nothing.
    assert AgencyMembership.objects.filter(pk=target.pk, is_admin=False).exists()
