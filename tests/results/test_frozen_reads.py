"""A finalized round is read from its snapshot alone: the live inputs are not built for its
results pages or its analysis. The robustness report is cached by the digest of the inputs it
is computed from: computed once while they stay the same, again when a score changes.

The spies below wrap the real functions and call through: they count, they do not replace.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import scoring.selectors.analysis
import scoring.selectors.result_pages
from scoring.models import Scorecard, ScoreEvent
from scoring.services.results import round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_reopen
from tests import factories
from tests.results.pages_scene import build_scene
from tests.results.test_analysis_pages import build

pytestmark = pytest.mark.django_db


def spy(monkeypatch, module, name: str) -> list:
    """Count the calls of `module.name` (the real function still runs); returns the call log."""
    real = getattr(module, name)
    calls = []

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture
def built(monkeypatch):
    return {
        "pages": spy(monkeypatch, scoring.selectors.result_pages, "round_inputs"),
        "analysis": spy(monkeypatch, scoring.selectors.analysis, "round_inputs"),
    }


def test_finalized_pages_do_not_build_the_live_inputs(organizer, organizer_client, built):
    scene = build_scene(organizer)
    scene.finish_round1()
    scene.score_round2()
    urls = [
        scene.url("round", scene.round1),
        scene.url("sheet", scene.round1, "2026-0001"),
        reverse("analysis:judges", args=[scene.contest.pk, scene.round1.pk]),
        reverse("analysis:robustness", args=[scene.contest.pk, scene.round1.pk]),
    ]
    for url in urls:
        assert organizer_client.get(url).status_code == 200
    assert (built["pages"], built["analysis"]) == ([], [])

    # Round 2 is live: its pages (and the overview, whose final round it is) build them.
    assert organizer_client.get(scene.url("round", scene.round2)).status_code == 200
    assert organizer_client.get(scene.url("index")).status_code == 200
    assert [args[0] for args in built["pages"]] == [scene.round2, scene.round2]
    round_finalize(round_=scene.round2, by=organizer)
    assert organizer_client.get(scene.url("index")).status_code == 200
    assert len(built["pages"]) == 2


def test_finalized_round_page_says_nothing_is_missing(organizer, organizer_client):
    scene = build_scene(organizer)
    scene.finish_round1()
    html = organizer_client.get(scene.url("round", scene.round1)).content.decode()
    assert "data-unsubmitted" not in html
    assert 'data-problem="earlier"' not in html


@pytest.fixture
def analysis(db):
    cache.clear()
    organizer = factories.OrganizerFactory()
    contest, round_ = build(organizer)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    url = reverse("analysis:robustness", args=[contest.pk, round_.pk])
    return organizer, round_, client, url


def test_robustness_is_computed_once_for_the_same_inputs(analysis, monkeypatch):
    organizer, round_, client, url = analysis
    computed = spy(monkeypatch, scoring.selectors.analysis, "robustness")
    first = client.get(url).content.decode()
    second = client.get(url + "?show=changed", HTTP_HX_REQUEST="true").content.decode()
    assert len(computed) == 1
    assert "Without 가심사: the winner becomes 2026-0002 사례 2; an award changes." in first
    assert '<tr data-entry="2026-0001" class="analysis-highlight">' in second

    # 가심사 gives 2026-0001 70 instead of 90: another input, computed again.
    card = Scorecard.objects.get(round=round_, judge__user__name="가심사",
                                 entry__receipt_number="2026-0001")  # fmt: skip
    card = scorecard_reopen(scorecard=card, by=organizer, via=ScoreEvent.Via.ORGANIZER,
                            reason="서명된 평가표 정정")  # fmt: skip
    scorecard_fill(
        scorecard=card, values={round_.criteria.get().pk: "70"}, comment=None,
        version=card.version, by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="정정",
        submit=True,
    )  # fmt: skip
    changed = client.get(url).content.decode()
    assert len(computed) == 2
    assert "Without 가심사: the winner becomes 2026-0002 사례 2" not in changed
    client.get(url)
    assert len(computed) == 2

    # Finalizing freezes the same inputs: the report computed for them is the one shown.
    round_finalize(round_=round_, by=organizer)
    assert "Computed from the round's frozen snapshot." in client.get(url).content.decode()
    assert len(computed) == 2
