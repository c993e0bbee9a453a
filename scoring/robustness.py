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

Leaving a judge out redoes only the entries that judge scored (scoring.tally's
`Tally.without`) and ranks the round as compute does (scoring.outcome.result, in its lean form):
the same outcome as compute(inputs, without_judge=judge), in a fraction of the time.
"""

from scoring.outcome import METHODS, compute, result, shown
from scoring.tally import Round, Tally


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


def _run_method(inputs: dict, method: str) -> tuple[dict | None, str | None]:
    """compute(inputs, method=method) as far as _Outcome reads it: outcome.result's lean form
    with the deciding scores as shown; should it fail, compute says why."""
    try:
        tally = Tally(Round(inputs, method, None))
        computed = result(tally, lean=True)
        scores = tally.contest if tally.rnd.final else tally.scores
        rule = inputs["contest"]
        computed["shown"] = {entry: shown(scores[entry], rule) for entry in computed["places"]}
        return computed, None
    except (ValueError, ArithmeticError):
        return _run(inputs, method=method)


def _run_without(inputs: dict, tally: Tally, judge: str) -> tuple[dict | None, str | None]:
    """compute(inputs, without_judge=judge) as far as _Outcome reads it (outcome.result's lean
    form), from the round's own tally; should it fail, compute says why."""
    try:
        return result(tally.without(judge), lean=True), None
    except (ValueError, ArithmeticError):
        return _run(inputs, without_judge=judge)


class _Outcome:
    """The parts of a result that are compared: places, tiers, advancement, winners."""

    def __init__(self, result: dict):
        if "places" in result:  # outcome.result(..., lean=True): no rows
            self.final = result["tiers"] is not None
            self.places, self.shown = result["places"], result.get("shown", {})
            self.tiers, self.advancing = result["tiers"] or {}, result["advanced"]
        else:
            self.final = "contest" in result
            rows = _deciding(result)
            self.places = {row["entry"]: (row["rank"], row["shared"]) for row in rows}
            self.shown = {row["entry"]: row["shown"] for row in rows}
            self.tiers = {row["entry"]: row.get("award") for row in rows} if self.final else {}
            self.advancing = None if self.final else set(result["advanced"])
        self.winners = sorted(entry for entry, (rank, _shared) in self.places.items() if rank == 1)
        self.problems = result["problems"]

    def place(self, entry: str) -> tuple[int | None, bool]:
        return self.places.get(entry, _UNPLACED)


_UNPLACED = (None, False)


def _methods(inputs: dict, order: list[str], own: dict) -> dict:
    outcomes, problems, failed = {}, {}, {}
    for method in METHODS:
        if method == inputs["round"]["method"]:
            computed, error = own, None
        else:
            computed, error = _run_method(inputs, method)
        if computed is None:
            failed[method] = error
            continue
        outcomes[method] = _Outcome(computed)
        problems[method] = computed["problems"]
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


def _changes(base: _Outcome, other: _Outcome, entries: list[str]) -> list[dict]:
    """Per entry whose place, tier or advancement differs: {"before", "after"} of each."""
    changes = []
    before_places, after_places = base.places, other.places
    before_tiers, after_tiers = base.tiers, other.tiers
    before_in, after_in = base.advancing, other.advancing
    for entry in entries:
        before, after = before_places.get(entry, _UNPLACED), after_places.get(entry, _UNPLACED)
        tier = base.final and before_tiers.get(entry) != after_tiers.get(entry)
        moved = before_in is not None and (entry in before_in) != (entry in after_in)
        if before == after and not tier and not moved:
            continue
        change: dict = {"entry": entry}
        if before != after:
            change["rank"] = {
                "before": {"rank": before[0], "shared": before[1]},
                "after": {"rank": after[0], "shared": after[1]},
            }
        if tier:
            change["tier"] = {"before": before_tiers.get(entry), "after": after_tiers.get(entry)}
        if moved:
            change["advanced"] = {"before": entry in before_in, "after": entry in after_in}
        changes.append(change)
    return changes


def _without(inputs: dict, tally: Tally, base: _Outcome, order: list[str]) -> list[dict]:
    scoring = {row["judge"] for row in inputs["scores"]}
    judges = [judge for judge in inputs["judges"] if judge in scoring]
    report = []
    for judge in judges:
        computed, error = _run_without(inputs, tally, judge)
        if computed is None:
            report.append({"judge": judge, "failed": error, "changes": [], "problems": []})
            continue
        other = _Outcome(computed)
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
    found: dict[str, list[dict]] = {entry: [] for entry in order}
    for variant in report:
        judge = variant["judge"]
        for change in variant["changes"]:
            record = {"judge": judge, **change}
            del record["entry"]  # the rest keep their order
            found[change["entry"]].append(record)
    return [{"entry": entry, "changes": found[entry]} for entry in order if found[entry]]


def robustness(inputs: dict) -> dict:
    """Methods side by side and leave-one-judge-out (see the module docstring).

    Returns {"method": the round's own method, "final": bool, "winners": [...],
    "methods": {"methods", "rows", "problems", "failed", "differing"}, "without": [per judge:
    judge, failed, winner, winners, tiers, advanced, changes, problems], "changed": [per entry:
    entry, changes (each with the judge)], "decisive": [judges whose removal changes the winner,
    a tier or who advances]}. Entries are listed best first by the round's own result.
    """
    tally = Tally(Round(inputs, None, None))
    own = result(tally)  # = compute(inputs)
    base = _Outcome(own)
    ranked = [row["entry"] for row in _deciding(own)]
    chosen = set(ranked)
    order = ranked + [row["entry"] for row in own["entries"] if row["entry"] not in chosen]
    methods = _methods(inputs, order, own)
    without = _without(inputs, tally, base, order)
    decisive = [
        v["judge"] for v in without if v.get("winner") or v.get("tiers") or v.get("advanced")
    ]
    return {
        "method": inputs["round"]["method"],
        "final": base.final,
        "winners": base.winners,
        "problems": own["problems"],
        "methods": methods,
        "without": without,
        "changed": _by_entry(without, order),
        "decisive": decisive,
    }
