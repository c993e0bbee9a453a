"""Rubric services: criteria, levels, order, the lock once scoring started."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contests import services
from contests.models import Round
from contests.services import checks
from contests.services.rubric import standard_level_points
from tests import factories as f
from tests.contests.conftest import messages_of

pytestmark = pytest.mark.django_db


# --- rubric ---------------------------------------------------------------------------------------


def test_criterion_rules(round1):
    with pytest.raises(ValidationError) as error:
        services.criterion_add(
            round_=round1,
            data={"name_ko": "혁신성", "max_points": Decimal("0"), "step": Decimal("0")},
        )
    assert messages_of(error.value) == {
        "max_points": ["Max points must be greater than 0."],
        "step": ["The step must be greater than 0."],
    }
    with pytest.raises(ValidationError) as error:
        services.criterion_add(
            round_=round1,
            data={"name_ko": "혁신성", "max_points": Decimal("25"), "step": Decimal("2")},
        )
    assert messages_of(error.value) == {
        "max_points": ["Max points must be a multiple of the step (2)."]
    }
    assert round1.criteria.count() == 0


def test_criterion_update_keeps_levels_inside_the_new_maximum(round1):
    criterion = f.CriterionFactory(round=round1, max_points=Decimal("30"))
    f.LevelFactory(criterion=criterion, label="매우우수", points=Decimal("30"))
    with pytest.raises(ValidationError) as error:
        services.criterion_update(criterion=criterion, data={"max_points": Decimal("20")})
    assert messages_of(error.value) == {
        "max_points": [
            "The level 매우우수 (30 points) would no longer fit; change the levels first."
        ]
    }


def test_level_points_must_fit_the_criterion(round1):
    criterion = f.CriterionFactory(round=round1, max_points=Decimal("30"), step=Decimal("5"))
    for points, message in [
        (Decimal("31"), "Points must be between 0 and 30."),
        (Decimal("-5"), "Points must be between 0 and 30."),
        (Decimal("12"), "Points must be a multiple of the step (5)."),
    ]:
        with pytest.raises(ValidationError) as error:
            services.levels_save(
                criterion=criterion,
                rows=[services.Row(None, {"label": "우수", "points": points, "description": ""})],
            )
        assert error.value.messages == [message]
    assert criterion.levels.count() == 0


def test_move_swaps_neighbours_and_stops_at_the_ends(round1):
    a, _b, c = (f.CriterionFactory(round=round1, name_ko=n, order=i) for i, n in enumerate("ABC"))
    services.criterion_move(criterion=c, direction="up")
    assert list(round1.criteria.values_list("name_ko", flat=True)) == ["A", "C", "B"]
    services.criterion_move(criterion=a, direction="up")
    assert list(round1.criteria.values_list("name_ko", "order")) == [("A", 0), ("C", 1), ("B", 2)]
    services.criterion_move(criterion=a, direction="down")
    assert list(round1.criteria.values_list("name_ko", flat=True)) == ["C", "A", "B"]
    services.criterion_delete(criterion=a)
    assert list(round1.criteria.values_list("name_ko", "order")) == [("C", 0), ("B", 1)]


@pytest.mark.parametrize(
    ("max_points", "step", "expected"),
    [
        ("30", "1", ["30", "24", "18", "12", "6"]),
        ("25", "1", ["25", "20", "15", "10", "5"]),
        ("12", "3", ["12", "9", "6", "6", "3"]),
        ("10", "0.5", ["10", "8", "6", "4", "2"]),
        ("7", "1", ["7", "6", "4", "3", "1"]),
    ],
)
def test_standard_levels_snap_to_the_step(max_points, step, expected):
    points = standard_level_points(max_points=Decimal(max_points), step=Decimal(step))
    assert [checks.fmt_decimal(p) for p in points] == expected


def test_fill_standard_levels_replaces_the_levels(round1):
    criterion = f.CriterionFactory(round=round1, max_points=Decimal("20"), step=Decimal("1"))
    f.LevelFactory(criterion=criterion, label="old", points=Decimal("1"))
    services.levels_fill_standard(criterion=criterion)
    assert list(criterion.levels.values_list("label", "points", "order")) == [
        ("매우우수", Decimal("20"), 0),
        ("우수", Decimal("16"), 1),
        ("보통", Decimal("12"), 2),
        ("미흡", Decimal("8"), 3),
        ("매우미흡", Decimal("4"), 4),
    ]


def test_every_rubric_write_refuses_once_scoring_started(round1):
    criterion = f.CriterionFactory(round=round1)
    level = f.LevelFactory(criterion=criterion, points=Decimal("30"))
    Round.objects.filter(pk=round1.pk).update(scoring_started_at=timezone.now())
    attempts = [
        lambda: services.criterion_add(
            round_=round1, data={"name_ko": "x", "max_points": Decimal("10"), "step": Decimal("1")}
        ),
        lambda: services.criterion_update(criterion=criterion, data={"name_ko": "바뀜"}),
        lambda: services.criterion_delete(criterion=criterion),
        lambda: services.criterion_move(criterion=criterion, direction="down"),
        lambda: services.levels_save(criterion=criterion, rows=[services.Row(level, delete=True)]),
        lambda: services.levels_fill_standard(criterion=criterion),
    ]
    for attempt in attempts:
        with pytest.raises(services.RubricLocked) as error:
            attempt()
        assert (
            str(error.value)
            == "Scoring has started in this round, so its rubric can no longer change."
        )
    criterion.refresh_from_db()
    assert criterion.name_ko != "바뀜"
    assert list(criterion.levels.all()) == [level]
    assert round1.criteria.count() == 1
