"""Screening many entries at once, the service: the same record as the single entry's rules,
entries of another contest ignored, one transaction, a double submit applied and sent once,
eligible again restoring the judging, two submits at once (the pages: test_bulk.py)."""

import pytest
from django.core import mail

from scoring.models import Assignment, Scorecard
from submissions.models import Entry
from submissions.services.bulk_screening import entries_screen, screening_plan
from submissions.services.screening import entry_screen
from submissions.signals import entries_running_changed
from tests import factories as f
from tests.screening import judging_scene
from tests.screening.test_bulk import REASON, bulk_url, ids, messages_of, state
from tests.threads import POSTGRES_ONLY, run_threads

pytestmark = pytest.mark.django_db
judging = judging_scene.judging  # the fixture


def test_the_single_entry_and_the_bulk_action_record_the_same(world, organizer, judging):
    other = f.EntryFactory(contest=world.contest, status="submitted", receipt_number="2026-0009")
    entry_screen(
        entry=world.shortcut, by=organizer, eligibility="ineligible", reason=" 사유\r\n끝 "
    )
    entries_screen(
        contest=world.contest, entry_ids=[other.pk], by=organizer,
        eligibility="ineligible", reason=" 사유\r\n끝 ",
    )  # fmt: skip
    one, many = Entry.objects.get(pk=world.shortcut.pk), Entry.objects.get(pk=other.pk)
    fields = ("eligibility", "eligibility_reason", "screened_by_id")
    assert [getattr(one, name) for name in fields] == [getattr(many, name) for name in fields]
    assert one.eligibility_reason == "사유\n끝"


def test_service_refuses_what_the_single_entry_refuses(world, organizer):
    from django.core.exceptions import ValidationError

    for eligibility, reason in (("ineligible", " "), ("pending", "")):
        with pytest.raises(ValidationError):
            entries_screen(
                contest=world.contest, entry_ids=[world.shortcut.pk], by=organizer,
                eligibility=eligibility, reason=reason,
            )  # fmt: skip
    assert state(world.shortcut) == [("pending", "")]


def test_entries_of_another_contest_are_ignored(world, organizer):
    stranger = f.EntryFactory(status="submitted", receipt_number="2025-0001")
    done = entries_screen(
        contest=world.contest, entry_ids=[stranger.pk, world.shortcut.pk], by=organizer,
        eligibility="eligible", reason="",
    )  # fmt: skip
    assert done.plan.changing == [world.shortcut]
    assert state(stranger) == [("pending", "")]
    plan = screening_plan(
        contest=world.contest, entry_ids=[stranger.pk], eligibility="eligible", reason=""
    )
    assert (plan.changing, plan.unchanged, plan.skipped) == ([], [], [])


def test_one_transaction_nothing_saved_or_sent_when_it_fails(
    world, organizer, judging, django_capture_on_commit_callbacks
):
    def fail(**kwargs):
        raise RuntimeError("scoring failed")

    entries_running_changed.connect(fail, dispatch_uid="test-fail")
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            entries_screen(
                contest=world.contest, entry_ids=[world.shortcut.pk, world.bus.pk],
                by=organizer, eligibility="ineligible", reason=REASON,
            )  # fmt: skip
    finally:
        entries_running_changed.disconnect(dispatch_uid="test-fail")
    assert state(world.shortcut, world.bus) == [("pending", ""), ("eligible", "")]
    assert mail.outbox == []


def test_double_submit_applies_once_and_emails_once(
    world, org, judging, django_capture_on_commit_callbacks
):
    entries = [world.shortcut, world.bus]
    with django_capture_on_commit_callbacks(execute=True):
        first = org.post(
            bulk_url(world),
            {"entries": ids(*entries), "eligibility": "ineligible", "reason": REASON,
             "action": "apply"},
            follow=True,
        )  # fmt: skip
    screened_at = list(
        Entry.objects.filter(pk__in=[e.pk for e in entries]).values_list("screened_at", flat=True)
    )
    sent = len(mail.outbox)
    assert sent == 4
    with django_capture_on_commit_callbacks(execute=True):
        second = org.post(
            bulk_url(world),
            {"entries": ids(*entries), "eligibility": "ineligible", "reason": REASON,
             "action": "apply"},
            follow=True,
        )  # fmt: skip
    assert messages_of(first) == [
        "Screening saved for 2 entries: Ineligible. Emailed: 2 agencies, 2 judges."
    ]
    assert messages_of(second) == [
        "Already “Ineligible” with this reason, left as they were: 2026-0001, 2026-0002."
    ]
    assert len(mail.outbox) == sent
    assert (
        list(
            Entry.objects.filter(pk__in=[e.pk for e in entries]).values_list(
                "screened_at", flat=True
            )
        )
        == screened_at
    )


def test_nothing_is_deleted_and_eligible_again_restores_the_judging(
    world, organizer, judging, django_capture_on_commit_callbacks
):
    before = sorted(Assignment.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        entries_screen(
            contest=world.contest, entry_ids=[world.shortcut.pk, world.bus.pk], by=organizer,
            eligibility="ineligible", reason=REASON,
        )  # fmt: skip
    assert sorted(Assignment.objects.values_list("pk", flat=True)) == before
    assert Scorecard.objects.filter(entry=world.shortcut, version=1).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = entries_screen(
            contest=world.contest, entry_ids=[world.shortcut.pk, world.bus.pk], by=organizer,
            eligibility="eligible", reason="",
        )  # fmt: skip
    assert (len(done.moved), done.judges_emailed, done.agencies_emailed) == (2, 2, 2)
    assert state(world.shortcut, world.bus) == [("eligible", ""), ("eligible", "")]


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_apply_once(monkeypatch):
    """The second action waits for the first one's row locks, then finds the outcome there."""
    import threading
    import time

    import submissions.services.bulk_screening as service

    organizer = f.OrganizerFactory()
    contest = f.ContestFactory(organizers=[organizer])
    agency = f.AgencyFactory()
    f.AgencyMembershipFactory(agency=agency, user=f.UserFactory(email="contact@agency.kr"))
    entries = [
        f.EntryFactory(
            contest=contest, agency=agency, status="submitted", receipt_number=f"2026-{n:04d}"
        )
        for n in (1, 2, 3)
    ]
    holding = threading.Event()
    record = service.outcome_record

    def slow_record(entries, **kwargs):
        moved = record(entries, **kwargs)
        if entries:
            holding.set()
            time.sleep(0.5)  # the other action reaches the locked rows meanwhile
        return moved

    monkeypatch.setattr(service, "outcome_record", slow_record)
    results = []

    def apply(wait=False):
        if wait:
            holding.wait(timeout=10)
        done = service.entries_screen(
            contest=contest, entry_ids=[e.pk for e in entries], by=organizer,
            eligibility="ineligible", reason=REASON,
        )  # fmt: skip
        results.append((len(done.plan.changing), len(done.plan.unchanged)))

    assert run_threads([apply, lambda: apply(wait=True)], timeout=30) == []
    assert sorted(results) == [(0, 3), (3, 0)]
    assert [m.to for m in mail.outbox] == [["contact@agency.kr"]]
