"""Every email the system sends, each made by the code that really sends it, checked the same way.

The emails: our own templates/emails/<name>_message.txt (each rendered by config.mail through
the service that sends it) and allauth's account emails (made through the sign-up, password-reset
and sign-in-code pages by a browser at the host "testserver"). For each:

- every link in the text is absolute, starts with SITE_URL (only the links an organizer typed in
  an announcement may point elsewhere) and stands on a line of its own;
- no request host ("testserver", "127.0.0.1", "localhost") anywhere, greeting included;
- the greeting or the signature names the system (settings.SITE_NAME), never a host;
- the subject is one line.

A new email template without a way to make it here fails `test_every_email_template_is_checked`.
"""

import datetime as dt
import re
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Conflict
from scoring.selectors.announcements import Target
from scoring.services.announcements import announcement_send
from scoring.services.assignment_mail import assignments_tell
from scoring.services.closing_notices import closing_notices_send
from scoring.services.conflicts import conflict_decide, conflict_declare_recusal, entry_judges_tell
from scoring.services.judges import Invitee, invitation_decline, judge_invite
from scoring.services.reminders import reminders_send
from submissions.services.entries import send_receipt_email
from submissions.services.joins import (
    join_request_approve,
    join_request_create,
    join_request_reject,
)
from submissions.services.members import agency_member_invite
from tests import factories
from tests.contests.announcements_scene import Scene, build_scene

pytestmark = pytest.mark.django_db

SITE = "https://simsa.example.kr"
SITE_NAME = django_settings.SITE_NAME
HOSTS = ("testserver", "127.0.0.1", "localhost", "example.com")
LINK = re.compile(r"(?:https?://|www\.)\S+")
EXTERNAL = {"https://www.innovation.go.kr/guide.pdf"}  # typed by the organizer
EMAILS = Path(django_settings.BASE_DIR) / "templates" / "emails"
PASSWORD = "a-Long-pass-7395"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def scene(organizer) -> Scene:
    """The announcements scene (tests/contests/announcements_scene.py), its 2차 발표심사 open now
    with two judges assigned the advanced entry."""
    scene = build_scene(organizer)
    now = timezone.now()
    Round.objects.filter(pk=scene.presentation.pk).update(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(hours=5)
    )
    scene.presentation.refresh_from_db()
    scene.judges = [
        factories.JudgeFactory(
            contest=scene.contest, user=factories.UserFactory(name=name, email=email)
        )
        for name, email in (("김심사", "kim@univ.ac.kr"), ("이심사", "lee@univ.ac.kr"))
    ]
    for judge in scene.judges:
        factories.AssignmentFactory(
            round=scene.presentation, judge=judge, entry=scene.entries["mois"]
        )
    return scene


# --- how each email is made -----------------------------------------------------------------


def _join_request(scene, name):
    return join_request_create(user=factories.UserFactory(name=name), agency=scene.agencies["mois"])


def _decided_join(scene, decide):
    join_request = _join_request(scene, "정신청")
    mail.outbox.clear()  # the request's own email to the agency's admins is checked apart
    decide(join_request)


def _recusal_decided(scene):
    lee = scene.judges[1]
    pending = Conflict.objects.create(
        judge=lee, entry=scene.entries["mois"], kind=Conflict.Kind.RECUSAL,
        status=Conflict.Status.PENDING, reason="자문 참여", recorded_by=lee.user,
    )  # fmt: skip
    conflict_decide(conflict=pending, approve=False, reason="관련성 낮음", by=scene.organizer)


def _declined(scene):
    invitation = judge_invite(
        contest=scene.contest, invitee=Invitee(name="홍길동", email="hong@univ.ac.kr"),
        by=scene.organizer,
    )  # fmt: skip
    mail.outbox.clear()
    invitation_decline(invitation=invitation, reason="일정이 맞지 않습니다")


def _announcement(scene):
    announcement_send(
        contest=scene.contest, target=Target("advanced", scene.presentation),
        title="발표심사 일정 안내",
        body="발표 자료는 https://www.innovation.go.kr/guide.pdf, 12월 5일까지 올려 주십시오.",
        key=uuid.uuid4(), by=scene.organizer,
    )  # fmt: skip


