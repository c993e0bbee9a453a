"""The progress board: exact counts per judge, per entry and in total; htmx region; query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Assignment, Judge
from submissions.models import Entry
from tests import factories
from tests.control.conftest import english, row_values, submitted_entry, totals

pytestmark = pytest.mark.django_db


def _url(scene):
    return reverse("control:progress", args=[scene.contest.pk])


@pytest.fixture
def scored(scene):
    kim, lee, _park = scene.judges
    e1, e2, e3, _e4 = scene.entries
    scene.score(kim, e1, {scene.innovation: "25", scene.effect: "17.5"}, submit=True)
    scene.score(kim, e2, {scene.innovation: "20"})
    scene.card(kim, e3)  # opened, nothing saved: still "not started"
    scene.score(lee, e1, {scene.innovation: "30", scene.effect: "20"}, submit=True)
    return scene


def test_board_counts_per_judge_per_entry_and_in_total(scored, organizer_client):
    response = english(organizer_client).get(_url(scored))
    assert response.status_code == 200
    html = response.content.decode()
    kim, lee, park = scored.judges
    e1, e2, e3, e4 = scored.entries
    assert totals(html) == {
        "judges": "3",
        "assigned": "5",
        "not_started": "2",
        "draft": "1",
        "submitted": "2",
        "percent": "40%",
        "entries_complete": "1 / 4",
        "entries_unassigned": "1",
        "entries_under": "4",  # every entry has fewer judges than the round's 5 per entry
        "entries_over": "0",
        "withdrawn": "0",
    }
    kim_row = row_values(html, "data-judge", kim.pk)
    last = kim_row.pop("last")
    assert kim_row == {
        "assigned": "3",
        "not_started": "1",
        "draft": "1",
        "submitted": "1",
        "withdrawn": "0",
        "percent": "33%",
    }
    assert last == timezone.localtime(e2.scorecards.get().updated_at).strftime("%Y-%m-%d %H:%M")
    assert row_values(html, "data-judge", lee.pk) | {"last": "x"} == {
        "assigned": "2",
        "not_started": "1",
        "draft": "0",
        "submitted": "1",
        "withdrawn": "0",
        "percent": "50%",
        "last": "x",
    }
    assert row_values(html, "data-judge", park.pk) == {
        "assigned": "0",
        "not_started": "0",
        "draft": "0",
        "submitted": "0",
        "withdrawn": "0",
        "percent": "0%",
        "last": "—",
    }
    assert row_values(html, "data-entry", e1.pk) == {
        "assigned": "2",
        "submitted": "2",
        "complete": "Yes",
        "reassign": "Under-assigned 2/5",
    }
    assert row_values(html, "data-entry", e2.pk)["complete"] == "No"
    assert row_values(html, "data-entry", e3.pk) == {
        "assigned": "1",
        "submitted": "0",
        "complete": "No",
        "reassign": "Under-assigned 1/5",
    }
    assert row_values(html, "data-entry", e4.pk) == {
        "assigned": "0",
        "submitted": "0",
        "complete": "No judges",
        "reassign": "Under-assigned 0/5",
    }
    # Per-judge reminder only where something is unfinished.
    remind = reverse("control:remind", args=[scored.contest.pk, scored.round.pk])
    assert f"{remind}?judge={kim.pk}" in html
    assert f"{remind}?judge={park.pk}" not in html


def test_ineligible_and_draft_entries_are_not_on_the_board(scene, organizer_client):
    ineligible = submitted_entry(
        scene.contest, 9, category=scene.entries[0].category, eligibility="ineligible"
    )
    draft = factories.EntryFactory(contest=scene.contest, category=scene.entries[0].category)
    html = english(organizer_client).get(_url(scene)).content.decode()
    assert f'data-entry="{ineligible.pk}"' not in html
    assert f'data-entry="{draft.pk}"' not in html
    assert totals(html)["entries_complete"] == "0 / 4"


def test_board_region_refreshes_every_30_seconds_and_htmx_gets_only_the_region(
    scene, organizer_client
):
    page = english(organizer_client).get(_url(scene)).content.decode()
    assert 'hx-trigger="every 30s"' in page
    assert 'id="progress-refresh"' in page
    region = organizer_client.get(
        _url(scene), {"round": scene.round.pk}, headers={"HX-Request": "true"}
    )
    html = region.content.decode()
    assert region.status_code == 200
    assert "<html" not in html
    assert "every 30s" not in html
    assert totals(html)["assigned"] == "5"


def test_round_is_chosen_by_query_and_a_contest_without_rounds_says_so(scene, organizer_client):
    second = factories.RoundFactory(
        contest=scene.contest, name_ko="2차 발표심사", name_en="Round 2"
    )
    html = english(organizer_client).get(_url(scene), {"round": second.pk}).content.decode()
    assert totals(html)["assigned"] == "0"
    empty = factories.ContestFactory(organizers=[scene.organizer])
    response = english(organizer_client).get(reverse("control:progress", args=[empty.pk]))
    assert "This contest has no rounds yet." in response.content.decode()


def _bulk_round(organizer, size: int):
    """`size` submitted entries, 5 judges, every entry assigned to 2 judges (bulk_create)."""
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer])
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    category = factories.CategoryFactory(contest=contest)
    agency = factories.AgencyFactory()
    entries = Entry.objects.bulk_create(
        Entry(
            contest=contest, category=category, agency=agency, title=f"사례 {n}",
            status=Entry.Status.SUBMITTED, receipt_number=f"2026-{n:04d}", submitted_at=now,
        )
        for n in range(size)
    )  # fmt: skip
    users = [factories.UserFactory() for _ in range(5)]
    judges = Judge.objects.bulk_create(Judge(contest=contest, user=user) for user in users)
    Assignment.objects.bulk_create(
        Assignment(round=round_, judge=judges[(n + k) % 5], entry=entry)
        for n, entry in enumerate(entries)
        for k in (0, 1)
    )
    return contest, round_


@pytest.mark.parametrize("size", [10, 500])
def test_board_query_count_is_constant(
    organizer, organizer_client, size, django_assert_num_queries
):
    contest, round_ = _bulk_round(organizer, size)
    url = reverse("control:progress", args=[contest.pk])
    organizer_client.get(url)  # warm the session
    # 13: the board also reads the contest's conflicts in effect and agency links (three queries)
    # to give the reason a scorecard is not counted.
    with django_assert_num_queries(14):
        response = organizer_client.get(url, {"round": round_.pk})
    assert totals(response.content.decode())["assigned"] == str(2 * size)
