"""Pages run a fixed number of queries whatever the amount of data."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_contests(n, organizer):
    for i in range(n):
        contest = f.ContestFactory(organizers=[organizer] if i % 2 else [], is_published=i % 3 != 0)
        f.CategoryFactory(contest=contest)
        f.RoundFactory(contest=contest)


@pytest.mark.parametrize("who", ["anonymous", "organizer", "admin"])
def test_list_query_count_does_not_grow(
    client, organizer_client, admin_client_, organizer, who, django_assert_num_queries
):
    http = {"anonymous": client, "organizer": organizer_client, "admin": admin_client_}[who]
    make_contests(2, organizer)
    small = count_queries(http, reverse("contests:list"))
    make_contests(10, organizer)
    response = http.get(reverse("contests:list"))
    assert len(response.context["contests"]) == {"anonymous": 7, "organizer": 9, "admin": 12}[who]
    with django_assert_num_queries(small):
        http.get(reverse("contests:list"))


def fill(contest, n):
    """n categories, award tiers, questions; a round with n panels and n criteria."""
    for _ in range(n):
        f.CategoryFactory(contest=contest)
        f.AwardTierFactory(contest=contest)
        f.EntryQuestionFactory(contest=contest)
    round_ = f.RoundFactory(contest=contest, weight=Decimal("0"))
    for _ in range(n):
        f.PanelFactory(round=round_, weight=Decimal("10"))
        criterion = f.CriterionFactory(round=round_, max_points=Decimal("10"))
        f.LevelFactory(criterion=criterion, points=Decimal("10"))
        f.LevelFactory(criterion=criterion, points=Decimal("5"))
    return round_


@pytest.mark.parametrize("manager", [False, True])
def test_detail_query_count_does_not_grow(
    client, organizer_client, contest, manager, django_assert_num_queries
):
    http = organizer_client if manager else client
    fill(contest, 2)
    small = count_queries(http, reverse("contests:detail", args=[contest.pk]))
    fill(contest, 10)
    with django_assert_num_queries(small):
        response = http.get(reverse("contests:detail", args=[contest.pk]))
    assert len(response.context["contest"].round_list) == 2


def test_rubric_page_query_count_does_not_grow(
    organizer_client, contest, django_assert_num_queries
):
    small_round = fill(contest, 2)
    big_round = fill(contest, 10)
    small = count_queries(
        organizer_client, reverse("contests:rubric", args=[contest.pk, small_round.pk])
    )
    with django_assert_num_queries(small):
        response = organizer_client.get(reverse("contests:rubric", args=[contest.pk, big_round.pk]))
    assert len(response.context["items"]) == 10
