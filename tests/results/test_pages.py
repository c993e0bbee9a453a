"""The organizer's round results page and 집계표 (namespace `results`), on the hand-computed
contest of tests/results/pages_scene.py. Messages are asserted in English (the msgids); the
Korean wording is checked in test_pages_korean.py."""

import json

import pytest
from django.utils import translation

from scoring.models import Advancement, ResultExclusion, RoundResult, TieDecision
from tests.results.pages_scene import build_scene, column, english, flashes, ranking

RECEIPTS = ["2026-0001", "2026-0002", "2026-0003", "2026-0005", "2026-0004", "2026-0007",
            "2026-0006"]  # fmt: skip


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


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_live_ranking_shows_exact_ranks_scores_and_splits(scene, client):
    html = page(client, scene.url("round", scene.round1))
    assert ranking(html) == [
        {"entry": "2026-0001", "rank": "1", "category_rank": "1", "receipt": "2026-0001",
         "title": "사례 1", "category": "Central", "score": "85.00", "split": "—",
         "advanced": "Yes"},
        {"entry": "2026-0002", "rank": "Tied 2", "category_rank": "Tied 2",
         "receipt": "2026-0002", "title": "사례 2", "category": "Central", "score": "80.00",
         "split": "—", "advanced": "No"},
        {"entry": "2026-0003", "rank": "Tied 2", "category_rank": "Tied 2",
         "receipt": "2026-0003", "title": "사례 3", "category": "Central", "score": "80.00",
         "split": "—", "advanced": "No"},
        {"entry": "2026-0005", "rank": "4", "category_rank": "1", "receipt": "2026-0005",
         "title": "사례 5", "category": "Local", "score": "78.00", "split": "—",
         "advanced": "Yes"},
        {"entry": "2026-0004", "rank": "5", "category_rank": "4", "receipt": "2026-0004",
         "title": "사례 4", "category": "Central", "score": "70.00", "split": "—",
         "advanced": "No"},
        {"entry": "2026-0007", "rank": "6", "category_rank": "2", "receipt": "2026-0007",
         "title": "사례 7", "category": "Local", "score": "60.00",
         "split": "Step 1: Higher average on Innovation", "advanced": "Yes"},
        {"entry": "2026-0006", "rank": "7", "category_rank": "3", "receipt": "2026-0006",
         "title": "사례 6", "category": "Local", "score": "60.00",
         "split": "Step 1: Higher average on Innovation", "advanced": "No"},
    ]  # fmt: skip
    assert 'data-k="score" title="85">85.00</td>' in html  # full precision on hover
    assert 'data-k="state"><span class="krds-badge bg-light-warning">Live: not final yet' in html
    assert "Trimmed mean (drop highest and lowest): 1 dropped at each end" in html
    assert "The top 2 of each category advance to Presentation." in html
    assert '<ol data-k="chain"><li>Higher average on Innovation</li></ol>' in html


def test_problems_say_what_to_do(scene, client):
    html = page(client, scene.url("round", scene.round1))
    assert "1 assigned scorecard is not submitted." in html
    unsubmitted = f'data-unsubmitted="{scene.judges[3].pk}-{scene.entries["2026-0006"].pk}"'
    assert unsubmitted in html
    row = html[html.index(unsubmitted) :]
    assert '<th scope="row">라심사</th>' in row[:200]
    assert "2026-0006 사례 6" in row[:300]
    assert "2026-0002 사례 2, 2026-0003 사례 3 are tied on the advancement line in Central." in html
    assert "The tie-break chain cannot separate them: record their order below" in html
    assert 'name="group" value="2026-0002,2026-0003"' in html
    assert 'name="scope" value="round"' in html


