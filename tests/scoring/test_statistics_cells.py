"""The statistics of a round taken from its scores only (judge_profiles_of_cells,
krippendorff_alpha_of_units, as scoring.reliability does) equal those of the dense table of rows
(judge_profiles, krippendorff_alpha) exactly, whatever the order of the rows and of the scores."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.reliability import round_statistics
from scoring.statistics import (
    LEVELS,
    judge_profiles,
    judge_profiles_of_cells,
    krippendorff_alpha,
    krippendorff_alpha_of_units,
)
from tests.results.inputs import make

score = st.integers(0, 40).map(lambda halves: Decimal(halves) / 2)


@st.composite
def tables(draw):
    judges = draw(st.integers(1, 6))
    cell = st.one_of(st.none(), st.none(), score)
    row = st.lists(cell, min_size=judges, max_size=judges)
    return draw(st.lists(row, max_size=8))


def outcome(function, *args):
    try:
        return function(*args)
    except ValueError as error:
        return str(error)


FAST = settings(max_examples=200, deadline=None)


@FAST
@given(rows=tables(), data=st.data())
def test_profiles_from_cells_equal_those_from_rows(rows, data):
    width = len(rows[0]) if rows else 3
    cells = [[(j, v) for j, v in enumerate(row) if v is not None] for row in rows]
    cells = data.draw(st.permutations([data.draw(st.permutations(row)) for row in cells]))
    expected = judge_profiles(rows) if rows else judge_profiles([[None] * width])
    assert judge_profiles_of_cells(cells, width) == expected


@FAST
@given(rows=tables(), level=st.sampled_from(LEVELS), data=st.data())
def test_alpha_from_units_equals_alpha_from_rows(rows, level, data):
    units = [[v for v in row if v is not None] for row in rows]
    units = data.draw(st.permutations([data.draw(st.permutations(unit)) for unit in units]))
    assert outcome(krippendorff_alpha_of_units, units, level) == outcome(
        krippendorff_alpha, rows, level
    )


@FAST
@given(rows=tables().filter(bool))
def test_round_statistics_equal_the_dense_table(rows):
    judges = [f"J{n + 1}" for n in range(len(rows[0]))]
    table = {f"E{i}": {judges[j]: str(v) for j, v in enumerate(row) if v is not None}
             for i, row in enumerate(rows)}  # fmt: skip
    inputs = make(table)
    inputs["judges"] = {judge: [] for judge in judges}
    stats = round_statistics(inputs)
    dense = [[None if v is None else Decimal(str(v)) for v in row] for row in rows]
    profiles = judge_profiles(dense)
    assert [{k: p[k] for k in profiles[0]} for p in stats["judges"].values()] == profiles
    alpha = outcome(krippendorff_alpha, dense, "interval")
    assert stats["alpha"] == (None if isinstance(alpha, str) else alpha)
