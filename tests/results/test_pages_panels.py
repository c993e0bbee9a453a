"""Panels on the results pages: panel columns (shown, sortable), the 집계표's panel lines with
their weights, a judge on no panel named in the problems, and a finalized round whose judges
changed afterwards shown by pseudonyms.

One round (mean, weight 100), panels 전문가 (60: 가심사, 나심사) and 국민 (40: 다심사, 라심사);
마심사 sits on no panel and is assigned 2026-0001 without submitting. Totals:

    entry      가심사  나심사  다심사  라심사   전문가  국민   round score
    2026-0001  80      90      60      70       85      65     0.6 * 85 + 0.4 * 65 = 77
    2026-0002  70      80      90      100      75      95     0.6 * 75 + 0.4 * 95 = 83
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from contests.models import Round
from scoring.models import Assignment, Conflict
from scoring.services.results import result_exclude, round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories
from tests.results.pages_scene import ON_PAPER, column, english, ranking

TOTALS = {"2026-0001": (80, 90, 60, 70), "2026-0002": (70, 80, 90, 100)}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(organizer):
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer])
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    round_ = factories.RoundFactory(
        contest=contest,
        method=Round.Method.MEAN,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    expert = factories.PanelFactory(round=round_, name_en="Experts", weight=Decimal("60"))
    public = factories.PanelFactory(round=round_, name_en="Citizens", weight=Decimal("40"))
    criterion = factories.CriterionFactory(round=round_, max_points=Decimal("100"))
    judges = [
        factories.JudgeFactory(contest=contest, user=factories.UserFactory(name=name))
        for name in ("가심사", "나심사", "다심사", "라심사", "마심사")
    ]
    for judge, panel in zip(judges, (expert, expert, public, public), strict=False):
        judge.panels.add(panel)
    entries = {}
    for receipt, totals in TOTALS.items():
        entry = factories.EntryFactory(
            contest=contest,
            category=category,
            status=Entry.Status.SUBMITTED,
            receipt_number=receipt,
            submitted_at=now,
            title=f"사례 {receipt[-1]}",
        )
        entries[receipt] = entry
        for judge, total in zip(judges, totals, strict=False):
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
            card = scorecard_open(round_=round_, judge=judge, entry=entry)
            scorecard_fill(
                scorecard=card,
                values={criterion.pk: str(total)},
                comment=None,
                version=card.version,
                by=organizer,
                via=ON_PAPER,
                reason="서명된 평가표",
                submit=True,
            )
    Assignment.objects.create(round=round_, judge=judges[4], entry=entries["2026-0001"])
    return contest, round_, judges, entries


def url(contest, round_, name="round", entry=None) -> str:
    args = [contest.pk, round_.pk] + ([entry.pk] if entry else [])
    return reverse(f"results:{name}", args=args)


def test_panel_columns_and_their_sort(scene, organizer_client):
    contest, round_, _judges, _entries = scene
    client = english(organizer_client)
    html = client.get(url(contest, round_)).content.decode()
    assert [(r["entry"], r["panel0"], r["panel1"], r["score"]) for r in ranking(html)] == [
        ("2026-0002", "75.00", "95.00", "83.00"),
        ("2026-0001", "85.00", "65.00", "77.00"),
    ]
    assert 'href="?sort=panel0" hx-get="?sort=panel0"' in html
    assert 'hx-push-url="true">Experts</a></th>' in html
    assert 'hx-push-url="true">Citizens</a></th>' in html
    page = client.get(url(contest, round_) + "?sort=-panel0").content.decode()
    assert column(page, "entry") == ["2026-0001", "2026-0002"]
    page = client.get(url(contest, round_) + "?sort=panel1").content.decode()
    assert column(page, "entry") == ["2026-0001", "2026-0002"]
    page = client.get(url(contest, round_) + "?sort=-panel1").content.decode()
    assert column(page, "entry") == ["2026-0002", "2026-0001"]
    # The judge on no panel is named, with what to do.
    assert "마심사 sits on no panel of this round." in html
    assert "Put the judge on one panel on the Panels page" in html


def test_sheet_panel_lines_with_weights(scene, organizer_client):
    contest, round_, _judges, entries = scene
    client = english(organizer_client)
    html = client.get(url(contest, round_, "sheet", entries["2026-0001"])).content.decode()
    assert [(row["judge"], row["panel"], row["total"]) for row in _lines(html)] == [
        ("가심사", "Experts", "80"),
        ("나심사", "Experts", "90"),
        ("다심사", "Citizens", "60"),
        ("라심사", "Citizens", "70"),
    ]
    assert (
        '<tr data-panel-line="1"><th scope="row">Experts</th><td data-k="weight">60</td>'
        '<td data-k="value" title="85">85.00</td></tr>'
    ) in html
    assert (
        '<tr data-panel-line="2"><th scope="row">Citizens</th><td data-k="weight">40</td>'
        '<td data-k="value" title="65">65.00</td></tr>'
    ) in html
    assert 'data-k="score" title="77.00"><strong>77.00</strong>' in html


def _lines(html: str) -> list[dict]:
    rows = re.findall(r'<tr data-judge-line="\d">(.*?)</tr>', html, re.S)
    return [
        {k: re.sub(r"<[^>]+>", "", v).strip() for k, v in re.findall(r'data-k="(\w+)">(.*?)</t', r)}
        for r in rows
    ]


def test_finalized_round_names_its_judges_as_frozen_when_live_inputs_change(
    scene, organizer_client
):
    contest, round_, judges, entries = scene
    client = english(organizer_client)
    judges[4].panels.add(round_.panels.first())
    result_exclude(
        round_=round_,
        judge=judges[4],
        entry=entries["2026-0001"],
        reason="불참",
        by=contest_owner(contest),
    )
    round_finalize(round_=round_, by=contest_owner(contest))
    sheet = url(contest, round_, "sheet", entries["2026-0001"])
    html = client.get(sheet).content.decode()
    assert [row["judge"] for row in _lines(html)] == ["가심사", "나심사", "다심사", "라심사"]
    # A challenge recorded afterwards takes 가심사's scorecard out of the live inputs; the frozen
    # sheet still names the judges the snapshot's J1… stood for, with the frozen numbers.
    Conflict.objects.create(
        judge=judges[0], entry=entries["2026-0001"], kind=Conflict.Kind.CHALLENGE, reason="친족"
    )
    html = client.get(sheet).content.decode()
    assert [row["judge"] for row in _lines(html)] == ["가심사", "나심사", "다심사", "라심사"]
    assert 'data-k="score" title="77.00"><strong>77.00</strong>' in html  # the frozen numbers


def contest_owner(contest):
    return contest.organizers.get()
