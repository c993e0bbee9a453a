"""Hand-computed examples for the across-judge methods of scoring.aggregation (pure Decimals)."""

import re
from decimal import Decimal, localcontext

import pytest

from scoring.aggregation import (
    borda,
    check_weights,
    mean,
    median,
    standardized,
    trimmed_mean,
    weighted,
)


def exactly(message):
    """pytest.raises(match=...) for the whole message, taken literally."""
    return f"^{re.escape(message)}$"


def d(*values):
    return [None if value is None else Decimal(str(value)) for value in values]


# --- mean ----------------------------------------------------------------------------------------


def test_mean_skips_missing_scores():
    assert mean(d(80, 90, None, 85.5)) == Decimal("85.16666666666666666666666667")  # 255.5 / 3


def test_mean_keeps_28_significant_digits_whatever_the_callers_context():
    with localcontext(prec=3):
        assert mean(d(1, 1, 2)) == Decimal("1.333333333333333333333333333")


def test_mean_of_one_score_is_that_score():
    assert mean(d(77.5)) == Decimal("77.5")


@pytest.mark.parametrize("values", [[], [None], [None, None]])
def test_mean_of_no_scores_is_an_error(values):
    with pytest.raises(ValueError, match="mean of no scores"):
        mean(values)


# --- median --------------------------------------------------------------------------------------


def test_median_of_an_odd_count_is_the_middle_score():
    assert median(d(90, 70, 80)) == Decimal("80")


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_scores():
    assert median(d(60, 90, 70, 85)) == Decimal("77.5")  # (70 + 85) / 2


def test_median_skips_missing_scores_and_handles_ties():
    assert median(d(80, None, 80, 95, 60)) == Decimal("80")
    assert median(d(70, 70, 70, 70)) == Decimal("70")


def test_median_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="median of no scores"):
        median([None])


# --- trimmed mean (최고·최저점 각 k개 제외) ------------------------------------------------------


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    assert trimmed_mean(d(70, 80, 90, 100, 60), 1) == Decimal("80")  # (70 + 80 + 90) / 3


def test_trimmed_mean_drops_only_one_of_several_equal_highest():
    # sorted 70 80 90 90 90: drop 70 and a single 90 -> (80 + 90 + 90) / 3
    assert trimmed_mean(d(90, 90, 90, 80, 70), 1) == Decimal("86.66666666666666666666666667")


def test_trimmed_mean_drops_only_one_of_several_equal_lowest():
    # sorted 70 70 70 80 90: drop a single 70 and 90 -> (70 + 70 + 80) / 3
    assert trimmed_mean(d(70, 80, 70, 90, 70), 1) == Decimal("73.33333333333333333333333333")


def test_trimmed_mean_with_ties_at_both_ends():
    # sorted 60 60 80 100 100: drop one 60 and one 100 -> (60 + 80 + 100) / 3
    assert trimmed_mean(d(100, 60, 80, 60, 100), 1) == Decimal("80")


def test_trimmed_mean_k2_with_three_equal_at_each_end():
    # sorted 50 50 50 70 90 90 90: drop two 50s and two 90s -> (50 + 70 + 90) / 3
    assert trimmed_mean(d(90, 50, 70, 90, 50, 90, 50), 2) == Decimal("70")


def test_trimmed_mean_of_all_equal_scores():
    assert trimmed_mean(d(85, 85, 85, 85, 85), 2) == Decimal("85")


def test_trimmed_mean_with_exactly_2k_plus_1_scores_is_the_median():
    assert trimmed_mean(d(3, 1, 2), 1) == Decimal("2")


def test_trimmed_mean_k0_is_the_mean():
    assert trimmed_mean(d(80, 90, 85.5), 0) == mean(d(80, 90, 85.5))


