"""Email on new assignments: one per judge per action, with the count, the round, the window in
Korea time and the dashboard link on its own line; none for a closed round."""

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scoring.models import Assignment
from scoring.selectors.assignments import round_plan
from scoring.services.assignments import assignment_add, assignments_auto_apply
from scoring.services.conflicts import conflict_declare_recusal
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_mail(settings):
    """Emails are written in the site's language: English here, to assert the msgids."""
    settings.LANGUAGE_CODE = "en"


def _seoul(moment):
    return timezone.localtime(moment, dt.timezone(dt.timedelta(hours=9))).strftime("%Y-%m-%d %H:%M")


def test_manual_assignment_emails_the_judge_once(
    world, organizer, settings, django_capture_on_commit_callbacks
):
    ga = world.judges[0]
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(round_=world.round, judge=ga, entry=world.entries[1], by=organizer)
        # The same pair again creates nothing and sends nothing.
        assignment_add(round_=world.round, judge=ga, entry=world.entries[1], by=organizer)
    assert [m.to for m in mail.outbox] == [["ga@example.kr"]]
    message = mail.outbox[0]
    contest = world.contest.name_ko
    assert message.subject == f"[{contest}] 1 new entry assigned to you in 1차 서면심사"
    assert "Hello 가심사," in message.body
    assert f"In {contest} 1차 서면심사, 1 new entry was assigned to you." in message.body
    assert f"Judging closes: {_seoul(world.round.closes_at)} (Korea time)" in message.body
    assert "Judging opens:" not in message.body  # already open
    dashboard = settings.SITE_URL + reverse("judge:dashboard")
    assert f"The entries are on your judging list:\n{dashboard}\n" in message.body


def test_automatic_assignment_sends_one_email_per_judge_with_their_count(
    world, organizer, django_capture_on_commit_callbacks
):
    plan = round_plan(world.round)
    counts = Counter(judge_id for judge_id, _entry in plan.new)
    assert sum(counts.values()) == 6  # 3 entries, 2 judges each
    with django_capture_on_commit_callbacks(execute=True):
        assignments_auto_apply(round_=world.round, digest=plan.digest, by=organizer)
    assert Assignment.objects.count() == 6
    by_address = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == len(counts) == len(by_address)
    for judge in world.judges:
        n = counts[judge.pk]
        if not n:
            assert judge.user.email not in by_address
            continue
        noun = "entry" if n == 1 else "entries"
        assert by_address[judge.user.email].subject == (
            f"[{world.contest.name_ko}] {n} new {noun} assigned to you in 1차 서면심사"
        )


def test_no_email_for_a_closed_round(world, organizer, django_capture_on_commit_callbacks):
    world.round.opens_at = timezone.now() - dt.timedelta(days=3)
    world.round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.round.save(update_fields=["opens_at", "closes_at"])
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(
            round_=world.round, judge=world.judges[0], entry=world.entries[1], by=organizer
        )
    assert Assignment.objects.count() == 1
    assert mail.outbox == []


def test_a_round_not_open_yet_gives_its_opening(
    world, organizer, django_capture_on_commit_callbacks
):
    world.round.opens_at = timezone.now() + dt.timedelta(days=2)
    world.round.closes_at = timezone.now() + dt.timedelta(days=9)
    world.round.save(update_fields=["opens_at", "closes_at"])
    with django_capture_on_commit_callbacks(execute=True):
        assignment_add(
            round_=world.round, judge=world.judges[0], entry=world.entries[1], by=organizer
        )
    body = mail.outbox[0].body
    assert f"Judging opens: {_seoul(world.round.opens_at)} (Korea time)\n" in body


def test_matrix_toggle_sends_after_commit_and_unassigning_sends_nothing(
    world, organizer_client, django_capture_on_commit_callbacks
):
    ga, entry = world.judges[0], world.entries[1]
    url = reverse("judging:toggle", args=[world.contest.pk, world.round.pk])
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, {"pair": f"{ga.pk}-{entry.pk}"})
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(url, {"pair": f"{ga.pk}-{entry.pk}"})
    assert Assignment.objects.count() == 0
    assert len(mail.outbox) == 1


def test_recusal_emails_every_organizer_with_judge_entry_reason_and_link(
    world, organizer, settings, django_capture_on_commit_callbacks
):
    other = factories.OrganizerFactory(email="second@example.kr")
    world.contest.organizers.add(other)
    ga, entry = world.judges[0], world.entries[1]
    Assignment.objects.create(round=world.round, judge=ga, entry=entry)
    with django_capture_on_commit_callbacks(execute=True):
        conflict_declare_recusal(judge=ga, entry=entry, reason="자문위원 활동", by=ga.user)
    assert [m.to for m in mail.outbox] == [["organizer@example.kr", "second@example.kr"]]
    message = mail.outbox[0]
    assert message.subject == f"[{world.contest.name_ko}] Recusal declared: 가심사 · 2026-0002"
    assert "Judge 가심사 declared a conflict of interest (recusal)" in message.body
    assert "Entry: 2026-0002 사례 2" in message.body
    assert "Reason: 자문위원 활동" in message.body
    conflicts = settings.SITE_URL + reverse("judging:conflicts", args=[world.contest.pk])
    assert f"Conflicts of interest:\n{conflicts}\n" in message.body
