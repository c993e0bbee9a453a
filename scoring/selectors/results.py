"""The inputs of a round's result, read from the database in a fixed number of queries.

`round_inputs(round_)` returns a `RoundInputs`: the JSON-ready `inputs` dict that
scoring.outcome.compute takes and the frozen snapshot keeps, plus the private lookups the
organizer's pages need to name things (pseudonym → Judge, receipt number → EntryRow). In `inputs`
judges are pseudonymised J1…Jn (by judge id), entries are named by receipt number, and every
number is a string.

What counts: the submitted scorecard of each assignment in effect (scoring.selectors.in_effect),
whose entry is in the running for the round (advancement-aware). A submitted scorecard whose
assignment the organizer removed does not count (the progress board lists it as "Unassigned by
the organizer"). One query, driven by the round's assignments in effect, gives each assignment's
submitted scorecard with the total scorecard_submit stored on it (14,000 rows for 2,000 entries by
7 judges), so the 140,000 score rows are never read; the judges of the round are the judges of
those assignments, and an assignment without a submitted scorecard (and no exclusion) is
unsubmitted.

`criteria_sums` (entry → criterion → [sum, count] over the counted scorecards) holds only the
criteria the contest's tie-break chain names: they are what compute uses them for (a criterion
step of the chain); the same query joins each named criterion's score of the scorecard. The
per-criterion averages an agency sees on its own result page are read from the database by
scoring.selectors.published, not from the snapshot.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, FilteredRelation, Q, TextField
from django.db.models.functions import Cast

from contests.models import AwardTier, Category, Criterion, Round, TieBreakRule
from scoring.models import (
    Assignment,
    AwardOverride,
    Judge,
    ResultExclusion,
    RoundResult,
    Scorecard,
    TieDecision,
)
from scoring.selectors.in_effect import GATING, entries_in_round, in_effect_of


@dataclass
class RoundInputs:
    round: Round
    inputs: dict
    judges: dict[str, Judge] = field(default_factory=dict)  # pseudonym → Judge
    entries: dict[str, "EntryRow"] = field(default_factory=dict)  # receipt number → EntryRow
    unsubmitted: list[tuple[Judge, "EntryRow"]] = field(default_factory=list)  # not excluded
    earlier_missing: list[Round] = field(default_factory=list)  # earlier rounds not finalized


def key(prefix: str, pk) -> str | None:
    return None if pk is None else f"{prefix}{pk}"


def points(value) -> str:
    """A sum of scores as the shortest exact text ("85", "85.5"), whatever the database returns
    (PostgreSQL "85.00", SQLite 85): the snapshot's text must not depend on the database."""
    text = str(value)
    if "E" in text or "e" in text:  # exponent notation: let Decimal spell it out
        return format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _names(obj) -> dict:
    return {"name_ko": obj.name_ko, "name_en": obj.name_en}


def contest_rounds(contest_id: int) -> list[Round]:
    return list(Round.objects.filter(contest_id=contest_id).order_by("order", "id"))


def number_of_round(round_: Round) -> int:
    """n of the round: the contest's rounds counted in order from 1."""
    return [r.pk for r in contest_rounds(round_.contest_id)].index(round_.pk) + 1


def result_in_force(round_: Round) -> RoundResult | None:
    return RoundResult.objects.filter(round=round_, voided_at=None).first()


def round_inputs(round_: Round) -> RoundInputs:
    contest = round_.contest
    rounds = contest_rounds(contest.pk)
    position = [r.pk for r in rounds].index(round_.pk)
    out = RoundInputs(round=round_, inputs={})
    categories = list(Category.objects.filter(contest=contest).order_by("order", "id"))
    # round_gated(round_), read from the rounds already loaded (in (order, id) order): no query
    gated = any(r.advancement in GATING for r in rounds[:position])
    entries = _entries(round_, {c.pk: c for c in categories}, gated)
    out.entries = entries
    entry_keys = {e.pk: number for number, e in entries.items()}
    chain = _chain(contest.pk)
    named = dict.fromkeys(step["criterion"] for step in chain if step.get("criterion"))
    counted = _counted(round_, list(named), gated)
    assigned = [row for row in counted if row[1] in entry_keys]
    judges, seats = _judges(round_, {row[0] for row in assigned})
    out.judges = dict(judges)
    pseudonym = {judge.pk: name for name, judge in judges.items()}
    exclusions = list(
        ResultExclusion.objects.filter(round=round_)
        .order_by("id")
        .values_list("judge_id", "entry_id", "entry__receipt_number", "reason")
    )
    out.unsubmitted = _unsubmitted(assigned, exclusions, judges, entries)
    scores, criteria_sums = _scores(assigned, list(named), entry_keys, pseudonym)
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
        "categories": [{"key": key("K", c.pk), **_names(c)} for c in categories],
        "entries": [
            {"key": number, "category": key("K", e.category_id)} for number, e in entries.items()
        ],
        "scores": scores,
        "criteria_sums": criteria_sums,
        "excluded": [
            {"entry": number, "judge": pseudonym.get(judge_id, "—"), "reason": reason}
            for judge_id, _entry_id, number, reason in exclusions
        ],
        "earlier": _earlier(rounds[:position], out),
        "chain": chain,
        "decisions": [
            {"scope": d.scope, "entries": list(d.entries), "reason": d.reason}
            for d in TieDecision.objects.filter(round=round_).order_by("at", "id")
        ],
        "tiers": [
            {"key": key("A", t.pk), **_names(t), "count": t.count, "per_category": t.per_category}
            for t in AwardTier.objects.filter(contest=contest).order_by("order", "id")
        ],
        "overrides": [
            {"entry": number, "tier": key("A", tier_id), "reason": reason}
            for number, tier_id, reason in AwardOverride.objects.filter(contest=contest)
            .order_by("id")
            .values_list("entry__receipt_number", "tier_id", "reason")
            if number in entries
        ],
    }
    return out


