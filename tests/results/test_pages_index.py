"""The organizer's contest results overview: rounds, the final ranking with awards, award ties,
overrides and publication (tests/results/pages_scene.py: round 1 weight 40, round 2 weight 60).

After round 1 (0003 ordered above 0002 by decision): 0001 85, 0003 80, 0005 78, 0007 60.
Round 2 means: 0001 85, 0003 90, 0005 75, 0007 90. Contest score = 0.4 * round 1 + 0.6 * round 2:
0003 86, 0001 85, 0007 78, 0005 76.2. 대상 (1 overall): 0003; 우수상 (1 per category): 0001 in
중앙부처, 0007 in 지자체.
"""

import re

import pytest
from django.utils import translation

from contests.models import TieBreakRule
from scoring.models import AwardOverride, TieDecision
from scoring.services.results import round_finalize
from tests.results.pages_scene import build_scene, english, flashes, ranking


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(organizer):
    return build_scene(organizer)


@pytest.fixture
def client(organizer_client):
    return english(organizer_client)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def tied(markup: str) -> list[tuple[str, str, str]]:
    """The tied entries a tie form lists: (receipt number, entry, score shown)."""
    return re.findall(
        r'<tr data-tied="([^"]+)"><th scope="row">(.*?)</th><td data-k="tied-score">(.*?)</td>',
        markup,
    )


def final_rows(html: str) -> list[tuple]:
    return [
        (row["rank"], row["entry"], row["category"], row["round1"], row["round2"], row["score"],
         row["award"])
        for row in ranking(html)
    ]  # fmt: skip


def test_before_anything_is_final(scene, client):
    html = page(client, scene.url("index"))
    for state in (scene.round1, scene.round2):
        row = html[html.index(f'data-round="{state.pk}"') :]
        assert "Live: not final yet" in row[: row.index("</tr>")]
    assert "The final ranking appears here once the final round has scores." in html
    assert "Not published. Every round must be finalized first." in html


def test_final_ranking_with_awards_and_the_contest_line(scene, client):
    result = scene.finish_round1()
    scene.score_round2()
    html = page(client, scene.url("index"))
    row = html[html.index(f'data-round="{scene.round1.pk}"') :]
    assert f"by 김주관, digest {result.digest[:12]}…" in row[: row.index("</tr>")]
    assert "Computed now from the final round's submitted scores: not final yet." in html
    assert final_rows(html) == [
        ("1", "2026-0003", "Central", "80.00", "90.00", "86.00", "Grand prize"),
        ("2", "2026-0001", "Central", "85.00", "85.00", "85.00", "Merit"),
        ("3", "2026-0007", "Local", "60.00", "90.00", "78.00", "Merit"),
        ("4", "2026-0005", "Local", "78.00", "75.00", "76.20", "—"),
    ]
    assert 'data-k="score" title="76.20">76.20</td>' in html

    sheet = page(client, scene.url("sheet", scene.round2, "2026-0001"))
    lines = re.findall(r'<tr data-round-line="\d">(.*?)</tr>', sheet)
    assert lines == [
        '<th scope="row">Written review</th><td data-k="weight">40</td>'
        '<td data-k="value" title="85">85.00</td>',
        '<th scope="row">Presentation</th><td data-k="weight">60</td>'
        '<td data-k="value" title="85">85.00</td>',
    ]
    assert 'data-k="contest-line"' in sheet
    assert 'data-k="score" title="85"><strong>85.00</strong>' in sheet
    assert 'data-k="contest_rank">2</dd>' in sheet
    assert 'data-k="award">Merit</dd>' in sheet

    # Round 2 alone: 0003 and 0007 both have 90; the chain (혁신성 in round 1) splits them.
    round2 = ranking(page(client, scene.url("round", scene.round2)))
    assert [(r["rank"], r["entry"], r["score"], r["split"]) for r in round2] == [
        ("1", "2026-0003", "90.00", "Step 1: Higher average on Innovation"),
        ("2", "2026-0007", "90.00", "Step 1: Higher average on Innovation"),
        ("3", "2026-0001", "85.00", "—"),
        ("4", "2026-0005", "75.00", "—"),
    ]


