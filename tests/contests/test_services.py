from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contests import services
from contests.models import Contest, Criterion, Level, Panel, Round
from contests.services.copy import replace_year, shift_years
from tests import factories as f
from tests.contests.conftest import at, messages_of

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


# --- contest and rounds ---------------------------------------------------------------------------


def test_contest_create_adds_the_creator_as_organizer(organizer):
    contest = services.contest_create(
        by=organizer,
        data={
            "name_ko": "2027 적극행정 경진대회",
            "year": 2027,
            "submission_opens_at": at(3, 1, year=2027),
            "submission_closes_at": at(4, 1, year=2027),
        },
    )
    assert list(contest.organizers.all()) == [organizer]
    assert contest.is_published is False


def test_contest_window_must_be_ordered(organizer):
    with pytest.raises(ValidationError) as error:
        services.contest_create(
            by=organizer,
            data={
                "name_ko": "x",
                "year": 2027,
                "submission_opens_at": at(4, 1),
                "submission_closes_at": at(4, 1),
            },
        )
    assert messages_of(error.value) == {
        "submission_closes_at": ["The closing time must be after the opening time."]
    }


def test_submission_must_close_before_the_first_round(contest, round1):
    with pytest.raises(ValidationError) as error:
        services.contest_update(contest=contest, data={"submission_closes_at": at(5, 2)})
    assert messages_of(error.value) == {
        "submission_closes_at": [
            "The submission window must close at or before the first round, 1차 서면심사, "
            "opens (2026-05-01 09:00)."
        ]
    }


def test_publishing_needs_round_weights_of_exactly_100(contest, round1):
    with pytest.raises(ValidationError) as error:
        services.contest_update(contest=contest, data={"is_published": True})
    assert messages_of(error.value) == {
        "is_published": [
            "Round weights must add up to exactly 100 before the contest is published (now 30)."
        ]
    }


def _round_data(**overrides):
    data = {
        "name_ko": "2차 발표심사",
        "name_en": "",
        "opens_at": at(6, 1),
        "closes_at": at(6, 2),
        "judges_per_entry": 5,
        "method": Round.Method.TRIMMED_MEAN,
        "trim_count": 1,
        "weight": Decimal("70"),
        "advancement": Round.Advancement.NONE,
        "advancement_value": None,
        "allow_reopen": True,
    }
    return data | overrides


def test_round_save_appends_the_round_with_its_panels(contest, round1):
    saved = services.round_save(
        contest=contest,
        data=_round_data(advancement_value=Decimal("5")),
        panels=[
            services.Row(None, {"name_ko": "전문가", "name_en": "", "weight": Decimal("50")}),
            services.Row(None, {"name_ko": "국민심사단", "name_en": "", "weight": Decimal("30")}),
            services.Row(None, {"name_ko": "국민투표", "name_en": "", "weight": Decimal("20")}),
        ],
    )
    assert saved.order == 1
    assert saved.advancement_value is None  # the "none" rule takes no value
    assert list(saved.panels.values_list("name_ko", "weight", "order")) == [
        ("전문가", Decimal("50"), 0),
        ("국민심사단", Decimal("30"), 1),
        ("국민투표", Decimal("20"), 2),
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"opens_at": at(5, 15, 17)},
            {
                "opens_at": [
                    "This round must open at or after the previous round, 1차 서면심사, "
                    "closes (2026-05-15 18:00)."
                ]
            },
        ),
        (
            {"closes_at": at(6, 1)},
            {"closes_at": ["The closing time must be after the opening time."]},
        ),
        (
            {"weight": Decimal("70.01")},
            {
                "weight": [
                    "Round weights in a contest add up to at most 100: "
                    "the other rounds use 30, so this round "
                    "can have at most 70."
                ]
            },
        ),
        (
            {"trim_count": 3, "judges_per_entry": 6},
            {"trim_count": ["Dropping 3 scores at each end needs more than 6 judges per entry."]},
        ),
        (
            {"trim_count": 0},
            {
                "trim_count": [
                    "A trimmed mean drops at least one score at each end; choose the mean instead."
                ]
            },
        ),
        (
            {"advancement": Round.Advancement.TOP_N},
            {"advancement_value": ["Enter N, how many entries per category advance."]},
        ),
        (
            {"advancement": Round.Advancement.TOP_N, "advancement_value": Decimal("2.5")},
            {"advancement_value": ["N must be a whole number of at least 1."]},
        ),
        (
            {"advancement": Round.Advancement.CUTOFF},
            {"advancement_value": ["Enter the minimum score an entry needs to advance."]},
        ),
    ],
)
def test_round_save_refuses(contest, round1, overrides, expected):
    with pytest.raises(ValidationError) as error:
        services.round_save(contest=contest, data=_round_data(**overrides))
    assert messages_of(error.value) == expected
    assert contest.rounds.count() == 1


def test_first_round_opens_after_submission_closes(contest):
    with pytest.raises(ValidationError) as error:
        services.round_save(contest=contest, data=_round_data(opens_at=at(4, 30, 17)))
    assert messages_of(error.value) == {
        "opens_at": [
            "The first round must open at or after the submission window closes (2026-04-30 18:00)."
        ]
    }


def test_editing_a_round_checks_the_next_round(contest, round1):
    services.round_save(contest=contest, data=_round_data())
    with pytest.raises(ValidationError) as error:
        services.round_save(
            contest=contest,
            round_=round1,
            data=_round_data(
                name_ko="1차", opens_at=at(5, 1), closes_at=at(6, 1, 10), weight=Decimal("30")
            ),
        )
    assert messages_of(error.value) == {
        "closes_at": [
            "This round must close at or before the next round, 2차 발표심사, "
            "opens (2026-06-01 09:00)."
        ]
    }


def test_panel_weights_must_add_up_to_100(contest):
    with pytest.raises(ValidationError) as error:
        services.round_save(
            contest=contest,
            data=_round_data(),
            panels=[
                services.Row(None, {"name_ko": "전문가", "name_en": "", "weight": Decimal("60")})
            ],
        )
    assert error.value.messages == ["Panel weights in a round must add up to exactly 100 (now 60)."]
    assert contest.rounds.count() == 0


def test_round_delete_refuses_once_scoring_started(round1):
    round1.scoring_started_at = timezone.now()
    round1.save()
    with pytest.raises(ValidationError) as error:
        services.round_delete(round_=round1)
    assert error.value.messages == ["Scoring has started in this round, so it cannot be removed."]
    assert Round.objects.filter(pk=round1.pk).exists()


def test_contest_rows_save_orders_adds_and_removes(contest):
    a = f.CategoryFactory(contest=contest, name_ko="가", order=0)
    b = f.CategoryFactory(contest=contest, name_ko="나", order=1)
    other = f.CategoryFactory(name_ko="남의 것")
    services.contest_rows_save(
        contest=contest,
        model=type(a),
        rows=[
            services.Row(b, {"name_ko": "나", "name_en": "", "description": ""}),
            services.Row(None, {"name_ko": "다", "name_en": "", "description": ""}),
            services.Row(a, delete=True),
        ],
    )
    assert list(contest.categories.values_list("name_ko", "order")) == [("나", 0), ("다", 1)]
    with pytest.raises(ValidationError):
        services.contest_rows_save(
            contest=contest, model=type(a), rows=[services.Row(other, delete=True)]
        )
    assert type(a).objects.filter(pk=other.pk).exists()
