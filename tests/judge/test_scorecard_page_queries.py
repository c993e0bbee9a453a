"""The scorecard page reads a fixed number of queries, whatever the size of the rubric, its
levels, the scores, the comments on criteria, the answers and files, or the card's history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scoring.models import Score, Scorecard, ScoreEvent
from scoring.models.judge_aids import CriterionComment
from scoring.services.scorecards import scorecard_reopen
from tests import factories
from tests.judge.conftest import attach, submitted_entry

pytestmark = pytest.mark.django_db


def _page(criteria: int, *, levels: bool, filled: bool) -> tuple[Client, str]:
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=2),
        criterion_comments=True,
    )  # fmt: skip
    organizer = factories.OrganizerFactory()
    round_.contest.organizers.add(organizer)
    judge = factories.JudgeFactory(contest=round_.contest)
    entry = submitted_entry(round_.contest, n=criteria)
    factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    card = Scorecard.objects.create(round=round_, judge=judge, entry=entry, version=1)
    for n in range(criteria):
        criterion = factories.CriterionFactory(round=round_, max_points=Decimal("10"), order=n)
        for k in range(3 if levels else 0):
            factories.LevelFactory(
                criterion=criterion, label=f"L{k}", points=10 - 2 * k, order=k, description="기준"
            )
        if filled:
            Score.objects.create(scorecard=card, criterion=criterion, value=Decimal("8"))
            CriterionComment.objects.create(scorecard=card, criterion=criterion, text="의견")
    for _ in range(criteria if filled else 1):
        factories.AnswerFactory(entry=entry)
    for n in range(3 if filled else 1):
        attach(entry, f"첨부{n}.pdf")
    if filled:  # submitted and reopened by the organizer: the page tells why
        Scorecard.objects.filter(pk=card.pk).update(status="submitted", total=Decimal("80"))
        card.refresh_from_db()
        scorecard_reopen(
            scorecard=card, by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="재검토"
        )
    client = Client()
    client.force_login(judge.user)
    return client, reverse("judge:scorecard", args=[round_.pk, entry.pk])


def _count(client, url) -> int:
    client.get(url)  # warm caches (translations, the site's settings)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_page_count_is_the_same_for_a_small_and_a_large_card():
    small = _count(*_page(4, levels=False, filled=False))
    large = _count(*_page(10, levels=True, filled=True))
    assert small == large
