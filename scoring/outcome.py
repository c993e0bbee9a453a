"""A round's result, and for the last round the contest's, computed from plain inputs (no ORM).

`compute(inputs)` is the one computation behind the live results pages, finalizing, the frozen
snapshot, `verify_results` and the robustness view. `inputs` is the JSON-ready dict built by
scoring.selectors.results (numbers as strings, judges pseudonymised J1…Jn, entries by receipt
number); the output is JSON-ready too, numbers as strings at full precision plus the `shown`
value rounded once by the contest's rule.

Per entry: each judge's total (submitted scorecards only), each panel's aggregate by the round's
method, the panel-weighted round score; in the last round, the round-weighted contest score.
Ranking uses unrounded values; the chain breaks ties; what it cannot split is a shared rank.
Anything that stops the result from being final is listed in `problems` with a code.

`inputs["criteria_sums"]` holds the criteria the tie-break chain names (scoring.selectors.results
sums no others), so an entry row's `criteria` (criterion → mean over the counted scorecards) has
those criteria only: they are what the chain compares, and what a later round's chain reads from
this round's snapshot.
"""

from collections import defaultdict
from decimal import Decimal
from functools import cached_property

from scoring import aggregation as agg
from scoring.ranking import Placed, Tier, fill_awards, rank, straddles

ALL = "ALL"  # the one implicit panel of a round without panels
METHODS = ("mean", "trimmed_mean", "median", "zscore", "borda")


def D(text) -> Decimal | None:
    return None if text is None else Decimal(text)


