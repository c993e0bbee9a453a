"""Screening many entries at once: the list's selection, the confirm step, applying it in one
transaction through the single entry's rules, skipped entries, a double submit."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from scoring.models import Assignment
from submissions.models import Entry
from tests.screening import judging_scene

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