@dataclass(frozen=True, slots=True)
class EntryRow:
    """What the results pages show of an entry. Read as plain rows: at 2,000 entries, model
    instances (even with .only()) cost five times the query that reads them."""

    pk: int
    receipt_number: str
    title: str
    category_id: int
    category: Category

    @property
    def id(self) -> int:
        return self.pk


def _entries(round_: Round, categories: dict[int, Category], gated: bool) -> dict[str, EntryRow]:
    """Receipt number → EntryRow, in receipt-number order, each with its category attached from
    `categories` (no join)."""
    rows = (
        entries_in_round(round_, gated)
        .order_by("receipt_number")
        .values_list("id", "receipt_number", "title", "category_id")
    )
    return {
        number: EntryRow(pk, number, title, category_id, categories[category_id])
        for pk, number, title, category_id in rows
    }


def _counted(round_: Round, criteria: list[str], gated: bool) -> list[tuple]:
    """Each assignment in effect of the round: (judge id, entry id, its submitted scorecard's
    total as text, then its score as text on each of `criteria` (keys "C<id>", the tie-break
    chain's)), or Nones where there is no submitted scorecard. The total is the one
    scorecard_submit stored, and each named criterion is one more join on the (scorecard,
    criterion) key, so one query returns one row per assignment and no other score row is read."""
    card = FilteredRelation(
        "entry__scorecards",
        condition=Q(
            entry__scorecards__round=F("round"),
            entry__scorecards__judge=F("judge"),
            entry__scorecards__status=Scorecard.Status.SUBMITTED,
        ),
    )
    named = {
        f"s{n}": FilteredRelation(
            "card__scores", condition=Q(card__scores__criterion_id=int(criterion[1:]))
        )
        for n, criterion in enumerate(criteria)
    }
    # The total and the named scores are read as text: 14,000 numeric values made into Decimals
    # by the driver cost more than the query itself, and points() reads text (each distinct
    # value is made a Decimal once, in _scores, where it is summed).
    text = {
        "total_text": Cast("card__total", TextField()),
        **{f"{n}_text": Cast(f"{n}__value", TextField()) for n in named},
    }
    rows = (
        Assignment.objects.filter(in_effect_of(round_, gated), round=round_)
        .annotate(card=card)
        .annotate(**named)
        .annotate(**text)
        .order_by()
        .values_list("judge_id", "entry_id", *text)
    )
    return list(rows)


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
    """Judges of the round (`ids`: the judges of its assignments in effect), named J1…Jn by judge
    id, and the panels of this round each sits on."""
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


def _scores(assigned: list, criteria: list[str], entry_keys: dict, pseudonym: dict):
    """`inputs["scores"]` (by receipt number, then judge) and `inputs["criteria_sums"]` from the
    counted rows (see _counted); `entry_keys` (entry id → receipt number) is in receipt order."""
    # A submitted scorecard has a total (the check constraint total_exactly_when_submitted).
    counted = [row for row in assigned if row[2] is not None]
    texts = {total: points(total) for total in {row[2] for row in counted}}  # few distinct
    values: dict[str, Decimal] = {}
    by_entry: dict[int, list] = {entry_id: [] for entry_id in entry_keys}  # receipt order
    for row in counted:
        by_entry[row[1]].append(row)
    scores = []
    for entry_id, rows in by_entry.items():
        if rows:
            entry = entry_keys[entry_id]
            rows.sort()  # by judge id, the order of the pseudonyms J1…Jn
            scores += [
                {"entry": entry, "judge": pseudonym[r[0]], "total": texts[r[2]]} for r in rows
            ]
    sums: dict[str, dict[str, list]] = {}
    for position, criterion in enumerate(criteria, 3):
        for row in counted:
            text = row[position]
            if text is not None:  # exact: the entry's sum is the sum of its scorecards' scores
                if text not in values:
                    values[text] = Decimal(text)
                per = sums.setdefault(entry_keys[row[1]], {}).setdefault(criterion, [0, 0])
                per[0] += values[text]
                per[1] += 1
    criteria_sums = {
        entry: {c: [points(value), count] for c, (value, count) in per.items()}
        for entry, per in sums.items()
    }
    return scores, criteria_sums


def _unsubmitted(
    assigned: list, exclusions: list, judges: dict, entries: dict
) -> list[tuple[Judge, EntryRow]]:
    """Assignments in effect (`assigned`: rows of _counted) with no submitted scorecard and no
    exclusion, by receipt number then judge id."""
    excluded = {(judge_id, entry_id) for judge_id, entry_id, *_rest in exclusions}
    by_pk = {judge.pk: judge for judge in judges.values()}
    ordered = list(entries.values())  # by receipt number
    place = {entry.pk: n for n, entry in enumerate(ordered)}
    missing = sorted(
        (place[entry_id], judge_id)
        for judge_id, entry_id, total, *_sums in assigned
        if total is None and (judge_id, entry_id) not in excluded
    )
    return [(by_pk[judge_id], ordered[n]) for n, judge_id in missing]


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
