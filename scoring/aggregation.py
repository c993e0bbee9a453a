"""Pure scoring arithmetic: plain Decimals in, plain Decimals out, no ORM.

A judge's total is the plain sum of the criterion scores: each criterion carries its max points
(e.g. 혁신성 30 / 효과성 30 / 확산가능성 20 / 국민체감도 20), so the total is out of the rubric's
total.
Nothing is rounded here; rounding happens once, when a result is shown.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    localcontext,
)
from functools import reduce


class ScoreValueError(ValueError):
    """A score that cannot be accepted; `code` says why (for a message in the user's language)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# What a judge may type: ASCII digits, at most one decimal separator ("." or ",") followed by
# digits, and a leading "-" only so that "-0" can be read as 0 (any other negative is refused with
# its own message). No "+", "_", exponent, spaces inside, or non-ASCII digits (Python's Decimal
# would accept "٣", "1_0", "+5" and "1e400"). static/js/scorecard-fields.js applies the same rule.
SCORE_PATTERN = r"-?[0-9]+(?:[.,][0-9]+)?"
_SCORE_RE = re.compile(SCORE_PATTERN, re.ASCII)


def score_text(raw: str | Decimal | int) -> str:
    """The typed text to parse: Decimals and ints in plain notation, text stripped of spaces."""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, (Decimal, int)):
        return f"{raw:f}" if isinstance(raw, Decimal) and raw.is_finite() else str(raw)
    return str(raw).strip(" \t\r\n")


def parse_score(raw: str | Decimal | int, *, max_points: Decimal, step: Decimal) -> Decimal:
    """The score as a Decimal, or ScoreValueError(code) with code one of:
    "number" (not written as SCORE_PATTERN), "negative", "max" (above max points), "step" (off
    the step). "-0" is 0 (never "-0": the audit records what the value is, not how it was typed).
    """
    text = score_text(raw)
    if not _SCORE_RE.fullmatch(text):
        raise ScoreValueError("number")
    try:
        value = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError) as error:  # pragma: no cover - the pattern rules it out
        raise ScoreValueError("number") from error
    if value == 0:
        return Decimal("0")
    if value < 0:
        raise ScoreValueError("negative")
    if value > max_points:
        raise ScoreValueError("max")
    if value % step != 0:
        raise ScoreValueError("step")
    return value


def judge_total(scores: Mapping[int, Decimal]) -> Decimal:
    """Σ criterion scores of one scorecard (criterion id → score)."""
    return sum(scores.values(), Decimal("0"))


def is_complete(scores: Mapping[int, Decimal], criterion_ids: set[int]) -> bool:
    """Every criterion of the rubric has a score."""
    return criterion_ids <= set(scores)


# --- Across judges: the methods that combine judges' totals into an entry's score ----------------
#
# Decimal in, Decimal out; a None in a list or dict means "no score" and is skipped. Division and
# square roots run in a local context of 28 significant digits (ROUND_HALF_EVEN), whatever the
# caller's context is; nothing is quantized: rounding to what is shown happens elsewhere, once.

_ZERO = Decimal("0")
_HUNDRED = Decimal("100")
_HALF = Decimal("0.5")

# Built once. Its methods (add, divide...) work in it without touching the caller's context;
# the flags they raise on it are never read, and a trap fires on the operation that signals it.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero])
_add = _CONTEXT.add
_divide = _CONTEXT.divide


def _present(values: Iterable[Decimal | None]) -> list[Decimal]:
    return [value for value in values if value is not None]


def _mean(present: list[Decimal]) -> Decimal:
    """Σ/n of a non-empty list, every step in _CONTEXT (as `with localcontext(_CONTEXT)`)."""
    return _divide(reduce(_add, present, _ZERO), len(present))


def mean(values: Iterable[Decimal | None]) -> Decimal:
    """Arithmetic mean of the scores given (None skipped); ValueError when there are none."""
    present = _present(values)
    if not present:
        raise ValueError("mean of no scores")
    return _mean(present)


def median(values: Iterable[Decimal | None]) -> Decimal:
    """Middle score; for an even count the mean of the two middle ones. ValueError when empty."""
    present = sorted(_present(values))
    if not present:
        raise ValueError("median of no scores")
    middle = len(present) // 2
    if len(present) % 2:
        return present[middle]
    return _divide(_add(present[middle - 1], present[middle]), 2)


def trimmed_mean(values: Iterable[Decimal | None], k: int) -> Decimal:
    """최고·최저점 각 k개 제외 평균: sort the scores, drop exactly k lowest and k highest (also when
    several are equal: of three equal top scores with k=1 only one is dropped), mean of the rest.

    ValueError when k < 0 or when fewer than 2k+1 scores are given. k=0 is the plain mean.
    """
    if k < 0:
        raise ValueError(f"k must not be negative, got {k}")
    present = sorted(_present(values))
    needed = 2 * k + 1
    if len(present) < needed:
        raise ValueError(
            f"dropping {k} highest and {k} lowest needs at least {needed} scores, "
            f"got {len(present)}"
        )
    return _mean(present[k : len(present) - k])


