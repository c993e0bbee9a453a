"""Agreement statistics against published examples and hand computations."""

import math
from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.statistics import (
    DISAGREEMENT_THRESHOLD,
    alpha_band,
    icc,
    icc_band,
    judge_profiles,
    kendall_w,
    krippendorff_alpha,
    w_band,
)

# --- ICC: Shrout & Fleiss (1979), Psychological Bulletin 86(2), 420-428, Table 2 data -----------

SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def test_icc_shrout_fleiss_published_values():
    """Shrout & Fleiss (1979), worked example on the Table 2 data: ICC(1,1)=.17 ICC(2,1)=.29
    ICC(3,1)=.71 ICC(1,4)=.44 ICC(2,4)=.62 ICC(3,4)=.91."""
    result = icc(SHROUT_FLEISS)
    published = {"ICC1": 0.17, "ICC2": 0.29, "ICC3": 0.71, "ICC1k": 0.44, "ICC2k": 0.62}
    published["ICC3k"] = 0.91
    assert {name: round(value, 2) for name, value in result.items()} == published


def test_icc_shrout_fleiss_exact_from_hand_computed_mean_squares():
    """By hand, n=6 targets, k=4 judges, grand total 127, Σx² = 841, CF = 127²/24 = 16129/24:
    row totals 24 12 26 16 30 19 -> SS_rows = 2913/4 - CF = 1349/24; column totals 46 15 26 40
    -> SS_judges = 4617/6 - CF = 2339/24; SS_total = 841 - CF = 4055/24.
    BMS = (1349/24)/5 = 4047/360 (11.24), WMS = (2706/24)/18 = 2255/360 (6.26),
    JMS = (2339/24)/3 = 11695/360 (32.49), EMS = (367/24)/15 = 367/360 (1.02), as published.
    In units of 1/360: ICC1 = (4047-2255)/(4047+3*2255) = 1792/10812,
    ICC2 = 3680/(4047 + 3*367 + 4*(11695-367)/6) = 3680/12700, ICC3 = 3680/(4047+3*367),
    ICC1k = 1792/4047, ICC2k = 3680/(4047 + 11328/6), ICC3k = 3680/4047."""
    expected = {
        "ICC1": 1792 / 10812,
        "ICC2": 3680 / 12700,
        "ICC3": 3680 / 5148,
        "ICC1k": 1792 / 4047,
        "ICC2k": 3680 / 5935,
        "ICC3k": 3680 / 4047,
    }
    result = icc(SHROUT_FLEISS)
    assert result.keys() == expected.keys()
    for name, value in expected.items():
        assert result[name] == pytest.approx(value, abs=1e-9), name


def test_icc_uses_complete_rows_only():
    assert icc([*SHROUT_FLEISS, [3, None, 4, 5], [None] * 4]) == icc(SHROUT_FLEISS)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[1, 2, 3]], "needs at least 2 complete rows, got 1"),
        ([[1, 2, 3], [4, None, 6]], "needs at least 2 complete rows, got 1"),
        ([[1], [2], [3]], "needs at least 2 judges, got 1"),
        ([[7, 7, 7], [7, 7, 7], [7, 7, 7]], "undefined: no variance"),
    ],
)
def test_icc_refuses(rows, message):
    with pytest.raises(ValueError, match=message):
        icc(rows)


# --- Kendall's W ----------------------------------------------------------------------------------

# Hollander & Wolfe (1973), Nonparametric Statistical Methods, pp. 139-146 (Table 7.1 in the 1999
# edition): 22 players (our judges) x 3 ways of rounding first base (our entries), times in seconds.
# The same data are the example of R's friedman.test, whose published output is
# "Friedman chi-squared = 11.143" (tie-corrected); W = chi2 / (m(n-1)).
ROUNDING_TIMES = [  # one line per player: round out, narrow angle, wide angle
    (5.40, 5.50, 5.55), (5.85, 5.70, 5.75), (5.20, 5.60, 5.50), (5.55, 5.50, 5.40),
    (5.90, 5.85, 5.70), (5.45, 5.55, 5.60), (5.40, 5.40, 5.35), (5.45, 5.50, 5.35),
    (5.25, 5.15, 5.00), (5.85, 5.80, 5.70), (5.25, 5.20, 5.10), (5.65, 5.55, 5.45),
    (5.60, 5.35, 5.45), (5.05, 5.00, 4.95), (5.50, 5.50, 5.40), (5.45, 5.55, 5.50),
    (5.55, 5.55, 5.35), (5.45, 5.50, 5.55), (5.50, 5.45, 5.25), (5.65, 5.60, 5.40),
    (5.70, 5.65, 5.55), (6.30, 6.30, 6.25),
]  # fmt: skip
ROUNDING_ROWS = [list(method) for method in zip(*ROUNDING_TIMES, strict=True)]


