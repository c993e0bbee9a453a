"""Pure scoring arithmetic: plain Decimals in, plain Decimals out, no ORM.

A judge's total is the plain sum of the criterion scores: each criterion carries its max points
(e.g. 혁신성 30 / 효과성 30 / 확산가능성 20 / 국민체감도 20), so the total is out of the rubric's
total.
Nothing is rounded here; rounding happens once, when a result is shown.
"""

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation


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
