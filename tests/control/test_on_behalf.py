"""Scores entered on a judge's behalf from a signed paper sheet, and reopening with a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scoring.models import Score, Scorecard, ScoreEvent
from tests.control.conftest import english, events

pytestmark = pytest.mark.django_db

SOURCE = "서명된 평가표 2026-11-30"


def _url(scene, judge, entry):
    return reverse("control:on_behalf", args=[scene.contest.pk, scene.round.pk, judge.pk, entry.pk])


def _form(scene, version=0, **extra):
    return {
        f"criterion_{scene.innovation.pk}": "27",
        f"criterion_{scene.effect.pk}": "18.5",
        "comment": "현장 적용성이 높음",
        "source": SOURCE,
        "version": str(version),
        **extra,
    }


def test_organizer_enters_and_submits_scores_every_event_marked_organizer(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    page = english(organizer_client).get(_url(scene, kim, entry)).content.decode()
    assert f'name="criterion_{scene.innovation.pk}"' in page
    response = organizer_client.post(_url(scene, kim, entry), _form(scene, submit_card="on"))
    assert response.status_code == 302
    assert response.url == reverse("control:audit_entry", args=[scene.contest.pk, entry.pk])
    card = Scorecard.objects.get(judge=kim, entry=entry)
    assert (card.status, card.version, card.comment) == ("submitted", 4, "현장 적용성이 높음")
    assert dict(card.scores.values_list("criterion__name_ko", "value")) == {
        "혁신성": Decimal("27"),
        "효과성": Decimal("18.5"),
    }
    assert events() == [
        ("score", "혁신성", "", "27", "organizer", SOURCE),
        ("score", "효과성", "", "18.5", "organizer", SOURCE),
        ("comment", None, "", "현장 적용성이 높음", "organizer", SOURCE),
        ("status", None, "draft", "submitted", "organizer", SOURCE),
    ]
    assert set(ScoreEvent.objects.values_list("by", flat=True)) == {scene.organizer.pk}


def test_only_changed_values_are_recorded_when_saving_over_a_draft(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    card = scene.score(kim, entry, {scene.innovation: "27"})
    organizer_client.post(_url(scene, kim, entry), _form(scene, version=card.version))
    card.refresh_from_db()
    assert card.status == "draft"
    assert events(via="organizer") == [
        ("score", "효과성", "", "18.5", "organizer", SOURCE),
        ("comment", None, "", "현장 적용성이 높음", "organizer", SOURCE),
    ]


def test_source_is_required_and_bad_values_are_shown_next_to_the_field(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    data = _form(scene, source=" ", **{f"criterion_{scene.effect.pk}": "18.25"})
    response = english(organizer_client).post(_url(scene, kim, entry), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say where these scores come from." in html
    assert "Use steps of 0.5 points." in html
    assert 'value="18.25"' in html  # what was typed is kept
    assert ScoreEvent.objects.count() == 0
    assert Score.objects.count() == 0


def test_submit_needs_every_criterion(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    data = _form(scene, submit_card="on", **{f"criterion_{scene.effect.pk}": ""})
    html = english(organizer_client).post(_url(scene, kim, entry), data).content.decode()
    assert "Score every criterion before submitting." in html
    assert ScoreEvent.objects.count() == 0


def test_a_stale_form_is_refused_and_nothing_is_overwritten(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    scene.score(kim, entry, {scene.innovation: "10"})  # the judge saved meanwhile (version 1)
    response = english(organizer_client).post(_url(scene, kim, entry), _form(scene, version=0))
    assert response.status_code == 302
    assert Score.objects.get(criterion=scene.innovation).value == Decimal("10")
    assert ScoreEvent.objects.filter(via="organizer").count() == 0
    page = english(organizer_client).get(response.url).content.decode()
    assert "The judge changed this scorecard meanwhile" in page


def test_an_unassigned_judge_is_refused_with_a_clear_message(scene, organizer_client):
    park, entry = scene.judges[2], scene.entries[0]
    for response in (
        english(organizer_client).get(_url(scene, park, entry)),
        english(organizer_client).post(_url(scene, park, entry), _form(scene)),
    ):
        assert response.status_code == 409
        assert "This entry is not assigned to this judge in this round" in response.content.decode()
    assert Scorecard.objects.count() == 0


def test_a_submitted_scorecard_must_be_reopened_first(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    card = scene.score(kim, entry, {scene.innovation: "20", scene.effect: "10"}, submit=True)
    response = english(organizer_client).post(_url(scene, kim, entry), _form(scene, version=3))
    assert response.status_code == 409
    html = response.content.decode()
    assert "This scorecard is submitted; reopen it to change it." in html
    assert reverse("control:scorecard_reopen", args=[scene.contest.pk, card.pk]) in html
    assert ScoreEvent.objects.filter(via="organizer").count() == 0


def test_reopen_requires_a_reason_and_is_audited(scene, organizer_client):
    kim, entry = scene.judges[0], scene.entries[0]
    card = scene.score(kim, entry, {scene.innovation: "20", scene.effect: "10"}, submit=True)
    url = reverse("control:scorecard_reopen", args=[scene.contest.pk, card.pk])
    response = english(organizer_client).post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Give the reason for reopening." in response.content.decode()
    card.refresh_from_db()
    assert card.status == "submitted"
    response = organizer_client.post(url, {"reason": "심사위원 요청: 혁신성 정정"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.submitted_at) == ("draft", None)
    assert events(via="organizer") == [
        ("status", None, "submitted", "draft", "organizer", "심사위원 요청: 혁신성 정정"),
    ]
    # A draft cannot be reopened again.
    again = english(organizer_client).post(url, {"reason": "again"})
    assert "Only a submitted scorecard can be reopened." in again.content.decode()
    assert ScoreEvent.objects.filter(via="organizer").count() == 1


def test_scorecard_of_another_contest_is_404(scene, organizer_client):
    from tests import factories

    other = factories.ScorecardFactory()
    url = reverse("control:scorecard_reopen", args=[scene.contest.pk, other.pk])
    assert organizer_client.get(url).status_code == 404
