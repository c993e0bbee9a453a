"""The inputs of a round's result, read from the database in a fixed number of queries.

`round_inputs(round_)` returns a `RoundInputs`: the JSON-ready `inputs` dict that
scoring.outcome.compute takes and the frozen snapshot keeps, plus the private lookups the
organizer's pages need to name things (pseudonym → Judge, receipt number → Entry). In `inputs`
judges are pseudonymised J1…Jn (by judge id), entries are named by receipt number, and every
number is a string.

What counts: submitted scorecards of assignments in effect (scoring.selectors.in_effect), whose
entry is in the running for the round (advancement-aware). The database sums each scorecard
(14,000 rows for 2,000 entries by 7 judges) and each entry's criterion scores, so the 140,000
score rows are never fetched one by one.
"""

import json
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from contests.models import AwardTier, Criterion, Round, TieBreakRule
from scoring.models import (
    AwardOverride,
    Judge,
    ResultExclusion,
    RoundResult,
    Score,
    Scorecard,
    TieDecision,
)
from scoring.selectors.in_effect import assignments_in_effect, entries_in_round, in_effect
from submissions.models import Entry


@dataclass
class RoundInputs:
    round: Round
    inputs: dict
    judges: dict[str, Judge] = field(default_factory=dict)  # pseudonym → Judge
    entries: dict[str, Entry] = field(default_factory=dict)  # receipt number → Entry
    unsubmitted: list[tuple[Judge, Entry]] = field(default_factory=list)  # not excluded
    earlier_missing: list[Round] = field(default_factory=list)  # earlier rounds not finalized


def key(prefix: str, pk) -> str | None:
    return None if pk is None else f"{prefix}{pk}"


def _names(obj) -> dict:
    return {"name_ko": obj.name_ko, "name_en": obj.name_en}


def contest_rounds(contest_id: int) -> list[Round]:
    return list(Round.objects.filter(contest_id=contest_id).order_by("order", "id"))


def result_in_force(round_: Round) -> RoundResult | None:
    return RoundResult.objects.filter(round=round_, voided_at=None).first()


def round_inputs(round_: Round) -> RoundInputs:
    contest = round_.contest
    rounds = contest_rounds(contest.pk)
    position = [r.pk for r in rounds].index(round_.pk)
    out = RoundInputs(round=round_, inputs={})
    entries = {
        e.receipt_number: e
        for e in entries_in_round(round_).select_related("category").order_by("receipt_number")
    }
    out.entries = entries
    entry_keys = {e.pk: number for number, e in entries.items()}
    counted = Scorecard.objects.filter(in_effect(), round=round_, status=Scorecard.Status.SUBMITTED)
    submitted = list(counted.values("judge_id", "entry_id").annotate(total=Sum("scores__value")))
    cards = [c for c in submitted if c["entry_id"] in entry_keys and c["total"] is not None]
    assigned = list(assignments_in_effect(round=round_).values_list("judge_id", "entry_id"))
    judges, seats = _judges(round_, {j for j, _e in assigned} | {c["judge_id"] for c in cards})
    out.judges = dict(judges)
    pseudonym = {judge.pk: name for name, judge in judges.items()}
    sums = (
        Score.objects.filter(scorecard__in=counted)
        .values("scorecard__entry_id", "criterion_id")
        .annotate(total=Sum("value"), count=Count("id"))
    )
    criteria_sums: dict[str, dict] = {}
    for row in sums:
        entry = entry_keys.get(row["scorecard__entry_id"])
        if entry is not None:
            criteria_sums.setdefault(entry, {})[key("C", row["criterion_id"])] = [
                str(row["total"]),
                row["count"],
            ]
    out.unsubmitted = _unsubmitted(round_, assigned, submitted, judges, entries)
    out.inputs = {
        "contest": {
            **_names(contest),
            "year": contest.year,
            "rounding": contest.rounding,
            "decimal_places": contest.decimal_places,
        },
        "round": _round_info(round_, position),
        "criteria": [
            {"key": key("C", c.pk), **_names(c), "max_points": str(c.max_points)}
            for c in Criterion.objects.filter(round=round_).order_by("order", "id")
        ],
        "panels": [
            {"key": key("P", p.pk), **_names(p), "weight": str(p.weight)}
            for p in round_.panels.order_by("order", "id")
        ],
        "judges": {name: seats[judges[name].pk] for name in sorted(judges, key=_pseudonym_order)},
        "categories": _categories(contest),
        "entries": [
            {"key": number, "category": key("K", e.category_id)} for number, e in entries.items()
        ],
        "scores": sorted(
            (
                {
                    "entry": entry_keys[c["entry_id"]],
                    "judge": pseudonym[c["judge_id"]],
                    "total": str(c["total"]),
                }
                for c in cards
            ),
            key=lambda row: (row["entry"], _pseudonym_order(row["judge"])),
        ),
        "criteria_sums": criteria_sums,
        "excluded": _exclusions(round_, pseudonym, entry_keys),
        "earlier": _earlier(rounds[:position], out),
        "chain": _chain(contest.pk),
        "decisions": [
            {"scope": d.scope, "entries": list(d.entries), "reason": d.reason}
            for d in TieDecision.objects.filter(round=round_).order_by("at", "id")
        ],
        "tiers": [
            {"key": key("A", t.pk), **_names(t), "count": t.count, "per_category": t.per_category}
            for t in AwardTier.objects.filter(contest=contest).order_by("order", "id")
        ],
        "overrides": [
            {"entry": o.entry.receipt_number, "tier": key("A", o.tier_id), "reason": o.reason}
            for o in AwardOverride.objects.filter(contest=contest).select_related("entry")
            if o.entry.receipt_number in entries
        ],
    }
    return out


