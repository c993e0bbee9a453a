"""Every email goes through config.mail: absolute links from SITE_URL, each on its own line, the
system's name (not a host) as signature, the recipient's language, sent by a task after commit."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from config.mail import absolute_url, send_notification
from config.settings import site_url
from scoring.models import Assignment, Conflict, JudgeInvitation
from scoring.services.conflicts import (
    conflict_decide,
    conflict_declare_recusal,
    entry_judges_tell,
)
from scoring.services.judges import Invitee, judge_invite
from scoring.services.reminders import reminders_send
from submissions.models import AgencyInvitation, Entry
from submissions.services.entries import send_receipt_email
from submissions.services.joins import (
    join_request_approve,
    join_request_create,
    join_request_reject,
)
from submissions.services.members import agency_member_invite
from tests import factories
from tests.production import manage, production_env

SITE = "https://simsa.example.kr"
SITE_NAME = "우수사례 경진대회 심사시스템"
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def links(body: str) -> list[str]:
    """Every link of the body; each must stand alone on its line."""
    found = LINK.findall(body)
    lines = body.splitlines()
    for link in found:
        assert link in lines, f"{link!r} shares its line"
    return found


# --- absolute_url and the SITE_URL setting ------------------------------------------------


def test_absolute_url_joins_the_site_url_and_a_path():
    assert absolute_url("/judge/") == f"{SITE}/judge/"
    assert absolute_url(reverse("judge:dashboard")) == f"{SITE}{reverse('judge:dashboard')}"
    assert absolute_url("https://www.mois.go.kr/a") == "https://www.mois.go.kr/a"
    for bad in ("judge/", "//evil.example/x", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="Not a site path"):
            absolute_url(bad)


def test_site_url_setting_takes_only_an_absolute_http_address():
    assert site_url("https://simsa.example.kr/") == "https://simsa.example.kr"
    assert site_url(" http://127.0.0.1:8000 ") == "http://127.0.0.1:8000"
    for bad in ("", "simsa.example.kr", "ftp://simsa.example.kr", "https://simsa.example.kr/app",
                "https://simsa.example.kr/?a=1", "https://user@simsa.example.kr", "https://:80",
                "https://simsa.example.kr:port"):  # fmt: skip
        with pytest.raises(ImproperlyConfigured, match="SITE_URL must be the absolute"):
            site_url(bad)


def _site_url_in_production(value: str):
    check = "from django.conf import settings; print(settings.SITE_URL)"
    env = production_env(SITE_URL=value)
    return manage("shell", "--no-imports", "-c", check, env=env, timeout=120)


def test_production_refuses_to_start_without_a_site_url():
    missing = _site_url_in_production("")
    assert missing.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be set in production mode" in missing.stderr
    bad = _site_url_in_production("simsa.example.kr")
    assert bad.returncode != 0
    assert "SITE_URL must be the absolute http(s) address" in bad.stderr
    good = _site_url_in_production("https://simsa.example.kr/")
    assert (good.returncode, good.stdout.strip()) == (0, "https://simsa.example.kr"), good.stderr


# --- every email ------------------------------------------------------------------------------


@pytest.fixture
def scene(db, organizer):
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2026 정부혁신")
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처")
    agency = factories.AgencyFactory(name_ko="행정안전부")
    admin = factories.UserFactory(name="박기관", email="park@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=admin, is_admin=True)
    member = factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=member)
    entry = factories.EntryFactory(
        contest=contest, category=category, agency=agency, title="찾아라! 119 지름길",
        status=Entry.Status.SUBMITTED, receipt_number="2026-001-0001", submitted_at=timezone.now(),
    )  # fmt: skip
    now = timezone.now()
    round_ = factories.RoundFactory(
        contest=contest, name_ko="1차 서면심사",
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5),
    )  # fmt: skip
    judges = [
        factories.JudgeFactory(
            contest=contest, user=factories.UserFactory(name=name, email=f"{key}@judge.kr")
        )
        for key, name in (("kim", "김심사"), ("lee", "이심사"))
    ]
    for judge in judges:
        factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    return {"organizer": organizer, "contest": contest, "agency": agency, "admin": admin,
            "member": member, "entry": entry, "round": round_, "judges": judges}  # fmt: skip


def send_every_email(scene) -> tuple[str, str]:
    """Each of the eleven emails once, in this order; returns the two applicants' addresses."""
    organizer, agency, entry = scene["organizer"], scene["agency"], scene["entry"]
    kim, lee = scene["judges"]
    agency_member_invite(agency=agency, email="choi@mois.go.kr", name="최신규", by=scene["admin"])
    send_receipt_email(entry=entry, by=scene["member"])
    applicant, other = factories.UserFactory(name="정신청"), factories.UserFactory(name="한반려")
    approved = join_request_create(user=applicant, agency=agency)
    join_request_approve(join_request=approved, by=organizer)
    rejected = factories.JoinRequestFactory(user=other, agency=agency)
    join_request_reject(join_request=rejected, by=organizer, reason="재직 확인 불가")
    judge_invite(
        contest=scene["contest"],
        invitee=Invitee(name="홍길동", email="hong@univ.ac.kr"),
        by=organizer,
    )
    reminders_send(round_=scene["round"], by=organizer, judge=kim)
    entry_judges_tell(entry=entry, running=False, reason="중복 응모")
    entry_judges_tell(entry=entry, running=True, reason="")
    conflict_declare_recusal(judge=kim, entry=entry, reason="가족이 재직", by=kim.user)
    pending = Conflict.objects.create(
        judge=lee, entry=entry, kind=Conflict.Kind.RECUSAL, status=Conflict.Status.PENDING,
        reason="자문 참여", recorded_by=lee.user,
    )  # fmt: skip
    conflict_decide(conflict=pending, approve=False, reason="관련성 낮음", by=organizer)
    return applicant.email, other.email


