"""Issue 10, item 3: the organizer asks judges for a comment on each criterion in the round
set-up form (off unless ticked)."""

import pytest
from django.urls import reverse

from tests.contests.test_views_rounds import round_post

pytestmark = pytest.mark.django_db


def test_the_round_form_turns_comments_on_criteria_on_and_off(organizer_client, contest, round1):
    url = reverse("contests:round_create", args=[contest.pk])
    html = organizer_client.get(url).content.decode()
    assert 'name="criterion_comments"' in html
    response = organizer_client.post(url, round_post(criterion_comments="on"))
    assert response.status_code == 302
    assert contest.rounds.get(name_ko="2차 발표심사").criterion_comments is True
    assert round1.criterion_comments is False  # off unless ticked
