"""Reminders only while their window is open (issue 11, item 7): every reminder the system can
send, before its window opens, while it is open and after it closes.

- judges, by the organizer (control:remind, `reminders_send`): only while the round's scoring
  window is open; refused with a message on the page otherwise;
- judges, the 24-hour notice (`manage.py send_closing_notices`, also run by the judges'
  dashboard): only in the last 24 hours of an open round; the command does nothing otherwise;
- agencies, the reminder to submit (an announcement to "agencies with an entry not yet
  submitted"): only while the contest's submission window is open; refused with a message on the
  compose page otherwise.
"""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contests.models import Contest, Round
from scoring.models import Announcement, JudgeNotice
from scoring.selectors.announcements import Target
from scoring.services.announcements import announcement_send
from scoring.services.reminders import reminders_send
from tests.contests.announcements_scene import build_scene

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
# (opens, closes) relative to now
WINDOWS = {
    "before": (DAY, 5 * DAY),
    "open": (-DAY, 5 * DAY),
    "after": (-5 * DAY, -HOUR),
}


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _set_round(round_, opens, closes):
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(opens_at=now + opens, closes_at=now + closes)
    round_.refresh_from_db()


def _judge_refusal(round_, when: str) -> str:
    if when == "before":
        return (
            f"Judging in this round has not opened yet (it opens {_local(round_.opens_at)}): "
            "reminders can be sent only while the round is open."
        )
    return (
        f"Judging in this round closed on {_local(round_.closes_at)}: reminders can be sent "
        "only while the round is open."
    )


def _judge_refusal_ko(round_, when: str) -> str:
    if when == "before":
        return (
            f"이 심사 단계는 아직 시작되지 않았습니다(시작: {_local(round_.opens_at)}). "
            "독촉 메일은 심사 기간 중에만 보낼 수 있습니다."
        )
    return (
        f"이 심사 단계는 {_local(round_.closes_at)}에 마감되었습니다. "
        "독촉 메일은 심사 기간 중에만 보낼 수 있습니다."
    )


# --- judges: the organizer's reminder ---------------------------------------------------------


@pytest.mark.parametrize("when", ["before", "open", "after"])
def test_the_organizers_reminder_goes_out_only_while_the_round_is_open(
    scene, when, django_capture_on_commit_callbacks
):
    _set_round(scene.round, *WINDOWS[when])
    with django_capture_on_commit_callbacks(execute=True):
        if when == "open":
            sent = reminders_send(round_=scene.round, by=scene.organizer)
            assert [(r.judge.user.email, r.unfinished) for r in sent] == [
                ("kim@judge.kr", 3),
                ("lee@judge.kr", 2),
            ]
        else:
            with pytest.raises(ValidationError) as refused:
                reminders_send(round_=scene.round, by=scene.organizer)
            assert refused.value.messages == [_judge_refusal(scene.round, when)]
    expected = [["kim@judge.kr"], ["lee@judge.kr"]] if when == "open" else []
    assert [message.to for message in mail.outbox] == expected


@pytest.mark.parametrize("when", ["before", "after"])
def test_outside_the_window_the_reminder_page_says_why_in_korean_and_sends_nothing(
    scene, organizer_client, when, django_capture_on_commit_callbacks
):
    _set_round(scene.round, *WINDOWS[when])
    url = reverse("control:remind", args=[scene.contest.pk, scene.round.pk])
    page = organizer_client.get(url).content.decode()
    refusal = _judge_refusal_ko(scene.round, when)
    assert f'<div class="app-alert error" role="alert"><p>{refusal}</p></div>' in page
    assert "독촉 메일 보내기</button>" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(url)  # a page left open from before the window moved
    progress = reverse("control:progress", args=[scene.contest.pk]) + f"?round={scene.round.pk}"
    assert (response.status_code, response.url) == (302, progress)
    assert mail.outbox == []
    assert _judge_refusal_ko(scene.round, when) in organizer_client.get(progress).content.decode()


def test_while_the_round_is_open_the_reminder_page_offers_to_send(scene, organizer_client):
    url = reverse("control:remind", args=[scene.contest.pk, scene.round.pk])
    page = organizer_client.get(url).content.decode()
    assert 'class="app-alert error"' not in page
    assert "독촉 메일 보내기</button>" in page


