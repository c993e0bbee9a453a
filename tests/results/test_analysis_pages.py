"""The organizer's analysis pages: judge statistics with charts, and robustness.

Scene: one final round (mean, one criterion of 100 points, 대상 for the best entry) where three
judges scored three entries of one category:

    entry      가심사  나심사  <script>  mean
    2026-0001  90      80      80        83.33   (wins by the mean)
    2026-0002  70      85      85        80.00   (wins by median, trimmed mean, z, Borda)
    2026-0003  60      60      60        60.00

Without 가심사, 2026-0002 wins 85 to 80 and takes the 대상: the outcome depends on one judge.
"""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Assignment, Score, ScoreEvent
from scoring.services.results import round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories

HOSTILE = "<script>alert(1)</script>"
TABLE = {"2026-0001": (90, 80, 80), "2026-0002": (70, 85, 85), "2026-0003": (60, 60, 60)}


def build(organizer, table=TABLE):
    contest = factories.ContestFactory(organizers=[organizer], year=2026)
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    round_ = factories.RoundFactory(
        contest=contest, name_ko="본선", name_en="Final", method=Round.Method.MEAN,
        opens_at=timezone.now(), closes_at=timezone.now() + timezone.timedelta(days=1),
    )  # fmt: skip
    criterion = factories.CriterionFactory(round=round_, max_points=Decimal("100"))
    factories.AwardTierFactory(contest=contest, name_ko="대상", name_en="Grand prize", count=1)
    judges = [
        factories.JudgeFactory(contest=contest, user=factories.UserFactory(name=name))
        for name in ("가심사", "나심사", HOSTILE)
    ]
    for receipt, totals in table.items():
        entry = factories.EntryFactory(
            contest=contest, category=category, status=Entry.Status.SUBMITTED,
            receipt_number=receipt, submitted_at=timezone.now(), title=f"사례 {receipt[-1]}",
        )  # fmt: skip
        for judge, total in zip(judges, totals, strict=True):
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
            card = scorecard_open(round_=round_, judge=judge, entry=entry)
            scorecard_fill(
                scorecard=card, values={criterion.pk: str(total)}, comment=None,
                version=card.version, by=organizer, via=ScoreEvent.Via.ORGANIZER,
                reason="서명된 평가표", submit=True,
            )  # fmt: skip
    return contest, round_


@pytest.fixture
def scene(db):
    organizer = factories.OrganizerFactory()
    contest, round_ = build(organizer)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    return contest, round_, client, organizer


def url(name, contest, round_, query=""):
    return reverse(f"analysis:{name}", args=[contest.pk, round_.pk]) + query


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cells(html: str, row: str) -> dict:
    """The data-k cells of the table row whose attribute is `row` (e.g. 'data-judge="J1"')."""
    body = re.search(rf"<tr {row}[^>]*>(.*?)</tr>", html, re.S).group(1)
    return {k: text(v) for k, v in re.findall(r'data-k="([\w-]+)"[^>]*>(.*?)</t[dh]>', body, re.S)}


