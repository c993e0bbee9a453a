"""나의 평가 현황 (judge:overview): the judge's entries of one round with their own scores,
sortable by every column (empty cells last), and the distribution of their submitted totals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scoring.charts import judge_chart
from scoring.selectors.judge_overview import distribution
from tests.judge.calibration import Scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    scene = Scene(n=4)
    e1, e2, e3, _e4 = scene.entries
    scene.score(e1, 24, "15.5", submit=True)  # 39.5
    scene.score(e2, 30, 10, submit=True)  # 40
    scene.score(e3, 12)  # a draft: 12
    scene.score(e1, 5, 5, submit=True, judge=scene.other)  # another judge's: never shown
    return scene


def overview_url(scene, **params) -> str:
    url = reverse("judge:overview", args=[scene.round.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def receipts(response) -> list[str]:
    return [row.assignment.entry.receipt_number for row in response.context["page"].rows]


def test_rows_show_my_scores_state_and_total(scene):
    response = scene.client(language="en").get(overview_url(scene))
    assert response.status_code == 200
    rows = response.context["page"].rows
    assert [
        (r.entry.receipt_number, r.entry.title, r.entry.category.name_ko, r.state,
         r.shown_scores, r.shown_total)
        for r in rows
    ] == [
        ("2026-0001", "사례 01", "중앙부처", "submitted", ["24", "15.5"], "39.5"),
        ("2026-0002", "사례 02", "지자체", "submitted", ["30", "10"], "40"),
        ("2026-0003", "사례 03", "중앙부처", "draft", ["12", ""], "12"),
        ("2026-0004", "사례 04", "지자체", "not_started", ["", ""], ""),
    ]  # fmt: skip
    html = response.content.decode()
    # The conflicted entry (기피) is not listed, as on the dashboard.
    assert "2026-0005" not in html
    # Blind judging: no agency name anywhere.
    assert "행정안전부" not in html
    assert reverse("judge:scorecard", args=[scene.round.pk, scene.entries[2].pk]) in html
    assert reverse("judge:dashboard") in html
    # The header names each criterion with its max points, and the rubric total.
    assert 'Innovation <span class="overview-max">(30 pts)</span>' in html
    assert 'Total <span class="overview-max">(50 pts)</span>' in html


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("receipt", "desc", ["2026-0004", "2026-0003", "2026-0002", "2026-0001"]),
        ("title", "desc", ["2026-0004", "2026-0003", "2026-0002", "2026-0001"]),
        ("category", "asc", ["2026-0001", "2026-0003", "2026-0002", "2026-0004"]),
        ("state", "asc", ["2026-0004", "2026-0003", "2026-0001", "2026-0002"]),
        ("state", "desc", ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]),
        ("total", "asc", ["2026-0003", "2026-0001", "2026-0002", "2026-0004"]),
        ("total", "desc", ["2026-0002", "2026-0001", "2026-0003", "2026-0004"]),
        # Empty scores last, ascending and descending.
        ("effect", "asc", ["2026-0002", "2026-0001", "2026-0003", "2026-0004"]),
        ("effect", "desc", ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]),
        ("innovation", "asc", ["2026-0003", "2026-0001", "2026-0002", "2026-0004"]),
        ("innovation", "desc", ["2026-0002", "2026-0001", "2026-0003", "2026-0004"]),
        # Unknown keys fall back to receipt number order.
        ("nope", "desc", ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]),
    ],
)
def test_sort_by_any_column(scene, sort, direction, expected):
    key = {"innovation": f"c{scene.innovation.pk}", "effect": f"c{scene.effect.pk}"}.get(sort, sort)
    response = scene.client().get(overview_url(scene, sort=key, dir=direction))
    assert receipts(response) == expected


def test_sorted_header_has_aria_sort_and_links_flip_direction(scene):
    key = f"c{scene.effect.pk}"
    html = scene.client().get(overview_url(scene, sort=key, dir="asc")).content.decode()
    assert f'data-k="{key}" aria-sort="ascending"><a href="?sort={key}&amp;dir=desc">' in html
    assert '<th scope="col" data-k="total"><a href="?sort=total&amp;dir=asc">' in html
    assert html.count("aria-sort=") == 1
    html = scene.client().get(overview_url(scene, sort=key, dir="desc")).content.decode()
    assert f'data-k="{key}" aria-sort="descending"><a href="?sort={key}&amp;dir=asc">' in html


def test_note_column_and_sort_by_note(scene):
    from scoring.services.notes import note_save

    note_save(judge=scene.judge, entry=scene.entries[3], text="가장 인상적 " + "가" * 60)
    note_save(judge=scene.judge, entry=scene.entries[1], text="나중에 다시 보기")
    response = scene.client().get(overview_url(scene, sort="note", dir="asc"))
    assert receipts(response) == ["2026-0004", "2026-0002", "2026-0001", "2026-0003"]
    rows = response.context["page"].rows
    assert rows[0].excerpt == "가장 인상적 " + "가" * 32 + "…"
    assert len(rows[0].excerpt) == 40
    assert rows[1].excerpt == "나중에 다시 보기"


def test_distribution_of_submitted_totals(scene):
    d = scene.client().get(overview_url(scene)).context["page"].distribution
    # Submitted only: 39.5 and 40 (the draft's 12 is not counted). Population SD 0.25.
    assert (d.count, d.mean, d.low, d.high, d.sd) == (2, "39.75", "39.5", "40", "0.25")
    assert [b[2] for b in d.bins] == [0, 0, 0, 0, 0, 0, 0, 1, 1, 0]  # 35 to 40, 40 to 45
    assert d.bins[7][:2] == ("35", "40")
    assert d.bins[8][:2] == ("40", "45")
    assert d.chart == judge_chart(
        [39.5, 40.0], maximum=50.0, name="김심사", chart_id="overview-chart", judge_mean=39.75
    )


def test_distribution_with_no_submitted_card(db):
    scene = Scene(n=2)
    response = scene.client(language="en").get(overview_url(scene))
    assert response.context["page"].distribution.count == 0
    assert "You have not submitted a scorecard in this round yet." in response.content.decode()
    assert "<svg" not in response.content.decode()


def test_distribution_rounds_once_by_the_contest_rule(scene):
    scene.contest.decimal_places = 1
    totals = [Decimal("10"), Decimal("10"), Decimal("10.5")]  # mean 10.1666…, sd 0.2357…
    d = distribution(totals, maximum=Decimal("50"), contest=scene.contest, name="x")
    assert (d.mean, d.sd, d.low, d.high) == ("10.2", "0.2", "10", "10.5")


def test_english(scene):
    html = scene.client(language="en").get(overview_url(scene)).content.decode()
    assert "<h1>My scoring overview</h1>" in html
    assert "Compare side by side" in html
    assert ">Not started</span>" in html


def test_another_contests_round_is_404(scene):
    stranger = Scene(n=1, year=2027)
    response = scene.client().get(overview_url(stranger))
    assert response.status_code == 404
    assert scene.client(scene.organizer).get(overview_url(scene)).status_code == 404
