"""Properties of the numeric core: no result depends on the order of judges or entries, and the
standardized score does not depend on a judge's personal scale (shift or stretch)."""

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring.aggregation import borda, mean, median, standardized, trimmed_mean, weighted
from scoring.statistics import icc, judge_profiles, kendall_w, krippendorff_alpha

FAST = settings(max_examples=120, deadline=None)

# Rubric totals: 0 to 100 in steps of 0.5.
score = st.integers(0, 200).map(lambda half_points: Decimal(half_points) / 2)
maybe_score = st.one_of(st.none(), score)


@st.composite
def score_table(draw, min_entries=1, max_entries=8, min_judges=1, max_judges=6, complete=False):
    """rows = entries, columns = judges; None where a judge gave no score."""
    entries = draw(st.integers(min_entries, max_entries))
    judges = draw(st.integers(min_judges, max_judges))
    cell = score if complete else maybe_score
    return [draw(st.lists(cell, min_size=judges, max_size=judges)) for _ in range(entries)]


def as_totals(rows):
    """judge -> {entry -> total}, the shape of standardized() and borda()."""
    return {
        f"judge{j}": {f"entry{i}": row[j] for i, row in enumerate(rows)}
        for j in range(len(rows[0]))
    }


def permuted_columns(rows, order):
    return [[row[j] for j in order] for row in rows]


def reordered(mapping, keys):
    return {key: mapping[key] for key in keys}


def assert_close_decimals(left, right):
    """Equal to within 1e-20, relative. Exact equality is not promised at 28 digits: changing the
    order of judges or entries changes the order of the Decimal additions in the means and the
    variance, and each addition rounds at the 28th significant digit, so two mathematically equal
    results may differ in their last digit or two (≈1e-26 relative for rubric totals)."""
    assert left.keys() == right.keys()
    for key in left:
        assert abs(left[key] - right[key]) <= abs(right[key]) * Decimal("1e-20"), key


# --- Decimal methods over one entry's scores ------------------------------------------------------


@FAST
@given(values=st.lists(maybe_score, min_size=1, max_size=12), data=st.data())
def test_list_methods_ignore_the_order_of_judges(values, data):
    shuffled = data.draw(st.permutations(values))
    present = [v for v in values if v is not None]
    assume(present)
    assert mean(shuffled) == mean(values)
    assert median(shuffled) == median(values)
    k = data.draw(st.integers(0, (len(present) - 1) // 2))
    assert trimmed_mean(shuffled, k) == trimmed_mean(values, k)


@FAST
@given(values=st.lists(score, min_size=1, max_size=12), data=st.data())
def test_trimmed_mean_lies_between_min_and_max(values, data):
    k = data.draw(st.integers(0, (len(values) - 1) // 2))
    result = trimmed_mean(values, k)
    assert min(values) <= result <= max(values)
    assert min(values) <= median(values) <= max(values)


@FAST
@given(
    part=score,
    weights=st.lists(st.integers(0, 100), min_size=1, max_size=5).filter(lambda w: sum(w) > 0),
)
def test_weighted_of_equal_parts_is_that_part(part, weights):
    # Scale any non-zero integer weights to percents adding up to exactly 100: the last one takes
    # what is left so that rounding cannot break the sum.
    total = sum(weights)
    percents = [Decimal(w * 100) / total for w in weights]
    percents[-1] = Decimal(100) - sum(percents[:-1])
    keys = [f"panel{i}" for i in range(len(weights))]
    result = weighted(dict.fromkeys(keys, part), dict(zip(keys, percents, strict=True)))
    assert abs(result - part) <= Decimal("1e-24")


# --- methods over judge -> entry tables -----------------------------------------------------------


@FAST
@given(rows=score_table(), data=st.data())
def test_standardized_and_borda_ignore_the_order_of_judges_and_entries(rows, data):
    totals = as_totals(rows)
    judges = data.draw(st.permutations(list(totals)))
    entries = data.draw(st.permutations([f"entry{i}" for i in range(len(rows))]))
    shuffled = {judge: reordered(totals[judge], entries) for judge in judges}
    assert_close_decimals(standardized(shuffled), standardized(totals))
    assert borda(shuffled) == borda(totals)


@FAST
@given(
    rows=score_table(min_entries=2),
    shift=st.integers(-100_000, 100_000).map(lambda cents: Decimal(cents) / 100),
    factor=st.integers(1, 10_000).map(lambda hundredths: Decimal(hundredths) / 100),
    data=st.data(),
)
def test_standardized_ignores_a_judges_shift_and_stretch(rows, shift, factor, data):
    totals = as_totals(rows)
    judge = data.draw(st.sampled_from(sorted(totals)))
    expected = standardized(totals)

    def transformed(change):
        return {
            name: {
                entry: (change(v) if name == judge and v is not None else v)
                for entry, v in scores.items()
            }
            for name, scores in totals.items()
        }

    assert_close_decimals(standardized(transformed(lambda v: v + shift)), expected)
    assert_close_decimals(standardized(transformed(lambda v: v * factor)), expected)


# --- statistics: permuting judges (columns) or entries (rows) -------------------------------------


def outcome(function, *args):
    """The result, or the error message: a refusal must not depend on the order either."""
    try:
        return function(*args)
    except ValueError as error:
        return str(error)


@FAST
@given(rows=score_table(min_entries=2, min_judges=2, complete=True), data=st.data())
def test_icc_and_kendall_w_ignore_order(rows, data):
    columns = data.draw(st.permutations(range(len(rows[0]))))
    shuffled = data.draw(st.permutations(permuted_columns(rows, columns)))
    # Both are computed in exact fractions, so the floats are identical, not merely close.
    assert outcome(icc, shuffled) == outcome(icc, rows)
    assert outcome(kendall_w, shuffled) == outcome(kendall_w, rows)
    assert outcome(kendall_w, shuffled, False) == outcome(kendall_w, rows, False)


@FAST
@given(
    rows=score_table(min_judges=2),
    level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]),
    data=st.data(),
)
def test_krippendorff_alpha_ignores_order(rows, level, data):
    columns = data.draw(st.permutations(range(len(rows[0]))))
    shuffled = data.draw(st.permutations(permuted_columns(rows, columns)))
    expected = outcome(krippendorff_alpha, rows, level)
    result = outcome(krippendorff_alpha, shuffled, level)
    if isinstance(expected, str):
        assert result == expected
    else:
        assert result == pytest.approx(expected, abs=1e-9)


@FAST
@given(rows=score_table(), data=st.data())
def test_judge_profiles_ignore_order(rows, data):
    columns = data.draw(st.permutations(range(len(rows[0]))))
    shuffled = data.draw(st.permutations(permuted_columns(rows, columns)))
    profiles = judge_profiles(rows)
    # Exact fractions inside: the same judge gets the identical profile wherever it stands.
    assert judge_profiles(shuffled) == [profiles[j] for j in columns]
