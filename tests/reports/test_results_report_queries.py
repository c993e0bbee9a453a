"""The results reports read a fixed number of queries whatever the number of entries: a round
of 2 entries and one of 8 (3 judges, a recorded conflict and an automatic exclusion) cost the
same, finalized (round and contest) and as a draft. (The permission matrix's query-count test
covers GET rows that answer 200; these URLs answer 404 in its world, without a result.)"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Conflict
from scoring.services.results import round_finalize
from tests import factories
from tests.results.bulk import scored_entries

pytestmark = pytest.mark.django_db


def world(entries: int):
    """A contest with one round (mean, no advancement) of `entries` scored entries."""
    organizer = factories.OrganizerFactory()
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer], year=2026)
    category = factories.CategoryFactory(contest=contest)
    round_ = factories.RoundFactory(
        contest=contest, method=Round.Method.MEAN, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    criteria = [factories.CriterionFactory(round=round_, max_points=Decimal("50")) for _ in "ab"]
    judges = [factories.JudgeFactory(contest=contest) for _ in range(3)]
    made = scored_entries(round_, [category], judges, criteria, entries, per_entry=3)
    Conflict.objects.create(
        judge=factories.JudgeFactory(contest=contest), entry=made[0], kind="challenge",
        reason="기피", recorded_by=organizer,
    )  # fmt: skip
    judges[0].affiliation = made[-1].agency
    judges[0].save(update_fields=["affiliation"])
    client = Client()
    client.force_login(organizer)
    return contest, round_, organizer, client


def count(entries: int, *, finalized: bool, which: str) -> int:
    with transaction.atomic():
        contest, round_, organizer, client = world(entries)
        if finalized:
            round_finalize(round_=round_, by=organizer)
        if which == "round":
            url = reverse("reports:round_results_pdf", args=[contest.pk, round_.pk])
        else:
            url = reverse("reports:contest_results_pdf", args=[contest.pk])
        url += "" if finalized else "?draft=1"
        assert client.get(url).status_code == 200  # warms the session and the robustness cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        transaction.set_rollback(True)
    return len(queries)


@pytest.mark.parametrize(
    ("finalized", "which"),
    [(True, "round"), (True, "contest"), (False, "round"), (False, "contest")],
)
def test_queries_do_not_grow_with_entries(finalized, which):
    small = count(2, finalized=finalized, which=which)
    assert count(8, finalized=finalized, which=which) == small
