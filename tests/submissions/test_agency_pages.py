import pytest
from django.urls import reverse

from submissions.models import AgencyMembership
from tests import factories


@pytest.mark.django_db
def test_my_agencies_requires_login(client_for):
    response = client_for(None).get(reverse("submissions:my_agencies"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/agencies/"


@pytest.mark.django_db
def test_my_agencies_empty_state_for_user_without_agency(client_for):
    response = client_for(factories.UserFactory()).get(reverse("submissions:my_agencies"))
    assert response.status_code == 200
    assert response.context["memberships"].count() == 0
    content = response.content.decode()
    assert "You do not belong to any agency yet." in content
    assert "You join your agency when your registration is approved" in content


def test_my_agencies_lists_own_agencies_with_member_counts(client_for, agency, agency_admin):
    factories.AgencyMembershipFactory(agency=agency)
    other = factories.AgencyFactory(name_ko="통계청", name_en="Statistics Korea")
    factories.AgencyMembershipFactory(agency=other, user=agency_admin)
    hidden = factories.AgencyFactory(name_ko="관세청", name_en="Korea Customs Service")
    factories.AgencyMembershipFactory(agency=hidden)

    response = client_for(agency_admin).get(reverse("submissions:my_agencies"))

    assert response.status_code == 200
    rows = [(m.agency.name_en, m.member_count, m.is_admin) for m in response.context["memberships"]]
    assert rows == [("Statistics Korea", 1, False), ("Ministry of the Interior", 2, True)]
    content = response.content.decode()
    assert "Korea Customs Service" not in content
    assert reverse("submissions:agency_detail", args=[agency.pk]) in content
    assert "2 members" in content
    assert "1 member<" in content


def test_agency_detail_lists_members_to_a_member_without_controls(
    client_for, agency, agency_admin, agency_member
):
    response = client_for(agency_member).get(reverse("submissions:agency_detail", args=[agency.pk]))
    assert response.status_code == 200
    assert [m.user.email for m in response.context["members"]] == [
        "park@mois.go.kr",
        "lee@mois.go.kr",
    ]
    assert response.context["can_manage"] is False
    assert response.context["form"] is None
    content = response.content.decode()
    assert "박기관" in content
    assert "이담당" in content
    assert reverse("submissions:member_add", args=[agency.pk]) not in content


def test_agency_detail_shows_add_form_to_agency_admin(client_for, agency, agency_admin):
    response = client_for(agency_admin).get(reverse("submissions:agency_detail", args=[agency.pk]))
    assert response.status_code == 200
    assert response.context["can_manage"] is True
    content = response.content.decode()
    assert f'action="{reverse("submissions:member_add", args=[agency.pk])}"' in content
    assert 'id="agency-members"' in content


def test_agency_detail_hidden_from_non_members(client_for, agency, agency_admin):
    outsider = factories.UserFactory()
    factories.AgencyMembershipFactory(user=outsider)  # member of another agency
    response = client_for(outsider).get(reverse("submissions:agency_detail", args=[agency.pk]))
    assert response.status_code == 404


def test_agency_detail_unknown_agency_is_404_even_for_site_admin(client_for, site_admin):
    response = client_for(site_admin).get(reverse("submissions:agency_detail", args=[999999]))
    assert response.status_code == 404


def test_htmx_request_renders_only_the_member_region(client_for, agency, agency_admin):
    response = client_for(agency_admin).get(
        reverse("submissions:agency_detail", args=[agency.pk]), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="agency-members"')
    assert "<html" not in content
    assert AgencyMembership.objects.count() == 1
