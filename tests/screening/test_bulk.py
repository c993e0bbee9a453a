"""Screening many entries at once: the list's selection, the confirm step, applying it in one
transaction through the single entry's rules, skipped entries, a double submit."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from scoring.models import Assignment, Scorecard
from submissions.models import Entry
from submissions.services.bulk_screening import entries_screen, screening_plan
from submissions.services.screening import entry_screen
from submissions.signals import entries_running_changed
from tests import factories as f
from tests.screening import judging_scene
from tests.threads import POSTGRES_ONLY, run_threads

pytestmark = pytest.mark.django_db
judging = judging_scene.judging  # the fixture

REASON = "공모 요건(최근 3년 이내 추진) 미충족"


def list_url(world, query=""):
    return reverse("screening:list", args=[world.contest.pk]) + query


def bulk_url(world, query=""):
    return reverse("screening:bulk", args=[world.contest.pk]) + query


def ids(*entries):
    return [str(entry.pk) for entry in entries]


def post(client, world, entries, eligibility, reason="", action="review", query=""):
    data = {"entries": ids(*entries), "eligibility": eligibility, "reason": reason}
    return client.post(bulk_url(world, query), data | {"action": action})


def state(*entries):
    return [
        tuple(Entry.objects.filter(pk=e.pk).values_list("eligibility", "eligibility_reason")[0])
        for e in entries
    ]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- the list -----------------------------------------------------------------------------------


def test_list_has_a_labelled_box_for_each_submitted_entry_only(world, org):
    html = org.get(list_url(world)).content.decode()
    for entry in (world.shortcut, world.bus, world.onestop):
        assert (
            f'<input type="checkbox" name="entries" value="{entry.pk}" id="pick-{entry.pk}">'
            f'<label for="pick-{entry.pk}"><span class="sr-only">Select '
            f"{entry.receipt_number} {entry.title}</span></label>" in html
        )
    for entry in (world.withdrawn, world.draft):
        assert f'value="{entry.pk}"' not in html
    form = re.search(r'<form id="bulk-screening"[^>]*>', html).group(0)
    assert f'method="post" action="{bulk_url(world)}"' in form
    # The boxes, outcome, reason and button are inside that one form: no JavaScript needed.
    inside = html[
        html.index('<form id="bulk-screening"') : html.index(
            "</form>", html.index('<form id="bulk-screening"')
        )
    ]
    assert inside.count('name="entries"') == 3
    assert 'name="eligibility"' in inside
    assert 'name="reason"' in inside
    assert '<button type="submit" name="action" value="review"' in inside
    assert "checked" not in re.sub(r"<input type=\"radio\"[^>]*>", "", inside)


def test_select_all_on_this_page_without_javascript(world, org):
    html = org.get(list_url(world, "?status=submitted")).content.decode()
    assert 'href="?status=submitted&amp;select=page" data-select-page="select"' in html
    ticked = org.get(list_url(world, "?status=submitted&select=page")).content.decode()
    for entry in (world.shortcut, world.bus, world.onestop):
        assert f'value="{entry.pk}" id="pick-{entry.pk}" checked>' in ticked
    assert 'href="?status=submitted" data-select-page="clear"' in ticked
    # The entries' links and the bulk action carry the filters, not the selection.
    detail = reverse("screening:detail", args=[world.contest.pk, world.shortcut.pk])
    assert f'href="{detail}?status=submitted"' in ticked
    assert f'action="{bulk_url(world, "?status=submitted")}"' in ticked


def test_list_keeps_the_page_in_the_bulk_action(world, org, settings):
    from submissions.views import screening

    page_size = screening.PER_PAGE
    screening.PER_PAGE = 2
    try:
        html = org.get(list_url(world, "?q=&page=2")).content.decode()
    finally:
        screening.PER_PAGE = page_size
    assert f'action="{bulk_url(world, "?q=&amp;page=2")}"' in html


# --- the confirm step ---------------------------------------------------------------------------


def test_review_shows_what_changes_and_the_judging_it_leaves_saving_nothing(
    world, org, judging, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            org, world, [world.shortcut, world.bus, world.onestop, world.withdrawn], "ineligible",
            REASON, query="?screening=pending",
        )  # fmt: skip
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [e.title for e in plan.changing] == [
        "찾아라! 119 지름길",
        "스마트 버스정류장",
        "민원 원스톱 창구",
    ]
    assert plan.skipped == [world.withdrawn]
    assert (plan.stake.judges, plan.stake.scorecards) == (2, 1)  # 김심사, 이심사; 김's saved card
    html = response.content.decode()
    assert '<dd data-k="changing">3</dd>' in html
    assert '<dd data-k="agencies">3</dd>' in html
    assert (
        "These entries leave judging at once: 2 judges' assignments of them stop counting, "
        "and 1 scorecard(s) with saved scores are affected." in html
    )
    assert "Not submitted, so not screened (skipped): 2026-0004" in html
    assert (
        '<button type="submit" name="action" value="apply" class="krds-btn primary">'
        "Save for 3 entries</button>" in html
    )
    for entry in (world.shortcut, world.bus, world.onestop, world.withdrawn):
        assert f'<input type="hidden" name="entries" value="{entry.pk}"' in html
    assert f'<input type="hidden" name="reason" value="{REASON}">' in html
    assert f'action="{bulk_url(world, "?screening=pending")}"' in html
    back = list_url(world, "?screening=pending")
    assert f'href="{back}"' in html
    assert state(world.shortcut, world.bus) == [("pending", ""), ("eligible", "")]
    assert mail.outbox == []


def test_review_counts_only_entries_that_change(world, org, judging):
    response = post(org, world, [world.onestop, world.bus], "ineligible", "제출 기한 이후 보완")
    plan = response.context["plan"]
    assert plan.changing == [world.bus]
    assert plan.unchanged == [world.onestop]
    html = response.content.decode()
    assert "Already this outcome with this reason, left as it is: 2026-0003" in html
    assert "1 judge's assignments of them stop counting, and 0 scorecard(s)" in html


def test_review_of_eligible_tells_what_comes_back(world, org, judging):
    Assignment.objects.create(round=judging.round, judge=judging.lee, entry=world.onestop)
    response = post(org, world, [world.onestop, world.shortcut], "eligible", "무시되는 사유")
    plan = response.context["plan"]
    assert (plan.reason, [e.pk for e in plan.moving]) == ("", [world.onestop.pk])
    assert (plan.stake.judges, plan.stake.scorecards) == (1, 0)
    assert "come back to judging: 1 judge gets the assignments back" in response.content.decode()


def test_ineligible_without_a_reason_asks_again_on_the_confirm_page(world, org):
    response = post(org, world, [world.shortcut, world.bus], "ineligible", "  ")
    assert response.status_code == 200
    assert response.context["plan"] is None
    html = response.content.decode()
    assert "Give the reason the entry is ineligible; the agency will see it." in html
    assert "2 entries selected: 2026-0001, 2026-0002" in html
    assert '<button type="submit" name="action" value="review"' in html
    assert 'value="apply"' not in html
    assert state(world.shortcut, world.bus) == [("pending", ""), ("eligible", "")]


def test_change_button_shows_the_fields_again(world, org):
    response = post(org, world, [world.shortcut], "ineligible", REASON, action="edit")
    html = response.content.decode()
    assert response.context["plan"] is None
    assert 'value="ineligible" id="id_eligibility_1" required checked>' in html
    assert f"{REASON}</textarea>" in html


def test_no_selection_goes_back_to_the_list_with_a_message(world, org):
    response = org.post(
        bulk_url(world, "?status=submitted&page=1"),
        {"eligibility": "eligible", "action": "review"},
        follow=True,
    )
    assert response.redirect_chain == [(list_url(world, "?status=submitted&page=1"), 302)]
    assert messages_of(response) == ["Select at least one entry."]


@pytest.mark.parametrize("bad", [["abc"], ["0"], ["-3"]])
def test_tampered_selection_is_refused(world, org, bad):
    response = org.post(
        bulk_url(world), {"entries": bad, "eligibility": "eligible", "action": "apply"}, follow=True
    )
    assert messages_of(response) == ["Select entries from the list."]
    assert Entry.objects.filter(screened_at__isnull=False).count() == 0


def test_get_goes_back_to_the_list(world, org):
    response = org.get(bulk_url(world, "?kind=local&select=page"))
    assert (response.status_code, response["Location"]) == (302, list_url(world, "?kind=local"))


@pytest.mark.parametrize("who", ["plain", "member", "agency_admin", "judge", "other_organizer"])
def test_refused_without_the_contest(world, roles, login, who):
    response = post(login(roles[who]), world, [world.shortcut], "ineligible", REASON, "apply")
    assert response.status_code == 403
    assert state(world.shortcut) == [("pending", "")]


# --- applying -----------------------------------------------------------------------------------


def test_apply_saves_reports_and_returns_to_the_same_list(
    world, org, organizer, judging, django_capture_on_commit_callbacks
):
    query = "?screening=pending&page=1"
    with django_capture_on_commit_callbacks(execute=True):
        response = org.post(
            bulk_url(world, query),
            {"entries": ids(world.shortcut, world.bus, world.withdrawn, world.draft),
             "eligibility": "ineligible", "reason": f" {REASON}\r\n둘째 줄 ", "action": "apply"},
            follow=True,
        )  # fmt: skip
    assert response.redirect_chain == [(list_url(world, query), 302)]
    assert messages_of(response) == [
        "Screening saved for 2 entries: Ineligible. Emailed: 2 agencies, 2 judges.",
        "Skipped, not submitted: 2026-0004, 작성 중인 사례.",
    ]
    reason = f"{REASON}\n둘째 줄"
    assert state(world.shortcut, world.bus, world.withdrawn, world.draft) == [
        ("ineligible", reason), ("ineligible", reason), ("pending", ""), ("pending", ""),
    ]  # fmt: skip
    screened = Entry.objects.filter(pk__in=[world.shortcut.pk, world.bus.pk])
    assert {(e.screened_by_id, e.screened_at is not None) for e in screened} == {
        (organizer.pk, True)
    }
    assert len(mail.outbox) == 4  # 2 agencies + 2 judges: one each


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
