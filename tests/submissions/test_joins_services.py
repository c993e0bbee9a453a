"""Join requests: asking, withdrawing, approving and rejecting (services)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from submissions.models import Agency, AgencyMembership, JoinRequest
from submissions.services.joins import (
    join_request_approve,
    join_request_create,
    join_request_reject,
    join_request_withdraw,
    next_new_agency_code,
)
from tests import factories

SITE = "[우수사례 경진대회 심사시스템]"


@pytest.fixture
def applicant(db):
    return factories.UserFactory(name="정신청", email="jung@mois.go.kr")


def test_ask_to_join_an_existing_agency_emails_its_admins(
    applicant, agency, agency_admin, agency_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request = join_request_create(
            user=applicant,
            agency=agency,
            position=" 혁신정책과 사무관 ",
            phone="044-205-1234",
            message="담당자로 등록 부탁드립니다.",
        )

    stored = JoinRequest.objects.get()
    assert stored == join_request
    assert (stored.user, stored.agency, stored.status) == (applicant, agency, "pending")
    assert (stored.position, stored.phone) == ("혁신정책과 사무관", "044-205-1234")
    assert stored.new_agency_name_ko == ""
    assert not AgencyMembership.objects.filter(user=applicant).exists()
    # Only the agency admin is told, not the plain member.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["park@mois.go.kr"]
    assert message.subject == f"{SITE} 정신청님이 행정안전부 가입을 신청했습니다"
    assert "정신청님(jung@mois.go.kr)이 행정안전부의 경진대회 담당자로 가입을 신청했습니다." in (
        message.body
    )
    assert "부서·직위: 혁신정책과 사무관" in message.body


def test_ask_to_register_a_new_agency_sends_no_email(applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_create(
            user=applicant,
            new_agency_name_ko="세종특별자치시교육청",
            new_agency_name_en="Sejong Office of Education",
            new_agency_kind=Agency.Kind.EDUCATION,
            position="교육혁신과 주무관",
            phone="044-320-1000",
        )
    stored = JoinRequest.objects.get()
    assert stored.agency is None
    assert (stored.new_agency_name_ko, stored.new_agency_name_en, stored.new_agency_kind) == (
        "세종특별자치시교육청",
        "Sejong Office of Education",
        "education",
    )
    assert mail.outbox == []


def test_one_pending_request_per_user(applicant, agency):
    join_request_create(user=applicant, agency=agency)
    other = factories.AgencyFactory()
    with pytest.raises(ValidationError) as caught:
        join_request_create(user=applicant, agency=other)
    assert caught.value.messages == [
        "You already have a request waiting for approval. Withdraw it first if you want to ask "
        "for a different agency."
    ]
    assert JoinRequest.objects.count() == 1
    # The database refuses a second pending row even when the service is bypassed.
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(user=applicant, agency=other)


def test_a_member_cannot_ask_to_join_the_same_agency(agency, agency_member):
    with pytest.raises(ValidationError) as caught:
        join_request_create(user=agency_member, agency=agency)
    assert caught.value.message_dict == {"agency": ["You are already a member of this agency."]}


def test_withdraw_a_pending_request(applicant, agency):
    join_request = join_request_create(user=applicant, agency=agency)
    join_request_withdraw(join_request=join_request, user=applicant)
    assert JoinRequest.objects.count() == 0
    # The user may ask again afterwards.
    join_request_create(user=applicant, agency=agency)
    assert JoinRequest.objects.filter(user=applicant, status="pending").count() == 1


def test_withdraw_refused_after_a_decision_and_for_another_user(applicant, agency, organizer):
    join_request = join_request_create(user=applicant, agency=agency)
    with pytest.raises(ValidationError):
        join_request_withdraw(join_request=join_request, user=organizer)
    join_request_reject(join_request=join_request, by=organizer, reason="소속 확인 불가")
    with pytest.raises(ValidationError) as caught:
        join_request_withdraw(join_request=join_request, user=applicant)
    assert caught.value.messages == [
        "This request has already been decided and can no longer be withdrawn."
    ]
    assert JoinRequest.objects.get().status == "rejected"


def test_approve_existing_agency_with_an_admin_adds_a_plain_member(
    applicant, agency, agency_admin, organizer, django_capture_on_commit_callbacks
):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    with django_capture_on_commit_callbacks(execute=True):
        membership = join_request_approve(join_request=join_request, by=organizer)

    assert (membership.agency, membership.user, membership.is_admin) == (agency, applicant, False)
    assert membership.added_by == organizer
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("approved", organizer)
    assert join_request.decided_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jung@mois.go.kr"]
    assert message.subject == f"{SITE} 행정안전부 가입 신청이 승인되었습니다"
    assert "정신청님, 안녕하세요." in message.body
    assert "행정안전부 가입 신청이 승인되었습니다." in message.body
    assert "기관 관리자로 등록" not in message.body
    assert "/agencies/" in message.body


def test_approve_existing_agency_without_admin_makes_the_user_its_admin(
    applicant, agency, organizer, django_capture_on_commit_callbacks
):
    factories.AgencyMembershipFactory(agency=agency, is_admin=False)
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    with django_capture_on_commit_callbacks(execute=True):
        membership = join_request_approve(join_request=join_request, by=organizer)
    assert membership.is_admin is True
    assert "행정안전부의 기관 관리자로 등록되어 동료를 직접 추가할 수 있습니다." in (
        mail.outbox[0].body
    )


def test_approve_new_agency_creates_it_with_a_generated_code(applicant, organizer):
    factories.AgencyFactory(code="NEW-0007")
    factories.AgencyFactory(code="NEW-X")
    join_request = factories.JoinRequestFactory(
        user=applicant,
        agency=None,
        new_agency_name_ko="세종특별자치시교육청",
        new_agency_name_en="Sejong Office of Education",
        new_agency_kind=Agency.Kind.EDUCATION,
    )
    membership = join_request_approve(join_request=join_request, by=organizer)

    agency = Agency.objects.get(code="NEW-0008")
    assert (agency.name_ko, agency.name_en, agency.kind) == (
        "세종특별자치시교육청",
        "Sejong Office of Education",
        "education",
    )
    assert (membership.agency, membership.user, membership.is_admin) == (agency, applicant, True)
    join_request.refresh_from_db()
    assert (join_request.agency, join_request.status) == (agency, "approved")
    assert next_new_agency_code() == "NEW-0009"


def test_first_generated_code(db):
    assert next_new_agency_code() == "NEW-0001"


def test_reject_requires_a_reason(applicant, agency, organizer):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    with pytest.raises(ValidationError) as caught:
        join_request_reject(join_request=join_request, by=organizer, reason="   ")
    assert caught.value.message_dict == {"reason": ["Give a reason for the rejection."]}
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("pending", None)


def test_reject_emails_the_reason(applicant, agency, organizer, django_capture_on_commit_callbacks):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    with django_capture_on_commit_callbacks(execute=True):
        join_request_reject(
            join_request=join_request, by=organizer, reason="재직 여부를 확인할 수 없습니다."
        )
    join_request.refresh_from_db()
    assert (join_request.status, join_request.reason) == (
        "rejected",
        "재직 여부를 확인할 수 없습니다.",
    )
    assert not AgencyMembership.objects.filter(user=applicant).exists()
    message = mail.outbox[0]
    assert message.to == ["jung@mois.go.kr"]
    assert message.subject == f"{SITE} 행정안전부 가입 신청이 반려되었습니다"
    assert "반려 사유:\n재직 여부를 확인할 수 없습니다." in message.body
    assert "/agencies/join/" in message.body


@pytest.mark.parametrize("first", ["approve", "reject"])
def test_deciding_twice_is_refused(applicant, agency, organizer, site_admin, first):
    join_request = factories.JoinRequestFactory(user=applicant, agency=agency)
    if first == "approve":
        join_request_approve(join_request=join_request, by=organizer)
    else:
        join_request_reject(join_request=join_request, by=organizer, reason="중복 신청")
    stale = JoinRequest.objects.get(pk=join_request.pk)
    for again in (
        lambda: join_request_approve(join_request=stale, by=site_admin),
        lambda: join_request_reject(join_request=stale, by=site_admin, reason="다시"),
    ):
        with pytest.raises(ValidationError) as caught:
            again()
        verb = "approved" if first == "approve" else "rejected"
        assert caught.value.messages[0].startswith(f"This request was already {verb} on ")
        assert caught.value.messages[0].endswith(". It cannot be decided twice.")
    join_request.refresh_from_db()
    assert join_request.decided_by == organizer
    assert AgencyMembership.objects.filter(user=applicant).count() == (first == "approve")