def test_sort_by_any_column_and_filter_by_category(scene, client):
    url = scene.url("round", scene.round1)
    assert column(page(client, url), "entry") == RECEIPTS
    # Rank sorts by the unrounded ranking: 0007 above 0006 although both show 60.00.
    assert column(page(client, url + "?sort=-rank"), "entry") == RECEIPTS[::-1]
    assert column(page(client, url + "?sort=score"), "entry") == [
        "2026-0007", "2026-0006", "2026-0004", "2026-0005", "2026-0002", "2026-0003",
        "2026-0001",
    ]  # fmt: skip
    assert column(page(client, url + "?sort=-title"), "entry") == [
        "2026-0007", "2026-0006", "2026-0005", "2026-0004", "2026-0003", "2026-0002",
        "2026-0001",
    ]  # fmt: skip
    assert column(page(client, url + "?sort=category"), "entry") == [
        "2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0007",
        "2026-0006",
    ]  # fmt: skip
    assert column(page(client, url + "?sort=advanced"), "entry") == [
        "2026-0002", "2026-0003", "2026-0004", "2026-0006", "2026-0001", "2026-0005",
        "2026-0007",
    ]  # fmt: skip
    local = f"K{scene.local.pk}"
    assert column(page(client, url + f"?category={local}"), "entry") == [
        "2026-0005",
        "2026-0007",
        "2026-0006",
    ]
    # Unknown sorts and categories fall back to the ranking of every entry.
    assert column(page(client, url + "?sort=nonsense&category=K0"), "entry") == RECEIPTS


def test_htmx_swaps_only_the_table(scene, client):
    url = scene.url("round", scene.round1) + f"?sort=-score&category=K{scene.central.pk}"
    html = page(client, url, HTTP_HX_REQUEST="true")
    assert "<html" not in html
    assert "Before this round can be finalized" not in html
    assert column(html, "entry") == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    # The headers link to the next sort, keeping the filter; the current one says its order.
    assert f'aria-sort="descending"><a href="?sort=score&amp;category=K{scene.central.pk}"' in html
    assert f'hx-get="?sort=-rank&amp;category=K{scene.central.pk}"' not in html
    assert f'hx-get="?sort=rank&amp;category=K{scene.central.pk}"' in html


def test_sheet_marks_dropped_totals_and_panel_lines(scene, client):
    html = page(client, scene.url("sheet", scene.round1, "2026-0003"))
    lines = [
        ("가심사", "<del>75</del>", "Dropped (highest or lowest)"),
        ("나심사", "80", "Counted"),
        ("다심사", "<del>90</del>", "Dropped (highest or lowest)"),
    ]
    for n, (name, total, counted) in enumerate(lines, 1):
        row = html[html.index(f'data-judge-line="{n}"') :]
        row = row[: row.index("</tr>")]
        assert f'data-k="judge">{name}</th>' in row
        assert f'data-k="total">{total}</td>' in row
        assert counted in row
    assert 'data-k="score" title="80"><strong>80.00</strong>' in html
    assert 'data-k="rank">Tied 2</dd>' in html
    assert 'data-k="category_rank">Tied 2</dd>' in html
    assert 'data-k="advanced">No</dd>' in html
    assert 'data-k="contest"' not in html  # round 1 is not the final round


def test_sheet_of_an_entry_outside_the_round_is_404(scene, client):
    response = client.get(scene.url("sheet", scene.round2, "2026-0001"))  # not advanced yet
    assert response.status_code == 404


