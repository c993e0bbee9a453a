"""The results pages read a fixed number of queries: the same at 3 and at 30 entries, live and
finalized (the permission matrix's query-count test covers every page on its small world too)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.models import Round, TieBreakRule
from scoring.models import Assignment, ResultExclusion, Score, Scorecard, TieDecision
from scoring.services.results import round_finalize
from submissions.models import Entry
from tests import factories
from tests.results.pages_scene import english, ranking


def build(organizer, n: int):
    """A one-round contest: `n` entries in two categories, each scored by 3 judges (totals
    n + i, so no ties); a 4th judge is assigned the first entry and left out with a reason."""
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer])
    categories = [factories.CategoryFactory(contest=contest) for _ in range(2)]
    round_ = factories.RoundFactory(
        contest=contest,
        method=Round.Method.TRIMMED_MEAN,
        trim_count=1,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    criterion = factories.CriterionFactory(round=round_, max_points=Decimal("100"))
    TieBreakRule.objects.create(contest=contest, kind="criterion", criterion=criterion)
    judges = [factories.JudgeFactory(contest=contest) for _ in range(4)]
    entries = [
        factories.EntryFactory(
            contest=contest,
            category=categories[i % 2],
            status=Entry.Status.SUBMITTED,
            receipt_number=f"{2000 + n}-{i + 1:04d}",
            submitted_at=now,
        )
        for i in range(n)
    ]
    for i, entry in enumerate(entries):
        for j, judge in enumerate(judges[:3]):
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
            card = Scorecard.objects.create(
                round=round_,
                judge=judge,
                entry=entry,
                status=Scorecard.Status.SUBMITTED,
                version=1,
                submitted_at=now,
                total=Decimal(50 + i + j),
            )
            Score.objects.create(scorecard=card, criterion=criterion, value=Decimal(50 + i + j))
    Assignment.objects.create(round=round_, judge=judges[3], entry=entries[0])
    ResultExclusion.objects.create(
        round=round_, judge=judges[3], entry=entries[0], reason="불참", by=organizer
    )
    TieDecision.objects.create(
        round=round_, entries=[e.receipt_number for e in entries[:2]], reason="예시", by=organizer
    )
    return contest, round_, entries


def count(client, url, **extra) -> tuple[int, int, str]:
    client.get(url, **extra)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries), len(ranking(response.content.decode())), response.content.decode()


@pytest.mark.parametrize("finalized", [False, True], ids=["live", "finalized"])
def test_round_page_queries_do_not_grow_with_entries(organizer, organizer_client, finalized):
    client = english(organizer_client)
    seen = []
    for n in (3, 30):
        contest, round_, entries = build(organizer, n)
        if finalized:
            round_finalize(round_=round_, by=organizer)
        url = reverse("results:round", args=[contest.pk, round_.pk])
        queries, rows, _html = count(client, url)
        partial, partial_rows, _html = count(client, url + "?sort=-score", HTTP_HX_REQUEST="true")
        sheet = reverse("results:sheet", args=[contest.pk, round_.pk, entries[-1].pk])
        sheet_queries, _rows, _html = count(client, sheet)
        index_queries, _rows, _html = count(client, reverse("results:index", args=[contest.pk]))
        assert (rows, partial_rows) == (n, n)
        seen.append((queries, partial, sheet_queries, index_queries))
    assert seen[0] == seen[1], f"3 entries: {seen[0]}; 30 entries: {seen[1]}"