def test_award_tie_is_flagged_and_decided(scene, client):
    scene.finish_round1()
    TieBreakRule.objects.all().delete()
    scene.score_round2({"2026-0007": (90, 84)})  # 87: contest score 76.2, as 0005
    html = page(client, scene.url("index"))
    assert [(r[0], r[1], r[6]) for r in final_rows(html)] == [
        ("1", "2026-0003", "Grand prize"),
        ("2", "2026-0001", "Merit"),
        ("Tied 3", "2026-0005", "— Tied on an award boundary"),
        ("Tied 3", "2026-0007", "— Tied on an award boundary"),
    ]
    message = "2026-0005 사례 5, 2026-0007 사례 7 are tied on the boundary of Merit in Local."
    assert message in html
    # Decided beside the contest ranking: the tied entries with their contest scores.
    form = html[html.index('id="award-ties"') :]
    form = form[: form.index("</form>")]
    assert f'action="{scene.url("decide_award")}"' in form
    assert 'name="scope" value="contest"' in form
    assert 'name="group" value="2026-0005,2026-0007"' in form
    assert tied(form) == [("2026-0005", "2026-0005 사례 5", "76.20"),
                          ("2026-0007", "2026-0007 사례 7", "76.20")]  # fmt: skip
    round2 = page(client, scene.url("round", scene.round2))
    assert message in round2  # the round page says so and links to the contest results page
    assert f'<a href="{scene.url("index")}#award-ties">' in round2
    assert 'name="scope" value="contest"' not in round2

    response = client.post(
        scene.url("decide_award"),
        {"scope": "contest", "group": "2026-0005,2026-0007", "place_1": "2026-0007",
         "place_2": "2026-0005", "reason": "심사위원회 의결"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == scene.url("index")
    decision = TieDecision.objects.get(scope="contest")
    assert (decision.round, decision.scope, decision.entries, decision.reason) == (
        scene.round2, "contest", ["2026-0007", "2026-0005"], "심사위원회 의결"
    )  # fmt: skip
    html = page(client, scene.url("index"))
    assert [(r[0], r[1], r[6]) for r in final_rows(html)][2:] == [
        ("3", "2026-0007", "Merit"),
        ("4", "2026-0005", "—"),
    ]
    assert "tied on the boundary" not in html


def test_award_override_with_reason(scene, client):
    scene.finish_round1()
    scene.score_round2()
    url = scene.url("override")
    response = client.post(url, {"entry": "2026-0005", "tier": f"A{scene.merit.pk}"}, follow=True)
    assert flashes(response) == [("error", "Give the reason.")]
    assert not AwardOverride.objects.exists()
    response = client.post(url, {"entry": "9999-0001", "tier": "", "reason": "x"}, follow=True)
    assert [level for level, _text in flashes(response)] == ["error"]
    assert not AwardOverride.objects.exists()

    response = client.post(
        url, {"entry": "2026-0005", "tier": f"A{scene.merit.pk}", "reason": "특별 공로"},
        follow=True,
    )  # fmt: skip
    assert flashes(response) == [("success", "The award of 2026-0005 is now: Merit.")]
    html = response.content.decode()
    assert final_rows(html)[3] == (
        "4",
        "2026-0005",
        "Local",
        "78.00",
        "75.00",
        "76.20",
        "Merit Overridden",
    )
    assert "2026-0005 사례 5 → Merit: 특별 공로 (recorded by 김주관)" in html

    client.post(url, {"entry": "2026-0001", "tier": "", "reason": "표절 확인"})
    html = page(client, scene.url("index"))
    assert final_rows(html)[1][6] == "— Overridden"
    assert "2026-0001 사례 1 → No award: 표절 확인 (recorded by 김주관)" in html

    round_finalize(round_=scene.round2, by=scene.organizer)
    html = page(client, scene.url("index"))
    assert "Override an award" not in html
    assert "From the final round's frozen snapshot." in html
    response = client.post(
        url, {"entry": "2026-0007", "tier": "", "reason": "늦은 이의"}, follow=True
    )
    assert flashes(response) == [
        ("error", "This round is finalized; reopen it with a reason first.")
    ]
    assert AwardOverride.objects.count() == 2


def test_publish_only_when_every_round_is_final(scene, client):
    publish = scene.url("publish")
    response = client.post(publish, {"scores": "on", "ranks": "on"}, follow=True)
    assert flashes(response) == [("error", "Finalize every round before publishing the results.")]
    scene.contest.refresh_from_db()
    assert scene.contest.results_published_at is None

    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=scene.organizer)
    response = client.post(publish, {"scores": "on"}, follow=True)
    assert flashes(response) == [("success", "The results are published.")]
    scene.contest.refresh_from_db()
    assert scene.contest.results_published_at is not None
    assert (scene.contest.publish_scores, scene.contest.publish_ranks) == (True, False)
    html = response.content.decode()
    assert "Scores are public. Agencies do not see their rank." in " ".join(html.split())
    assert "Withdraw the publication" in html

    response = client.post(publish, {"scores": "on", "ranks": "on"}, follow=True)
    assert flashes(response) == [("error", "The results are already published.")]
    response = client.post(scene.url("reopen", scene.round2), {"reason": "정정"}, follow=True)
    assert flashes(response) == [
        ("error", "The results are published: withdraw the publication first.")
    ]

    response = client.post(scene.url("unpublish"), {"reason": "수상작 재검토"}, follow=True)
    assert flashes(response) == [("success", "The results are withdrawn from the public.")]
    scene.contest.refresh_from_db()
    assert scene.contest.results_published_at is None
    response = client.post(scene.url("unpublish"), {"reason": "수상작 재검토"}, follow=True)
    assert flashes(response) == [("error", "The results are not published.")]
