"""How much a round's outcome depends on the method, and on any one judge (pure, no ORM).

`robustness(inputs)` recomputes the round with scoring.outcome.compute:

(a) under every method of scoring.outcome.METHODS, side by side: each entry's rank and shown
    score per method, and whether its rank differs between methods;
(b) once without each judge who gave a score (leave-one-judge-out): does the winner (the entries
    ranked 1), any award tier (last round only) or the set of advancing entries change, and which
    entries change rank, tier or advancement, with the judge whose removal does it.

Ranks compared are those that decide the outcome: in the last round (advancement "none") the
contest's ranking (all rounds weighted, with the award tiers), in any other round the round's.
A rank is compared with its 공동 flag, so "3" becoming "공동 3" is a change.

A recomputation can come with problems the normal result does not have (too few scores left to
drop k highest and k lowest, an entry nobody else scored): they are listed with the variant
(only those the normal result does not already have). One that cannot be computed at all
(ValueError or ArithmeticError from the engine) is reported with `failed` and skipped.
"""

from scoring.outcome import METHODS, compute


def _deciding(result: dict) -> list[dict]:
    """The rows whose ranks decide the outcome (see the module docstring)."""
    if "contest" in result:
        return result["contest"]["entries"]
    return result["entries"]


def _run(inputs: dict, **options) -> tuple[dict | None, str | None]:
    try:
        return compute(inputs, **options), None
    except (ValueError, ArithmeticError) as error:
        return None, str(error)


class _Outcome:
    """The parts of a result that are compared: places, tiers, advancement, winners."""

    def __init__(self, result: dict):
        self.final = "contest" in result
        rows = _deciding(result)
        self.places = {row["entry"]: (row["rank"], row["shared"]) for row in rows}
        self.shown = {row["entry"]: row["shown"] for row in rows}
        self.tiers = {row["entry"]: row.get("award") for row in rows} if self.final else {}
        self.advancing = None if self.final else set(result["advanced"])
        self.winners = sorted(row["entry"] for row in rows if row["rank"] == 1)
        self.problems = result["problems"]

    def place(self, entry: str) -> tuple[int | None, bool]:
        return self.places.get(entry, (None, False))


def _methods(inputs: dict, order: list[str], own: dict) -> dict:
    outcomes, problems, failed = {}, {}, {}
    for method in METHODS:
        if method == inputs["round"]["method"]:
            result, error = own, None
        else:
            result, error = _run(inputs, method=method)
        if result is None:
            failed[method] = error
            continue
        outcomes[method] = _Outcome(result)
        problems[method] = result["problems"]
    rows = []
    for entry in order:
        per = {
            method: {
                "rank": outcome.place(entry)[0],
                "shared": outcome.place(entry)[1],
                "shown": outcome.shown.get(entry),
            }
            for method, outcome in outcomes.items()
        }
        differs = len({(p["rank"], p["shared"]) for p in per.values()}) > 1
        rows.append({"entry": entry, "methods": per, "differs": differs})
    return {
        "methods": list(outcomes),
        "rows": rows,
        "problems": problems,
        "failed": failed,
        "differing": sum(row["differs"] for row in rows),
    }


def _place(outcome: "_Outcome", entry: str) -> dict:
    rank, shared = outcome.place(entry)
    return {"rank": rank, "shared": shared}


def _changes(base: _Outcome, other: _Outcome, entries: list[str]) -> list[dict]:
    """Per entry whose place, tier or advancement differs: {"before", "after"} of each."""
    changes = []
    for entry in entries:
        change = {}
        if base.place(entry) != other.place(entry):
            change["rank"] = {"before": _place(base, entry), "after": _place(other, entry)}
        if base.final and base.tiers.get(entry) != other.tiers.get(entry):
            change["tier"] = {"before": base.tiers.get(entry), "after": other.tiers.get(entry)}
        if base.advancing is not None and (entry in base.advancing) != (entry in other.advancing):
            change["advanced"] = {
                "before": entry in base.advancing,
                "after": entry in other.advancing,
            }
        if change:
            changes.append({"entry": entry, **change})
    return changes


def _without(inputs: dict, base: _Outcome, order: list[str]) -> list[dict]:
    scoring = {row["judge"] for row in inputs["scores"]}
    judges = [judge for judge in inputs["judges"] if judge in scoring]
    report = []
    for judge in judges:
        result, error = _run(inputs, without_judge=judge)
        if result is None:
            report.append({"judge": judge, "failed": error, "changes": [], "problems": []})
            continue
        other = _Outcome(result)
        changes = _changes(base, other, order)
        report.append(
            {
                "judge": judge,
                "failed": None,
                "winner": other.winners != base.winners,
                "winners": other.winners,
                "tiers": any("tier" in change for change in changes),
                "advanced": any("advanced" in change for change in changes),
                "changes": changes,
                "problems": [p for p in other.problems if p not in base.problems],
            }
        )
    return report


def _by_entry(report: list[dict], order: list[str]) -> list[dict]:
    """Every entry that changes under some removal, with each removal that changes it."""
    found: dict[str, list[dict]] = {}
    for variant in report:
        for change in variant["changes"]:
            rest = {key: value for key, value in change.items() if key != "entry"}
            found.setdefault(change["entry"], []).append({"judge": variant["judge"], **rest})
    return [{"entry": entry, "changes": found[entry]} for entry in order if entry in found]


def robustness(inputs: dict) -> dict:
    """Methods side by side and leave-one-judge-out (see the module docstring).

    Returns {"method": the round's own method, "final": bool, "winners": [...],
    "methods": {"methods", "rows", "problems", "failed", "differing"}, "without": [per judge:
    judge, failed, winner, winners, tiers, advanced, changes, problems], "changed": [per entry:
    entry, changes (each with the judge)], "decisive": [judges whose removal changes the winner,
    a tier or who advances]}. Entries are listed best first by the round's own result.
    """
    result = compute(inputs)
    base = _Outcome(result)
    ranked = [row["entry"] for row in _deciding(result)]
    order = ranked + [row["entry"] for row in result["entries"] if row["entry"] not in ranked]
    methods = _methods(inputs, order, result)
    without = _without(inputs, base, order)
    decisive = [
        v["judge"] for v in without if v.get("winner") or v.get("tiers") or v.get("advanced")
    ]
    return {
        "method": inputs["round"]["method"],
        "final": base.final,
        "winners": base.winners,
        "problems": result["problems"],
        "methods": methods,
        "without": without,
        "changed": _by_entry(without, order),
        "decisive": decisive,
    }