def test_kendall_w_hollander_wolfe_with_ties():
    """Ranks within each player (1 = fastest), by hand:
    round out    1 3 1 3 3 1 2.5 2 3 3 3 3 3 3 2.5 1 2.5 1 3 3 3 2.5 -> R = 53
    narrow angle 2 1 3 2 2 2 2.5 3 2 2 2 2 1 2 2.5 3 2.5 2 2 2 2 2.5 -> R = 47
    wide angle   3 2 2 1 1 3 1   1 1 1 1 1 2 1 1   2 1   3 1 1 1 1   -> R = 32
    m = 22 judges, n = 3 entries, mean rank sum m(n+1)/2 = 44, S = 9² + 3² + 12² = 234.
    Ties: players 7, 15, 17, 22 each tie two methods: T = 4 * (2³ - 2) = 24.
    W = 12*234 / (22²*(3³-3) - 22*24) = 2808 / (11616 - 528) = 2808/11088 = 39/154;
    uncorrected 2808/11616 = 117/484. m(n-1)W = 44*39/154 = 11.1429, the published 11.143."""
    w = kendall_w(ROUNDING_ROWS)
    assert w == pytest.approx(39 / 154, abs=1e-12)
    assert round(22 * 2 * w, 3) == 11.143
    assert kendall_w(ROUNDING_ROWS, correct_ties=False) == pytest.approx(117 / 484, abs=1e-12)


def test_kendall_w_perfect_and_no_agreement():
    assert kendall_w([[1, 10, 5], [2, 20, 6], [3, 30, 7]]) == 1.0
    # Two judges in opposite orders: rank sums 4 4 4 -> S = 0.
    assert kendall_w([[1, 3], [2, 2], [3, 1]]) == 0.0


def test_kendall_w_drops_incomplete_rows():
    assert kendall_w([*ROUNDING_ROWS, [1.0, None] * 11]) == kendall_w(ROUNDING_ROWS)


def test_kendall_w_everything_tied():
    rows = [[5, 5], [5, 5], [5, 5]]
    with pytest.raises(ValueError, match="undefined: no variance"):
        kendall_w(rows)
    assert kendall_w(rows, correct_ties=False) == 0.0


@pytest.mark.parametrize(
    ("rows", "message"),
    [([[1, 2, 3]], "at least 2 complete rows"), ([[1], [2]], "at least 2 judges")],
)
def test_kendall_w_refuses_too_small(rows, message):
    with pytest.raises(ValueError, match=message):
        kendall_w(rows)


# --- Krippendorff's alpha -------------------------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: observers A-D
# (columns) x units 1-12 (rows), "." missing. Published: nominal .743, ordinal .815,
# interval .849, ratio .797.
_ = None
KRIPPENDORFF_2011 = [
    list(unit)
    for unit in zip(
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],  # A
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],  # B
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],  # C
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],  # D
        strict=True,
    )
]


@pytest.mark.parametrize(
    ("level", "published", "exact"),
    [
        ("nominal", 0.743, Fraction(113, 152)),
        ("ordinal", 0.815, Fraction(108577, 133160)),
        ("interval", 0.849, Fraction(951, 1120)),
        ("ratio", 0.797, Fraction(18222619, 22852465)),
    ],
)
def test_krippendorff_2011_published_values(level, published, exact):
    """Exact values from the coincidence-matrix definition (reference_alpha below); the margins
    are n_1..n_5 = 9 13 10 5 3, n = 40, as in the paper. Interval by hand: pairable units' sums of
    m*SS/(m-1): unit 2 {2,2,3,2} 4*0.75/3 = 1, unit 6 {1,2,3,4} 4*5/3 = 20/3, unit 8 {1,1,2,1} 1,
    all others 0; Σ o δ² = 2 * 26/3 = 52/3. Σ x = 100, Σ x² = 306, SS = 306 - 40*2.5² = 56,
    Σ n_c n_k δ² = 2*40*56 = 4480. alpha = 1 - 39*(52/3)/4480 = 951/1120. Nominal: 8 disagreeing
    pair weights, Σ n_c n_k [c≠k] = 40² - (81+169+100+25+9) = 1216, alpha = 1 - 39*8/1216."""
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert round(alpha, 3) == published
    assert alpha == pytest.approx(float(exact), abs=1e-12)
    assert reference_alpha(KRIPPENDORFF_2011, level) == exact


