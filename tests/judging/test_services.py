"""Judging set-up services: invitations, accept, panels, toggles, automatic apply, conflicts."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from scoring.forms.judges import BulkInviteForm
from scoring.models import Assignment, Conflict, JudgeInvitation, Score, Scorecard
from scoring.selectors.assignments import round_plan
from scoring.services.assignments import (
    PlanChanged,
    assignment_toggle,
    assignments_auto_apply,
)
from scoring.services.judges import (
    Invitee,
    invitation_accept,
    invitation_cancel,
    invitation_resend,
    judge_invite,
    judges_invite_many,
    panel_members_save,
)
from tests import factories
from tests.judging.conftest import scored, submitted_entry

pytestmark = pytest.mark.django_db


# --- Invitations -------------------------------------------------------------------------------


def test_invite_creates_token_and_sends_korean_email(
    world, organizer, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://simsa.example.kr"
    with django_capture_on_commit_callbacks(execute=True):
        invitation = judge_invite(
            contest=world.contest,
            invitee=Invitee(
                name="홍길동",
                email=" Hong@Example.KR ",
                affiliation=world.mois,
                expertise="디지털정부",
                categories=[world.central],
            ),
            by=organizer,
        )
    assert invitation.email == "hong@example.kr"
    assert len(invitation.token) == 43
    assert list(invitation.categories.all()) == [world.central]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hong@example.kr"]
    assert (
        message.subject
        == f"[우수사례 경진대회 심사시스템] {world.contest.name_ko} 심사위원으로 모십니다"
    )
    assert f"https://simsa.example.kr/invitations/{invitation.token}/" in message.body
    assert "홍길동님, 안녕하세요." in message.body


def test_inviting_the_same_email_again_resends_without_duplicate(
    world, organizer, django_capture_on_commit_callbacks
):
    first = judge_invite(
        contest=world.contest, invitee=Invitee(name="홍길동", email="hong@example.kr"), by=organizer
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = judge_invite(
            contest=world.contest,
            invitee=Invitee(name="홍길동 교수", email="HONG@example.kr"),
            by=organizer,
        )
    assert again.pk == first.pk
    assert again.token == first.token
    assert again.name == "홍길동 교수"
    assert JudgeInvitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_inviting_an_existing_judge_is_refused(world, organizer):
    with pytest.raises(ValidationError) as error:
        judge_invite(
            contest=world.contest, invitee=Invitee(name="가", email="GA@example.kr"), by=organizer
        )
    assert error.value.message_dict == {
        "email": ["ga@example.kr is already a judge of this contest."]
    }


def _bulk(world, text="", upload=None):
    files = {"file": upload} if upload else None
    return BulkInviteForm({"lines": text}, files, contest=world.contest)


def test_bulk_list_with_tabs_and_commas(world, organizer):
    text = (
        "홍길동\thong@example.kr\t1741000\t중앙부처;Local\n"
        "\n"
        "김전문, kim@example.kr, 서울특별시, \n"
        "이교수, lee@example.kr\n"
    )
    form = _bulk(world, text)
    assert form.is_valid(), form.errors
    done = judges_invite_many(
        contest=world.contest, invitees=form.cleaned_data["invitees"], by=organizer
    )
    assert [(i.name, i.email, i.affiliation) for i in done] == [
        ("홍길동", "hong@example.kr", world.mois),
        ("김전문", "kim@example.kr", world.seoul),
        ("이교수", "lee@example.kr", None),
    ]
    assert set(done[0].categories.all()) == {world.central, world.local}


def test_bulk_list_reports_every_bad_line_and_invites_nobody(world):
    text = (
        "홍길동\thong@example.kr\t1741000\t중앙부처\n"
        "\tno-name@example.kr\n"
        "김전문, not-an-email, 없는기관, 없는부문\n"
    )
    form = _bulk(world, text)
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Line 2: the name is missing.",
        "Line 3: 'not-an-email' is not an email address.",
        "Line 3: no single agency has the code or name '없는기관'.",
        "Line 3: this contest has no category '없는부문'.",
    ]
    assert JudgeInvitation.objects.count() == 0


def test_bulk_service_refuses_duplicates_and_existing_judges_all_or_nothing(world, organizer):
    invitees = [
        (1, Invitee(name="홍", email="hong@example.kr")),
        (2, Invitee(name="가", email="ga@example.kr")),
        (3, Invitee(name="홍2", email="HONG@example.kr")),
    ]
    with pytest.raises(ValidationError) as error:
        judges_invite_many(contest=world.contest, invitees=invitees, by=organizer)
    assert error.value.messages == ["Line 3: hong@example.kr is listed again (first on line 1)."]
    with pytest.raises(ValidationError) as error:
        judges_invite_many(contest=world.contest, invitees=invitees[:2], by=organizer)
    assert error.value.messages == ["Line 2: ga@example.kr is already a judge of this contest."]
    assert JudgeInvitation.objects.count() == 0


def test_bulk_xlsx_upload(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = Workbook()
    sheet = book.active
    sheet.append(["이름", "이메일", "소속기관", "전문부문"])
    sheet.append(["홍길동", "hong@example.kr", "1741000", "지자체"])
    sheet.append(['=HYPERLINK("x")', "bad", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("judges.xlsx", buffer.getvalue())
    form = _bulk(world, upload=upload)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Line 3: 'bad' is not an email address."]


def test_resend_and_cancel(world, organizer, django_capture_on_commit_callbacks):
    invitation = judge_invite(
        contest=world.contest, invitee=Invitee(name="홍", email="hong@example.kr"), by=organizer
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation)
    assert len(mail.outbox) == 1
    invitation_cancel(invitation=invitation)
    assert JudgeInvitation.objects.count() == 0


def test_accept_creates_the_judge_with_copied_fields(world, organizer):
    invitation = judge_invite(
        contest=world.contest,
        invitee=Invitee(
            name="홍",
            email="hong@example.kr",
            affiliation=world.seoul,
            expertise="행정",
            categories=[world.local],
        ),
        by=organizer,
    )
    user = factories.UserFactory(email="another@example.kr")
    judge = invitation_accept(
        invitation=invitation, user=user, security_pledge=True, conflict_pledge=True
    )
    invitation.refresh_from_db()
    assert (judge.contest, judge.user, judge.affiliation, judge.expertise) == (
        world.contest,
        user,
        world.seoul,
        "행정",
    )
    assert list(judge.categories.all()) == [world.local]
    assert invitation.accepted_at is not None
    assert invitation.judge == judge
    with pytest.raises(ValidationError) as error:
        invitation_accept(
            invitation=invitation, user=user, security_pledge=True, conflict_pledge=True
        )
    assert error.value.messages == ["This invitation was already accepted."]
    with pytest.raises(ValidationError):
        invitation_resend(invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_cancel(invitation=invitation)


# --- Panels ------------------------------------------------------------------------------------


def test_panel_members_one_panel_per_round(world):
    experts = factories.PanelFactory(round=world.round, name_ko="전문가")
    citizens = factories.PanelFactory(round=world.round, name_ko="국민")
    ga, na, da = world.judges
    panel_members_save(
        round_=world.round, members={experts.pk: {ga.pk, na.pk}, citizens.pk: {da.pk}}
    )
    assert set(experts.judges.all()) == {ga, na}
    assert set(citizens.judges.all()) == {da}
    with pytest.raises(ValidationError) as error:
        panel_members_save(round_=world.round, members={experts.pk: {ga.pk}, citizens.pk: {ga.pk}})
    assert error.value.messages == ["A judge can sit in only one panel of a round: 가심사."]
    other = factories.JudgeFactory()
    with pytest.raises(ValidationError):
        panel_members_save(round_=world.round, members={experts.pk: {other.pk}})
    assert set(experts.judges.all()) == {ga, na}


# --- Assignments -------------------------------------------------------------------------------


def test_toggle_assigns_and_unassigns(world, organizer):
    ga = world.judges[0]
    entry = world.entries[0]
    assert assignment_toggle(round_=world.round, judge=ga, entry=entry, by=organizer) is True
    assignment = Assignment.objects.get()
    assert (assignment.method, assignment.created_by) == (Assignment.Method.MANUAL, organizer)
    assert assignment_toggle(round_=world.round, judge=ga, entry=entry, by=organizer) is False
    assert Assignment.objects.count() == 0


def test_toggle_refuses_own_agency_and_conflicts(world, organizer):
    ga, na, _da = world.judges
    with pytest.raises(ValidationError) as error:
        assignment_toggle(round_=world.round, judge=na, entry=world.entries[0], by=organizer)
    assert error.value.messages == ["The judge belongs to the entry's agency (exclusion)."]
    Conflict.objects.create(
        judge=ga, entry=world.entries[1], kind=Conflict.Kind.CHALLENGE, reason="x"
    )
    with pytest.raises(ValidationError) as error:
        assignment_toggle(round_=world.round, judge=ga, entry=world.entries[1], by=organizer)
    assert error.value.messages == [
        "A conflict of interest is recorded for this pair: Challenge (recorded by the organizer)."
    ]
    assert Assignment.objects.count() == 0


def test_toggle_refuses_judge_outside_the_rounds_panels(world, organizer):
    panel = factories.PanelFactory(round=world.round)
    panel.judges.add(world.judges[2])
    with pytest.raises(ValidationError) as error:
        assignment_toggle(
            round_=world.round, judge=world.judges[0], entry=world.entries[0], by=organizer
        )
    assert error.value.messages == ["This judge is not in a panel of this round."]


def test_unassign_refused_oncescored(world, organizer):
    ga = world.judges[0]
    scored(world, ga, world.entries[1])
    with pytest.raises(ValidationError) as error:
        assignment_toggle(round_=world.round, judge=ga, entry=world.entries[1], by=organizer)
    assert error.value.code == "scored"
    assert Assignment.objects.count() == 1


def test_auto_apply_then_rerun_for_new_entries(world, organizer):
    ga, na, da = world.judges
    scored(world, ga, world.entries[1])
    plan = round_plan(world.round)
    # Entry 1 (행정안전부) cannot go to 나심사; every entry gets 2 judges.
    assert set(plan.new) == {
        (ga.pk, world.entries[0].pk),
        (da.pk, world.entries[0].pk),
        (na.pk, world.entries[1].pk),
        (na.pk, world.entries[2].pk),
        (da.pk, world.entries[2].pk),
    }
    created = assignments_auto_apply(round_=world.round, digest=plan.digest, by=organizer)
    assert len(created) == 5
    assert Assignment.objects.filter(method=Assignment.Method.AUTOMATIC).count() == 5
    assert Scorecard.objects.count() == 1
    assert round_plan(world.round).new == ()

    new_entry = submitted_entry(world.contest, world.local, world.mois, 9)
    plan = round_plan(world.round)
    assert {e for _j, e in plan.new} == {new_entry.pk}
    assignments_auto_apply(round_=world.round, digest=plan.digest, by=organizer)
    assert Assignment.objects.filter(round=world.round).count() == 8
    assert Score.objects.count() == 1


def test_auto_apply_refuses_a_changed_situation(world, organizer):
    plan = round_plan(world.round)
    submitted_entry(world.contest, world.local, world.mois, 9)
    with pytest.raises(PlanChanged):
        assignments_auto_apply(round_=world.round, digest=plan.digest, by=organizer)
    assert Assignment.objects.count() == 0


def test_auto_plan_ignores_drafts_and_ineligible_entries(world):
    factories.EntryFactory(contest=world.contest, category=world.central)  # draft
    world.entries[2].eligibility = "ineligible"
    world.entries[2].save()
    plan = round_plan(world.round)
    assert {e for _j, e in plan.new} == {world.entries[0].pk, world.entries[1].pk}
