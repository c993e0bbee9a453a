"""Earlier hostile cases of the organizer's scoring control: ids of another contest, forged and
non-ASCII ids (`²` is a digit to `str.isdigit` but not to `int`) answer 404 and send nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.control.conftest import _english_messages, scene  # noqa: F401  (fixtures)
from tests.control.test_reminders import _url, half_done  # noqa: F401

pytestmark = pytest.mark.django_db


def test_control_ids_of_another_contest_in_the_url_are_404(scene, organizer_client):  # noqa: F811
    other = factories.AssignmentFactory()
    contest = scene.contest.pk
    for url in (
        reverse("control:remind", args=[contest, other.round.pk]),
        reverse("control:score_template", args=[contest, other.round.pk]),
        reverse("control:audit_entry", args=[contest, other.entry.pk]),
        reverse("control:audit_judge", args=[contest, other.judge.pk]),
        reverse(
            "control:on_behalf",
            args=[contest, scene.round.pk, other.judge.pk, scene.entries[0].pk],
        ),
    ):
        assert organizer_client.get(url).status_code == 404, url


def test_reminding_a_stranger_judge_or_a_non_ascii_id_is_404(half_done, organizer_client):  # noqa: F811
    stranger = factories.JudgeFactory()
    assert organizer_client.post(_url(half_done), {"judge": stranger.pk}).status_code == 404
    assert organizer_client.get(_url(half_done), {"judge": "x"}).status_code == 404
    assert organizer_client.get(_url(half_done), {"judge": "²"}).status_code == 404
    assert mail.outbox == []