def _organizer_added(scene):
    # Imported here: the organizers page is another area's, added beside this one.
    from contests.services.organizers import organizer_add

    colleague = factories.OrganizerFactory(name="최주관", email="choi@mois.kr")
    organizer_add(contest=scene.contest, email=colleague.email, by=scene.organizer)


def _screening_outcome(scene):
    # Imported here (like the two below): bulk screening is another area's, added beside this.
    from submissions.services.screening_mail import outcomes_tell

    entry = scene.entries["mois"]
    entry.eligibility, entry.eligibility_reason = "ineligible", "공고 기간 이전 사례"
    entry.save()
    outcomes_tell(entries=[entry])


def _screening_judges(scene, *, running: bool):
    from scoring.services.screening_notices import judges_tell_screening

    judges_tell_screening(entries=[scene.entries["mois"]], running=running, reason="중복 응모")


def _objection_answered(scene):
    # Imported here: objections are another area's, added beside this one.
    from scoring.models import Objection
    from scoring.services.objections import answer_tell

    objection = Objection.objects.create(
        contest=scene.contest, number=1, entry=scene.entries["mois"], concern="scores",
        round=scene.presentation, text="점수 합산 오류", filed_by=scene.members["이담당"],
        status=Objection.Status.DISMISSED, answered_by=scene.organizer,
        answer="기준은 https://www.innovation.go.kr/guide.pdf, 3쪽을 참고하십시오.",
    )  # fmt: skip
    answer_tell(objection=objection)


def _signup(client: Client, email: str):
    data = {"email": email, "name": "홍길동", "password1": PASSWORD, "password2": PASSWORD,
            "privacy_consent": "on"}  # fmt: skip
    client.post(reverse("account_signup"), data)


def _presentation_published(scene):
    # Imported here: the 2차 발표심사 is another area's, added beside this one. Publishing the
    # schedule emails the slot's agency and the round's judges (both templates).
    from scoring.services.presentations import schedule_publish, slot_add

    start = timezone.now() + dt.timedelta(days=5)
    slot_add(
        round_=scene.presentation, entry=scene.entries["mois"], order=1, starts_at=start,
        ends_at=start + dt.timedelta(minutes=20), room="세종청사 6동 대회의실", by=scene.organizer,
    )  # fmt: skip
    schedule_publish(round_=scene.presentation, by=scene.organizer)


OURS: dict[str, Callable[[Scene], None]] = {
    "agency_invitation": lambda s: agency_member_invite(
        agency=s.agencies["mois"], email="new@mois.go.kr", name="최신규", by=s.members["박기관"]
    ),
    "entry_submitted": lambda s: send_receipt_email(
        entry=s.entries["mois"], by=s.members["이담당"]
    ),
    "join_request_received": lambda s: _join_request(s, "정신청"),
    "join_request_approved": lambda s: _decided_join(
        s, lambda jr: join_request_approve(join_request=jr, by=s.organizer)
    ),
    "join_request_rejected": lambda s: _decided_join(
        s, lambda jr: join_request_reject(join_request=jr, by=s.organizer, reason="재직 확인 불가")
    ),
    "judge_invitation": lambda s: judge_invite(
        contest=s.contest, invitee=Invitee(name="홍길동", email="hong@univ.ac.kr"), by=s.organizer
    ),
    "invitation_declined": _declined,
    "judge_assigned": lambda s: assignments_tell(
        round_=s.presentation, judge_ids=[j.pk for j in s.judges]
    ),
    "judge_reminder": lambda s: reminders_send(round_=s.presentation, by=s.organizer),
    "judge_closing_soon": lambda s: closing_notices_send(),
    "entry_withdrawn": lambda s: entry_judges_tell(
        entry=s.entries["mois"], running=False, reason="중복 응모"
    ),
    "entry_returned": lambda s: entry_judges_tell(entry=s.entries["mois"], running=True, reason=""),
    "recusal_declared": lambda s: conflict_declare_recusal(
        judge=s.judges[0], entry=s.entries["mois"], reason="가족이 재직", by=s.judges[0].user
    ),
    "recusal_decided": _recusal_decided,
    "announcement": _announcement,
    "organizer_added": _organizer_added,
    "screening_outcome": _screening_outcome,
    "screening_withdrawn": lambda s: _screening_judges(s, running=False),
    "screening_returned": lambda s: _screening_judges(s, running=True),
    "presentation_agency": _presentation_published,
    "presentation_judge": _presentation_published,
    "objection_answered": _objection_answered,
}

