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

The numbers before the ranking come from scoring.tally (entry by entry); `result` ranks them,
applies advancement and awards and lays out the rows.
"""

from decimal import Decimal

from scoring.ranking import Placed, Tier, fill_awards, rank_by_category, straddles
from scoring.tally import ALL as ALL  # re-exported: the implicit panel's key
from scoring.tally import D, Round, S, Tally, Weights, contest_score, round_weights

METHODS = ("mean", "trimmed_mean", "median", "zscore", "borda")


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


class _Shown(dict):
    """A score's text (str of the Decimal, which it is exactly) → the score as shown: each
    distinct score rounded once."""

    def __init__(self, contest: dict):
        super().__init__()
        self.contest = contest

    def __missing__(self, text: str) -> str | None:
        value = self[text] = shown(Decimal(text), self.contest)
        return value


def _rankings(scores: dict, keys: dict, categories: dict, decisions, marks=True, top=None):
    items = [(entry, score, keys[entry]) for entry, score in scores.items() if score is not None]
    return rank_by_category(items, categories, decisions, marks=marks, top=top)


def _heads(info: dict, tiers: list[Tier], categories: dict) -> int:
    """How many tied groups at the head of each category's ranking decide who advances (top_n)
    or gets a per-category award: awards fill whole groups from the top, passing over those
    already awarded (at most one group per award given before) and taking at most `count`."""
    if info["advancement"] == "top_n":
        return max(int(D(info.get("advancement_value"))), 0) + 1
    if info["advancement"] != "none":
        return 0
    per = len(set(categories.values()))
    given = sum(tier.count * (per if tier.per_category else 1) for tier in tiers)
    return given + max((tier.count for tier in tiers), default=0) + 1


def _places(placed: list[Placed]) -> dict[str, tuple]:
    return {item.key: (item.rank, item.shared) for item in placed}


def compute(inputs: dict, *, method: str | None = None, without_judge: str | None = None) -> dict:
    """The round's result (see the module docstring). `method` and `without_judge` recompute
    the same inputs another way, for the robustness view."""
    rnd = Round(inputs, method, without_judge)
    return result(Tally(rnd))


def result(tally: Tally, *, lean: bool = False) -> dict:
    """compute's result from a tally. `lean`, for the robustness view, gives only what decides
    the outcome: {"places": entry → (rank, shared) in the deciding ranking (the contest's in the
    last round, whose round ranking is then skipped), "tiers": entry → award (last round) or None,
    "advanced": the set of advancing entries (other rounds) or None, "problems"}."""
    rnd, problems = tally.rnd, tally.problems()
    decisions = [d["entries"] for d in rnd.inputs.get("decisions", []) if d["scope"] == "round"]
    out: dict = {}
    ranked = None
    if not (lean and rnd.final):
        top = _heads(rnd.info, [], rnd.entries) if lean else None
        ranking = _rankings(tally.scores, tally.keys, rnd.entries, decisions, not lean, top)
        ranked = (tally.scores, decisions, *ranking)
        advanced = _advance(rnd, tally, ranking[1], problems)
        if lean:
            return {"places": _places(ranking[0]), "tiers": None, "advanced": advanced,
                    "problems": problems}  # fmt: skip
        rows = _entry_rows(tally, *ranking, None if rnd.final else advanced)
        out = {"entries": rows, "advanced": sorted(advanced), "problems": problems}
    if rnd.final:
        if tally.contest_weights is None:
            total = S(sum(rnd.round_weights.values()))
            part = {"entries": [], "places": {}, "tiers": {},
                    "problems": [{"code": "round_weights", "sum": total}]}  # fmt: skip
        else:
            missing = [tally.unweighted[entry] for entry in sorted(tally.unweighted)]
            scored = (tally.contest, tally.rounds, missing)
            part = _contest_table(rnd.inputs, *scored, tally.keys, rnd.entries, ranked, lean)
        problems.extend(part.pop("problems"))
        if lean:
            return {**part, "advanced": None, "problems": problems}
        out = {**out, "problems": problems, "contest": {"entries": part["entries"]}}
    return out


def _advance(rnd: Round, tally: Tally, by_category, problems) -> set[str]:
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
            e
            for e, s in tally.scores.items()
            if s is not None and D(shown(s, rnd.inputs["contest"])) >= cutoff
        }
    return advanced


def _entry_rows(tally: Tally, overall, by_category, advanced) -> list:
    rnd, scores = tally.rnd, tally.scores
    in_category = {p.key: p for placed in by_category.values() for p in placed}
    unranked = [(e, None) for e in sorted(e for e, s in scores.items() if s is None)]
    seat, means, panels = rnd.seats.get, rnd.criterion_means, list(tally.panel_scores.items())
    shows, rows = _Shown(rnd.inputs["contest"]), []
    for entry, placed in [(p.key, p) for p in overall] + unranked:
        rank, shared, decided_by = _place(placed)
        dropped = tally.dropped.get(entry, ())
        in_rank, in_shared, in_decided_by = _place(in_category.get(entry))
        score, untrimmed = scores[entry], tally.untrimmed.get(entry)
        text = None if score is None else str(score)
        rows.append({
            "entry": entry,
            "category": rnd.entries[entry],
            "judges": [
                {"judge": j, "panel": seat(j), "total": None if t is None else str(t),
                 "dropped": j in dropped}
                for j, t in sorted(rnd.by_entry.get(entry, {}).items())
            ],
            "panels": {p: S(by_panel.get(entry)) for p, by_panel in panels},
            "untrimmed": None if untrimmed is None else str(untrimmed),
            "criteria": {c: S(v) for c, v in sorted(means.get(entry, {}).items())},
            "score": text,
            "shown": None if text is None else shows[text],
            "rank": rank, "shared": shared, "decided_by": decided_by,
            "category_rank": in_rank, "category_shared": in_shared,
            "category_decided_by": in_decided_by,
            "advanced": None if advanced is None else entry in advanced,
        })  # fmt: skip
    return rows


def _place(placed: Placed | None) -> tuple:
    """rank, shared, decided_by of a row (None, False, None: not ranked)."""
    return (
        (None, False, None) if placed is None else (placed.rank, placed.shared, placed.decided_by)
    )


def contest_result(
    inputs: dict, round_scores: dict, keys: dict, categories: dict, *, ranked=None
) -> dict:
    """The last round's entries ranked by the round-weighted contest score (a round of weight 0
    only screens), with award tiers filled by rank and the organizer's overrides applied.

    `ranked` is the round's (scores, decisions, overall, by_category): ranking is a pure function
    of the scores, tie keys and decisions, so when the contest scores equal the round's (one
    weighted round) and so do the decisions, the round's rankings are reused, not recomputed."""
    weights = round_weights(inputs)
    if sum(weights.values()) != 100:
        return {
            "entries": [],
            "problems": [{"code": "round_weights", "sum": S(sum(weights.values()))}],
        }
    weigher, scores, rounds, problems = Weights(weights), {}, {}, []
    for entry, score in round_scores.items():
        scores[entry], problem, rounds[entry] = contest_score(inputs, weigher, entry, score)
        problems += [problem] if problem else []
    return _contest_table(inputs, scores, rounds, problems, keys, categories, ranked)


