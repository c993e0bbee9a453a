"""Agreement statistics for organizers: plain Python, floats out, no ORM.

Every function takes `rows`: one list per entry, one column per judge, None where that judge gave
no score. ICC and Kendall's W need a complete block (a panel that scored every entry), so they use
complete rows only; Krippendorff's alpha takes the missing cells as they are and is the figure for
incomplete assignment designs. Sums of squares in icc, kendall_w and judge_profiles are computed
exactly — every value is scaled to an integer over one common denominator, sums of squares and
products are integers, and each figure is one exact ratio of integers turned into the correctly
rounded float at the end — so that "no variance" is detected exactly and the order of judges or
entries cannot change a result; krippendorff_alpha uses floats with math.fsum because it must
stay fast on whole rounds. judge_profiles_of_cells and krippendorff_alpha_of_units take a round's
present cells only (a round of 2,000 entries and 100 judges has 14,000 scores in 200,000 cells).
"""

import math
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from numbers import Real

Rows = Sequence[Sequence[Real | None]]

#: A judge whose scores correlate with the co-judges' mean below this (Pearson r) is flagged as an
#: outlier. 0.3 is Cohen's (1988, Statistical Power Analysis, ch. 3) "medium" correlation: below
#: it the judge orders the shared entries largely independently of the rest of the panel.
DISAGREEMENT_THRESHOLD = 0.3

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _integer_ratio(value: Real) -> tuple[int, int]:
    """(numerator, denominator) of a Real, exactly, denominator > 0."""
    try:
        return value.as_integer_ratio()
    except AttributeError:
        exact = Fraction(value)
        return exact.numerator, exact.denominator