# allauth's emails that this configuration sends (account notifications and MFA emails are off:
# ACCOUNT_EMAIL_NOTIFICATIONS is False), each made through its page.
ALLAUTH: dict[str, Callable[[Scene, Client], None]] = {
    "email_confirmation_signup": lambda s, c: _signup(c, "hong@example.kr"),
    "account_already_exists": lambda s, c: _signup(c, s.members["박기관"].email),
    "password_reset_key": lambda s, c: c.post(
        reverse("account_reset_password"), {"email": s.members["박기관"].email}
    ),
    "unknown_account": lambda s, c: c.post(
        reverse("account_reset_password"), {"email": "ghost@example.kr"}
    ),
    "login_code": lambda s, c: c.post(
        reverse("account_request_login_code"), {"email": s.members["박기관"].email}
    ),
}


def problems(message) -> list[str]:
    """What is wrong with one sent email (empty: nothing)."""
    body, found = message.body, []
    lines = body.splitlines()
    for link in LINK.findall(body):
        if link not in lines:
            found.append(f"{link!r} shares its line")
        if link not in EXTERNAL and link != SITE and not link.startswith(f"{SITE}/"):
            found.append(f"{link!r} does not start with SITE_URL")
    for host in HOSTS:
        if host in body or host in message.subject:
            found.append(f"the host {host!r} is in it")
    if any(host in lines[0] for host in HOSTS):
        found.append(f"the greeting names a host: {lines[0]!r}")
    if SITE_NAME not in body:
        found.append("neither the greeting nor the signature names the system")
    if "\n" in message.subject:
        found.append("the subject has more than one line")
    return found


def test_every_email_template_is_checked():
    ours = {path.name.removesuffix("_message.txt") for path in EMAILS.glob("*_message.txt")}
    ours.discard("base")
    assert ours - set(OURS) == set(), "emails without a check here"
    for name in ours:
        assert (EMAILS / f"{name}_subject.txt").exists(), name


@pytest.mark.parametrize("name", sorted(OURS))
def test_our_email(name, scene, django_capture_on_commit_callbacks):
    if not (EMAILS / f"{name}_message.txt").exists():
        pytest.skip(f"templates/emails/{name}_message.txt is not in this tree")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        OURS[name](scene)
    assert mail.outbox, f"{name}: nothing was sent"
    for message in mail.outbox:
        assert problems(message) == [], (name, message.to, message.body)
        assert message.body.endswith(f"\n\n{SITE_NAME}\n{SITE}\n")


# Where each allauth email's link leads (besides the signature's SITE_URL).
ALLAUTH_LINKS = {
    "email_confirmation_signup": "/accounts/confirm-email/",
    "account_already_exists": "/accounts/password/reset/",
    "password_reset_key": "/accounts/password/reset/key/",
    "unknown_account": "/accounts/signup/",
    "login_code": None,  # a code, no link
}


@pytest.mark.parametrize("name", sorted(ALLAUTH))
def test_allauth_email(name, scene, settings):
    # As in production: with mandatory verification, signing up with a taken address emails
    # its owner instead of saying so on the page.
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    client = Client()  # a browser at http://testserver/
    mail.outbox.clear()
    ALLAUTH[name](scene, client)
    (message,) = mail.outbox
    assert message.subject.startswith(f"[{SITE_NAME}] ")
    assert problems(message) == [], (name, message.body)
    assert message.body.startswith("안녕하십니까, 우수사례 경진대회 심사시스템입니다.\n")
    links = LINK.findall(message.body)
    if ALLAUTH_LINKS[name] is None:
        assert links == []
    else:
        (link,) = links
        assert link.startswith(f"{SITE}{ALLAUTH_LINKS[name]}"), link