def test_exclude_decide_finalize_advance_and_reopen(scene, client):
    judge, entry = scene.judges[3], scene.entries["2026-0006"]
    response = client.post(
        scene.url("exclude", scene.round1),
        {"judge": judge.pk, "entry": entry.pk, "reason": "심사위원 불참"},
    )
    assert response.status_code == 302
    assert response["Location"] == scene.url("round", scene.round1)
    exclusion = ResultExclusion.objects.get()
    assert (exclusion.judge, exclusion.entry, exclusion.reason) == (judge, entry, "심사위원 불참")
    html = page(client, scene.url("round", scene.round1))
    assert "Scorecards not submitted" not in html
    assert "라심사 — 2026-0006 사례 6: 심사위원 불참 (recorded by 김주관)" in html

    response = client.post(
        scene.url("decide", scene.round1),
        {"scope": "round", "group": "2026-0002,2026-0003", "place_1": "2026-0003",
         "place_2": "2026-0002", "reason": "심사위원회 의결"},
        follow=True,
    )  # fmt: skip
    assert flashes(response) == [("success", "The order is recorded: 2026-0003 > 2026-0002.")]
    assert list(TieDecision.objects.values_list("entries", "reason")) == [
        (["2026-0003", "2026-0002"], "심사위원회 의결")
    ]
    html = response.content.decode()
    assert column(html, "rank") == ["1", "2", "3", "4", "5", "6", "7"]
    assert column(html, "split")[1:3] == ["Organizer's decision", "Organizer's decision"]
    assert "Round ranking: 2026-0003 사례 3 > 2026-0002 사례 2 — 심사위원회 의결" in html

    response = client.post(
        scene.url("finalize", scene.round1), {"confirm": "yes", "note": "1차 의결"}, follow=True
    )
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    assert flashes(response) == [
        ("success", f"Written review is finalized. Digest (SHA-256): {result.digest}"),
        ("info", "4 entries advance to the next round."),
    ]
    assert sorted(
        Advancement.objects.filter(round=scene.round2).values_list(
            "entry__receipt_number", flat=True
        )
    ) == ["2026-0001", "2026-0003", "2026-0005", "2026-0007"]
    html = response.content.decode()
    assert f'<code data-k="digest">{result.digest}</code>' in html
    assert 'data-k="by">김주관</dd>' in html
    assert "4 entries advanced to Presentation." in html
    assert column(html, "advanced") == ["Yes", "Yes", "No", "Yes", "No", "Yes", "No"]
    assert "Before this round can be finalized" not in html
    assert "Include again" not in html  # nothing changes in a finalized round

    response = client.post(
        scene.url("reopen", scene.round1), {"reason": "점수 입력 오류 정정"}, follow=True
    )
    assert flashes(response) == [
        ("success", "Written review is reopened: its snapshot is voided and scores can change "
                    "again.")
    ]  # fmt: skip
    result.refresh_from_db()
    assert (result.voided_by, result.void_reason) == (scene.organizer, "점수 입력 오류 정정")
    assert not Advancement.objects.exists()
    html = response.content.decode()
    assert f'data-voided="{result.pk}"' in html
    assert f"(digest {result.digest[:12]}…); reopened" in html
    assert ": 점수 입력 오류 정정" in html

    response = client.post(
        scene.url("include", scene.round1), {"exclusion": exclusion.pk}, follow=True
    )
    assert flashes(response) == [("success", "라심사's scorecard for 2026-0006 is expected again.")]
    assert not ResultExclusion.objects.exists()


def test_finalize_refusals_change_nothing(scene, client):
    url = scene.url("finalize", scene.round1)
    response = client.post(url)  # no confirmation: back to the confirmation step
    assert response["Location"] == scene.url("round", scene.round1) + "?confirm=finalize#finalize"
    html = page(client, response["Location"])
    assert "Finalize now" in html
    assert 'name="confirm" value="yes"' in html

    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert flashes(response) == [
        ("error", "1 assigned scorecard is not submitted: wait for it, or exclude it with "
                  "a reason.")
    ]  # fmt: skip
    assert not RoundResult.objects.exists()

    scene.finish_round1()
    before = RoundResult.objects.get()
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert flashes(response) == [("error", "This round is already finalized.")]
    assert list(RoundResult.objects.all()) == [before]


def test_line_tie_keeps_the_round_from_being_final(scene, client):
    judge, entry = scene.judges[3], scene.entries["2026-0006"]
    client.post(scene.url("exclude", scene.round1),
                {"judge": judge.pk, "entry": entry.pk, "reason": "불참"}, follow=True)  # fmt: skip
    response = client.post(scene.url("finalize", scene.round1), {"confirm": "yes"}, follow=True)
    assert flashes(response) == [
        ("error", "The result is not final yet: 1 problem is listed on the results page.")
    ]
    assert not RoundResult.objects.exists()