def _pseudonym_order(name: str) -> int:
    return int(name[1:])


def _round_info(round_: Round, position: int) -> dict:
    return {
        "key": key("R", round_.pk),
        "number": position + 1,
        **_names(round_),
        "method": round_.method,
        "trim_count": round_.trim_count,
        "weight": str(round_.weight),
        "advancement": round_.advancement,
        "advancement_value": (
            None if round_.advancement_value is None else str(round_.advancement_value)
        ),
    }


def _judges(round_: Round, ids: set[int]) -> tuple[dict[str, Judge], dict[int, list[str]]]:
    """Judges of the round (`ids`: assigned in effect, or with a counted scorecard), named
    J1…Jn by judge id, and the panels of this round each sits on."""
    ids = sorted(ids)
    judges = Judge.objects.select_related("user").in_bulk(ids)
    seats: dict[int, list[str]] = {pk: [] for pk in ids}
    for judge_id, panel_id in Judge.panels.through.objects.filter(
        judge_id__in=ids, panel__round=round_
    ).values_list("judge_id", "panel_id"):
        seats[judge_id].append(key("P", panel_id))
    for panels in seats.values():
        panels.sort()
    return {f"J{n}": judges[pk] for n, pk in enumerate(ids, 1)}, seats


def _categories(contest) -> list[dict]:
    return [
        {"key": key("K", c.pk), **_names(c)} for c in contest.categories.order_by("order", "id")
    ]


def _unsubmitted(
    round_: Round, assigned: list, submitted: list, judges: dict, entries: dict
) -> list[tuple[Judge, Entry]]:
    """Assignments in effect (`assigned`: (judge id, entry id)) with no submitted scorecard and
    no exclusion, by receipt number then judge id. `submitted` are the round's submitted
    scorecards in effect: for a pair in effect that is every submitted scorecard of the pair (a
    scorecard and an assignment of the same judge, entry and round are in effect alike)."""
    done = {(c["judge_id"], c["entry_id"]) for c in submitted}
    done |= set(ResultExclusion.objects.filter(round=round_).values_list("judge_id", "entry_id"))
    by_pk = {judge.pk: judge for judge in judges.values()}
    ordered = list(entries.values())  # by receipt number
    place = {entry.pk: n for n, entry in enumerate(ordered)}
    missing = sorted(
        (place[entry_id], judge_id)
        for judge_id, entry_id in assigned
        if (judge_id, entry_id) not in done and entry_id in place
    )
    return [(by_pk[judge_id], ordered[n]) for n, judge_id in missing]


def _exclusions(round_: Round, pseudonym: dict, entry_keys: dict) -> list[dict]:
    rows = ResultExclusion.objects.filter(round=round_).select_related("entry").order_by("id")
    return [
        {
            "entry": row.entry.receipt_number,
            "judge": pseudonym.get(row.judge_id, "—"),
            "reason": row.reason,
        }
        for row in rows
    ]


def _earlier(rounds: list[Round], out: RoundInputs) -> dict:
    """Each earlier round's frozen numbers (from its result in force): weight, round score,
    panel scores and criterion means per entry."""
    results = {r.round_id: r for r in RoundResult.objects.filter(round__in=rounds, voided_at=None)}
    earlier = {}
    for past in rounds:
        result = results.get(past.pk)
        if result is None:
            out.earlier_missing.append(past)
            earlier[key("R", past.pk)] = {"weight": str(past.weight), "scores": {}}
            continue
        rows = json.loads(result.snapshot)["results"]["entries"]
        earlier[key("R", past.pk)] = {
            "weight": str(past.weight),
            "digest": result.digest,
            "scores": {row["entry"]: row["score"] for row in rows if row["score"] is not None},
            "panels": _transpose(rows, "panels"),
            "criteria": _transpose(rows, "criteria"),
        }
    return earlier


def _transpose(rows: list[dict], name: str) -> dict:
    out: dict[str, dict] = {}
    for row in rows:
        for part, value in row[name].items():
            if value is not None:
                out.setdefault(part, {})[row["entry"]] = value
    return out


def _chain(contest_id: int) -> list[dict]:
    steps = []
    for rule in TieBreakRule.objects.filter(contest_id=contest_id).order_by("order", "id"):
        step = {"kind": rule.kind}
        if rule.kind == TieBreakRule.Kind.CRITERION:
            step["criterion"] = key("C", rule.criterion_id)
        elif rule.kind == TieBreakRule.Kind.ROUND:
            step["round"] = key("R", rule.round_id)
        elif rule.kind == TieBreakRule.Kind.PANEL:
            step["panel"] = key("P", rule.panel_id)
        steps.append(step)
    return steps