def test_judge_statistics(scene):
    """Hand-checked (see the module docstring's table). 가심사 (90, 70, 60): mean 73.33, SD
    √(466.67/2) = 15.28, leniency mean(90 - 80, 70 - 85, 60 - 60) = -1.67, r with the co-judges'
    means (80, 85, 60) = 250/√(466.67·350) = 0.619. Alpha: Σx = 670, SS = 10550/9, within-entry
    Σ m·SS_u/(m - 1) = 3·(66.67 + 150)/2 = 325, alpha = 1 - 8·325/10550 = 159/211 = 0.754.
    The three judges scored every entry of 중앙부처: one complete block. BMS = 477.78,
    JMS = 2.78, EMS = 52.78: ICC(2,k) = 425/461.11 = 0.922, ICC(2,1) = 425/533.33 = 0.797.
    Rank sums 7, 8, 3 about 6: S = 14, W = 12·14/(9·24) = 0.778."""
    contest, round_, client, _organizer = scene
    html = client.get(url("judges", contest, round_)).content.decode()
    assert cells(html, 'data-judge="J1"') == {
        "count": "3", "mean": "73.33", "sd": "15.28", "leniency": "-1.67",
        "agreement": "0.619", "flags": "—",
    }  # fmt: skip
    assert cells(html, 'data-judge="J2"') == {
        "count": "3", "mean": "75.00", "sd": "13.23", "leniency": "+0.83",
        "agreement": "0.884", "flags": "—",
    }  # fmt: skip
    assert re.search(r'data-k="alpha">0\.754<', html)
    assert "Alpha is from 0.667 to below 0.800: the judges agree only in part" in html
    assert cells(html, 'data-block="1"') == {
        "category": "Central",
        "judges": "가심사, 나심사, &lt;script&gt;alert(1)&lt;/script&gt;",
        "entries": "3",
        "icc": "0.922 Above 0.90: excellent reliability.",
        "icc-single": "0.797",
        "w": "0.778 From 0.7 to below 0.9: strong agreement on the order of the entries.",
    }
    scale = "Totals are on the rubric's scale of 0 to 100; the mean of all totals in this round"
    assert f"{scale} is 74.44." in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert HOSTILE not in html


def test_judge_charts_name_the_judge(scene):
    contest, round_, client, _organizer = scene
    html = client.get(url("judges", contest, round_)).content.decode()
    assert (
        '<title id="chart-J1-title">Score distribution of 가심사: 3 scores, mean 73.33; '
        "round mean 74.44.</title>"
    ) in html
    assert "Score distribution of &lt;script&gt;alert(1)&lt;/script&gt;: 3 scores" in html


def test_flags_for_an_outlier_and_a_lenient_judge(db):
    """A fourth judge who orders the entries backwards and more generously: 70, 90, 95 against
    the co-judges' means 83.33, 80, 60 — leniency (-13.33 + 10 + 35)/3 = +10.56, at least half
    the SD of all totals (lenient), and a negative correlation (outlier)."""
    organizer = factories.OrganizerFactory()
    contest, round_ = build(organizer)
    criterion = round_.criteria.get()
    judge = factories.JudgeFactory(contest=contest, user=factories.UserFactory(name="라심사"))
    for receipt, total in (("2026-0001", 70), ("2026-0002", 90), ("2026-0003", 95)):
        entry = Entry.objects.get(receipt_number=receipt)
        Assignment.objects.create(round=round_, judge=judge, entry=entry)
        card = scorecard_open(round_=round_, judge=judge, entry=entry)
        scorecard_fill(
            scorecard=card, values={criterion.pk: str(total)}, comment=None, version=0,
            by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="서명된 평가표", submit=True,
        )  # fmt: skip
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    html = client.get(url("judges", contest, round_)).content.decode()
    row = cells(html, 'data-judge="J4"')
    assert (row["leniency"], row["flags"]) == (
        "+10.56",
        "Differs strongly from the other judges Lenient: scores higher than the co-judges",
    )


def test_robustness(scene):
    contest, round_, client, _organizer = scene
    html = client.get(url("robustness", contest, round_)).content.decode()
    assert text(re.search(r'data-k="winners">(.*?)<', html).group(1)) == "2026-0001 사례 1"
    assert re.findall(r'<li data-decisive="(\w+)">(.*?)</li>', html) == [
        ("J1", "Without 가심사: the winner becomes 2026-0002 사례 2; an award changes.")
    ]
    assert cells(html, 'data-without="J1"') == {
        "winner": "Yes: 2026-0002 사례 2", "tiers": "Yes", "changed": "2", "problems": "—",
    }  # fmt: skip
    assert cells(html, 'data-without="J2"') == {
        "winner": "No", "tiers": "No", "changed": "0", "problems": "—",
    }  # fmt: skip
    assert re.findall(r'<tr data-entry="([\d-]+)"( class="analysis-highlight")?>', html) == [
        ("2026-0001", ' class="analysis-highlight"'),
        ("2026-0002", ' class="analysis-highlight"'),
        ("2026-0003", ""),
    ]
    first = re.search(r'<tr data-entry="2026-0001".*?</tr>', html, re.S).group(0)
    methods = re.findall(r'<td data-method="(\w+)">(.*?)</td>', first, re.S)
    assert [(m, text(v)) for m, v in methods] == [
        ("mean", "1 83.33"), ("trimmed_mean", "2 80.00"), ("median", "2 80.00"),
        ("zscore", "1 57.54"), ("borda", "2 4.00"),
    ]  # fmt: skip
    assert cells(html, 'data-entry="2026-0001"') == {
        "category": "Central",
        "changes": "Without 가심사: rank 1 → 2; award Grand prize → none.",
    }
    assert HOSTILE not in html