def test_action_refusals_show_the_message_and_change_nothing(scene, client):
    judge, entry = scene.judges[3], scene.entries["2026-0006"]
    response = client.post(
        scene.url("exclude", scene.round1),
        {"judge": judge.pk, "entry": entry.pk, "reason": "  "},
        follow=True,
    )
    assert flashes(response) == [("error", "Give the reason.")]
    response = client.post(
        scene.url("exclude", scene.round1),
        {"judge": scene.judges[3].pk, "entry": scene.entries["2026-0001"].pk, "reason": "x"},
        follow=True,
    )  # not assigned
    assert flashes(response) == [("error", "This judge is not assigned this entry in this round.")]
    response = client.post(
        scene.url("exclude", scene.round1),
        {"judge": scene.judges[0].pk, "entry": scene.entries["2026-0001"].pk, "reason": "x"},
        follow=True,
    )  # submitted
    assert flashes(response) == [("error", "This scorecard is submitted: it counts.")]
    assert not ResultExclusion.objects.exists()

    response = client.post(
        scene.url("decide", scene.round1),
        {"scope": "round", "group": "2026-0002,2026-0003", "place_1": "2026-0002",
         "place_2": "2026-0002", "reason": "의결"},
        follow=True,
    )  # fmt: skip
    assert flashes(response) == [("error", "Give each entry exactly one place.")]
    response = client.post(scene.url("decide", scene.round1), {"group": "2026-0002"}, follow=True)
    assert flashes(response) == [("error", "Put at least two different entries in order.")]
    assert not TieDecision.objects.exists()

    scene.finish_round1()
    result = RoundResult.objects.get()
    response = client.post(scene.url("reopen", scene.round1), {"reason": " "}, follow=True)
    assert flashes(response) == [("error", "Give the reason.")]
    result.refresh_from_db()
    assert result.voided_at is None
    assert Advancement.objects.count() == 4

    response = client.post(
        scene.url("include", scene.round1),
        {"exclusion": ResultExclusion.objects.get().pk},
        follow=True,
    )
    assert flashes(response) == [
        ("error", "This round is finalized; reopen it with a reason first.")
    ]
    assert ResultExclusion.objects.count() == 1


def test_finalized_page_shows_the_frozen_snapshot(scene, client):
    result = scene.finish_round1()
    body = json.loads(result.snapshot)
    body["results"]["entries"][0]["shown"] = "99.99"  # only the snapshot says so
    RoundResult.objects.filter(pk=result.pk).update(snapshot=json.dumps(body))
    html = page(client, scene.url("round", scene.round1))
    assert column(html, "score")[:2] == ["99.99", "80.00"]
    assert 'data-k="state"><span class="krds-badge bg-light-success">Finalized' in html
    sheet = page(client, scene.url("sheet", scene.round1, "2026-0001"))
    assert 'data-k="judge">가심사</th>' in sheet  # same judges: real names


def test_snapshot_download(scene, client):
    assert client.get(scene.url("snapshot", scene.round1)).status_code == 404  # live
    result = scene.finish_round1()
    response = client.get(scene.url("snapshot", scene.round1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="result-2026-round1-{result.digest[:12]}.json"'
    )
    assert response.content.decode() == result.snapshot


@pytest.mark.parametrize("name", ["exclude", "include", "decide", "finalize", "reopen"])
def test_round_actions_are_post_only(scene, client, name):
    assert client.get(scene.url(name, scene.round1)).status_code == 405


@pytest.mark.parametrize("name", ["override", "publish", "unpublish"])
def test_contest_actions_are_post_only(scene, client, name):
    assert client.get(scene.url(name)).status_code == 405