def S(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


_QUANTUM: dict[int, Decimal] = {}  # decimal places → Decimal 10^-places


def shown(value: Decimal | None, contest: dict) -> str | None:
    """The value as shown and printed: rounded once, by the contest's rule."""
    if value is None:
        return None
    places = int(contest["decimal_places"])
    quantum = _QUANTUM.get(places)
    if quantum is None:
        quantum = _QUANTUM[places] = Decimal(1).scaleb(-places)
    return str(value.quantize(quantum, rounding=contest["rounding"]))


class Round:
    """The inputs read once into Decimals and lookups."""

    def __init__(self, inputs: dict, method: str | None, without_judge: str | None):
        self.inputs = inputs
        self.info = inputs["round"]
        self.method = method or self.info["method"]
        self.panels = {p["key"]: D(p["weight"]) for p in inputs["panels"]} or {ALL: Decimal(100)}
        self.rubric_total = sum((D(c["max_points"]) for c in inputs["criteria"]), Decimal(0))
        self.entries = {e["key"]: e["category"] for e in inputs["entries"]}
        self.problems: list[dict] = []
        self.seats = self._seats()
        self.totals: dict[str, dict[str, Decimal]] = defaultdict(dict)  # judge → entry → total
        parsed: dict[str, Decimal] = {}  # each distinct total read once (Decimals are immutable)
        for row in inputs["scores"]:
            if row["judge"] != without_judge and row["entry"] in self.entries:
                text = row["total"]
                value = parsed.get(text)
                if value is None:
                    value = parsed[text] = D(text)
                self.totals[row["judge"]][row["entry"]] = value
        self.by_entry: dict[str, dict[str, Decimal]] = defaultdict(dict)  # entry → judge → total
        for judge, row in self.totals.items():
            for entry, total in row.items():
                self.by_entry[entry][judge] = total
        self._dropped: dict[str, set[str]] = {}  # entry → judges the trimmed mean dropped

    @cached_property
    def criterion_means(self) -> dict[str, dict[str, Decimal]]:
        return _criterion_means(self.inputs)

    def _seats(self) -> dict[str, str]:
        seats = {}
        for judge, panels in sorted(self.inputs["judges"].items()):
            if not self.inputs["panels"]:
                seats[judge] = ALL
            elif len(panels) == 1:
                seats[judge] = panels[0]
            else:
                code = "judge_unseated" if not panels else "judge_in_two_panels"
                self.problems.append({"code": code, "judge": judge})
        return seats

    def panel_scores(self) -> dict[str, dict[str, Decimal | None]]:
        """panel → entry → the panel's aggregate by the round's method (None: cannot compute)."""
        out: dict[str, dict[str, Decimal | None]] = {}
        for panel in self.panels:
            judges = [j for j, p in self.seats.items() if p == panel and j in self.totals]
            sub = {j: self.totals[j] for j in judges}
            if self.method == "zscore":
                total = self.rubric_total
                out[panel] = dict(agg.standardized(sub, center=total / 2, spread=total / 10))
            elif self.method == "borda":
                out[panel] = dict(agg.borda(sub))
            else:
                # Each entry's totals from the panel's judges (the order of the values changes
                # no result: sums of these Decimals are exact, median and trim sort them).
                seated = set(judges)
                out[panel] = {}
                for entry in self.entries:
                    row = self.by_entry.get(entry)
                    if not row:
                        continue
                    values = [total for judge, total in row.items() if judge in seated]
                    if values:
                        out[panel][entry] = self._aggregate(values, entry, panel)
                        if self.method == "trimmed_mean":
                            self._drop(entry, [(t, j) for j, t in row.items() if j in seated])
        return out

    def _drop(self, entry: str, marks: list) -> None:
        """Note the judges the trimmed mean drops from one panel's (total, judge) marks."""
        k = int(self.info["trim_count"])
        if k and len(marks) >= 2 * k + 1:
            marks.sort()
            self._dropped.setdefault(entry, set()).update(j for _t, j in marks[:k] + marks[-k:])

    def _aggregate(self, values: list[Decimal], entry: str, panel: str) -> Decimal | None:
        if self.method == "mean":
            return agg.mean(values)
        if self.method == "median":
            return agg.median(values)
        k = int(self.info["trim_count"])
        if len(values) < 2 * k + 1:
            self.problems.append({
                "code": "too_few_to_trim", "entry": entry, "panel": panel,
                "count": len(values), "needed": 2 * k + 1,
            })  # fmt: skip
            return None
        return agg.trimmed_mean(values, k)

    def dropped(self, entry: str) -> set[str]:
        """Judges whose totals the trimmed mean dropped (k lowest, k highest; among equal totals
        the judges first and last by pseudonym, which changes no number), noted by panel_scores."""
        return self._dropped.get(entry, set())


def _weighted(parts: dict, weights: dict, problem: dict, problems: list) -> Decimal | None:
    missing = [key for key, weight in weights.items() if weight > 0 and parts.get(key) is None]
    if missing:
        problems.append({**problem, "missing": sorted(missing)})
        return None
    return agg.weighted({k: parts.get(k) for k in weights}, weights)


def _criterion_means(inputs: dict) -> dict[str, dict[str, Decimal]]:
    """entry → criterion → the mean over all submitted scorecards (for the tie-break chain)."""
    out: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for entry, per in inputs.get("criteria_sums", {}).items():
        for criterion, (total, count) in per.items():
            out[entry][criterion] = D(total) / Decimal(count)
    return out


def _first_places(rnd: Round) -> dict[str, Decimal]:
    counts: dict[str, Decimal] = defaultdict(Decimal)
    for row in rnd.totals.values():
        best = max(row.values())
        for entry, total in row.items():
            if total == best:
                counts[entry] += 1
    return counts


def tie_keys(inputs: dict, rnd: Round, panel_scores: dict, untrimmed: dict) -> dict[str, list]:
    """entry → one value per chain step (None where the step does not apply)."""
    current = rnd.info["key"]
    means = rnd.criterion_means if inputs is rnd.inputs else _criterion_means(inputs)
    kinds = {step["kind"] for step in inputs["chain"]}
    firsts = _first_places(rnd) if "first_places" in kinds else {}
    earlier = inputs.get("earlier", {})
    keys: dict[str, list] = {entry: [] for entry in rnd.entries}
    for step in inputs["chain"]:
        for entry in rnd.entries:
            value = None
            if step["kind"] == "criterion":
                value = means.get(entry, {}).get(step["criterion"])
                for past in earlier.values():
                    value = (
                        value
                        if value is not None
                        else D(past.get("criteria", {}).get(step["criterion"], {}).get(entry))
                    )
            elif step["kind"] == "round" and step["round"] != current:
                value = D(earlier.get(step["round"], {}).get("scores", {}).get(entry))
            elif step["kind"] == "panel":
                value = panel_scores.get(step["panel"], {}).get(entry)
                for past in earlier.values():
                    value = (
                        value
                        if value is not None
                        else D(past.get("panels", {}).get(step["panel"], {}).get(entry))
                    )
            elif step["kind"] == "untrimmed":
                value = untrimmed.get(entry)
            elif step["kind"] == "first_places":
                value = firsts.get(entry, Decimal(0))
            keys[entry].append(value)
    return keys


def _rankings(scores: dict, keys: dict, categories: dict, decisions) -> tuple[list, dict]:
    items = [(entry, score, keys[entry]) for entry, score in scores.items() if score is not None]
    overall = rank(items, decisions)
    by_category: dict[str, list[Placed]] = {}
    for category in sorted(set(categories.values())):
        chosen = [item for item in items if categories[item[0]] == category]
        by_category[category] = rank(chosen, decisions)
    return overall, by_category


def compute(inputs: dict, *, method: str | None = None, without_judge: str | None = None) -> dict:
    """The round's result (see the module docstring). `method` and `without_judge` recompute
    the same inputs another way, for the robustness view."""
    contest = inputs["contest"]
    rnd = Round(inputs, method, without_judge)
    problems = rnd.problems
    if sum(rnd.panels.values()) != 100:
        problems.append({"code": "panel_weights", "sum": S(sum(rnd.panels.values()))})
        rnd.panels = {}  # nothing can be weighted: every entry is left without a score
    panel_scores = rnd.panel_scores()
    scores: dict[str, Decimal | None] = {}
    untrimmed: dict[str, Decimal] = {}
    for entry in sorted(rnd.entries):
        if not rnd.by_entry.get(entry):
            problems.append({"code": "no_scores", "entry": entry})
            scores[entry] = None
            continue
        untrimmed[entry] = agg.mean(rnd.by_entry[entry].values())
        parts = {panel: panel_scores[panel].get(entry) for panel in rnd.panels}
        problem = {"code": "missing_panel", "entry": entry}
        scores[entry] = _weighted(parts, rnd.panels, problem, problems) if rnd.panels else None
    keys = tie_keys(inputs, rnd, panel_scores, untrimmed)
    decisions = [d["entries"] for d in inputs.get("decisions", []) if d["scope"] == "round"]
    ranked = (scores, decisions, *_rankings(scores, keys, rnd.entries, decisions))
    overall, by_category = ranked[2:]
    advanced = _advance(rnd, scores, by_category, contest, problems)
    rows = _entry_rows(rnd, scores, panel_scores, untrimmed, overall, by_category, contest)
    for row in rows:
        row["advanced"] = row["entry"] in advanced if rnd.info["advancement"] != "none" else None
    result = {"entries": rows, "advanced": sorted(advanced), "problems": problems}
    if rnd.info["advancement"] == "none":
        result["contest"] = contest_result(inputs, scores, keys, rnd.entries, ranked=ranked)
        problems.extend(result["contest"].pop("problems"))
    return result


def _advance(rnd: Round, scores, by_category, contest, problems) -> set[str]:
    rule, value = rnd.info["advancement"], rnd.info.get("advancement_value")
    advanced: set[str] = set()
    if rule == "top_n":
        line = int(D(value))
        for category, placed in by_category.items():
            tied = straddles(placed, line)
            if tied:
                problems.append({"code": "line_tie", "category": category, "entries": tied})
            advanced |= {p.key for p in placed if p.rank <= line and p.key not in tied}
    elif rule == "cutoff":
        # The cut-off applies to the score as shown and published (rounded by the contest's rule),
        # so that anyone reading the published table can check who passed.
        cutoff = D(value)
        advanced = {
            e for e, s in scores.items() if s is not None and D(shown(s, contest)) >= cutoff
        }
    return advanced


def _entry_rows(rnd, scores, panel_scores, untrimmed, overall, by_category, contest) -> list:
    means = rnd.criterion_means
    in_category = {p.key: p for placed in by_category.values() for p in placed}
    place = {p.key: p for p in overall}
    order = [p.key for p in overall] + sorted(e for e, s in scores.items() if s is None)
    seats, panels = rnd.seats, [(p, panel_scores[p]) for p in rnd.panels]
    rows = []
    for entry in order:
        dropped = rnd.dropped(entry)
        judges = [
            {"judge": j, "panel": seats.get(j), "total": S(t), "dropped": j in dropped}
            for j, t in sorted(rnd.by_entry.get(entry, {}).items())
        ]
        overall_place, category_place = place.get(entry), in_category.get(entry)
        rows.append({
            "entry": entry,
            "category": rnd.entries[entry],
            "judges": judges,
            "panels": {p: S(by_panel.get(entry)) for p, by_panel in panels},
            "untrimmed": S(untrimmed.get(entry)),
            "criteria": {c: S(v) for c, v in sorted(means.get(entry, {}).items())},
            "score": S(scores[entry]),
            "shown": shown(scores[entry], contest),
            **_place_fields("", overall_place),
            **_place_fields("category_", category_place),
        })  # fmt: skip
    return rows


def _place_fields(prefix: str, placed: Placed | None) -> dict:
    if placed is None:
        return {f"{prefix}rank": None, f"{prefix}shared": False, f"{prefix}decided_by": None}
    return {
        f"{prefix}rank": placed.rank,
        f"{prefix}shared": placed.shared,
        f"{prefix}decided_by": placed.decided_by,
    }


def contest_result(
    inputs: dict, round_scores: dict, keys: dict, categories: dict, *, ranked=None
) -> dict:
    """The last round's entries ranked by the round-weighted contest score (a round of weight 0
    only screens), with award tiers filled by rank and the organizer's overrides applied.

    `ranked` is the round's (scores, decisions, overall, by_category): ranking is a pure function
    of the scores, tie keys and decisions, so when the contest scores equal the round's (one
    weighted round) and so do the decisions, the round's rankings are reused, not recomputed."""
    contest, problems = inputs["contest"], []
    current = inputs["round"]["key"]
    weights = {current: D(inputs["round"]["weight"])}
    weights |= {key: D(past["weight"]) for key, past in inputs.get("earlier", {}).items()}
    if sum(weights.values()) != 100:
        problems.append({"code": "round_weights", "sum": S(sum(weights.values()))})
        return {"entries": [], "problems": problems}
    scores: dict[str, Decimal | None] = {}
    per_round: dict[str, dict] = {}
    for entry, score in round_scores.items():
        parts = {current: score}
        for key, past in inputs.get("earlier", {}).items():
            parts[key] = D(past.get("scores", {}).get(entry))
        per_round[entry] = {key: S(value) for key, value in sorted(parts.items())}
        problem = {"code": "missing_round", "entry": entry}
        scores[entry] = _weighted(parts, weights, problem, problems) if score is not None else None
    decisions = [d["entries"] for d in inputs.get("decisions", []) if d["scope"] == "contest"]
    if ranked is not None and ranked[0] == scores and ranked[1] == decisions:
        overall, by_category = ranked[2], ranked[3]
    else:
        overall, by_category = _rankings(scores, keys, categories, decisions)
    tiers = [Tier(t["key"], int(t["count"]), bool(t["per_category"])) for t in inputs["tiers"]]
    awards, ties = fill_awards(overall, by_category, tiers)
    problems += [{"code": "award_tie", **tie} for tie in ties]
    overrides = {o["entry"]: o["tier"] for o in inputs.get("overrides", [])}
    in_category = {p.key: p for placed in by_category.values() for p in placed}
    rows = []
    for placed in overall:
        entry = placed.key
        award = overrides.get(entry, awards.get(entry))
        rows.append({
            "entry": entry,
            "category": categories[entry],
            "rounds": per_round[entry],
            "score": S(scores[entry]),
            "shown": shown(scores[entry], contest),
            **_place_fields("", placed),
            **_place_fields("category_", in_category.get(entry)),
            "award": award,
            "award_overridden": entry in overrides,
        })  # fmt: skip
    return {"entries": rows, "problems": problems}