def test_robustness_only_highlighted_rows_with_htmx(scene):
    contest, round_, client, _organizer = scene
    response = client.get(
        url("robustness", contest, round_, "?show=changed"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert re.findall(r'<tr data-entry="([\d-]+)"', html) == ["2026-0001", "2026-0002"]
    shows = re.findall(
        r'<a class="krds-btn small (\w+)" href="[^"]*"( aria-current="true")?[^>]*>(.*?)</a>', html
    )
    assert shows == [
        ("tertiary", "", "Every entry (3)"),
        ("secondary", ' aria-current="true"', "Show only the highlighted entries (2)"),
        ("tertiary", "", "Only entries whose award, advancement or first place changes (2)"),
    ]
    assert "2 entries in this list; shown: 1\N{EN DASH}2." in html


def test_nothing_depends_on_one_judge(db):
    organizer = factories.OrganizerFactory()
    contest, round_ = build(organizer, table={"2026-0001": (90, 90, 90), "2026-0002": (70, 70, 70)})
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    html = client.get(url("robustness", contest, round_)).content.decode()
    assert text(re.search(r'data-k="summary">(.*?)</p>', html, re.S).group(1)) == (
        "No judge decides the outcome: removing any one judge changes neither the winner, nor "
        "an award, nor who advances."
    )
    assert 'class="analysis-highlight"' not in html
    assert "The rank of 0 entries differs between the methods." in html


def test_finalized_round_reads_the_snapshot(scene):
    contest, round_, client, organizer = scene
    round_finalize(round_=round_, by=organizer)
    html = client.get(url("judges", contest, round_)).content.decode()
    assert "Computed from the round's frozen snapshot." in html
    assert cells(html, 'data-judge="J1"')["mean"] == "73.33"


def test_finalized_round_keeps_its_numbers_and_names_when_live_scores_change(scene):
    """The live scorecards no longer match the snapshot's (here: one card's scores removed
    behind the services' back): the page still shows the frozen numbers, and the judges by the
    names the snapshot's pseudonyms were given at finalizing (RoundResult.judges)."""
    contest, round_, client, organizer = scene
    round_finalize(round_=round_, by=organizer)
    Score.objects.filter(scorecard__judge__user__name="나심사").delete()
    html = client.get(url("judges", contest, round_)).content.decode()
    assert re.search(r'<tr data-judge="J2">\s*<th scope="row"><a [^>]*>나심사</a>', html)
    assert cells(html, 'data-judge="J2"')["mean"] == "75.00"  # the frozen numbers


@pytest.mark.parametrize("name", ["judges", "robustness"])
def test_refused_to_everyone_but_the_contest_organizers(scene, name):
    contest, round_, _client, _organizer = scene
    page = url(name, contest, round_)
    assert Client().get(page).status_code == 302
    for user in (factories.OrganizerFactory(), factories.UserFactory(),
                 factories.JudgeFactory(contest=contest).user):  # fmt: skip
        client = Client()
        client.force_login(user)
        assert client.get(page).status_code == 403
    admin = Client()
    admin.force_login(factories.AdminFactory())
    assert admin.get(page).status_code == 200


def test_a_round_of_another_contest_is_not_found(scene):
    contest, _round, client, _organizer = scene
    other = {"2027-0001": (1, 2, 3), "2027-0002": (2, 3, 4)}
    _other_contest, other_round = build(factories.OrganizerFactory(), table=other)
    assert client.get(url("judges", contest, other_round)).status_code == 404
    assert client.get(url("robustness", contest, other_round)).status_code == 404
