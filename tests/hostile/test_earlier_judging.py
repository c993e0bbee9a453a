"""Earlier hostile cases of the judging set-up pages: other contests' ids and drafts stay hidden."""

import pytest
from django.urls import reverse

from tests import factories
from tests.judging.conftest import _english, login, organizer_client, world  # noqa: F401
from tests.judging.test_views import _urls

pytestmark = pytest.mark.django_db


def test_judge_cannot_reach_set_up_pages_of_a_draft_contest(world, login):  # noqa: F811
    world.contest.is_published = False
    world.contest.save()
    judge = login(world.judges[0].user)
    for url in _urls(world):
        assert judge.get(url).status_code == 404, url


def test_round_id_of_another_contest_in_the_url_is_404(world, organizer_client):  # noqa: F811
    other_round = factories.RoundFactory()
    url = reverse("judging:matrix", args=[world.contest.pk, other_round.pk])
    assert organizer_client.get(url).status_code == 404


def test_toggling_a_judge_of_another_contest_is_404(world, organizer_client):  # noqa: F811
    stranger = factories.JudgeFactory()
    toggle = reverse("judging:toggle", args=[world.contest.pk, world.round.pk])
    response = organizer_client.post(toggle, {"pair": f"{stranger.pk}-{world.entries[0].pk}"})
    assert response.status_code == 404