def standard_scores(
    scores: Mapping[Hashable, Decimal | None], *, center: Decimal, spread: Decimal
) -> dict[Hashable, Decimal]:
    """One judge's mapped values center + spread·z per entry it scored (see `standardized`)."""
    present = {entry: value for entry, value in scores.items() if value is not None}
    if not present:
        return {}
    with localcontext(_CONTEXT):
        count = len(present)
        average = sum(present.values(), _ZERO) / count
        variance = sum(((value - average) ** 2 for value in present.values()), _ZERO) / count
        deviation = variance.sqrt()
        return {
            entry: center + spread * (_ZERO if deviation == 0 else (value - average) / deviation)
            for entry, value in present.items()
        }


def standardized(
    totals: Mapping[Hashable, Mapping[Hashable, Decimal | None]],
    *,
    center: Decimal = Decimal("50"),
    spread: Decimal = Decimal("10"),
) -> dict[Hashable, Decimal]:
    """Per-judge standardized score (T-score 50+10z, as in 표준점수), averaged per entry.

    `totals` maps judge → {entry → total}. For each judge, the mean m and the *population* standard
    deviation sd (divide by n, not n-1) are taken over all entries that judge scored: the judge's
    whole set of scored entries is the population being standardized, not a sample of one. Each of
    the judge's totals x becomes z = (x - m) / sd, or z = 0 when sd = 0 (all the judge's totals
    equal, or one entry only): such a judge cannot tell entries apart, so every entry gets the
    centre. The mapped value is center + spread·z; callers pass center = rubric total / 2 and
    spread = rubric total / 10 so that results sit on the rubric's own scale (50 ± 10 for a
    100-point rubric). An entry's score is the mean of its mapped values over the judges that
    scored it, in the order of `totals`; entries nobody scored are absent from the result.

    Adding a constant to one judge's totals, or multiplying them by a positive factor, leaves every
    z — hence every result — unchanged: center and spread are fixed parameters, never taken from
    the data.
    """
    mapped: dict[Hashable, list[Decimal]] = {}
    for scores in totals.values():
        for entry, value in standard_scores(scores, center=center, spread=spread).items():
            mapped.setdefault(entry, []).append(value)
    return {entry: _mean(values) for entry, values in mapped.items()}


def borda_places(scores: Mapping[Hashable, Decimal | None]) -> dict[Hashable, tuple[int, int]]:
    """One judge's (entries below, other entries equal) per entry it scored (see `borda`)."""
    present = {entry: value for entry, value in scores.items() if value is not None}
    ordered = sorted(present.values())
    places = {}
    for entry, value in present.items():
        lower = bisect_left(ordered, value)
        places[entry] = (lower, bisect_right(ordered, value) - lower - 1)
    return places


def borda_points(places: Iterable[tuple[int, int]]) -> Decimal:
    """An entry's Borda score from its judges' places (borda_places), added in the order given."""
    points = _ZERO
    for lower, equal_others in places:
        points = points + lower + _HALF * equal_others
    return points


def borda(
    totals: Mapping[Hashable, Mapping[Hashable, Decimal | None]],
) -> dict[Hashable, Decimal]:
    """Rank-sum score (classic Borda count) per entry.

    `totals` maps judge → {entry → total}. Each judge gives each entry it scored one point for every
    other entry of that judge with a strictly lower total and half a point for every other entry
    with an equal total, so the top of n distinct totals gets n-1 and the bottom 0. An entry's score
    is the sum of its points over the judges that scored it (entries nobody scored are absent).
    Only the order of a judge's totals matters, never their distances.
    """
    places: dict[Hashable, list[tuple[int, int]]] = {}
    for scores in totals.values():
        for entry, place in borda_places(scores).items():
            places.setdefault(entry, []).append(place)
    return {entry: borda_points(judged) for entry, judged in places.items()}


def check_weights(weights: Mapping[Hashable, Decimal]) -> None:
    """ValueError unless the weights (percent) are all ≥ 0 and add up to exactly 100."""
    for key, weight in weights.items():
        if weight < 0:
            raise ValueError(f"weight of {key} is negative: {weight}")
    total = sum(weights.values(), _ZERO)
    if total != _HUNDRED:
        raise ValueError(f"weights must add up to 100, they add up to {total}")


def weighted(
    parts: Mapping[Hashable, Decimal | None], weights: Mapping[Hashable, Decimal]
) -> Decimal:
    """Σ weight·part / 100 for panel-weighted round scores and round-weighted contest scores.

    `weights` are percents adding up to exactly 100 (check_weights). A key weighted 0 is ignored and
    its part may be None or missing; a key weighted above 0 must have a part; a part without a
    weight is an error (a panel nobody weighted is a set-up mistake, not something to drop quietly).
    """
    check_weights(weights)
    unweighted = [key for key in parts if key not in weights]
    if unweighted:
        names = ", ".join(sorted(map(str, unweighted)))
        raise ValueError(f"no weight for {names}")
    return weighted_sum(parts, weights)


def weighted_sum(
    parts: Mapping[Hashable, Decimal | None], weights: Mapping[Hashable, Decimal]
) -> Decimal:
    """`weighted` without checking the weights: for a caller that checked them once
    (check_weights) and combines many entries' parts with them. Keys of `parts` without a weight
    are ignored here."""
    total = _ZERO
    for key, weight in weights.items():
        if weight == 0:
            continue
        part = parts.get(key)
        if part is None:
            raise ValueError(f"no score for {key} (weight {weight})")
        total = _add(total, _CONTEXT.multiply(weight, part))
    return _divide(total, _HUNDRED)