def test_trimmed_mean_counts_only_the_scores_given():
    assert trimmed_mean(d(1, None, 2, 3), 1) == Decimal("2")
    with pytest.raises(
        ValueError, match=exactly("dropping 1 highest and 1 lowest needs at least 3 scores, got 2")
    ):
        trimmed_mean(d(1, None, 2), 1)


def test_trimmed_mean_k_leaving_too_few_scores():
    with pytest.raises(
        ValueError, match=exactly("dropping 2 highest and 2 lowest needs at least 5 scores, got 4")
    ):
        trimmed_mean(d(60, 70, 80, 90), 2)


def test_trimmed_mean_of_one_judge_with_k0():
    assert trimmed_mean(d(64.5), 0) == Decimal("64.5")


def test_trimmed_mean_negative_k_is_an_error():
    with pytest.raises(ValueError, match="k must not be negative, got -1"):
        trimmed_mean(d(1, 2, 3), -1)


# --- standardized (T-score 50 + 10z per judge, population SD) ----------------------------------


def test_standardized_hand_example():
    # Judge B scores 8 entries 2 4 4 4 5 5 7 9: mean 5, population variance 32/8 = 4, sd 2,
    #   z = -1.5 -0.5 -0.5 -0.5 0 0 1 2 -> 35 45 45 45 50 50 60 70.
    # Judge A scores e1 70, e2 90: mean 80, sd 10, z = -1, +1 -> 40, 60.
    # Judge C gives e1 and e3 the same 77: sd 0, z = 0 -> 50, 50 (no division by zero).
    # Judge D scores only e9: one entry, sd 0 -> 50.  Judge E scored nothing (None only).
    totals = {
        "B": dict(zip([f"e{i}" for i in range(1, 9)], d(2, 4, 4, 4, 5, 5, 7, 9), strict=True)),
        "A": {"e1": Decimal(70), "e2": Decimal(90), "e3": None},
        "C": {"e1": Decimal(77), "e3": Decimal(77)},
        "D": {"e9": Decimal(88)},
        "E": {"e1": None},
    }
    assert standardized(totals) == {
        "e1": Decimal("41.66666666666666666666666667"),  # (35 + 40 + 50) / 3
        "e2": Decimal("52.5"),  # (45 + 60) / 2
        "e3": Decimal("47.5"),  # (45 + 50) / 2
        "e4": Decimal("45"),
        "e5": Decimal("50"),
        "e6": Decimal("50"),
        "e7": Decimal("60"),
        "e8": Decimal("70"),
        "e9": Decimal("50"),
    }


def test_standardized_maps_onto_the_rubric_scale():
    # A 50-point rubric: center 25, spread 5. Judge: 2 4 4 4 5 5 7 9 (mean 5, sd 2).
    totals = {"J": dict(zip("abcdefgh", d(2, 4, 4, 4, 5, 5, 7, 9), strict=True))}
    result = standardized(totals, center=Decimal(25), spread=Decimal(5))
    assert result["a"] == Decimal("17.5")  # 25 + 5 * -1.5
    assert result["h"] == Decimal("35")  # 25 + 5 * 2


def test_standardized_all_equal_judge_and_one_entry_judge_give_the_centre():
    totals = {"same": {"x": Decimal(80), "y": Decimal(80)}, "one": {"z": Decimal(10)}}
    assert standardized(totals) == {"x": Decimal(50), "y": Decimal(50), "z": Decimal(50)}


def test_standardized_of_nothing_is_empty():
    assert standardized({}) == {}
    assert standardized({"J": {"e": None}}) == {}


# --- borda (rank-sum points) ----------------------------------------------------------------------


def test_borda_with_ties():
    # Judge A: e1 90 > e2 80 = e3 80 > e4 70: e1 3, e2 1 + 0.5, e3 1 + 0.5, e4 0.
    # Judge B: e1 = e2 = e3 = 60: each 0.5 * 2 = 1.  Judge C: e4 alone gets 0; e5 None is skipped.
    totals = {
        "A": {"e1": Decimal(90), "e2": Decimal(80), "e3": Decimal(80), "e4": Decimal(70)},
        "B": {"e1": Decimal(60), "e2": Decimal(60), "e3": Decimal(60)},
        "C": {"e4": Decimal(50), "e5": None},
    }
    assert borda(totals) == {
        "e1": Decimal("4"),
        "e2": Decimal("2.5"),
        "e3": Decimal("2.5"),
        "e4": Decimal("0"),
    }


