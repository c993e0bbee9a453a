"""A round's numbers before the ranking, entry by entry, from plain inputs (no ORM): the engine
of scoring.outcome.compute.

`Round` reads the inputs once into Decimals and lookups (each judge's totals, each entry's) and
holds the per-entry arithmetic: the panels' aggregates by the round's method, the tie-break
chain's values. `Tally` applies it to every entry: panel aggregates, untrimmed mean,
panel-weighted round score, tie keys, in the last round the round-weighted contest score, and
the problems found on the way.

Everything here depends on one entry's totals only (z-scores and Borda also on each judge's own
totals, which do not change when another judge is left out), so `Tally.without(judge)` — for the
robustness view — redoes only the entries that judge scored and gives what
Tally(Round(inputs, method, judge)) gives.
"""

import copy
from collections import defaultdict
from decimal import Decimal
from functools import cached_property
from operator import itemgetter

from scoring import aggregation as agg

ALL = "ALL"  # the one implicit panel of a round without panels


def D(text) -> Decimal | None:
    return None if text is None else Decimal(text)


def S(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Weights:
    """Percent weights for many entries' parts, checked (agg.check_weights) once, on first use.
    A weighted sum depends on nothing but the exact parts, which their text gives (a Decimal's
    str is exact, exponent included), so each distinct set of parts is weighted once."""

    def __init__(self, weights: dict):
        self.weights, self.checked, self.needed = weights, False, None
        self.done: dict[tuple, Decimal] = {}  # the parts' texts → the weighted sum

    def combine(self, parts: dict, code: str, entry: str) -> tuple[Decimal | None, dict | None]:
        """(weighted score, None), or (None, the problem `code` with the keys without a part)."""
        if self.needed is None:
            self.needed = [key for key, weight in self.weights.items() if weight > 0]
        missing = [key for key in self.needed if parts.get(key) is None]
        if missing:
            return None, {"code": code, "entry": entry, "missing": sorted(missing)}
        if not self.checked:
            agg.check_weights(self.weights)
            self.checked = True
        texts = tuple([str(parts[key]) for key in self.needed])
        if texts not in self.done:
            self.done[texts] = agg.weighted_sum(parts, self.weights)
        return self.done[texts], None


def _extremes(marks: list[tuple], k: int) -> list[str]:
    """The judges of the k lowest and the k highest of (total, judge) marks (all distinct)."""
    if k == 1:
        return [min(marks)[1], max(marks)[1]]
    ordered = sorted(marks)
    return [judge for _total, judge in ordered[:k] + ordered[-k:]]


def _first(value, pasts, field: str, name: str, entry: str):
    """`value`, or failing that the first earlier round's value of the chain step."""
    for past in pasts:
        value = value if value is not None else D(past.get(field, {}).get(name, {}).get(entry))
    return value


class Round:
    """The inputs read once into Decimals and lookups, and the per-entry arithmetic."""

    def __init__(self, inputs: dict, method: str | None, without_judge: str | None):
        self.inputs, self.info = inputs, inputs["round"]
        self.method = method or self.info["method"]
        self.final = self.info["advancement"] == "none"
        self.panels = {p["key"]: D(p["weight"]) for p in inputs["panels"]} or {ALL: Decimal(100)}
        self.rubric_total = sum((D(c["max_points"]) for c in inputs["criteria"]), Decimal(0))
        self.entries = {e["key"]: e["category"] for e in inputs["entries"]}
        self.position = {entry: n for n, entry in enumerate(self.entries)}
        self.problems: list[dict] = []
        self.seats = self._seats()
        if sum(self.panels.values()) != 100:
            self.problems.append({"code": "panel_weights", "sum": S(sum(self.panels.values()))})
            self.panels = {}  # nothing can be weighted: every entry is left without a score
        self.weights = Weights(self.panels)
        # judge → entry → total, and entry → judge → total
        self.totals, self.by_entry = _read_totals(inputs["scores"], self.entries, without_judge)

    def without(self, judge: str) -> "Round":
        """This round (read with no judge left out) as Round(inputs, method, judge) reads it."""
        other = copy.copy(self)  # shares the lookups, cached ones too: none depends on the judge
        other.problems = list(self.problems)
        other.totals = {j: scored for j, scored in self.totals.items() if j != judge}
        other.by_entry = dict(self.by_entry)
        for entry in self.totals.get(judge, ()):
            row = {j: total for j, total in self.by_entry[entry].items() if j != judge}
            if row:
                other.by_entry[entry] = row
            else:
                del other.by_entry[entry]
        return other

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

    @cached_property
    def seated(self) -> dict[str, str]:
        """judge → panel, for the judges on a panel of the round."""
        return {judge: panel for judge, panel in self.seats.items() if panel in self.panels}

    @cached_property
    def together(self) -> str | None:
        """The round's one panel when every judge who gave a score sits on it, else None."""
        panel = next(iter(self.panels)) if len(self.panels) == 1 else None
        together = panel is not None and all(self.seated.get(j) == panel for j in self.totals)
        return panel if together else None

    @cached_property
    def criterion_means(self) -> dict[str, dict[str, Decimal]]:
        return _criterion_means(self.inputs)

    @cached_property
    def trim(self) -> int:
        return int(self.info["trim_count"])

    @cached_property
    def judged(self) -> dict[str, dict]:
        """z-scores: judge → entry → T-score; Borda: judge → entry → places (seated judges)."""
        total, judged = self.rubric_total, {}
        for judge, scored in self.totals.items():
            if judge in self.seated and self.method == "zscore":
                judged[judge] = agg.standard_scores(scored, center=total / 2, spread=total / 10)
            elif judge in self.seated:
                judged[judge] = agg.borda_places(scored)
        return judged

    @cached_property
    def bests(self) -> dict[str, Decimal]:
        """judge → their highest total (for the "first_places" step)."""
        return {judge: max(scored.values()) for judge, scored in self.totals.items()}

    @cached_property
    def round_weights(self) -> dict[str, Decimal]:
        return round_weights(self.inputs)

    def aggregates(self, entry: str, row: dict) -> tuple[dict, list, set]:
        """The entry's aggregate per panel that scored it (None: too few to trim), the problems
        found (in panel order), and the judges the trimmed mean dropped (k lowest and k highest;
        among equal totals the judges first and last by pseudonym, which changes no number)."""
        if self.method in ("zscore", "borda"):
            # Each judge's own values, combined in the order of their pseudonyms (as
            # agg.standardized and agg.borda combine a panel's judges, seated by pseudonym).
            judged, found = self.judged, {}
            for judge in sorted(row):
                value = judged[judge].get(entry) if judge in judged else None
                if value is not None:
                    found.setdefault(self.seats[judge], []).append(value)
            combine = agg.mean if self.method == "zscore" else agg.borda_points
            return {panel: combine(values) for panel, values in found.items()}, [], set()
        method = self.method
        if self.together:
            marks = [(self.together, list(row.values()), list(row))]
        else:
            marks = self._marks(row)
        values, problems, dropped = {}, [], set()
        for panel, totals, judges in marks:
            if method == "mean":
                values[panel] = agg.mean(totals)
            elif method == "median":
                values[panel] = agg.median(totals)
            elif len(totals) < 2 * (k := self.trim) + 1:
                problems.append({
                    "code": "too_few_to_trim", "entry": entry, "panel": panel,
                    "count": len(totals), "needed": 2 * k + 1,
                })  # fmt: skip
                values[panel] = None
            else:
                values[panel] = agg.trimmed_mean(totals, k)
                if k and method == "trimmed_mean":
                    dropped.update(_extremes(list(zip(totals, judges, strict=True)), k))
        return values, problems, dropped

    def _marks(self, row: dict) -> list[tuple]:
        """(panel, its judges' totals, those judges) for each panel in order, in the row's order."""
        marks: dict[str, tuple[list, list]] = {}
        for judge, total in row.items():
            panel = self.seated.get(judge)
            if panel is not None:
                totals, judges = marks.setdefault(panel, ([], []))
                totals.append(total)
                judges.append(judge)
        return [(panel, *marks[panel]) for panel in self.panels if panel in marks]

    def tie_key(self, entry: str, panels: dict, untrimmed: Decimal | None, row) -> list:
        """One value per chain step (None where the step does not apply)."""
        earlier, key = self.inputs.get("earlier", {}), []
        for step in self.inputs["chain"]:
            kind, value = step["kind"], None
            if kind == "criterion":
                value = self.criterion_means.get(entry, {}).get(step["criterion"])
                value = _first(value, earlier.values(), "criteria", step["criterion"], entry)
            elif kind == "round" and step["round"] != self.info["key"]:
                value = D(earlier.get(step["round"], {}).get("scores", {}).get(entry))
            elif kind == "panel":
                value = _first(panels.get(step["panel"]), earlier.values(), "panels",
                               step["panel"], entry)  # fmt: skip
            elif kind == "untrimmed":
                value = untrimmed
            elif kind == "first_places":
                bests = self.bests
                value = Decimal(sum(1 for j, total in (row or {}).items() if total == bests[j]))
            key.append(value)
        return key


class _Parsed(dict):
    """text → Decimal, each distinct total read once (Decimals are immutable)."""

    def __missing__(self, text):
        value = self[text] = D(text)
        return value


def _read_totals(rows: list, entries: dict, without_judge) -> tuple[dict, dict]:
    totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
    parsed = _Parsed()
    for judge, entry, text in map(itemgetter("judge", "entry", "total"), rows):
        if judge != without_judge and entry in entries:
            totals[judge][entry] = parsed[text]
    by_entry: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for judge, scored in totals.items():
        for entry, total in scored.items():
            by_entry[entry][judge] = total
    return totals, by_entry


def _criterion_means(inputs: dict) -> dict[str, dict[str, Decimal]]:
    """entry → criterion → the mean over all submitted scorecards (for the tie-break chain)."""
    out: dict[str, dict[str, Decimal]] = {}
    means: dict[tuple, Decimal] = {}  # (sum, count) → mean, each pair divided once
    for entry, per in inputs.get("criteria_sums", {}).items():
        for criterion, (total, count) in per.items():
            if (total, count) not in means:
                means[total, count] = D(total) / Decimal(count)
            out.setdefault(entry, {})[criterion] = means[total, count]
    return out


class Tally:
    """Per entry, everything before the ranking (see the module docstring)."""

    _PER_ENTRY = ("short", "dropped", "untrimmed", "unscored", "unweighted")
    _ALL_ENTRIES = ("scores", "keys", "contest", "rounds")

    def __init__(self, rnd: Round):
        self.rnd = rnd
        self.panel_scores: dict[str, dict] = {panel: {} for panel in rnd.panels}
        self.short: dict[str, list] = {}  # entry → its too_few_to_trim problems
        self.dropped: dict[str, set] = {}  # entry → judges the trimmed mean dropped
        self.untrimmed: dict[str, Decimal] = {}
        self.unscored: dict[str, dict] = {}  # entry → its no_scores or missing_panel problem
        self.unweighted: dict[str, dict] = {}  # entry → its missing_round problem
        # Every entry, in key order, from here on; the contest scores in the last round, when the
        # rounds' weights add up to 100 (contest_weights; else None).
        self.scores: dict[str, Decimal | None] = {}
        self.keys: dict[str, list] = {}
        self.contest: dict[str, Decimal | None] = {}
        self.rounds: dict[str, dict] = {}  # entry → round → score (in the contest score)
        weights = rnd.round_weights if rnd.final else None
        ok = weights is not None and sum(weights.values()) == 100
        self.contest_weights = Weights(weights) if ok else None
        for entry in sorted(rnd.entries):
            self._add(entry)

    def without(self, judge: str) -> "Tally":
        """The tally of self.rnd.without(judge), redoing only the entries the judge scored."""
        other = copy.copy(self)
        other.rnd = self.rnd.without(judge)
        other.panel_scores = {panel: dict(values) for panel, values in self.panel_scores.items()}
        for name in self._PER_ENTRY + self._ALL_ENTRIES:
            setattr(other, name, dict(getattr(self, name)))
        for entry in self.rnd.totals.get(judge, ()):
            for values in other.panel_scores.values():
                values.pop(entry, None)
            for name in self._PER_ENTRY:
                getattr(other, name).pop(entry, None)
            other._add(entry)  # the dicts of every entry keep their order: keys are replaced
        return other

    def _add(self, entry: str) -> None:
        rnd = self.rnd
        row = rnd.by_entry.get(entry)
        untrimmed = panels = None
        if row:
            panels, short, dropped = rnd.aggregates(entry, row)
            for panel, value in panels.items():
                self.panel_scores[panel][entry] = value
            if short:
                self.short[entry] = short
            if dropped:
                self.dropped[entry] = dropped
            untrimmed = self.untrimmed[entry] = agg.mean(row.values())
            weighted = rnd.weights.combine(panels, "missing_panel", entry) if rnd.panels else None
            score, problem = weighted or (None, None)
        else:
            score, problem = None, {"code": "no_scores", "entry": entry}
        self.scores[entry] = score
        if problem:
            self.unscored[entry] = problem
        self.keys[entry] = rnd.tie_key(entry, panels or {}, untrimmed, row)
        if self.contest_weights:
            contest, problem, parts = contest_score(rnd.inputs, self.contest_weights, entry, score)
            self.contest[entry], self.rounds[entry] = contest, parts
            if problem:
                self.unweighted[entry] = problem

    def problems(self) -> list[dict]:
        """The round's problems before ranking, in the order the steps find them."""
        out = list(self.rnd.problems)
        short = sorted(self.short, key=self.rnd.position.__getitem__)
        for panel in self.rnd.panels:
            out += [p for entry in short for p in self.short[entry] if p["panel"] == panel]
        return out + [self.unscored[entry] for entry in sorted(self.unscored)]


def round_weights(inputs: dict) -> dict[str, Decimal]:
    """round → its weight in the contest score (this round's and the earlier rounds')."""
    weights = {inputs["round"]["key"]: D(inputs["round"]["weight"])}
    return weights | {key: D(past["weight"]) for key, past in inputs.get("earlier", {}).items()}


def contest_score(inputs: dict, weights: Weights, entry: str, score) -> tuple:
    """(contest score or None, the missing_round problem or None, round → score) of one entry."""
    parts = {inputs["round"]["key"]: score}
    for key, past in inputs.get("earlier", {}).items():
        parts[key] = D(past.get("scores", {}).get(entry))
    if score is None:
        return None, None, parts
    return *weights.combine(parts, "missing_round", entry), parts
