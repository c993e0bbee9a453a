"""Judge statistics of one round, from the plain inputs of scoring.outcome.compute (no ORM).

`round_statistics(inputs)` lays the round's scorecard totals out as the statistics module wants
them — rows are entries, columns are judges, None where a judge gave no (submitted, counted)
score — and gathers, with the functions of scoring.statistics:

- per judge: scores given, mean, SD, leniency, agreement and the outlier flag
  (statistics.judge_profiles), their totals sorted (for the distribution chart), and a leaning:
  "lenient" or "harsh" when |leniency| is at least LEANING_EFFECT times the SD of all the round's
  totals, else None;
- round-wide: Krippendorff's alpha at the interval level. Our assignments are incomplete designs
  (each entry is scored by some of the judges), and alpha is the agreement figure that takes the
  missing cells as they are;
- per complete block: ICC and Kendall's W. A block is a (panel, category) pair: the panel's
  judges who scored any entry of the category, when each of them scored every entry of the
  category (at least 2 entries and 2 judges). In a round without panels all judges form the one
  panel "ALL"; a judge seated in no panel, or in two, belongs to no block.

Which ICC is shown: ICC(2,k) of Shrout & Fleiss (two-way random effects, absolute agreement,
mean of k judges). The block's result is the mean of its k judges' totals (not one judge's score),
the judges are a sample of the experts who could have been invited (random, not fixed), and
absolute scores matter, not only their order: they meet a cut-off and are ranked against
entries scored by other judges. `icc` keeps all six forms for whoever needs another.

A figure that the statistics module cannot give (a ValueError: too few values, no variance) is
None, and so is its band.
"""

import math
from decimal import Decimal

from scoring import statistics as st
from scoring.outcome import ALL

#: A judge is called lenient (harsh) when their leniency is at least this many standard
#: deviations of all the round's totals above (below) the co-judges' mean: Cohen's d = 0.5, a
#: "medium" effect (Cohen 1988, Statistical Power Analysis, ch. 2), large enough to see.
LEANING_EFFECT = 0.5

#: The ICC form shown with its Koo & Li band (see the module docstring).
ICC_SHOWN = "ICC2k"


def _safe(function, *args):
    try:
        return function(*args)
    except ValueError:
        return None


def _seats(inputs: dict) -> dict[str, str]:
    """judge → the one panel they sit on (ALL in a round without panels)."""
    if not inputs["panels"]:
        return dict.fromkeys(inputs["judges"], ALL)
    return {judge: panels[0] for judge, panels in inputs["judges"].items() if len(panels) == 1}


def _sd(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    centre = math.fsum(values) / len(values)
    return math.sqrt(math.fsum([(v - centre) ** 2 for v in values]) / (len(values) - 1))


def _leaning(leniency: float | None, spread: float | None) -> str | None:
    if leniency is None or not spread:
        return None
    if leniency >= LEANING_EFFECT * spread:
        return "lenient"
    if leniency <= -LEANING_EFFECT * spread:
        return "harsh"
    return None


def _blocks(inputs: dict, table: dict[str, dict[str, Decimal]]) -> list[dict]:
    """Complete (panel, category) blocks with their ICC and W; `table` is entry → judge → total."""
    seats = _seats(inputs)
    panels = [p["key"] for p in inputs["panels"]] or [ALL]
    by_category: dict[str, list[str]] = {}
    for entry in inputs["entries"]:
        by_category.setdefault(entry["category"], []).append(entry["key"])
    order = {c["key"]: n for n, c in enumerate(inputs["categories"])}
    blocks = []
    for panel in panels:
        seated = [judge for judge in inputs["judges"] if seats.get(judge) == panel]
        for category in sorted(by_category, key=lambda c: (order.get(c, len(order)), c)):
            entries = by_category[category]
            judges = [j for j in seated if any(j in table.get(e, {}) for e in entries)]
            if len(entries) < 2 or len(judges) < 2:
                continue
            if not all(j in table.get(e, {}) for e in entries for j in judges):
                continue
            rows = [[table[e][j] for j in judges] for e in entries]
            icc = _safe(st.icc, rows)
            w = _safe(st.kendall_w, rows)
            blocks.append(
                {
                    "panel": panel,
                    "category": category,
                    "judges": judges,
                    "entries": len(entries),
                    "icc": icc,
                    "icc_shown": ICC_SHOWN,
                    "icc_band": None if icc is None else st.icc_band(icc[ICC_SHOWN]),
                    "w": w,
                    "w_band": None if w is None else st.w_band(w),
                }
            )
    return blocks


def rubric_max(inputs: dict) -> float:
    """The rubric's total (Σ max points of the round's criteria)."""
    return float(sum((Decimal(c["max_points"]) for c in inputs["criteria"]), Decimal(0)))


def round_statistics(inputs: dict) -> dict:
    """Per-judge profiles, round-wide alpha and per-block ICC/W (see the module docstring)."""
    judges = list(inputs["judges"])
    column = {judge: index for index, judge in enumerate(judges)}
    entries = {entry["key"] for entry in inputs["entries"]}
    # entry → judge → total: the round's table, a row per entry and a column per judge, without
    # its empty cells (statistics takes the cells that hold a score).
    table: dict[str, dict[str, Decimal]] = {}
    given: dict[str, list[float]] = {judge: [] for judge in judges}
    parsed: dict = {}  # each distinct total read once: text → (Decimal, float)
    for score in inputs["scores"]:
        entry, judge = score["entry"], score["judge"]
        if entry in entries and judge in column:
            text = score["total"]
            if text not in parsed:
                parsed[text] = (value := Decimal(text)), float(value)
            value, number = parsed[text]
            table.setdefault(entry, {})[judge] = value
            given[judge].append(number)
    everything = [value for totals in given.values() for value in totals]
    spread = _sd(everything)
    cells = [[(column[judge], value) for judge, value in row.items()] for row in table.values()]
    profiles = st.judge_profiles_of_cells(cells, len(judges)) if judges else []
    out_judges = {}
    for judge, profile in zip(judges, profiles, strict=True):
        out_judges[judge] = {
            **profile,
            "leaning": _leaning(profile["leniency"], spread),
            "totals": sorted(given[judge]),
        }
    units = [list(row.values()) for row in table.values()]
    alpha = _safe(st.krippendorff_alpha_of_units, units, "interval")
    return {
        "judges": out_judges,
        "scale": {
            "max": rubric_max(inputs),
            "mean": math.fsum(everything) / len(everything) if everything else None,
            "sd": spread,
        },
        "alpha": alpha,
        "alpha_band": None if alpha is None else st.alpha_band(alpha),
        "blocks": _blocks(inputs, table),
    }
