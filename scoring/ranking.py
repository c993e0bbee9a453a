"""Pure ranking: order by score, break ties by the contest's chain, share what stays tied, and
fill advancement and award tiers without ever deciding a tie by list order. No ORM.

An item is `(key, score, tie_keys)`: `score` a Decimal (unrounded), `tie_keys` one value per
step of the chain (Decimal, or None where the step does not apply to that entry). Higher is
better everywhere. A step separates two entries only when both have a value for it.

Ranks are competition ranks ("1224"): entries the chain cannot separate share a rank (공동 n위),
unless an organizer's decision (an ordered list of keys covering the whole tied group) orders
them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cmp_to_key
from itertools import groupby, pairwise
from operator import itemgetter

DECISION = "decision"


@dataclass(slots=True)
class Placed:
    key: str
    score: Decimal
    rank: int = 0
    shared: bool = False  # another entry holds the same rank
    decided_by: str | None = None  # "chain:<step>" or "decision": how it was split from a tie
    group: list[str] = field(default_factory=list)  # the entries it is tied with (incl. itself)


def _compare_keys(a: Sequence, b: Sequence) -> tuple[int, int | None]:
    """(sign, step): sign > 0 when `a` ranks above `b`; step = the chain step that decided."""
    for step, (x, y) in enumerate(zip(a, b, strict=True)):
        if x is None or y is None or x == y:
            continue
        return (1 if x > y else -1), step
    return 0, None


def rank(
    items: Iterable[tuple[str, Decimal, Sequence]], decisions: Sequence[Sequence[str]] = ()
) -> list[Placed]:
    """The items ordered best first with their ranks (see the module docstring)."""
    return _rank(items, decisions, True)


def _rank(items, decisions, marks: bool, top: int | None = None) -> list[Placed]:
    scores, keys = _read(items)
    groups = _tied_groups(scores, keys, _complete(keys))[:top]
    return _place(groups, scores, keys, decisions, marks)


def rank_by_category(
    items: Iterable[tuple[str, Decimal, Sequence]],
    categories: dict[str, str],
    decisions: Sequence[Sequence[str]] = (),
    *,
    marks: bool = True,
    top: int | None = None,
) -> tuple[list[Placed], dict[str, list[Placed]]]:
    """rank(items) and, for each category of `categories` (key → category) in sorted order, rank
    of that category's items: the same rankings, with one sort instead of one per category
    whenever no item lacks a chain value. "Equal" is transitive then, so a category's tied groups
    are the members of the overall ones, in the same order.

    For who reads less: without `marks`, decided_by notes decisions only, not the chain step
    that split an entry from the one above; with `top` (and without marks: the last entry kept
    would miss the mark the next one gives it), a category's ranking stops after its first `top`
    tied groups, whole groups, placed as in the full ranking."""
    scores, keys = _read(items)
    complete = _complete(keys)
    groups = _tied_groups(scores, keys, complete)
    by_category: dict[str, list[Placed]] = dict.fromkeys(sorted(set(categories.values())))
    if not complete:
        for category in by_category:
            chosen = [
                (key, scores[key], keys[key]) for key in scores if categories[key] == category
            ]
            by_category[category] = _rank(chosen, decisions, marks, top)
        return _place(groups, scores, keys, decisions, marks), by_category
    split: dict[str, list[list[str]]] = {category: [] for category in by_category}
    for group in groups:
        if len(group) == 1:
            split[categories[group[0]]].append(group)
            continue
        members: dict[str, list[str]] = {}
        for key in group:
            members.setdefault(categories[key], []).append(key)
        for category, tied in members.items():
            split[category].append(tied)
    for category, category_groups in split.items():
        by_category[category] = _place(category_groups[:top], scores, keys, decisions, marks)
    return _place(groups, scores, keys, decisions, marks), by_category


def _read(items) -> tuple[dict, dict]:
    """key → score and key → tie keys, in key order (the input order never matters)."""
    items = sorted(items, key=itemgetter(0))
    return {key: score for key, score, _tie in items}, {key: tie for key, _score, tie in items}


def _complete(keys: dict) -> bool:
    return not any(step is None for tie in keys.values() for step in tie)


def _tied_groups(scores: dict, keys: dict, complete: bool) -> list[list[str]]:
    """The keys in ranking order, as groups of entries tied on score and chain."""
    if not complete:
        return _groups(_ordered(scores, keys), scores, keys)
    # Without a missing step the chain compares like the lists themselves and "equal" is
    # transitive: one stable sort by (score, chain) orders the entries as _ordered does, and the
    # runs of equal (score, chain) are the tied groups.

    full = {key: (score, keys[key]) for key, score in scores.items()}.__getitem__
    return [list(run) for _full, run in groupby(sorted(scores, key=full, reverse=True), key=full)]


def _place(groups: list[list[str]], scores: dict, keys: dict, decisions, marks=True) -> list:
    """Competition ranks for the groups in order; a decision covering a group orders it.
    Without `marks`, no chain step is noted in decided_by (for who reads only the ranks)."""
    placed: list[Placed] = []
    append = placed.append
    for group in groups:
        if len(group) == 1:
            key = group[0]
            append(Placed(key, scores[key], len(placed) + 1, False, None, [key]))
            continue
        decision = _decision_for(group, decisions)
        tied = sorted(group)
        members = sorted(group, key=decision.index) if decision else tied
        start = len(placed)
        for position, key in enumerate(members):
            if decision:
                item = Placed(key, scores[key], start + position + 1, decided_by=DECISION)
            else:
                item = Placed(key, scores[key], start + 1, shared=True)
            item.group = list(tied)
            placed.append(item)
    if marks:
        _mark_chain_steps(placed, keys)
    return placed


def _compare(scores: dict, keys: dict):
    """The comparison of two keys: score first (higher first), then the chain."""

    def compare(a, b):
        if scores[a] != scores[b]:
            return -1 if scores[a] > scores[b] else 1
        sign, _step = _compare_keys(keys[a], keys[b])
        return -sign

    return compare


def _groups(ordered: list[str], scores: dict, keys: dict) -> list[list[str]]:
    """Entries equal on score and on every comparable step form a tied group. Comparison with
    None steps is not transitive in general, so groups are built on the sorted order and a group
    holds only entries equal to every other member (all of them have the group's score)."""
    groups: list[list[str]] = []
    score = None
    for key in ordered:
        if (
            groups
            and scores[key] == score
            and all(_compare_keys(keys[key], keys[other])[0] == 0 for other in groups[-1])
        ):
            groups[-1].append(key)
        else:
            groups.append([key])
            score = scores[key]
    return groups


def _ordered(scores: dict, keys: dict) -> list[str]:
    """The keys sorted by score, then the chain, as one sort with `_compare` would order them.

    Sorting by score first (stable, a plain key) and then each run of equal scores by the chain
    gives the same order whenever the chain's comparison is a consistent ordering inside every run:
    a stable sort by a consistent ordering has exactly one result. It is whenever no entry of the
    run lacks a chain value (plain lexicographic order) or the run holds at most two entries. A
    run of three or more with a missing step can compare intransitively, and then only the one
    sort over all entries says what the order is: that case keeps it. Without a missing step the
    chain's comparison (first step that differs decides, higher first) is the lists' own
    lexicographic order, so a run is sorted by its lists, highest first (stable)."""
    by_score = sorted(scores, key=scores.__getitem__, reverse=True)  # stable, like the one sort
    ordered: list[str] = []
    for _score, run in groupby(by_score, key=scores.__getitem__):
        run = list(run)
        if len(run) > 2 and any(step is None for key in run for step in keys[key]):
            return sorted(scores, key=cmp_to_key(_compare(scores, keys)))
        if len(run) > 2:  # no missing step: the chain compares like the lists themselves
            run.sort(key=keys.__getitem__, reverse=True)
        elif len(run) == 2 and _compare_keys(keys[run[0]], keys[run[1]])[0] < 0:
            run.reverse()
        ordered.extend(run)
    return ordered


def _decision_for(group: list[str], decisions: Sequence[Sequence[str]]) -> list[str] | None:
    """The first decision whose entries cover the whole group, reduced to the group's members."""
    if len(group) < 2:
        return None
    for decision in decisions:
        if set(group) <= set(decision):
            return [key for key in decision if key in group]
    return None


def _mark_chain_steps(placed: list[Placed], keys: dict) -> None:
    """Note on an entry which chain step split it from the entry just above with the same score."""
    for above, below in pairwise(placed):
        if above.score == below.score and below.decided_by is None and not below.shared:
            _sign, step = _compare_keys(keys[above.key], keys[below.key])
            if step is not None:
                below.decided_by = f"chain:{step}"
                if not above.shared:
                    above.decided_by = above.decided_by or f"chain:{step}"


def straddles(placed: Sequence[Placed], line: int) -> list[str]:
    """Keys of a shared-rank group that crosses position `line` (some entries inside the top
    `line`, some outside): such a tie must be decided by an organizer, never by list order."""
    by_rank: dict[int, list[Placed]] = {}
    for item in placed:
        if item.shared:
            by_rank.setdefault(item.rank, []).append(item)
    for start, members in by_rank.items():
        if start <= line < start + len(members) - 1:
            return sorted(item.key for item in members)
    return []


@dataclass
class Tier:
    key: str
    count: int
    per_category: bool


def fill_awards(
    overall: Sequence[Placed],
    by_category: dict[str, Sequence[Placed]],
    tiers: Sequence[Tier],
) -> tuple[dict[str, str], list[dict]]:
    """Award tiers in order fill by rank: an overall tier takes the next `count` entries of the
    overall ranking not yet awarded, a per-category tier the next `count` of each category.
    Returns (entry key → tier key, ties): a shared rank crossing a tier's boundary awards none of
    its entries that tier and is reported as {"tier", "category", "entries"}."""
    awarded: dict[str, str] = {}
    ties: list[dict] = []
    for tier in tiers:
        rankings = by_category.items() if tier.per_category else [(None, overall)]
        for category, ranking in rankings:
            remaining = [item for item in ranking if item.key not in awarded]
            _take(remaining, tier, category, awarded, ties)
    return awarded, ties


def _take(remaining, tier: Tier, category, awarded: dict, ties: list) -> None:
    taken = 0
    index = 0
    while taken < tier.count and index < len(remaining):
        item = remaining[index]
        group = [item]
        if item.shared:
            group = [
                other for other in remaining[index:] if other.shared and other.rank == item.rank
            ]
        if taken + len(group) > tier.count:
            ties.append(
                {"tier": tier.key, "category": category, "entries": sorted(x.key for x in group)}
            )
            return
        for member in group:
            awarded[member.key] = tier.key
        taken += len(group)
        index += len(group)
