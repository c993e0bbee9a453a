"""The judges list, the matrix and the conflicts list take the same number of queries at two
sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scoring.models import Assignment, Conflict, JudgeInvitation, Score, Scorecard
from tests import factories
from tests.judging.conftest import submitted_entry

pytestmark = pytest.mark.django_db


def _grow(world, n):
    """n more judges (with categories, panel seats, an affiliation) and invitations, n more
    entries, assignments, a scored scorecard and conflicts."""
    panel = world.round.panels.first() or factories.PanelFactory(round=world.round)
    criterion = world.round.criteria.first() or factories.CriterionFactory(round=world.round)
    for i in range(n):
        agency = factories.AgencyFactory()
        judge = factories.JudgeFactory(contest=world.contest, affiliation=agency)
        judge.categories.add(world.central)
        panel.judges.add(judge)
        invitation = JudgeInvitation.objects.create(
            contest=world.contest, email=f"p{n}-{i}@example.kr", name=f"p{i}", token=f"t{n}-{i}"
        )
        invitation.categories.add(world.local)
        entry = submitted_entry(world.contest, world.central, agency, 1000 * n + i)
        other = submitted_entry(world.contest, world.local, world.seoul, 1000 * n + 500 + i)
        Assignment.objects.create(round=world.round, judge=judge, entry=other)
        card = Scorecard.objects.create(round=world.round, judge=judge, entry=other)
        Score.objects.create(scorecard=card, criterion=criterion, value=5)
        Conflict.objects.create(judge=judge, entry=entry, kind="challenge", reason="x")
    for judge in world.judges:
        panel.judges.add(judge)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("name", ["judges", "matrix", "auto", "conflicts"])
def test_query_count_is_constant(world, organizer_client, name):
    if name in ("matrix", "auto"):
        url = reverse(f"judging:{name}", args=[world.contest.pk, world.round.pk])
    else:
        url = reverse(f"judging:{name}", args=[world.contest.pk])
    _grow(world, 2)
    small, _ = _count(organizer_client, url)
    _grow(world, 12)
    large, response = _count(organizer_client, url)
    assert large == small
    if name == "matrix":
        assert len(response.context["matrix"].judges) == 17
        assert len(response.context["matrix"].rows) == 31
