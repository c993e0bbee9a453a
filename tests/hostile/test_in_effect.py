"""Issue 7 items 14 and 21, second pass: one definition of "assignments in effect".

A judge who joins the entry's agency after scoring, and an entry screened out and back in, leave
no dead assignment: the judge's pages, the progress board, reminders, the matrix loads and the
planner all count only assignments in effect, and nothing saved is deleted.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from scoring.models import Assignment, Scorecard
from scoring.selectors.assignments import assignment_matrix, round_plan
from scoring.services.reminders import reminders_send
from submissions.models import Entry
from tests import factories
from tests.control import conftest as control
from tests.control.conftest import english, row_values, totals

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::UserWarning")]
scene = control.scene  # 김심사 (entries 1, 2, 3), 이심사 (1, 2), 박심사 (nothing); entry 4 free
_english_messages = control._english_messages


def _board(client, scene) -> str:
    url = reverse("control:progress", args=[scene.contest.pk]) + f"?round={scene.round.pk}"
    return english(client).get(url).content.decode()


def _screen(client, scene, entry, eligibility, reason=""):
    url = reverse("screening:detail", args=[scene.contest.pk, entry.pk])
    return english(client).post(url, {"eligibility": eligibility, "reason": reason})


def _reminded(scene) -> dict[str, int]:
    sent = reminders_send(round_=scene.round, by=scene.organizer)
    return {row.judge.user.name: row.unfinished for row in sent}


def test_item_14_a_judge_who_joins_the_agency_after_scoring_leaves_no_dead_assignment(
    scene, organizer_client, client
):
    kim, lee, park = scene.judges
    e2 = scene.entries[1]
    card = scene.score(lee, e2, {scene.innovation: "21"})
    factories.AgencyMembershipFactory(agency=e2.agency, user=lee.user)  # lee accepts an invite

    # Kept (something was saved), but not in effect: hidden from the judge.
    assert Assignment.objects.filter(judge=lee, entry=e2).exists()
    client.force_login(lee.user)
    assert client.get(reverse("judge:scorecard", args=[scene.round.pk, e2.pk])).status_code == 404

    board = _board(organizer_client, scene)
    assert row_values(board, "data-judge", lee.pk) | {"last": "x"} == {
        "assigned": "1",
        "not_started": "1",
        "draft": "0",
        "submitted": "0",
        "withdrawn": "1",
        "percent": "0%",
        "last": "x",
    }
    assert row_values(board, "data-entry", e2.pk) == {
        "assigned": "1",
        "submitted": "0",
        "complete": "No",
        "reassign": "Under-assigned 1/5",
    }
    assert row_values(board, "data-excluded", f"{lee.pk}-{e2.pk}") == {
        "status": "Draft",
        "reason": "Exclusion: own agency",
    }
    audit = english(organizer_client).get(
        reverse("control:audit_entry", args=[scene.contest.pk, e2.pk])
    )
    assert "Withdrawn: not counted" in audit.content.decode()
    assert "Exclusion: own agency" in audit.content.decode()

    # Only what she can open is reminded; the matrix and the planner count her load as 1.
    assert _reminded(scene) == {"김심사": 3, "이심사": 1}
    matrix = assignment_matrix(scene.round)
    assert {judge.user.name: judge.load for judge in matrix.judges} == {
        "김심사": 3,
        "박심사": 0,
        "이심사": 1,
    }
    plan = round_plan(scene.round)
    assert (lee.pk, e2.pk) not in plan.new
    assert (park.pk, e2.pk) in plan.new
    assert plan.loads_before == {kim.pk: 3, lee.pk: 1, park.pk: 0}
    conflicts = english(organizer_client).get(reverse("judging:conflicts", args=[scene.contest.pk]))
    assert "Needs reassignment" in conflicts.content.decode()

    # The entry completes with the judges in effect; her scorecard is still there.
    scene.score(kim, e2, {scene.innovation: "25", scene.effect: "15"}, submit=True)
    assert row_values(_board(organizer_client, scene), "data-entry", e2.pk)["complete"] == "Yes"
    assert Scorecard.objects.get(pk=card.pk).version == 1


def test_item_21_screened_out_then_back_in_brings_the_same_assignment_and_draft_back(
    scene, organizer_client, client, django_capture_on_commit_callbacks
):
    kim, lee, _park = scene.judges
    e1 = scene.entries[0]
    card = scene.score(kim, e1, {scene.innovation: "20"})
    assignment_ids = sorted(Assignment.objects.filter(entry=e1).values_list("pk", flat=True))
    scorecard_url = reverse("judge:scorecard", args=[scene.round.pk, e1.pk])
    client.force_login(kim.user)

    with django_capture_on_commit_callbacks(execute=True):
        _screen(organizer_client, scene, e1, "ineligible", "중복 제출")
    assert client.get(scorecard_url).status_code == 404
    board = _board(organizer_client, scene)
    assert totals(board)["assigned"] == "3"
    assert row_values(board, "data-judge", kim.pk)["draft"] == "0"
    assert _reminded(scene) == {"김심사": 2, "이심사": 1}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _screen(organizer_client, scene, e1, "eligible")
    assert sorted(Assignment.objects.filter(entry=e1).values_list("pk", flat=True)) == (
        assignment_ids
    )
    page = client.get(scorecard_url)
    assert page.status_code == 200
    assert page.context["card"].pk == card.pk
    assert page.context["card"].version == 1
    board = _board(organizer_client, scene)
    assert totals(board)["assigned"] == "5"
    assert totals(board)["withdrawn"] == "0"
    assert row_values(board, "data-judge", kim.pk)["draft"] == "1"
    assert row_values(board, "data-entry", e1.pk)["assigned"] == "2"
    assert sorted(m.to[0] for m in mail.outbox) == [kim.user.email, lee.user.email]
    assert all("심사 재개 안내" in m.subject for m in mail.outbox)
    assert "다시 적격으로 판정되어 심사 대상에 돌아왔습니다" in mail.outbox[0].body


def test_item_21_screening_eligible_clears_the_reason_everywhere(scene, organizer_client):
    e1 = scene.entries[0]
    member = factories.UserFactory(name="기관담당", email="member@agency.kr")
    factories.AgencyMembershipFactory(agency=e1.agency, user=member)
    _screen(organizer_client, scene, e1, "ineligible", "중복 제출")
    _screen(organizer_client, scene, e1, "eligible", "이 사유는 저장되지 않음")
    e1.refresh_from_db()
    assert (e1.eligibility, e1.eligibility_reason) == (Entry.Eligibility.ELIGIBLE, "")
    detail = english(organizer_client).get(
        reverse("screening:detail", args=[scene.contest.pk, e1.pk])
    )
    assert "중복 제출" not in detail.content.decode()
    assert 'class="screening-reason"' not in detail.content.decode()
    agency = english(Client())
    agency.force_login(member)
    html = agency.get(reverse("entries:detail", args=[e1.pk])).content.decode()
    assert "entry-screening-reason" not in html
    assert "중복 제출" not in html


def test_item_21_the_screening_form_warns_before_screening_out_an_entry_being_judged(
    scene, organizer_client
):
    kim, lee, _park = scene.judges
    e1, e4 = scene.entries[0], scene.entries[3]
    scene.score(kim, e1, {scene.innovation: "20"})
    scene.card(lee, e1)  # opened, nothing written
    url = reverse("screening:detail", args=[scene.contest.pk, e1.pk])
    html = english(organizer_client).get(url).content.decode()
    assert (
        "This entry has 2 judge(s) assigned and 1 scorecard(s) written. Marking it ineligible "
        "takes it out of judging at once (the scorecards are kept and come back if you mark it "
        "eligible again)." in html
    )
    free = english(organizer_client).get(
        reverse("screening:detail", args=[scene.contest.pk, e4.pk])
    )
    assert "screening-stake" not in free.content.decode()
    _screen(organizer_client, scene, e1, "ineligible", "중복 제출")
    assert "screening-stake" not in english(organizer_client).get(url).content.decode()
