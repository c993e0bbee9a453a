from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contests import services
from contests.models import Round
from tests import factories as f
from tests.contests.conftest import at, messages_of

pytestmark = pytest.mark.django_db


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
    f.CategoryFactory(contest=contest)
    f.CriterionFactory(round=round1)
    f.EntryQuestionFactory(contest=contest)
    with pytest.raises(ValidationError) as error:
        services.contest_update(contest=contest, data={"is_published": True})
    assert messages_of(error.value) == {
        "is_published": [
            "The contest cannot be published until its set-up is complete:",
            "Round weights add up to 30; they must add up to exactly 100.",
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
