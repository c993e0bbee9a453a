"""An award tie is decided on the contest results page (results:decide_award), beside the contest
scores it is about; the round page keeps its form for line ties only.

Scene (tests/results/pages_scene.py) without a tie-break chain and with 0007's round-2 cards at
90 and 84: 0005 and 0007 both reach a contest score of 76.2 (0.4 * 78 + 0.6 * 75 and
0.4 * 60 + 0.6 * 87), tied on the 우수상 boundary in 지자체.
"""

import pytest
from django.utils import translation

from contests.models import TieBreakRule
from scoring.models import TieDecision
from scoring.services.results import round_finalize
from tests.results.pages_scene import build_scene, english, flashes, ranking

ORDER = {"group": "2026-0005,2026-0007", "place_1": "2026-0007", "place_2": "2026-0005"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    scene.finish_round1()
    TieBreakRule.objects.all().delete()
    scene.score_round2({"2026-0007": (90, 84)})
    return scene


@pytest.fixture
def client(organizer_client):
    return english(organizer_client)


def awards(html: str) -> list[tuple[str, str, str]]:
    return [(row["rank"], row["entry"], row["award"]) for row in ranking(html)][2:]


def test_deciding_from_the_contest_page_returns_there_with_the_order(scene, client):
    response = client.post(
        scene.url("decide_award"), {"scope": "contest", **ORDER, "reason": "심사위원회 의결"},
        follow=True,
    )  # fmt: skip
    assert response.redirect_chain == [(scene.url("index"), 302)]
    assert flashes(response) == [("success", "The order is recorded: 2026-0007 > 2026-0005.")]
    html = response.content.decode()
    assert awards(html) == [("3", "2026-0007", "Merit"), ("4", "2026-0005", "—")]
    assert 'id="award-ties"' not in html
    decision = TieDecision.objects.get(scope="contest")
    assert (decision.round, decision.entries, decision.reason, decision.by) == (
        scene.round2, ["2026-0007", "2026-0005"], "심사위원회 의결", scene.organizer,
    )  # fmt: skip
    round2 = client.get(scene.url("round", scene.round2)).content.decode()
    assert "Final ranking: 2026-0007 사례 7 > 2026-0005 사례 5 — 심사위원회 의결" in round2


def test_the_decision_is_always_for_the_contest_ranking(scene, client):
    """Whatever scope is posted, the contest page's form records a final-ranking decision."""
    client.post(scene.url("decide_award"), {"scope": "round", **ORDER, "reason": "의결"})
    assert list(TieDecision.objects.filter(round=scene.round2).values_list("scope", "entries")) == [
        ("contest", ["2026-0007", "2026-0005"])
    ]


def test_refusals_come_back_to_the_contest_page_and_record_nothing(scene, client):
    url = scene.url("decide_award")
    response = client.post(url, {"scope": "contest", **ORDER}, follow=True)
    assert response.redirect_chain == [(scene.url("index"), 302)]
    assert flashes(response) == [("error", "Give the reason.")]
    response = client.post(url, {"scope": "contest", "group": "2026-0005"}, follow=True)
    assert flashes(response) == [("error", "Put at least two different entries in order.")]
    response = client.post(
        url, {"scope": "contest", **ORDER, "place_2": "2026-0007", "reason": "의결"}, follow=True
    )
    assert flashes(response) == [("error", "Give each entry exactly one place.")]
    response = client.post(
        url, {"scope": "contest", "group": "2026-0005,9999-0001", "place_1": "2026-0005",
              "place_2": "9999-0001", "reason": "의결"},
        follow=True,
    )  # fmt: skip
    assert flashes(response) == [("error", "Every entry must belong to this contest.")]
    assert not TieDecision.objects.filter(scope="contest").exists()
    html = response.content.decode()
    assert awards(html)[0][0] == "Tied 3"  # still tied, the form still offered
    assert 'id="award-ties"' in html


def test_a_finalized_final_round_refuses_a_decision(scene, client):
    client.post(
        scene.url("decide_award"), {"scope": "contest", **ORDER, "reason": "의결"}, follow=True
    )
    round_finalize(round_=scene.round2, by=scene.organizer)
    response = client.post(
        scene.url("decide_award"),
        {"scope": "contest", **ORDER, "place_1": "2026-0005", "place_2": "2026-0007",
         "reason": "번복"},
        follow=True,
    )  # fmt: skip
    assert flashes(response) == [
        ("error", "This round is finalized; reopen it with a reason first.")
    ]
    assert TieDecision.objects.get(scope="contest").entries == ["2026-0007", "2026-0005"]


def test_the_round_page_keeps_its_form_for_line_ties_only(organizer, client):
    scene = build_scene(organizer)
    html = client.get(scene.url("round", scene.round1)).content.decode()
    assert html.count("data-tie=") == 1
    assert f'action="{scene.url("decide", scene.round1)}"' in html
    assert 'name="scope" value="round"' in html
    # The round's scores beside the tied entries: 80 each (trimmed means).
    assert '<tr data-tied="2026-0002"><th scope="row">2026-0002 사례 2</th>' in html
    assert html.count('<td data-k="tied-score">80.00</td>') == 2


def test_decide_award_is_post_only(scene, client):
    assert client.get(scene.url("decide_award")).status_code == 405
