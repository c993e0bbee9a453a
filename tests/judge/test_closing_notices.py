"""The 24-hour notice: one email per judge and round with unfinished scorecards, recorded as a
JudgeNotice so that no later run (cron, the dashboard's hook, two at once) sends it again."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from scoring.models import Conflict, JudgeNotice, Scorecard
from scoring.services.closing_notices import (
    closing_notice_send,
    closing_notices_send,
    closing_notices_soon,
)
from tests import factories
from tests.judge.conftest import submitted_entry
from tests.threads import POSTGRES_ONLY, run_threads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def closing(setup):
    """The setup's round closes in 5 hours. Judge 김심사 (setup's) has 2 entries, one submitted;
    이심사 has 1 entry, submitted; 박심사 has 1 entry, conflicted (so nothing to do)."""
    now = timezone.now()
    closes = (now + dt.timedelta(hours=5)).replace(second=0, microsecond=0)
    type(setup.round).objects.filter(pk=setup.round.pk).update(closes_at=closes)
    setup.round.refresh_from_db()
    type(setup.judge.user).objects.filter(pk=setup.judge.user.pk).update(
        name="김심사", email="kim@judge.kr"
    )
    second = submitted_entry(setup.contest, 2, title="두 번째 사례")
    factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=second)
    _submitted(setup, setup.judge, second)
    lee = factories.JudgeFactory(contest=setup.contest, user__name="이심사", user__email="lee@j.kr")
    factories.AssignmentFactory(round=setup.round, judge=lee, entry=second)
    _submitted(setup, lee, second)
    park = factories.JudgeFactory(contest=setup.contest, user__email="park@j.kr")
    factories.AssignmentFactory(round=setup.round, judge=park, entry=setup.entry)
    Conflict.objects.create(judge=park, entry=setup.entry, kind="challenge", reason="공동 연구")
    setup.now = now
    return setup


def _submitted(setup, judge, entry):
    Scorecard.objects.create(round=setup.round, judge=judge, entry=entry, status="submitted",
                             total=Decimal(40), version=3)  # fmt: skip


def test_one_email_to_each_judge_with_unfinished_scorecards(
    closing, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = closing_notices_send(now=closing.now)
    assert [(n.judge, n.round, n.unfinished) for n in sent] == [(closing.judge, closing.round, 1)]
    assert [message.to for message in mail.outbox] == [["kim@judge.kr"]]
    message = mail.outbox[0]
    contest = closing.contest.name_ko
    deadline = timezone.localtime(closing.round.closes_at).strftime("%Y-%m-%d %H:%M")
    assert message.subject == f"[{contest}] 심사 마감 24시간 전 안내: 미제출 평가표 1건"
    dashboard = settings.SITE_URL + reverse("judge:dashboard")
    assert message.body == (
        "김심사 심사위원님, 안녕하세요.\n\n"
        f"{contest} {closing.round.name_ko} 심사가 24시간 안에 마감됩니다. "
        "아직 제출하지 않은 평가표가 1건 있습니다.\n"
        f"심사 마감: {deadline} (한국 시간)\n\n"
        "마감 전에 평가를 마치고 제출해 주시기 바랍니다.\n"
        f"내 심사 목록:\n{dashboard}\n\n"
        f"{settings.SITE_NAME}\n{settings.SITE_URL}\n"
    )
    notice = JudgeNotice.objects.get()
    assert (notice.judge, notice.round, notice.kind) == (closing.judge, closing.round, "closing")


def test_sent_once_per_judge_and_round(closing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert len(closing_notices_send(now=closing.now)) == 1
    # Another unfinished card later, an hour closer to the deadline: still no second email.
    third = submitted_entry(closing.contest, 3)
    factories.AssignmentFactory(round=closing.round, judge=closing.judge, entry=third)
    with django_capture_on_commit_callbacks(execute=True):
        assert closing_notices_send(now=closing.now + dt.timedelta(hours=1)) == []
    assert len(mail.outbox) == 1
    assert JudgeNotice.objects.count() == 1


def test_a_notice_recorded_by_a_concurrent_run_sends_nothing(
    closing, django_capture_on_commit_callbacks
):
    """Two runs that both read "not notified yet": the unique (judge, round, kind) row lets only
    the first one send."""
    with django_capture_on_commit_callbacks(execute=True):
        first = closing_notice_send(judge=closing.judge, round_=closing.round, unfinished=1)
        second = closing_notice_send(judge=closing.judge, round_=closing.round, unfinished=1)
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("opens", "closes"),
    [
        (-dt.timedelta(days=1), dt.timedelta(hours=24, minutes=1)),  # more than a day left
        (-dt.timedelta(days=2), -dt.timedelta(minutes=1)),  # closed already
        (dt.timedelta(hours=1), dt.timedelta(hours=5)),  # not open yet
    ],
)
def test_nothing_outside_the_last_24_hours_of_an_open_window(
    closing, opens, closes, django_capture_on_commit_callbacks
):
    now = closing.now
    type(closing.round).objects.filter(pk=closing.round.pk).update(
        opens_at=now + opens, closes_at=now + closes
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert closing_notices_send(now=now) == []
    assert mail.outbox == []
    assert not JudgeNotice.objects.exists()


def test_exactly_24_hours_before_the_deadline_counts(closing, django_capture_on_commit_callbacks):
    now = closing.round.closes_at - dt.timedelta(hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(closing_notices_send(now=now)) == 1


def test_the_command_sends_and_reports(closing, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_closing_notices")
    out = capsys.readouterr().out
    assert out.endswith("1 notice(s) sent.\n")
    assert f"kim@judge.kr: {closing.contest.name_ko} {closing.round.name_ko} (1)" in out
    call_command("send_closing_notices")
    assert capsys.readouterr().out == "0 notice(s) sent.\n"
    assert len(mail.outbox) == 1


def test_the_dashboard_runs_the_notices_at_most_once_per_ten_minutes(
    closing, django_capture_on_commit_callbacks
):
    lee_user = type(closing.judge.user).objects.get(email="lee@j.kr")
    client = closing.client(lee_user)  # lee has nothing unfinished; kim is notified all the same
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("judge:dashboard")).status_code == 200
    assert [message.to for message in mail.outbox] == [["kim@judge.kr"]]
    # Within the next 10 minutes a view enqueues nothing (a new due judge waits for the next run).
    third = submitted_entry(closing.contest, 3)
    factories.AssignmentFactory(round=closing.round, judge=JudgeNotice.objects.get().judge,
                                entry=third)  # fmt: skip
    lee = closing.judge.contest.judges.get(user=lee_user)
    factories.AssignmentFactory(round=closing.round, judge=lee, entry=third)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("judge:dashboard"))
    assert closing_notices_soon() is False
    assert len(mail.outbox) == 1
    cache.clear()  # ten minutes later
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("judge:dashboard"))
    assert [message.to for message in mail.outbox] == [["kim@judge.kr"], ["lee@j.kr"]]


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_email(monkeypatch):
    """Two runs that both found the judge not yet notified (held at a barrier until both have
    looked) each try to record the notice: the unique row lets one through, one email."""
    import scoring.services.closing_notices as service
    from tests.judge.conftest import Setup

    setup = Setup()
    now = timezone.now()
    type(setup.round).objects.filter(pk=setup.round.pk).update(
        closes_at=now + dt.timedelta(hours=2)
    )
    barrier = threading.Barrier(2, timeout=10)
    counts = service.unfinished_counts

    def both_looked(round_):
        found = counts(round_)
        barrier.wait()
        return found

    monkeypatch.setattr(service, "unfinished_counts", both_looked)
    results = []

    def run():
        results.append(len(closing_notices_send(now=now)))

    assert run_threads([run, run], timeout=20) == []
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1
    assert JudgeNotice.objects.count() == 1