# --- judges: the 24-hour notice -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "opens", "closes"),
    [
        ("before", HOUR, 5 * HOUR),  # closes within 24 hours, but has not opened yet
        ("open", -DAY, 5 * HOUR),
        ("after", -DAY, -HOUR),
    ],
)
def test_the_closing_notice_command_sends_only_while_the_round_is_open(
    scene, when, opens, closes, capsys, django_capture_on_commit_callbacks
):
    cache.clear()
    _set_round(scene.round, opens, closes)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_closing_notices")
    out = capsys.readouterr().out
    if when == "open":
        assert [message.to for message in mail.outbox] == [["kim@judge.kr"], ["lee@judge.kr"]]
        assert out.endswith("2 notice(s) sent.\n")
        assert JudgeNotice.objects.count() == 2
    else:
        assert mail.outbox == []
        assert out == "0 notice(s) sent.\n"
        assert not JudgeNotice.objects.exists()


# --- agencies: the reminder to submit ----------------------------------------------------------


def _set_submission(contest, opens, closes):
    now = timezone.now()
    Contest.objects.filter(pk=contest.pk).update(
        submission_opens_at=now + opens, submission_closes_at=now + closes
    )
    contest.refresh_from_db()


def _agency_refusal(contest, when: str) -> str:
    if when == "before":
        return (
            "The submission window has not opened yet (it opens "
            f"{_local(contest.submission_opens_at)}): a reminder to submit can be sent only "
            "while the window is open."
        )
    return (
        f"The submission window closed on {_local(contest.submission_closes_at)}: a reminder "
        "to submit can be sent only while the window is open."
    )


def _agency_refusal_ko(contest, when: str) -> str:
    if when == "before":
        return (
            f"사례 접수가 아직 시작되지 않았습니다(시작: {_local(contest.submission_opens_at)}). "
            "제출 독려 안내는 접수 기간 중에만 보낼 수 있습니다."
        )
    return (
        f"사례 접수가 {_local(contest.submission_closes_at)}에 마감되었습니다. "
        "제출 독려 안내는 접수 기간 중에만 보낼 수 있습니다."
    )


@pytest.fixture
def agencies(organizer):
    return build_scene(organizer)


@pytest.mark.parametrize("when", ["before", "open", "after"])
def test_the_reminder_to_submit_goes_out_only_while_the_submission_window_is_open(
    agencies, when, django_capture_on_commit_callbacks
):
    contest = agencies.contest
    _set_submission(contest, *WINDOWS[when])
    send = {
        "contest": contest, "target": Target(Announcement.Audience.DRAFTS),
        "title": "사례 제출 마감 안내", "body": "작성 중인 사례를 마감 전에 제출해 주십시오.",
        "key": uuid.uuid4(), "by": agencies.organizer,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        if when == "open":
            assert announcement_send(**send).created
        else:
            with pytest.raises(ValidationError) as refused:
                announcement_send(**send)
            assert refused.value.messages == [_agency_refusal(contest, when)]
    expected = [["jung@busan.go.kr"]] if when == "open" else []
    assert [message.to for message in mail.outbox] == expected
    assert Announcement.objects.count() == (1 if when == "open" else 0)


@pytest.mark.parametrize("when", ["before", "after"])
def test_outside_the_window_the_compose_page_refuses_the_reminder_in_korean(
    agencies, organizer_client, when
):
    contest = agencies.contest
    _set_submission(contest, *WINDOWS[when])
    form = {"title": "사례 제출 마감 안내", "body": "제출해 주십시오.", "audience": "drafts",
            "key": str(uuid.uuid4())}  # fmt: skip
    url = reverse("announcements:new", args=[contest.pk])
    for action in ("preview", "send"):
        page = organizer_client.post(url, {**form, "action": action}).content.decode()
        assert (
            f'<p class="form-hint-invalid" id="audience-error">'
            f"{_agency_refusal_ko(contest, when)}</p>"
        ) in page
    assert not Announcement.objects.exists()
    assert mail.outbox == []
    # Announcements to every participating agency are not reminders: they go out at any time.
    preview = organizer_client.post(url, {**form, "audience": "all", "action": "preview"})
    assert '<td data-k="people">5</td>' in preview.content.decode()