def test_krippendorff_ignores_unpairable_units():
    more = [*KRIPPENDORFF_2011, [None, 4, None, None], [None] * 4]
    assert krippendorff_alpha(more, "interval") == krippendorff_alpha(KRIPPENDORFF_2011, "interval")


@pytest.mark.parametrize(
    ("rows", "level", "message"),
    [
        (KRIPPENDORFF_2011, "likert", "level must be one of nominal, ordinal, interval, ratio"),
        ([[1, None], [None, 2]], "interval", "needs at least 2 pairable values, got 0"),
        ([[3, 3], [3, 3, 3], [None, 3]], "nominal", "no variance"),
        ([[1, -1], [2, 2]], "ratio", "not negative"),
    ],
)
def test_krippendorff_refuses(rows, level, message):
    with pytest.raises(ValueError, match=message):
        krippendorff_alpha(rows, level)


def reference_alpha(rows, level):
    """The textbook computation (Krippendorff 2011, eqs. for o_ck, n_c, D_o, D_e), exact, dense."""
    units = [[Fraction(v) for v in row if v is not None] for row in rows]
    units = [unit for unit in units if len(unit) >= 2]
    o = defaultdict(Fraction)
    for unit in units:
        for i, a in enumerate(unit):
            for j, b in enumerate(unit):
                if i != j:
                    o[a, b] += Fraction(1, len(unit) - 1)
    values = sorted({v for unit in units for v in unit})
    n_c = {c: sum((o[c, k] for k in values), Fraction(0)) for c in values}
    n = sum(n_c.values())

    def delta2(c, k):
        if level == "nominal":
            return Fraction(c != k)
        if level == "interval":
            return (c - k) ** 2
        if level == "ratio":
            return Fraction(0) if c == k else ((c - k) / (c + k)) ** 2
        low, high = min(c, k), max(c, k)
        return (sum(n_c[g] for g in values if low <= g <= high) - (n_c[c] + n_c[k]) / 2) ** 2

    observed = sum(o[c, k] * delta2(c, k) for c in values for k in values)
    expected = sum(n_c[c] * n_c[k] * delta2(c, k) for c in values for k in values)
    return 1 - (n - 1) * observed / expected