def test_borda_top_of_n_gets_n_minus_1():
    totals = {"J": {"a": Decimal("9.5"), "b": Decimal("3"), "c": Decimal("7"), "d": Decimal("1")}}
    assert borda(totals) == {"a": 3, "c": 2, "b": 1, "d": 0}


def test_borda_all_equal_gives_everyone_half_of_n_minus_1():
    totals = {"J": {"a": Decimal(5), "b": Decimal(5), "c": Decimal(5), "d": Decimal(5)}}
    assert borda(totals) == {
        "a": Decimal("1.5"),
        "b": Decimal("1.5"),
        "c": Decimal("1.5"),
        "d": Decimal("1.5"),
    }


# --- weighted and check_weights ------------------------------------------------------------------


def test_weighted_panels():
    # 전문가 50% + 국민심사단 30% + 국민투표 20%: (50*80 + 30*70 + 20*90) / 100
    parts = {"expert": Decimal(80), "public": Decimal(70), "vote": Decimal(90)}
    weights = {"expert": Decimal(50), "public": Decimal(30), "vote": Decimal(20)}
    assert weighted(parts, weights) == Decimal("79")


def test_weighted_rounds_with_a_zero_weight_round_left_out():
    # 서면 30% + 발표 70%; a bonus round weighted 0 has no score and is ignored.
    parts = {"written": Decimal("85.5"), "presentation": Decimal(90), "bonus": None}
    weights = {"written": Decimal(30), "presentation": Decimal(70), "bonus": Decimal(0)}
    assert weighted(parts, weights) == Decimal("88.65")  # (2565 + 6300) / 100


def test_weighted_with_fractional_weights():
    parts = {"a": Decimal(90), "b": Decimal(60), "c": Decimal(30)}
    weights = {"a": Decimal("33.3"), "b": Decimal("33.3"), "c": Decimal("33.4")}
    assert weighted(parts, weights) == Decimal("59.97")  # (2997 + 1998 + 1002) / 100


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        ({"a": Decimal(50), "b": Decimal(40)}, "90"),
        ({"a": Decimal(70), "b": Decimal("30.5")}, "100.5"),
        ({}, "0"),
    ],
)
def test_weights_not_adding_up_to_100(weights, total):
    message = f"weights must add up to 100, they add up to {total}"
    with pytest.raises(ValueError, match=exactly(message)):
        check_weights(weights)
    with pytest.raises(ValueError, match=exactly(message)):
        weighted({key: Decimal(1) for key in weights}, weights)


def test_check_weights_accepts_100_written_any_way():
    assert check_weights({"a": Decimal("60.0"), "b": Decimal("40")}) is None
    assert check_weights({"only": Decimal("100.00")}) is None


def test_negative_weight_is_refused():
    with pytest.raises(ValueError, match="weight of b is negative: -10"):
        check_weights({"a": Decimal(110), "b": Decimal(-10)})


@pytest.mark.parametrize(
    "parts", [{"expert": Decimal(80), "public": None}, {"expert": Decimal(80)}]
)
def test_weighted_missing_part_names_the_key(parts):
    weights = {"expert": Decimal(60), "public": Decimal(40)}
    with pytest.raises(ValueError, match=exactly("no score for public (weight 40)")):
        weighted(parts, weights)


def test_weighted_part_without_a_weight_is_refused():
    with pytest.raises(ValueError, match=exactly("no weight for extra")):
        weighted({"expert": Decimal(80), "extra": Decimal(5)}, {"expert": Decimal(100)})
