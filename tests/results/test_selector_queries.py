"""scoring.selectors.results.round_inputs reads a fixed number of queries (the same at 10 and at
2,000 entries), and the selector → engine path gives the hand-computed result on a small round
scored through the scorecard services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contests.models import Round, TieBreakRule
from scoring import outcome
from scoring.models import Assignment, AwardOverride, ResultExclusion, TieDecision
from scoring.selectors.results import round_inputs
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories
from tests.results.bulk import scored_entries

pytestmark = pytest.mark.django_db


def _open_round(contest, **kwargs):
    now = timezone.now()
    return factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1), **kwargs,
    )  # fmt: skip


def _read(round_):
    """round_inputs, and everything a page touches on what it returns."""
    with CaptureQueriesContext(connection) as queries:
        data = round_inputs(round_)
        names = [(judge.user.name, entry.title) for judge, entry in data.unsubmitted]
        names += [judge.user.name for judge in data.judges.values()]
        names += [entry.category.name_ko for entry in data.entries.values()]
    return len(queries.captured_queries), data


def test_round_inputs_queries_do_not_grow_with_entries(organizer):
    """A round with everything the selector reads (an earlier round, two panels, a chain, a
    tier, an override, a decision, an exclusion and an unsubmitted assignment), at 10 entries
    and again after 1,990 more (bulk-created, 3 judges and 2 criteria each)."""
    contest = factories.ContestFactory(organizers=[organizer])
    categories = [factories.CategoryFactory(contest=contest) for _ in range(3)]
    _open_round(contest, order=0, weight=Decimal(0))
    round_ = _open_round(contest, order=1, method=Round.Method.TRIMMED_MEAN, trim_count=1)
    criteria = [factories.CriterionFactory(round=round_, max_points=Decimal(50)) for _ in range(2)]
    panels = [factories.PanelFactory(round=round_, weight=Decimal(50)) for _ in range(2)]
    judges = [factories.JudgeFactory(contest=contest) for _ in range(6)]
    for n, judge in enumerate(judges):
        panels[n % 2].judges.add(judge)
    TieBreakRule.objects.create(contest=contest, order=0, kind="criterion", criterion=criteria[0])
    TieBreakRule.objects.create(contest=contest, order=1, kind="panel", panel=panels[0])
    tier = factories.AwardTierFactory(contest=contest, count=3)
    entries = scored_entries(round_, categories, judges, criteria, 10, per_entry=3)
    late = factories.JudgeFactory(contest=contest)
    Assignment.objects.create(round=round_, judge=late, entry=entries[0])
    Assignment.objects.create(round=round_, judge=late, entry=entries[1])
    ResultExclusion.objects.create(
        round=round_, judge=late, entry=entries[1], reason="불참", by=organizer
    )
    AwardOverride.objects.create(
        contest=contest, entry=entries[2], tier=tier, reason="심사위원회 의결", by=organizer
    )
    TieDecision.objects.create(
        round=round_, entries=[e.receipt_number for e in entries[3:5]], reason="의결", by=organizer
    )

    small, data = _read(round_)
    assert (len(data.entries), len(data.inputs["scores"]), len(data.unsubmitted)) == (10, 30, 1)

    scored_entries(round_, categories, judges, criteria, 1990, per_entry=3, start=11)
    large, data = _read(round_)
    assert (len(data.entries), len(data.inputs["scores"]), len(data.unsubmitted)) == (
        2000, 6000, 1,
    )  # fmt: skip
    assert large == small


D = Decimal


def _numbers(row: dict) -> dict:
    """The row with its full-precision numbers as Decimals: the database gives sums as "75" on
    SQLite and "75.00" on PostgreSQL, the same number; `shown` is rounded text on both."""
    return {
        **row,
        "judges": [{**judge, "total": D(judge["total"])} for judge in row["judges"]],
        "panels": {key: D(value) for key, value in row["panels"].items()},
        "untrimmed": D(row["untrimmed"]),
        "criteria": {key: D(value) for key, value in row["criteria"].items()},
        "score": D(row["score"]),
    }


@pytest.fixture
def three_entries(organizer):
    """3 entries (two in 가 부문, one in 나 부문), 4 judges, trimmed mean k=1, rubric 혁신성 60 +
    효과성 40 (step 0.5), chain: higher 혁신성 average; one 대상 overall. Every scorecard filled
    and submitted by its judge through the scorecard services."""
    contest = factories.ContestFactory(organizers=[organizer])
    ga = factories.CategoryFactory(contest=contest, name_ko="가")
    na = factories.CategoryFactory(contest=contest, name_ko="나")
    round_ = _open_round(contest, method=Round.Method.TRIMMED_MEAN, trim_count=1)
    innovation = factories.CriterionFactory(
        round=round_, name_ko="혁신성", max_points=Decimal(60), step=Decimal("0.5"), order=0
    )
    effect = factories.CriterionFactory(
        round=round_, name_ko="효과성", max_points=Decimal(40), step=Decimal("0.5"), order=1
    )
    TieBreakRule.objects.create(contest=contest, order=0, kind="criterion", criterion=innovation)
    grand = factories.AwardTierFactory(contest=contest, name_ko="대상", count=1)
    judges = [factories.JudgeFactory(contest=contest) for _ in range(4)]
    agency = factories.AgencyFactory()
    sheets = {  # receipt number → category, each judge's (혁신성, 효과성)
        "2026-0001": (ga, [(50, 30), (45, 25), (55, 35), (40, 20)]),  # 80 70 90 60
        "2026-0002": (ga, [(60, 40), (40, 30), (45, 30), (50, 25)]),  # 100 70 75 75
        "2026-0003": (na, [(30, 20), ("33.5", 21), (31, 19), (35, "22.5")]),  # 50 54.5 50 57.5
    }
    for number, (category, marks) in sheets.items():
        entry = factories.EntryFactory(
            contest=contest, category=category, agency=agency, status=Entry.Status.SUBMITTED,
            receipt_number=number, submitted_at=timezone.now(),
        )  # fmt: skip
        for judge, (first, second) in zip(judges, marks, strict=True):
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
            card = scorecard_open(round_=round_, judge=judge, entry=entry)
            scorecard_fill(
                scorecard=card, values={innovation.pk: str(first), effect.pk: str(second)},
                comment=None, version=card.version, by=judge.user, via="judge", reason="",
                submit=True,
            )  # fmt: skip
    return round_, [ga, na], [innovation, effect], grand


def test_compute_on_the_selector_inputs_gives_the_hand_values(three_entries):
    """Hand computation (k=1 drops one lowest and one highest total of four):
    2026-0001: 60 70 80 90 → (70 + 80) / 2 = 75; 혁신성 (50+45+55+40) / 4 = 47.5.
    2026-0002: 70 75 75 100 → (75 + 75) / 2 = 75; 혁신성 (60+40+45+50) / 4 = 48.75, so it ranks
    above 2026-0001 by the chain's first step; untrimmed (100+70+75+75) / 4 = 80. Criterion means
    are kept for the chain's criteria only (혁신성 here), not for 효과성.
    2026-0003: 50 50 54.5 57.5 → (50 + 54.5) / 2 = 52.25 (of the two 50s the first judge's is the
    one marked dropped). 대상 goes to 2026-0002."""
    round_, (ga, na), (innovation, effect), grand = three_entries
    data = round_inputs(round_)
    result = outcome.compute(data.inputs)
    c1, c2, k1, k2 = f"C{innovation.pk}", f"C{effect.pk}", f"K{ga.pk}", f"K{na.pk}"

    def judges(totals, dropped):
        return [
            {"judge": f"J{n}", "panel": "ALL", "total": Decimal(total), "dropped": n in dropped}
            for n, total in enumerate(totals, 1)
        ]

    assert result["problems"] == []
    assert result["advanced"] == []
    assert [row["entry"] for row in result["entries"]] == ["2026-0002", "2026-0001", "2026-0003"]
    assert set(data.inputs["criteria_sums"]["2026-0001"]) == {c1}  # c2 is not in the chain
    assert all(c2 not in row["criteria"] for row in result["entries"])
    first, second, third = map(_numbers, result["entries"])
    assert first == {
        "entry": "2026-0002", "category": k1,
        "judges": judges(["100.00", "70.00", "75.00", "75.00"], {1, 2}),
        "panels": {"ALL": D(75)}, "untrimmed": D(80),
        "criteria": {c1: D("48.75")},
        "score": D(75), "shown": "75.00", "rank": 1, "shared": False, "decided_by": "chain:0",
        "category_rank": 1, "category_shared": False, "category_decided_by": "chain:0",
        "advanced": None,
    }  # fmt: skip
    assert second == {
        "entry": "2026-0001", "category": k1,
        "judges": judges(["80.00", "70.00", "90.00", "60.00"], {3, 4}),
        "panels": {"ALL": D(75)}, "untrimmed": D(75),
        "criteria": {c1: D("47.5")},
        "score": D(75), "shown": "75.00", "rank": 2, "shared": False, "decided_by": "chain:0",
        "category_rank": 2, "category_shared": False, "category_decided_by": "chain:0",
        "advanced": None,
    }  # fmt: skip
    assert third == {
        "entry": "2026-0003", "category": k2,
        "judges": judges(["50.00", "54.50", "50.00", "57.50"], {1, 4}),
        "panels": {"ALL": D("52.25")}, "untrimmed": D(53),
        "criteria": {c1: D("32.375")},
        "score": D("52.25"), "shown": "52.25", "rank": 3, "shared": False, "decided_by": None,
        "category_rank": 1, "category_shared": False, "category_decided_by": None,
        "advanced": None,
    }  # fmt: skip
    contest = result["contest"]["entries"]
    assert [(row["entry"], row["shown"], row["rank"], row["award"]) for row in contest] == [
        ("2026-0002", "75.00", 1, f"A{grand.pk}"),
        ("2026-0001", "75.00", 2, None),
        ("2026-0003", "52.25", 3, None),
    ]


def test_a_submitted_scorecard_whose_assignment_was_removed_does_not_count(three_entries):
    """The organizer removes an assignment after its judge submitted: the scorecard no longer
    counts (the progress board lists it as "Unassigned by the organizer"), neither in the totals
    nor in the chain's criterion sums, and it is not unsubmitted either."""
    round_, _categories, (innovation, _effect), _grand = three_entries
    before = round_inputs(round_).inputs
    assert [D(s["total"]) for s in before["scores"] if s["entry"] == "2026-0001"] == [
        80, 70, 90, 60,
    ]  # fmt: skip
    Assignment.objects.filter(round=round_, entry__receipt_number="2026-0001").order_by(
        "judge_id"
    ).first().delete()
    data = round_inputs(round_)
    rows = [s for s in data.inputs["scores"] if s["entry"] == "2026-0001"]
    assert [(s["judge"], D(s["total"])) for s in rows] == [("J2", 70), ("J3", 90), ("J4", 60)]
    c1 = f"C{innovation.pk}"
    assert {k: (D(v[0]), v[1]) for k, v in data.inputs["criteria_sums"]["2026-0001"].items()} == {
        c1: (D(45 + 55 + 40), 3)
    }
    assert data.unsubmitted == []
    assert len(data.inputs["judges"]) == 4  # J1 still judges the two other entries
