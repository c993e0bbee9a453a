"""Copying last year's contest: the whole set-up, one year later."""

from decimal import Decimal

import pytest
from django.utils import timezone

from contests import services
from contests.models import Contest, Criterion, Level, Panel, Round
from contests.services.copy import replace_year, shift_years
from tests import factories as f
from tests.contests.conftest import at

pytestmark = pytest.mark.django_db


# --- copy ---------------------------------------------------------------------------------------


@pytest.fixture
def source(organizer):
    contest = f.ContestFactory(
        organizers=[organizer],
        year=2025,
        is_published=True,
        name_ko="2025 정부혁신 우수사례 경진대회",
        name_en="2025 Government Innovation Contest",
        description="2025년 공고",
        submission_opens_at=at(3, 2, year=2025),
        submission_closes_at=at(4, 30, 18, year=2025),
        blind_judging=False,
        max_entries_per_agency=2,
        max_attachments_per_entry=4,
        rounding=Contest.Rounding.HALF_EVEN,
        decimal_places=3,
    )
    f.CategoryFactory(
        contest=contest, name_ko="중앙부처", name_en="Central", order=0, agency_kinds=["central"]
    )
    f.CategoryFactory(
        contest=contest,
        name_ko="지자체",
        name_en="Local",
        order=1,
        agency_kinds=["metropolitan", "local"],
    )
    f.AwardTierFactory(contest=contest, name_ko="대통령상", count=1, prize="상금 500만원", order=0)
    f.AwardTierFactory(contest=contest, name_ko="국무총리상", count=3, order=1)
    f.EntryQuestionFactory(contest=contest, label_ko="추진배경", guidance="왜", max_length=1500)
    first = f.RoundFactory(
        contest=contest,
        order=0,
        name_ko="1차 서면심사",
        opens_at=at(5, 1, year=2025),
        closes_at=at(5, 15, 18, year=2025),
        weight=Decimal("30"),
        method=Round.Method.MEDIAN,
        advancement=Round.Advancement.TOP_N,
        advancement_value=Decimal("10"),
        scoring_started_at=at(5, 2, year=2025),
    )
    second = f.RoundFactory(
        contest=contest,
        order=1,
        name_ko="2차 발표심사",
        opens_at=at(6, 1, year=2025),
        closes_at=at(6, 2, 18, year=2025),
        weight=Decimal("70"),
        allow_reopen=False,
    )
    f.PanelFactory(round=second, name_ko="전문가", weight=Decimal("50"), order=0)
    f.PanelFactory(round=second, name_ko="국민심사단", weight=Decimal("50"), order=1)
    innovation = f.CriterionFactory(
        round=first,
        name_ko="혁신성",
        max_points=Decimal("30"),
        step=Decimal("0.5"),
        order=0,
        description="새로움",
    )
    f.CriterionFactory(round=first, name_ko="효과성", max_points=Decimal("70"), order=1)
    f.LevelFactory(criterion=innovation, label="매우우수", points=Decimal("30"), order=0)
    f.LevelFactory(criterion=innovation, label="우수", points=Decimal("24.5"), order=1)
    f.CriterionFactory(round=second, name_ko="발표", max_points=Decimal("100"), order=0)
    return contest


def _snapshot(contest: Contest) -> dict:
    """Everything a copy must reproduce, without ids."""
    return {
        "categories": list(
            contest.categories.values_list(
                "name_ko", "name_en", "description", "order", "agency_kinds"
            )
        ),
        "awards": list(
            contest.award_tiers.values_list("name_ko", "name_en", "count", "prize", "order")
        ),
        "questions": list(
            contest.questions.values_list(
                "label_ko", "label_en", "guidance", "max_length", "required", "order"
            )
        ),
        "rounds": [
            (
                r.name_ko,
                r.name_en,
                r.order,
                r.judges_per_entry,
                r.method,
                r.trim_count,
                r.weight,
                r.advancement,
                r.advancement_value,
                r.allow_reopen,
                list(r.panels.values_list("name_ko", "name_en", "weight", "order")),
                [
                    (
                        c.name_ko,
                        c.name_en,
                        c.description,
                        c.max_points,
                        c.step,
                        c.order,
                        list(c.levels.values_list("label", "points", "description", "order")),
                    )
                    for c in r.criteria.all()
                ],
            )
            for r in contest.rounds.all()
        ],
    }


def test_copy_reproduces_the_whole_setup_one_year_later(source, organizer, other_organizer):
    copy = services.contest_copy(source=source, by=other_organizer, year=2026)

    assert copy.pk != source.pk
    assert copy.year == 2026
    assert copy.name_ko == "2026 정부혁신 우수사례 경진대회"
    assert copy.name_en == "2026 Government Innovation Contest"
    assert copy.description == "2025년 공고"
    assert copy.is_published is False
    assert copy.copied_from == source
    assert list(copy.organizers.all()) == [other_organizer]
    assert copy.submission_opens_at == at(3, 2, year=2026)
    assert copy.submission_closes_at == at(4, 30, 18, year=2026)
    assert (
        copy.blind_judging,
        copy.max_entries_per_agency,
        copy.max_attachments_per_entry,
        copy.rounding,
        copy.decimal_places,
    ) == (
        False,
        2,
        4,
        Contest.Rounding.HALF_EVEN,
        3,
    )
    assert _snapshot(copy) == _snapshot(source)
    rounds = list(copy.rounds.all())
    assert [(r.opens_at, r.closes_at) for r in rounds] == [
        (at(5, 1), at(5, 15, 18)),
        (at(6, 1), at(6, 2, 18)),
    ]
    assert [r.scoring_started_at for r in rounds] == [None, None]
    # The source is untouched.
    source.refresh_from_db()
    assert source.rounds.get(order=0).scoring_started_at == at(5, 2, year=2025)
    assert list(source.organizers.all()) == [organizer]
    assert Criterion.objects.filter(round__contest=source).count() == 3
    assert Level.objects.filter(criterion__round__contest=source).count() == 2
    assert Panel.objects.filter(round__contest=copy).count() == 2


def test_shift_years_moves_29_february_to_28_february():
    leap = at(2, 29, year=2024)
    assert shift_years(leap, 1) == at(2, 28, year=2025)
    assert timezone.localtime(shift_years(at(1, 5, 23), -1)).hour == 23


def test_replace_year_replaces_whole_numbers_only():
    assert replace_year("2025년 2025 경진대회 120250", 2025, 2026) == "2026년 2026 경진대회 120250"