def _scale(values) -> tuple[dict, int]:
    """value → the integer it becomes over the common denominator of `values` (None skipped),
    and that denominator: value = integer / denominator exactly."""
    ratios: dict = {}
    for value in values:
        if value is not None and value not in ratios:
            ratios[value] = _integer_ratio(value)
    denominator = math.lcm(1, *(d for _n, d in ratios.values()))
    return {value: n * (denominator // d) for value, (n, d) in ratios.items()}, denominator


def _complete(rows: Rows) -> list[list[int]]:
    """The complete rows, every value an integer over one common denominator (figures built from
    them are ratios in which that denominator cancels)."""
    complete = [row for row in rows if None not in row]
    if len({len(row) for row in complete}) > 1:
        raise ValueError("rows have different numbers of judges")
    if len(complete) < 2:
        raise ValueError(f"needs at least 2 complete rows, got {len(complete)}")
    if len(complete[0]) < 2:
        raise ValueError(f"needs at least 2 judges, got {len(complete[0])}")
    scale, _denominator = _scale(value for row in complete for value in row)
    return [[scale[value] for value in row] for row in complete]


def _ratio(numerator: Fraction | int, denominator: Fraction | int) -> float:
    """numerator / denominator as the correctly rounded float (int / int is, like a Fraction)."""
    if denominator == 0:
        raise ValueError("undefined: no variance")
    return float(Fraction(numerator) / denominator)


def icc(rows: Rows) -> dict[str, float]:
    """Intraclass correlations of Shrout & Fleiss (1979), "Intraclass correlations: uses in
    assessing rater reliability", Psychological Bulletin 86(2), 420-428.

    From the two-way ANOVA of n targets (rows) x k judges (columns): BMS between targets, WMS within
    targets, JMS between judges, EMS residual. ICC1 (one-way random), ICC2 (two-way random,
    absolute agreement), ICC3 (two-way mixed, consistency) are the single-judge reliabilities;
    ICC1k, ICC2k, ICC3k those of the mean of the k judges. Rows with a None are dropped.
    ValueError with fewer than 2 complete rows or 2 judges, or "undefined: no variance".
    """
    data = _complete(rows)
    n, k = len(data), len(data[0])
    # Sums of squares times n·k·denominator², as integers: the factor cancels in every ratio.
    grand = sum(map(sum, data))
    square = grand * grand
    total_ss = n * k * sum(value * value for row in data for value in row) - square
    rows_ss = n * sum(sum(row) ** 2 for row in data) - square
    judges_ss = k * sum(sum(column) ** 2 for column in zip(*data, strict=True)) - square
    bms = Fraction(rows_ss, n - 1)
    wms = Fraction(total_ss - rows_ss, n * (k - 1))
    jms = Fraction(judges_ss, k - 1)
    ems = Fraction(total_ss - rows_ss - judges_ss, (n - 1) * (k - 1))
    return {
        "ICC1": _ratio(bms - wms, bms + (k - 1) * wms),
        "ICC2": _ratio(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        "ICC3": _ratio(bms - ems, bms + (k - 1) * ems),
        "ICC1k": _ratio(bms - wms, bms),
        "ICC2k": _ratio(bms - ems, bms + (jms - ems) / n),
        "ICC3k": _ratio(bms - ems, bms),
    }


def _doubled_ranks(values: Sequence) -> tuple[list[int], int]:
    """Twice the ranks 1..n (ties get the mean of the ranks they span, so doubled they are
    integers) and Σ(t³ - t) over the tie groups."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0] * len(values)
    ties = 0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        size = end - start + 1
        for position in order[start : end + 1]:
            ranks[position] = start + end + 2
        ties += size**3 - size
        start = end + 1
    return ranks, ties


def kendall_w(rows: Rows, correct_ties: bool = True) -> float:
    """Kendall's coefficient of concordance W (Kendall & Babington Smith 1939), with the tie
    correction given by Siegel & Castellan (1988, Nonparametric Statistics, 2nd ed.) and Legendre
    (2005, J. Agricultural, Biological and Environmental Statistics 10(2), 226-245).

    Each judge's scores are turned into ranks of the entries (ties get average ranks); with R_i the
    rank sum of entry i over the m judges and S = Σ(R_i - m(n+1)/2)²,
    W = 12·S / (m²(n³ - n) - m·Σ_j Σ(t³ - t)), the tie term only when correct_ties. Complete rows
    only. ValueError with fewer than 2 entries or judges, or a zero denominator (everything tied).
    """
    data = _complete(rows)
    n, m = len(data), len(data[0])
    sums = [0] * n  # 2·R_i
    ties = 0
    for j in range(m):
        ranks, judge_ties = _doubled_ranks([row[j] for row in data])
        sums = [total + rank for total, rank in zip(sums, ranks, strict=True)]
        ties += judge_ties
    expected = m * (n + 1)  # 2·m(n+1)/2
    s = sum((total - expected) ** 2 for total in sums)  # 4·S
    denominator = m * m * (n**3 - n) - (m * ties if correct_ties else 0)
    return _ratio(3 * s, denominator)


def _interval_alpha(units: list[list[float]]) -> float:
    """1 - D_o/D_e with δ² = (c - k)², from sums of squares instead of a coincidence matrix.

    Within a unit of m values, Σ over ordered pairs (x_i - x_j)² = 2m·Σ(x - x̄)², each pair weighted
    1/(m - 1); over all n pairable values Σ n_c n_k (c - k)² = 2n·Σ(x - x̄)². Hence
    alpha = 1 - (n - 1)·Σ_u [m_u·SS_u / (m_u - 1)] / (n·SS).
    """
    everything = [value for unit in units for value in unit]
    n = len(everything)
    grand = math.fsum(everything) / n
    expected = n * math.fsum([(value - grand) ** 2 for value in everything])
    parts = []
    for unit in units:
        m = len(unit)
        centre = math.fsum(unit) / m
        parts.append(m * math.fsum([(value - centre) ** 2 for value in unit]) / (m - 1))
    observed = math.fsum(parts)
    return 1.0 - (n - 1) * observed / expected


def krippendorff_alpha(rows: Rows, level: str) -> float:
    """Krippendorff's alpha for any number of judges with missing values.

    Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (Annenberg School
    for Communication, Departmental Papers 43), and Hayes & Krippendorff (2007), Communication
    Methods and Measures 1(1), 77-89: units (rows) with fewer than two values are not pairable and
    dropped; the coincidence matrix o_ck counts each ordered pair of values within a unit of m_u
    values with weight 1/(m_u - 1); n_c are its margins, n = Σ n_c; alpha = 1 - D_o/D_e =
    1 - (n - 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck with the metric δ² of `level`:
    nominal [c ≠ k]; ordinal (Σ_{g=c..k} n_g - (n_c + n_k)/2)²; interval (c - k)²;
    ratio ((c - k)/(c + k))² (values must not be negative).

    Without building the matrix: nominal counts disagreeing pairs per unit; interval works from
    sums of squares (see _interval_alpha), O(N); ordinal is the interval form applied to each
    value's cumulative-frequency midpoint mid_c = Σ_{g<c} n_g + n_c/2 (since the ordinal δ_ck is
    exactly mid_k - mid_c), O(N log N); ratio sums pairs within units and pairs of *distinct*
    values for D_e, O(N + V²) for V distinct values (a few hundred for rubric totals).
    ValueError for an unknown level, fewer than 2 pairable values, or D_e = 0 (no variation).
    """
    return krippendorff_alpha_of_units([[v for v in row if v is not None] for row in rows], level)


def krippendorff_alpha_of_units(units: Sequence[Sequence[Real]], level: str) -> float:
    """krippendorff_alpha from each unit's values (no None; any order of units and of values,
    which changes no result): for a caller that has them without a dense table of rows."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    units = [unit for unit in units if len(unit) >= 2]
    n = sum(len(unit) for unit in units)
    if n < 2:
        raise ValueError(f"needs at least 2 pairable values, got {n}")
    objects = {id(value): value for unit in units for value in unit}  # each distinct object
    if len(set(objects.values())) < 2:
        raise ValueError("undefined: no variance (D_e = 0)")
    if level == "interval":
        floats = {key: float(value) for key, value in objects.items()}
        return _interval_alpha([[floats[id(value)] for value in unit] for unit in units])
    margins = Counter(value for unit in units for value in unit)
    if level == "nominal":
        observed = math.fsum(
            (len(unit) ** 2 - sum(c * c for c in Counter(unit).values())) / (len(unit) - 1)
            for unit in units
        )
        expected = n * n - sum(c * c for c in margins.values())
        return 1.0 - (n - 1) * observed / expected
    if level == "ordinal":
        values = sorted(margins)
        cumulative, mid = 0, {}
        for value in values:
            mid[value] = cumulative + margins[value] / 2
            cumulative += margins[value]
        return _interval_alpha([[mid[value] for value in unit] for unit in units])
    return _ratio_alpha(units, margins, n)


def _ratio_alpha(units: list[list[Real]], margins: Counter, n: int) -> float:
    if any(value < 0 for value in margins):
        raise ValueError("ratio level needs values that are not negative")

    def delta(c: float, k: float) -> float:
        return 0.0 if c == k else ((c - k) / (c + k)) ** 2

    observed = math.fsum(
        math.fsum(
            delta(float(a), float(b))
            for i, a in enumerate(unit)
            for j, b in enumerate(unit)
            if i != j
        )
        / (len(unit) - 1)
        for unit in units
    )
    distinct = [(float(value), count) for value, count in sorted(margins.items())]
    expected = 2 * math.fsum(
        count_c * count_k * delta(c, k)
        for index, (c, count_c) in enumerate(distinct)
        for k, count_k in distinct[index + 1 :]
    )
    return 1.0 - (n - 1) * observed / expected


def _sample_sd(values: list[int], denominator: int) -> float | None:
    """Sample SD of values / denominator, exactly up to the one final rounding and square root."""
    n = len(values)
    if n < 2:
        return None
    total = sum(values)
    spread = n * sum([v * v for v in values]) - total * total  # n·SS·denominator²
    return math.sqrt(_ratio(spread, n * (n - 1) * denominator * denominator))


def _pearson(xs: list[int], ys: list[int]) -> float | None:
    """Pearson r computed exactly (r² as a ratio of integers), None for < 3 pairs or no
    variance. `xs` and `ys` are integers over one common denominator, which cancels."""
    n = len(xs)
    if n < 3:
        return None
    sum_x, sum_y = sum(xs), sum(ys)
    sxy = n * sum([x * y for x, y in zip(xs, ys, strict=True)]) - sum_x * sum_y
    sxx = n * sum([x * x for x in xs]) - sum_x * sum_x
    syy = n * sum([y * y for y in ys]) - sum_y * sum_y
    if sxx == 0 or syy == 0:
        return None
    return math.copysign(math.sqrt(_ratio(sxy * sxy, sxx * syy)), sxy) if sxy else 0.0


def judge_profiles(rows: Rows) -> list[dict]:
    """One profile per judge (column), for the organizer's judge table.

    count: scores given; mean: their mean (None without scores); sd: sample SD (n - 1, None when
    count < 2); leniency: mean over the judge's entries of (judge's score - mean of the other
    judges' scores on that entry), entries nobody else scored skipped (None if none), positive =
    more generous than the co-judges; agreement: Pearson r between the judge's scores and those
    co-judge means over the same entries (None with fewer than 3 such entries or no variance);
    outlier: agreement is not None and below DISAGREEMENT_THRESHOLD.

    Exact: every value is an integer over the common denominator `unit`; a co-judge mean
    (row total - own) / (count - 1) is an integer over unit·lcm of the (count - 1).
    """
    width = max((len(row) for row in rows), default=0)
    scored = [[(j, row[j]) for j in range(len(row)) if row[j] is not None] for row in rows]
    return judge_profiles_of_cells(scored, width)


def judge_profiles_of_cells(scored: Sequence[Sequence[tuple[int, Real]]], width: int) -> list[dict]:
    """judge_profiles from each row's (column, value) pairs of the judges who gave a score, for
    `width` judges (columns 0 … width - 1): for a caller that has them without a dense table.
    Neither the order of rows nor that of a row's pairs changes a result."""
    # Each distinct object scaled once: a round's 14,000 scores are a few dozen Decimals.
    objects = {id(value): value for row in scored for _j, value in row}
    scale, unit = _scale(objects.values())
    scaled = {key: scale[value] for key, value in objects.items()}
    present = [[(j, scaled[id(v)]) for j, v in row] for row in scored]
    others = math.lcm(1, *(len(cells) - 1 for cells in present if len(cells) > 1))
    own: list[list[int]] = [[] for _ in range(width)]
    mine: list[list[int]] = [[] for _ in range(width)]  # own scores on shared entries, · others
    theirs: list[list[int]] = [[] for _ in range(width)]  # co-judge means, · unit · others
    for cells in present:
        count = len(cells)
        total = sum([value for _j, value in cells])
        step = others // (count - 1) if count > 1 else 0
        for j, value in cells:
            own[j].append(value)
            if count > 1:
                mine[j].append(value * others)
                theirs[j].append((total - value) * step)
    profiles = []
    for j in range(width):
        count, pairs = len(own[j]), len(mine[j])
        agreement = _pearson(mine[j], theirs[j])
        profiles.append(
            {
                "count": count,
                "mean": _ratio(sum(own[j]), count * unit) if count else None,
                "sd": _sample_sd(own[j], unit),
                "leniency": (
                    _ratio(sum(mine[j]) - sum(theirs[j]), pairs * unit * others) if pairs else None
                ),
                "agreement": agreement,
                "outlier": agreement is not None and agreement < DISAGREEMENT_THRESHOLD,
            }
        )
    return profiles


def icc_band(value: float) -> str:
    """Koo & Li (2016), J. Chiropractic Medicine 15(2), 155-163: below 0.5 "poor", 0.5 to below
    0.75 "moderate", 0.75 to 0.9 inclusive "good", above 0.9 "excellent"."""
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value <= 0.9:
        return "good"
    return "excellent"


def alpha_band(value: float) -> str:
    """Krippendorff (2004), Content Analysis, 2nd ed., p. 241: rely on data with alpha ≥ .800,
    draw only tentative conclusions from .667 ≤ alpha < .800, discard data below .667."""
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "unreliable"


def w_band(value: float) -> str:
    """Schmidt (1997), Decision Sciences 28(3), 763-774, anchors W = .1 very weak, .3 weak,
    .5 moderate, .7 strong, .9 unusually strong agreement. We read each anchor as the lower bound
    of its band (a label is earned once W reaches it), so W < .3 — including W < .1 — is
    "very_weak", .3 ≤ W < .5 "weak", .5 ≤ W < .7 "moderate", .7 ≤ W < .9 "strong", W ≥ .9
    "unusually_strong"."""
    for threshold, band in _W_BANDS:
        if value >= threshold:
            return band
    return "very_weak"


_W_BANDS = ((0.9, "unusually_strong"), (0.7, "strong"), (0.5, "moderate"), (0.3, "weak"))
