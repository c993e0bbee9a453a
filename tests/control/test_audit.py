"""Audit pages: every change of an entry's (or a judge's) scorecards, read-only, paginated."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Scorecard, ScoreEvent
from scoring.services.scorecards import scorecard_fill, scorecard_reopen
from tests import factories
from tests.control.conftest import english, row_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(scene):
    """kim scores entry 1 and submits; the organizer reopens it and corrects a value."""
    kim = scene.judges[0]
    entry = scene.entries[0]
    card = scene.score(kim, entry, {scene.innovation: "25", scene.effect: "10"}, submit=True)
    card = scorecard_reopen(
        scorecard=card, by=scene.organizer, via="organizer", reason="심사위원 요청"
    )
    scorecard_fill(
        scorecard=card, values={scene.innovation.pk: "27"}, comment=None, version=card.version,
        by=scene.organizer, via="organizer", reason="서명된 평가표 2026-11-30",
    )  # fmt: skip
    return scene


def test_entry_audit_lists_every_change_newest_first_with_how_and_why(history, organizer_client):
    entry = history.entries[0]
    url = reverse("control:audit_entry", args=[history.contest.pk, entry.pk])
    response = english(organizer_client).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 changes recorded." in html
    ids = list(ScoreEvent.objects.order_by("-at", "-id").values_list("pk", flat=True))
    assert [int(pk) for pk in re.findall(r'data-event="(\d+)"', html)] == ids
    newest = row_values(html, "data-event", ids[0])
    assert newest == {
        "old": "25",
        "new": "27",
        "via": "Organizer on behalf of the judge",
        "reason": "서명된 평가표 2026-11-30",
    }
    oldest = row_values(html, "data-event", ids[-1])
    assert (oldest["old"], oldest["new"], oldest["via"], oldest["reason"]) == (
        "—",
        "25",
        "Judge",
        "—",
    )
    event = ScoreEvent.objects.get(pk=ids[0])
    seoul = timezone.localtime(event.at, dt.timezone(dt.timedelta(hours=9)))
    assert seoul.strftime("%Y-%m-%d %H:%M:%S") in html
    # The scorecard is a draft again: the organizer is offered "enter on behalf", not "reopen".
    kim = history.judges[0]
    on_behalf = reverse(
        "control:on_behalf", args=[history.contest.pk, history.round.pk, kim.pk, entry.pk]
    )
    assert on_behalf in html


def test_judge_audit_shows_only_that_judges_changes(history, organizer_client):
    lee = history.judges[1]
    history.score(lee, history.entries[1], {history.innovation: "11"})
    kim = history.judges[0]
    html = (
        english(organizer_client)
        .get(reverse("control:audit_judge", args=[history.contest.pk, kim.pk]))
        .content.decode()
    )
    assert "5 changes recorded." in html
    lee_html = (
        english(organizer_client)
        .get(reverse("control:audit_judge", args=[history.contest.pk, lee.pk]))
        .content.decode()
    )
    assert "1 change recorded." in lee_html
    # The reopened scorecard is a draft again: no "reopen" link.
    card = Scorecard.objects.get(judge=kim, entry=history.entries[0])
    assert reverse("control:scorecard_reopen", args=[history.contest.pk, card.pk]) not in html


def test_audit_is_paginated_by_fifty(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    card = scene.card(kim, entry)
    for n in range(55):
        card = scorecard_fill(
            scorecard=card, values={scene.innovation.pk: str(n % 30)}, comment=None,
            version=card.version, by=kim.user, via="judge", reason="",
        ).scorecard  # fmt: skip
    url = reverse("control:audit_entry", args=[scene.contest.pk, entry.pk])
    first = english(organizer_client).get(url).content.decode()
    assert first.count("data-event=") == 50
    assert "Page 1 of 2" in first
    second = english(organizer_client).get(url, {"page": 2}).content.decode()
    assert second.count("data-event=") == 5


def _events(contest, judge, entry, n):
    from scoring.services.scorecards import scorecard_open

    round_ = contest.rounds.get()
    card = scorecard_open(round_=round_, judge=judge, entry=entry)
    criterion = round_.criteria.get()
    ScoreEvent.objects.bulk_create(
        ScoreEvent(
            scorecard=card, field="score", criterion=criterion, old=str(i), new=str(i + 1),
            via="judge", by=judge.user,
        )
        for i in range(n)
    )  # fmt: skip


@pytest.mark.parametrize("size", [3, 120])
def test_audit_query_counts_are_constant(
    organizer, organizer_client, size, django_assert_num_queries
):
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer])
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    factories.CriterionFactory(round=round_)
    assignments = [factories.AssignmentFactory(round=round_) for _ in range(3)]
    for assignment in assignments:
        _events(contest, assignment.judge, assignment.entry, size)
    entry_url = reverse("control:audit_entry", args=[contest.pk, assignments[0].entry.pk])
    judge_url = reverse("control:audit_judge", args=[contest.pk, assignments[0].judge.pk])
    organizer_client.get(entry_url)
    # 13: the card rows read the contest's agency links (two queries) to say why an assignment
    # not in effect does not count.
    with django_assert_num_queries(13):
        organizer_client.get(entry_url)
    with django_assert_num_queries(13):
        organizer_client.get(judge_url)
