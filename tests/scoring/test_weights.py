"""Weighting many entries' parts with one set of weights (scoring.tally.Weights): the weights are
checked once, when first used, and each result is what aggregation.weighted gives."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.aggregation import weighted, weighted_sum
from scoring.tally import Weights

W = {"P1": Decimal("70"), "P2": Decimal("30"), "P3": Decimal("0")}
part = st.sampled_from(["80", "80.0", "79.995", "0", "100.00", "33.333333333333333333333333333"])


@settings(max_examples=100, deadline=None)
@given(parts=st.fixed_dictionaries({"P1": part, "P2": part}))
def test_each_result_is_what_weighted_gives(parts):
    parts = {key: Decimal(text) for key, text in parts.items()}
    weights = Weights(W)
    first, problem = weights.combine(parts, "missing_panel", "E1")
    again, _ = weights.combine(dict(parts), "missing_panel", "E2")  # the second is remembered
    assert problem is None
    assert str(first) == str(again) == str(weighted(parts, W)) == str(weighted_sum(parts, W))


def test_equal_parts_written_differently_are_weighted_apart():
    weights = Weights({"R1": Decimal("100.00")})
    assert str(weights.combine({"R1": Decimal("80")}, "missing_round", "E1")[0]) == "80.00"
    assert str(weights.combine({"R1": Decimal("80.0")}, "missing_round", "E2")[0]) == "80.000"


def test_a_missing_part_is_a_problem_and_a_part_weighted_zero_may_be_missing():
    weights = Weights(W)
    assert weights.combine({"P1": Decimal(1)}, "missing_panel", "E1") == (
        None,
        {"code": "missing_panel", "entry": "E1", "missing": ["P2"]},
    )
    assert weights.combine({"P1": Decimal(1), "P2": Decimal(1)}, "x", "E1")[0] == 1


def test_bad_weights_are_refused_when_first_used_not_before():
    weights = Weights({"P1": Decimal("150"), "P2": Decimal("-50")})  # adds up to 100
    assert weights.combine({}, "missing_panel", "E1")[0] is None  # nothing to weight: no check
    with pytest.raises(ValueError, match="weight of P2 is negative"):
        weights.combine({"P1": Decimal(1), "P2": Decimal(1)}, "missing_panel", "E1")


def test_weighted_sum_divides_in_28_digits_whatever_the_callers_context():
    with localcontext(prec=3):
        result = weighted_sum({"A": Decimal(1), "B": Decimal(2)}, {"A": Decimal(50), "B": 50})
    assert result == Decimal("1.5")
    with localcontext(prec=3):
        third = weighted_sum({"A": Decimal(1)}, {"A": Decimal("33.3333")})
    assert third == Decimal("0.333333")
