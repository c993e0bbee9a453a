"""Issue 7 items 8, 14, 15 and 21: stale Excel imports, own-agency members, late recusals and
entries screened out while assigned."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from scoring.models import Assignment, Conflict, Score, Scorecard, ScoreEvent
from scoring.selectors.assignments import round_plan
from scoring.services.conflicts import conflict_declare_recusal
from scoring.services.judges import Invitee, invitation_accept, judge_invite
from scoring.services.scorecards import score_save
from submissions.models import Entry
from tests import factories
from tests.control import conftest as control
from tests.control.conftest import english, row_values, score_template, score_upload, totals

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::UserWarning")]
scene = control.scene  # the control pages' round being scored (fixture)
_english_messages = control._english_messages  # exact messages in English (autouse fixture)


def _text(response) -> str:
    html = response.content.decode()
    return html.replace("&ldquo;", "“").replace("&rdquo;", "”").replace("&#x27;", "'")


# --- item 8 ------------------------------------------------------------------------------------


def test_item_8_rows_changed_since_the_download_are_refused_and_listed(scene, organizer_client):
    kim, lee, _park = scene.judges
    e1 = scene.entries[0]
    scene.score(kim, e1, {scene.innovation: "20"})
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    assert sheet.column_dimensions["I"].hidden is True
    assert [sheet["I2"].value, sheet["I5"].value] == [1, 0]
    assert sheet["I2"].protection.locked is True
    # After the download the judges keep working: 김심사 changes entry 1, 이심사 starts entry 1.
    scene.score(kim, e1, {scene.innovation: "28"})
    scene.score(lee, e1, {scene.effect: "15"})
    sheet["F2"], sheet["F5"], sheet["F3"] = 10, 11, 12
    response = score_upload(organizer_client, scene, workbook)
    html = _text(response)
    assert response.status_code == 422
    assert "Nothing was imported: 2 errors." in html
    assert (
        "Row 2: the scorecard of 김심사 for entry 2026-0001 changed since the sheet was "
        "downloaded; download the template again so as not to overwrite the judge's newer "
        "scores." in html
    )
    assert "Row 5: the scorecard of 이심사 for entry 2026-0001 changed since the sheet" in html
    values = Score.objects.filter(scorecard__entry=e1).order_by("scorecard__judge__user__name")
    assert [(s.scorecard.judge.user.name, s.value) for s in values] == [
        ("김심사", Decimal("28")),
        ("이심사", Decimal("15")),
    ]
    assert ScoreEvent.objects.filter(via="import").count() == 0
    # A fresh download imports.
    fresh = score_template(organizer_client, scene)
    fresh.active["F3"] = 12
    assert "1 scorecard(s) updated" in _text(score_upload(organizer_client, scene, fresh))


def test_item_8_a_sheet_without_the_version_column_is_refused(scene, organizer_client):
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    sheet.delete_cols(9)
    sheet["F2"] = 10
    html = _text(score_upload(organizer_client, scene, workbook))
    assert (
        "This sheet has no scorecard version column: it was downloaded before versions were "
        "recorded, so judges' later changes could be overwritten. Download the template again "
        "and enter the scores in it." in html
    )
    assert Score.objects.count() == 0


def test_item_8_the_audit_names_the_excel_import(scene, organizer_client):
    workbook = score_template(organizer_client, scene)
    workbook.active["F2"] = 10
    score_upload(organizer_client, scene, workbook, name="1차심사.xlsx")
    event = ScoreEvent.objects.get()
    assert (event.via, event.get_via_display(), event.reason) == (
        "import",
        "Excel score import",
        "엑셀 가져오기 1차심사.xlsx",
    )
    url = reverse("control:audit_entry", args=[scene.contest.pk, scene.entries[0].pk])
    html = english(organizer_client).get(url).content.decode()
    assert '<td data-k="via">Excel score import</td>' in html
    assert "signed sheet" not in html


# --- item 14 -----------------------------------------------------------------------------------


def _member_judge(scene, agency):
    """A member of `agency` who accepts a judge invitation (no affiliation given)."""
    user = factories.UserFactory(name="최소속", email="choi@agency.kr")
    factories.AgencyMembershipFactory(agency=agency, user=user)
    invitation = judge_invite(
        contest=scene.contest,
        invitee=Invitee(name="최소속", email="choi@agency.kr"),
        by=scene.organizer,
    )
    return invitation_accept(
        invitation=invitation, user=user, security_pledge=True, conflict_pledge=True
    )


def test_item_14_an_agency_member_is_never_assigned_their_agency(scene, organizer_client):
    own = scene.entries[3]
    judge = _member_judge(scene, own.agency)
    assert judge.affiliation is None
    assert all(pair != (judge.pk, own.pk) for pair in round_plan(scene.round).new)
    url = reverse("judging:toggle", args=[scene.contest.pk, scene.round.pk])
    response = english(organizer_client).post(
        url, {"pair": f"{judge.pk}-{own.pk}"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert "The judge belongs to the entry's agency (exclusion)." in _text(response)
    assert not Assignment.objects.filter(judge=judge).exists()
    matrix = english(organizer_client).get(
        reverse("judging:matrix", args=[scene.contest.pk, scene.round.pk])
    )
    assert "Own agency" in matrix.content.decode()
    conflicts = english(organizer_client).get(reverse("judging:conflicts", args=[scene.contest.pk]))
    assert f"Own agency: {own.agency.name}" in conflicts.content.decode()


def test_item_14_a_membership_made_after_the_assignment_closes_the_entry(scene, client):
    kim = scene.judges[0]
    e1, e2 = scene.entries[0], scene.entries[1]
    scene.score(kim, e2, {scene.innovation: "20"})  # started: stays assigned, hidden
    factories.AgencyMembershipFactory(agency=e1.agency, user=kim.user)
    factories.AgencyMembershipFactory(agency=e2.agency, user=kim.user)
    assert not Assignment.objects.filter(judge=kim, entry=e1).exists()
    assert Assignment.objects.filter(judge=kim, entry=e2).exists()
    client.force_login(kim.user)
    url = reverse("judge:scorecard", args=[scene.round.pk, e2.pk])
    assert client.get(url).status_code == 404
    dashboard = client.get(reverse("judge:dashboard")).content.decode()
    assert e2.title not in dashboard
    assert e1.title not in dashboard
    assert Score.objects.filter(scorecard__entry=e2).count() == 1  # nothing scored disappears


# --- item 15 -----------------------------------------------------------------------------------


def test_item_15_recusal_after_submitting_is_a_request_and_nothing_disappears(
    scene, organizer_client, client, django_capture_on_commit_callbacks
):
    kim = scene.judges[0]
    e1 = scene.entries[0]
    card = scene.score(kim, e1, {scene.innovation: "25", scene.effect: "10"}, submit=True)
    client.force_login(kim.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(
            reverse("judge:recusal", args=[scene.round.pk, e1.pk]), {"reason": "지도교수"}
        )
    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.status) == ("recusal", "pending")
    assert Assignment.objects.filter(judge=kim, entry=e1).exists()
    assert [m.to for m in mail.outbox] == [[scene.organizer.email]]
    assert "회피 신청 결정 요청" in mail.outbox[0].subject
    progress = reverse("control:progress", args=[scene.contest.pk]) + f"?round={scene.round.pk}"
    assert totals(english(organizer_client).get(progress).content.decode())["submitted"] == "1"

    page = reverse("judging:conflicts", args=[scene.contest.pk])
    prefix = f"decide-{conflict.pk}"
    refused = english(organizer_client).post(
        page, {"decide": conflict.pk, f"{prefix}-decision": "approve"}
    )
    assert refused.status_code == 400
    assert Conflict.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        english(organizer_client).post(
            page,
            {"decide": conflict.pk, f"{prefix}-decision": "approve",
             f"{prefix}-decision_reason": "지도 관계 확인"},
        )  # fmt: skip
    conflict.refresh_from_db()
    assert (conflict.status, conflict.decided_by, conflict.decision_reason) == (
        "in_effect",
        scene.organizer,
        "지도 관계 확인",
    )
    assert not Assignment.objects.filter(judge=kim, entry=e1).exists()
    assert Scorecard.objects.filter(pk=card.pk, status="submitted").exists()
    assert ScoreEvent.objects.filter(scorecard=card).count() == 3
    assert mail.outbox[-1].to == [kim.user.email]
    board = english(organizer_client).get(progress).content.decode()
    assert totals(board)["withdrawn"] == "1"
    audit = english(organizer_client).get(
        reverse("control:audit_entry", args=[scene.contest.pk, e1.pk])
    )
    assert "Withdrawn: not counted" in audit.content.decode()
    assert "Recusal (declared by the judge): 지도 관계 확인" in audit.content.decode()


def test_item_15_recusal_after_the_window_closed_is_a_request(
    scene, django_capture_on_commit_callbacks
):
    lee = scene.judges[1]
    scene.round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    scene.round.opens_at = timezone.now() - dt.timedelta(days=2)
    scene.round.save()
    with django_capture_on_commit_callbacks(execute=True):
        conflict = conflict_declare_recusal(
            judge=lee, entry=scene.entries[1], reason="친족", by=lee.user, round_=scene.round
        )
    assert conflict.status == "pending"
    assert Assignment.objects.filter(judge=lee, entry=scene.entries[1]).exists()
    assert len(mail.outbox) == 1


def test_item_15_recusal_before_scoring_withdraws_only_unscored_rounds(
    scene, django_capture_on_commit_callbacks
):
    kim = scene.judges[0]
    e1 = scene.entries[0]
    first = scene.round
    scene.score(kim, e1, {scene.innovation: "20"})
    second = factories.RoundFactory(
        contest=scene.contest, order=2, opens_at=first.opens_at, closes_at=first.closes_at
    )
    Assignment.objects.create(round=second, judge=kim, entry=e1)
    with django_capture_on_commit_callbacks(execute=True):
        conflict = conflict_declare_recusal(
            judge=kim, entry=e1, reason="이해관계", by=kim.user, round_=second
        )
    assert conflict.status == "in_effect"
    assert list(Assignment.objects.filter(judge=kim, entry=e1).values_list("round", flat=True)) == [
        first.pk
    ]
    assert Scorecard.objects.filter(round=first, judge=kim, entry=e1).exists()
    assert mail.outbox[0].to == [scene.organizer.email]
    assert "배정 1건이 회수되었으니" in mail.outbox[0].body


def test_item_15_a_rejected_request_leaves_the_judge_the_entry(
    scene, organizer_client, client, django_capture_on_commit_callbacks
):
    kim = scene.judges[0]
    e1 = scene.entries[0]
    scene.score(kim, e1, {scene.innovation: "20"})
    conflict = conflict_declare_recusal(judge=kim, entry=e1, reason="x", by=kim.user)
    prefix = f"decide-{conflict.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        english(organizer_client).post(
            reverse("judging:conflicts", args=[scene.contest.pk]),
            {"decide": conflict.pk, f"{prefix}-decision": "reject",
             f"{prefix}-decision_reason": "이해관계 없음"},
        )  # fmt: skip
    assert Conflict.objects.get().status == "rejected"
    client.force_login(kim.user)
    assert client.get(reverse("judge:scorecard", args=[scene.round.pk, e1.pk])).status_code == 200
    assert "반려" in mail.outbox[-1].subject


# --- item 21 -----------------------------------------------------------------------------------


def _screen(client, scene, entry, eligibility, reason="", *, htmx=False):
    url = reverse("screening:detail", args=[scene.contest.pk, entry.pk])
    data = {"eligibility": eligibility, "reason": reason}
    return english(client).post(url, data, headers={"HX-Request": "true"} if htmx else {})


def test_item_21_an_entry_screened_out_leaves_the_judges_and_the_board(
    scene, organizer_client, client, django_capture_on_commit_callbacks
):
    kim, lee, _park = scene.judges
    e1 = scene.entries[0]
    card = scene.score(kim, e1, {scene.innovation: "20"})
    with django_capture_on_commit_callbacks(execute=True):
        _screen(organizer_client, scene, e1, "ineligible", "중복 응모")
    # Nothing is deleted: the assignments stop being in effect.
    assert sorted(
        Assignment.objects.filter(entry=e1).values_list("judge__user__name", flat=True)
    ) == [
        "김심사",
        "이심사",
    ]
    assert Scorecard.objects.filter(pk=card.pk, version=1).exists()
    assert sorted(m.to[0] for m in mail.outbox) == [kim.user.email, lee.user.email]
    assert "중복 응모" in mail.outbox[0].body
    assert "다시 적격으로 판정되면 심사 목록에 그대로 돌아옵니다" in mail.outbox[0].body
    client.force_login(kim.user)
    assert client.get(reverse("judge:scorecard", args=[scene.round.pk, e1.pk])).status_code == 404
    assert e1.title not in client.get(reverse("judge:dashboard")).content.decode()
    with pytest.raises(PermissionDenied):  # the service refuses too: not in effect any more
        score_save(scorecard=card, criterion_id=scene.effect.pk, raw="5", version=card.version,
                   by=kim.user)  # fmt: skip
    progress = reverse("control:progress", args=[scene.contest.pk]) + f"?round={scene.round.pk}"
    board = english(organizer_client).get(progress).content.decode()
    assert f'data-entry="{e1.pk}"' not in board
    assert totals(board)["entries_complete"] == "0 / 3"
    assert totals(board)["assigned"] == "3"  # 김심사 e2, e3; 이심사 e2
    assert totals(board)["withdrawn"] == "1"
    assert row_values(board, "data-excluded", f"{kim.pk}-{e1.pk}") == {
        "status": "Draft",
        "reason": "Screened out as ineligible: 중복 응모",
    }
    matrix = reverse("judging:matrix", args=[scene.contest.pk, scene.round.pk])
    assert e1.title not in english(organizer_client).get(matrix).content.decode()
    assert all(e != e1.pk for _j, e in round_plan(scene.round).new)


def test_item_21_the_page_shows_the_new_outcome_and_time_after_saving(scene, organizer_client):
    e1 = scene.entries[0]
    response = _screen(organizer_client, scene, e1, "ineligible", "기한 초과", htmx=True)
    html = response.content.decode()
    e1.refresh_from_db()
    assert e1.eligibility == Entry.Eligibility.INELIGIBLE
    badges = re.search(r'id="entry-badges" hx-swap-oob="true">(.*?)</p>', html, re.S)
    assert badges is not None
    assert "Ineligible" in badges.group(1)
    assert "Not screened yet" not in html
    when = timezone.localtime(e1.screened_at).strftime("%Y-%m-%d %H:%M")
    assert f'<span id="entry-screened" hx-swap-oob="true">{when} · 김주관</span>' in html