sparse_rows = st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=4, max_size=4),
    min_size=2,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(rows=sparse_rows, level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_krippendorff_fast_forms_equal_the_coincidence_matrix(rows, level):
    try:
        expected = reference_alpha(rows, level)
    except (ZeroDivisionError, ValueError):
        with pytest.raises(ValueError, match=r"pairable values|no variance"):
            krippendorff_alpha(rows, level)
        return
    assert krippendorff_alpha(rows, level) == pytest.approx(float(expected), abs=1e-9)


# --- judge profiles -------------------------------------------------------------------------------


def test_judge_profiles_hand_example():
    rows = [
        [8, 6, 7],
        [6, 4, 5],
        [9, 7, None],
        [5, None, None],
        [7, 5, 9],
        [None, None, None],
    ]
    first, second, third = judge_profiles(rows)
    # Judge 0: 8 6 9 5 7, mean 7, SS 10, sd sqrt(10/4). Versus co-judge means 6.5 4.5 7 (row 4
    # has nobody else) 7: differences 1.5 1.5 2 0 -> leniency 5/4. Pairs (8,6.5) (6,4.5) (9,7)
    # (7,7): sxy = 3.5, sxx = 5, syy = 4.25 -> r = 3.5/sqrt(21.25) = 7/sqrt(85).
    assert first == {
        "count": 5,
        "mean": 7.0,
        "sd": pytest.approx(math.sqrt(2.5), abs=1e-12),
        "leniency": 1.25,
        "agreement": pytest.approx(7 / math.sqrt(85), abs=1e-12),
        "outlier": False,
    }
    # Judge 1: 6 4 7 5, mean 5.5, SS 5, sd sqrt(5/3). Co-judge means 7.5 5.5 9 8: differences
    # -1.5 -1.5 -2 -3 -> -2. sxy = 5, sxx = 5, syy = 6.5 -> r = 5/sqrt(32.5).
    assert second == {
        "count": 4,
        "mean": 5.5,
        "sd": pytest.approx(math.sqrt(5 / 3), abs=1e-12),
        "leniency": -2.0,
        "agreement": pytest.approx(5 / math.sqrt(32.5), abs=1e-12),
        "outlier": False,
    }
    # Judge 2: 7 5 9, mean 7, SS 8, sd 2. Co-judge means 7 5 6: differences 0 0 3 -> 1.
    # sxy = 2, sxx = 8, syy = 2 -> r = 2/4.
    assert third == {
        "count": 3,
        "mean": 7.0,
        "sd": 2.0,
        "leniency": 1.0,
        "agreement": 0.5,
        "outlier": False,
    }


def test_judge_profiles_flags_a_judge_who_reverses_the_panel():
    rows = [[1, 1, 4], [2, 2, 3], [3, 3, 2], [4, 4, 1]]
    first, second, third = judge_profiles(rows)
    # Judge 2 against the others' means 1 2 3 4: r = -1, an outlier.
    assert third["agreement"] == -1.0
    assert third["outlier"] is True
    # Judge 0 against the means of judges 1 and 2: 2.5 everywhere, no variance -> undefined.
    assert first["agreement"] is None
    assert first["outlier"] is False
    assert second["leniency"] == 0.0


def test_judge_profiles_edge_cases():
    rows = [[3, None, None], [None, 4, 2], [None, 6, 4]]
    lone, pair_a, pair_b = judge_profiles(rows)
    assert lone == {
        "count": 1,
        "mean": 3.0,
        "sd": None,
        "leniency": None,
        "agreement": None,
        "outlier": False,
    }
    # Two shared entries only: leniency defined (4-2, 6-4 -> 2), agreement not (< 3 entries).
    assert pair_a["leniency"] == 2.0
    assert pair_a["agreement"] is None
    assert pair_b["leniency"] == -2.0
    assert judge_profiles([[None, 1], [None, 2]])[0] == {
        "count": 0,
        "mean": None,
        "sd": None,
        "leniency": None,
        "agreement": None,
        "outlier": False,
    }
    assert judge_profiles([]) == []


def test_disagreement_threshold():
    assert DISAGREEMENT_THRESHOLD == 0.3


# --- bands ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (-0.2, "poor"),
        (0.4999, "poor"),
        (0.5, "moderate"),
        (0.7499, "moderate"),
        (0.75, "good"),
        (0.9, "good"),
        (0.9001, "excellent"),
        (1.0, "excellent"),
    ],
)
def test_icc_band_koo_li_2016(value, band):
    """Koo & Li (2016): < .5 poor, .5-.75 moderate, .75-.9 good, > .9 excellent."""
    assert icc_band(value) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.8, "reliable"),
        (0.95, "reliable"),
        (0.7999, "tentative"),
        (0.667, "tentative"),
        (0.6669, "unreliable"),
        (-0.1, "unreliable"),
    ],
)
def test_alpha_band_krippendorff_2004(value, band):
    """Krippendorff (2004), Content Analysis 2nd ed.: alpha ≥ .800 reliable, ≥ .667 tentative."""
    assert alpha_band(value) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "very_weak"),
        (0.1, "very_weak"),
        (0.2999, "very_weak"),
        (0.3, "weak"),
        (0.4999, "weak"),
        (0.5, "moderate"),
        (0.7, "strong"),
        (0.8999, "strong"),
        (0.9, "unusually_strong"),
        (1.0, "unusually_strong"),
    ],
)
def test_w_band_schmidt_1997(value, band):
    """Schmidt (1997) anchors .1 .3 .5 .7 .9, each read as the lower bound of its band."""
    assert w_band(value) == band