def test_every_email_links_absolutely_on_own_lines_and_signs_with_the_site_name(
    scene, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approved, rejected = send_every_email(scene)
    entry, agency = scene["entry"], scene["agency"]
    invitation = AgencyInvitation.objects.get()
    judge_invitation = JudgeInvitation.objects.get()
    dashboard = f"{SITE}{reverse('judge:dashboard')}"
    expected = [
        (["choi@mois.go.kr"], [f"{SITE}/agencies/invitations/{invitation.token}/"]),
        (["lee@mois.go.kr", "park@mois.go.kr"], [f"{SITE}/entries/{entry.pk}/receipt/"]),
        (["park@mois.go.kr"], [f"{SITE}/agencies/{agency.pk}/"]),
        ([approved], [f"{SITE}/agencies/"]),
        ([rejected], [f"{SITE}/agencies/join/"]),
        (["hong@univ.ac.kr"], [f"{SITE}/invitations/{judge_invitation.token}/"]),
        (["kim@judge.kr"], [dashboard]),  # reminder
        (["kim@judge.kr"], [dashboard]),  # taken out of judging …
        (["lee@judge.kr"], [dashboard]),
        (["kim@judge.kr"], [dashboard]),  # … and back
        (["lee@judge.kr"], [dashboard]),
        (
            ["organizer@example.kr"],
            [f"{SITE}{reverse('judging:conflicts', args=[entry.contest_id])}"],
        ),
        (["lee@judge.kr"], [dashboard]),  # recusal decided
    ]
    assert [(m.to, links(m.body)[:-1]) for m in mail.outbox] == expected
    for message in mail.outbox:
        assert "\n" not in message.subject
        assert message.body.endswith(f"\n\n{SITE_NAME}\n{SITE}\n")
        assert "testserver" not in message.body
        assert "127.0.0.1" not in message.body
        assert message.from_email == "심사시스템 <noreply@simsa.example.kr>"


def test_the_receipt_email_carries_its_link(scene, django_capture_on_commit_callbacks):
    entry = scene["entry"]
    with django_capture_on_commit_callbacks(execute=True):
        send_receipt_email(entry=entry, by=scene["member"])
    (message,) = mail.outbox
    assert message.subject == f"[{SITE_NAME}] 사례 접수 완료 (접수번호 2026-001-0001)"
    assert f"\n접수증:\n{SITE}/entries/{entry.pk}/receipt/\n" in message.body
    assert message.body.startswith("이담당님, 안녕하세요.\n\n행정안전부의 사례가 접수되었습니다.\n")
    assert "\n첨부파일: 없음\n" in message.body


def test_emails_are_written_in_the_recipients_language_not_the_senders(
    scene, django_capture_on_commit_callbacks
):
    kim = scene["judges"][0]
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        # An organizer browsing in English reminds a judge: the judge reads the site's language.
        reminders_send(round_=scene["round"], by=scene["organizer"], judge=kim)
        send_notification(
            to=["kim@judge.kr"], language="en",
            subject_template="emails/judge_reminder_subject.txt",
            body_template="emails/judge_reminder_message.txt",
            context={"contest_name": "2026 Innovation", "round_name": "Round 1", "count": 2,
                     "judge_name": "Kim", "deadline": "2030-11-30 18:00",
                     "dashboard_url": absolute_url("/judge/")},
        )  # fmt: skip
        assert translation.get_language() == "en"
    korean, english = mail.outbox
    assert korean.subject == "[2026 정부혁신] 미제출 평가표 1건 안내"
    assert korean.body.startswith(
        "김심사 심사위원님, 안녕하세요.\n\n"
        "2026 정부혁신 1차 서면심사에서 아직 제출하지 않은 평가표가 1건 있습니다.\n"
    )
    assert english.subject == "[2026 Innovation] 2 scorecards not yet submitted"
    assert english.body == (
        "Hello Kim,\n\n"
        "In 2026 Innovation Round 1 you have 2 scorecards not yet submitted.\n"
        "Judging closes: 2030-11-30 18:00 (Korea time)\n\n"
        "Please finish your scoring and submit it before the deadline.\n"
        "My judging list:\n"
        f"{SITE}/judge/\n\n"
        f"{SITE_NAME}\n{SITE}\n"
    )


def test_nothing_is_sent_when_the_change_rolls_back(scene, django_capture_on_commit_callbacks):
    def invite_then_fail():
        with transaction.atomic():
            agency_member_invite(
                agency=scene["agency"], email="choi@mois.go.kr", name="최신규", by=scene["admin"]
            )
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        invite_then_fail()
    assert callbacks == []
    assert mail.outbox == []
    assert not AgencyInvitation.objects.exists()


def test_one_email_to_repeated_and_empty_addresses_and_none_to_nobody(
    db, django_capture_on_commit_callbacks
):
    kwargs = {"subject": "제목\n둘째 줄", "body_template": "emails/base_message.txt", "context": {}}
    with django_capture_on_commit_callbacks(execute=True):
        send_notification(to=["a@example.kr", "", "b@example.kr", "a@example.kr"], **kwargs)
        send_notification(to=["", ""], **kwargs)
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["a@example.kr", "b@example.kr"], "제목 둘째 줄")
    assert message.body == f"{SITE_NAME}\n{SITE}\n"
    with pytest.raises(TypeError, match="exactly one of subject and subject_template"):
        send_notification(to=["a@example.kr"], body_template="emails/base_message.txt", context={})


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_holds_the_email_until_the_worker_sends_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    organizer = factories.OrganizerFactory()
    contest = factories.ContestFactory(organizers=[organizer])
    judge = factories.JudgeFactory(
        contest=contest, user=factories.UserFactory(name="김심사", email="kim@judge.kr")
    )
    now = timezone.now()  # reminders go out only while the round is open
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    factories.AssignmentFactory(round=round_, judge=judge)
    reminders_send(round_=round_, by=organizer)
    assert mail.outbox == []
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "config.mail.deliver"
    assert queued.status == "READY"
    kwargs = queued.args_kwargs["kwargs"]
    subject = f"[{contest.name_ko}] 미제출 평가표 1건 안내"
    assert (kwargs["to"], kwargs["subject"]) == (["kim@judge.kr"], subject)
    assert kwargs["body"].endswith(f"\n{SITE_NAME}\n{SITE}\n")

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    (message,) = mail.outbox
    assert (message.to, message.subject, message.body) == (
        kwargs["to"],
        kwargs["subject"],
        kwargs["body"],
    )
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert Assignment.objects.count() == 1