def _contest_table(inputs, scores, rounds, problems, keys, categories, ranked, lean=False):
    decisions = [d["entries"] for d in inputs.get("decisions", []) if d["scope"] == "contest"]
    tiers = [Tier(t["key"], int(t["count"]), bool(t["per_category"])) for t in inputs["tiers"]]
    if ranked is not None and ranked[0] == scores and ranked[1] == decisions:
        overall, by_category = ranked[2], ranked[3]
    else:
        top = _heads(inputs["round"], tiers, categories) if lean else None
        overall, by_category = _rankings(scores, keys, categories, decisions, not lean, top)
    awards, ties = fill_awards(overall, by_category, tiers)
    problems = problems + [{"code": "award_tie", **tie} for tie in ties]
    overrides = {o["entry"]: o["tier"] for o in inputs.get("overrides", [])}
    if lean:  # the entries with an award (the others' tier is None, as .get gives it)
        places = _places(overall)
        won = {e: overrides.get(e, awards.get(e)) for e in awards | overrides if e in places}
        return {"places": places, "tiers": won, "problems": problems}
    in_category = {p.key: p for placed in by_category.values() for p in placed}
    shows, rows = _Shown(inputs["contest"]), []
    for placed in overall:
        entry = placed.key
        award = overrides.get(entry, awards.get(entry))
        rank, shared, decided_by = _place(placed)
        in_rank, in_shared, in_decided_by = _place(in_category.get(entry))
        text = str(scores[entry])  # ranked: it has a score
        rows.append({
            "entry": entry,
            "category": categories[entry],
            "rounds": {key: S(value) for key, value in sorted(rounds[entry].items())},
            "score": text,
            "shown": shows[text],
            "rank": rank, "shared": shared, "decided_by": decided_by,
            "category_rank": in_rank, "category_shared": in_shared,
            "category_decided_by": in_decided_by,
            "award": award,
            "award_overridden": entry in overrides,
        })  # fmt: skip
    return {"entries": rows, "problems": problems}
