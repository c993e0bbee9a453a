"""Pure scoring arithmetic: plain Decimals in, plain Decimals out, no ORM.

A judge's total is the plain sum of the criterion scores: each criterion carries its max points
(e.g. 혁신성 30 / 효과성 30 / 확산가능성 20 / 국민체감도 20), so the total is out of the rubric's
total.
Nothing is rounded here; rounding happens once, when a result is shown.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation


class ScoreValueError(ValueError):
    """A score that cannot be accepted; `code` says why (for a message in the user's language)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_score(raw: str | Decimal | int, *, max_points: Decimal, step: Decimal) -> Decimal:
    """The score as a Decimal, or ScoreValueError(code) with code one of:
    "number" (not a finite number), "negative", "max" (above max points), "step" (off the step).
    """
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise ScoreValueError("number") from error
    if not value.is_finite():
        raise ScoreValueError("number")
    if value < 0:
        raise ScoreValueError("negative")
    if value > max_points:
        raise ScoreValueError("max")
    # A non-zero value below the step is off it, even where the remainder underflows to 0.
    if value % step != 0 or 0 < value < step:
        raise ScoreValueError("step")
    return value


def judge_total(scores: Mapping[int, Decimal]) -> Decimal:
    """Σ criterion scores of one scorecard (criterion id → score)."""
    return sum(scores.values(), Decimal("0"))


def is_complete(scores: Mapping[int, Decimal], criterion_ids: set[int]) -> bool:
    """Every criterion of the rubric has a score."""
    return criterion_ids <= set(scores)
