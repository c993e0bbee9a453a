"""Join-request pages: the applicant's form and status, and the organizer's decisions."""

import pytest
from django.core import mail
from django.urls import reverse

from submissions.models import Agency, AgencyMembership, JoinRequest
from tests import factories
from tests.submissions.conftest import english

JOIN = reverse("submissions:join_request_create")
JOIN_NEW = reverse("submissions:join_request_new_agency")
LIST = reverse("submissions:join_request_list")


def detail_url(join_request):
    return reverse("submissions:join_request_detail", args=[join_request.pk])


def decide_url(join_request):
    return reverse("submissions:join_request_decide", args=[join_request.pk])


@pytest.fixture
def applicant(db):
    return factories.UserFactory(name="정신청", email="jung@mois.go.kr")


@pytest.fixture
def agencies(agency):
    return [
        agency,
        factories.AgencyFactory(code="KOSTAT", name_ko="통계청", name_en="Statistics Korea"),
        factories.AgencyFactory(
            code="SEOUL", name_ko="서울특별시", name_en="Seoul", kind="metropolitan"
        ),
    ]


def test_join_page_lists_agencies_and_searches_with_htmx(client_for, applicant, agencies):
    client = client_for(applicant)
    response = client.get(JOIN)
    assert response.status_code == 200
    assert [a.name_ko for a in response.context["agencies"]] == [
        "서울특별시",
        "통계청",
        "행정안전부",
    ]
    content = response.content.decode()
    assert f'<option value="{agencies[0].pk}">Ministry of the Interior (MOIS)</option>' in content
    assert "3 agencies to choose from." in content

    partial = client.get(JOIN, {"q": "통계"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.lstrip().startswith('<div class="form-group" id="agency-choices">')
    assert "<html" not in html
    assert "Statistics Korea (KOSTAT)" in html
    assert "Ministry of the Interior" not in html
    assert "1 agency matches “통계”." in html

    # Search by code, no JavaScript: the whole page with the narrowed list.
    page = client.get(JOIN, {"q": "mois"})
    assert [a.code for a in page.context["agencies"]] == ["MOIS"]
    assert 'value="mois"' in page.content.decode()


def test_htmx_search_keeps_the_current_choice(client_for, applicant, agencies):
    mois = agencies[0]
    partial = client_for(applicant).get(
        JOIN, {"q": "서울", "agency": str(mois.pk)}, HTTP_HX_REQUEST="true"
    )
    html = partial.content.decode()
    assert f'<option value="{mois.pk}" selected>' in html
    assert [a.code for a in partial.context["agencies"]] == ["MOIS", "SEOUL"]
    # A choice that is no agency id (even one isdigit() accepts) is just not kept.
    for bad in ("x", "²"):
        partial = client_for(applicant).get(
            JOIN, {"q": "서울", "agency": bad}, HTTP_HX_REQUEST="true"
        )
        assert partial.status_code == 200
        assert [a.code for a in partial.context["agencies"]] == ["SEOUL"]


def test_send_a_request_then_see_it_waiting(client_for, applicant, agency, agency_admin):
    client = client_for(applicant)
    response = client.post(
        JOIN,
        {
            "agency": agency.pk,
            "position": "혁신정책과 사무관",
            "phone": "044-205-1234",
            "message": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:my_agencies")
    join_request = JoinRequest.objects.get(user=applicant)
    assert (join_request.agency, join_request.status) == (agency, "pending")
    assert not AgencyMembership.objects.filter(user=applicant).exists()

    page = client.get(reverse("submissions:my_agencies"))
    content = page.content.decode()
    assert page.context["join_requests"] == [join_request]
    assert "Your request was sent." in content
    assert '<span class="krds-badge bg-light-warning">Waiting for approval</span>' in content
    assert reverse("submissions:join_request_withdraw", args=[join_request.pk]) in content
    assert f'href="{JOIN}"' not in content  # no second request while one waits

    home = client.get("/").content.decode()
    assert "Your request to join Ministry of the Interior is waiting for an organizer" in home

    # The join page itself now says so instead of offering the form.
    again = client.get(JOIN)
    again_content = again.content.decode()
    assert "is waiting for approval." in again_content
    assert 'name="position"' not in again_content


def test_second_request_is_refused_with_a_form_error(client_for, applicant, agency):
    factories.JoinRequestFactory(user=applicant, agency=agency)
    other = factories.AgencyFactory(name_en="Statistics Korea")
    response = client_for(applicant).post(
        JOIN, {"agency": other.pk, "position": "주무관", "phone": "042-481-4114"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You already have a request waiting for approval. Withdraw it first if you want to ask "
        "for a different agency."
    ]
    assert JoinRequest.objects.filter(user=applicant).count() == 1


def test_bad_input_is_shown_next_to_the_fields_and_kept(client_for, applicant, agency):
    response = client_for(applicant).post(
        JOIN, {"agency": "", "position": "혁신정책과", "phone": "call me"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "agency": ["Choose your agency from the list."],
        "phone": ["Enter a phone number with digits and hyphens, e.g. 044-205-1234."],
    }
    content = response.content.decode()
    assert 'value="혁신정책과"' in content
    assert 'value="call me"' in content
    assert '<p class="form-hint-invalid" id="id_agency_error">' in content
    assert JoinRequest.objects.count() == 0


def test_register_a_new_agency(client_for, applicant, agency):
    client = client_for(applicant)
    taken = client.post(
        JOIN_NEW,
        {
            "new_agency_name_ko": "행정안전부",
            "new_agency_kind": "central",
            "position": "사무관",
            "phone": "044-205-1234",
        },
    )
    assert taken.context["form"].errors == {
        "new_agency_name_ko": [
            "행정안전부 is already registered. Ask to join it from the list of agencies instead."
        ]
    }
    response = client.post(
        JOIN_NEW,
        {
            "new_agency_name_ko": "세종특별자치시교육청",
            "new_agency_name_en": "Sejong Office of Education",
            "new_agency_kind": "education",
            "position": "교육혁신과 주무관",
            "phone": "044-320-1000",
        },
    )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=applicant)
    assert (join_request.agency, join_request.new_agency_name_ko, join_request.new_agency_kind) == (
        None,
        "세종특별자치시교육청",
        "education",
    )


def test_a_member_is_told_and_cannot_post(client_for, agency, agency_member):
    client = client_for(agency_member)
    page = client.get(JOIN)
    assert page.status_code == 200
    assert "You already belong to an agency:" in page.content.decode()
    response = client.post(JOIN, {"agency": agency.pk, "position": "x", "phone": "044-205-1234"})
    assert response.status_code == 403
    assert JoinRequest.objects.count() == 0


def test_withdraw_own_request_only(client_for, applicant, agency):
    mine = factories.JoinRequestFactory(user=applicant, agency=agency)
    theirs = factories.JoinRequestFactory(agency=agency)
    client = client_for(applicant)
    url = reverse("submissions:join_request_withdraw", args=[theirs.pk])
    assert client.post(url).status_code == 404
    assert (
        client.get(reverse("submissions:join_request_withdraw", args=[mine.pk])).status_code == 405
    )
    response = client.post(reverse("submissions:join_request_withdraw", args=[mine.pk]))
    assert response.status_code == 302
    assert list(JoinRequest.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_a_user_sees_only_their_own_requests(client_for, applicant, agency):
    other = factories.JoinRequestFactory(
        agency=None, new_agency_name_ko="비밀기관", new_agency_kind="other"
    )
    mine = factories.JoinRequestFactory(user=applicant, agency=agency)
    response = client_for(applicant).get(reverse("submissions:my_agencies"))
    assert response.context["join_requests"] == [mine]
    assert "비밀기관" not in response.content.decode()
    assert client_for(applicant).get(detail_url(other)).status_code == 403


def test_rejected_request_shows_the_reason_and_the_way_to_ask_again(client_for, applicant, agency):
    factories.JoinRequestFactory(
        user=applicant, agency=agency, status="rejected", reason="재직 확인 불가"
    )
    content = client_for(applicant).get(reverse("submissions:my_agencies")).content.decode()
    assert "Rejected</span>" in content
    assert "Reason: 재직 확인 불가" in content
    assert f'href="{JOIN}"' in content


@pytest.mark.parametrize("role", ["plain", "member", "admin"])
def test_only_organizers_see_and_decide(
    client_for, applicant, agency, agency_admin, agency_member, role
):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    user = {"plain": applicant, "member": agency_member, "admin": agency_admin}[role]
    client = client_for(user)
    assert client.get(LIST).status_code == 403
    assert client.get(detail_url(join_request)).status_code == 403
    assert client.post(decide_url(join_request), {"decision": "approve"}).status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_organizer_list_pending_first_and_filter(client_for, organizer, agency):
    approved = factories.JoinRequestFactory(agency=agency, status="approved")
    pending = factories.JoinRequestFactory(agency=agency)
    rejected = factories.JoinRequestFactory(agency=agency, status="rejected", reason="x")
    client = client_for(organizer)
    response = client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [pending, rejected, approved]
    assert response.context["filters"] == [
        ("", "All", 3),
        ("pending", "Waiting for approval", 1),
        ("approved", "Approved", 1),
        ("rejected", "Rejected", 1),
    ]
    filtered = client.get(LIST, {"status": "rejected"})
    assert list(filtered.context["page"].object_list) == [rejected]
    partial = client.get(LIST, {"status": "pending"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert html.lstrip().startswith('<section id="join-requests"')
    assert detail_url(pending) in html
    assert detail_url(approved) not in html


def test_organizer_approves(
    client_for, organizer, applicant, agency, django_capture_on_commit_callbacks
):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    client = client_for(organizer)
    page = client.get(detail_url(join_request))
    assert page.status_code == 200
    assert decide_url(join_request) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(join_request), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == LIST
    membership = AgencyMembership.objects.get(user=applicant)
    assert (membership.agency, membership.is_admin) == (agency, True)
    assert [m.subject for m in mail.outbox] == [
        "[우수사례 경진대회 심사시스템] 행정안전부 가입 신청이 승인되었습니다"
    ]
    followed = client.get(LIST)
    assert "정신청 is now a member of Ministry of the Interior." in followed.content.decode()

    # A second decision (e.g. from a stale tab) is refused with a clear message.
    again = client.post(decide_url(join_request), {"decision": "reject", "reason": "늦게 봄"})
    assert again.status_code == 302
    assert again["Location"] == detail_url(join_request)
    message = client.get(detail_url(join_request)).content.decode()
    assert "This request was already approved on " in message
    join_request.refresh_from_db()
    assert join_request.status == "approved"

    # The applicant now sees the agency on /agencies/.
    mine = client_for(applicant).get(reverse("submissions:my_agencies"))
    assert [m.agency for m in mine.context["memberships"]] == [agency]


def test_reject_needs_a_reason(client_for, site_admin, applicant, agency):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    client = client_for(site_admin)
    response = client.post(decide_url(join_request), {"decision": "reject", "reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give a reason for the rejection."]}
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    response = client.post(decide_url(join_request), {"decision": "reject", "reason": "소속 불명"})
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert (join_request.status, join_request.reason, join_request.decided_by) == (
        "rejected",
        "소속 불명",
        site_admin,
    )


def test_organizer_approves_a_new_agency(client_for, organizer, applicant):
    join_request = factories.JoinRequestFactory(
        user=applicant, agency=None, new_agency_name_ko="새기관", new_agency_kind="public"
    )
    client_for(organizer).post(decide_url(join_request), {"decision": "approve"})
    agency = Agency.objects.get(code="NEW-0001")
    assert (agency.name_ko, agency.kind) == ("새기관", "public")
    assert AgencyMembership.objects.get(user=applicant).is_admin is True


def test_organizer_home_links_to_waiting_requests(client_for, organizer, agency):
    factories.JoinRequestFactory.create_batch(2, agency=agency)
    factories.JoinRequestFactory(agency=agency, status="approved")
    content = client_for(organizer).get("/").content.decode()
    assert f'href="{LIST}?status=pending">2 join requests waiting</a>' in content


def test_plain_user_home_offers_to_join(client_for, applicant):
    content = english(client_for(applicant)).get("/").content.decode()
    assert f'href="{JOIN}">Ask to join your agency</a>' in content


@pytest.mark.parametrize("size", [2, 12])
def test_join_request_list_query_count(client_for, organizer, django_assert_num_queries, size):
    admin = factories.UserFactory()
    for index in range(size):
        if index % 2:
            factories.JoinRequestFactory(status="approved", decided_by=admin)
        else:
            factories.JoinRequestFactory(
                agency=None, new_agency_name_ko=f"새기관{index}", new_agency_kind="other"
            )
    client = client_for(organizer)
    # session, user, roles (memberships, judge), counts by status, page count, page rows
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", [2, 12])
def test_join_page_query_count(client_for, applicant, django_assert_num_queries, size):
    factories.AgencyFactory.create_batch(size)
    client = client_for(applicant)
    # session, user, memberships, agencies, pending request, roles (memberships, judge)
    with django_assert_num_queries(7):
        response = client.get(JOIN)
    assert len(response.context["agencies"]) == size
