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

DECISION = "decision"


@dataclass
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
    items = sorted(items, key=lambda item: item[0])  # the input order never matters
    keys = {key: tie for key, _score, tie in items}
    scores = {key: score for key, score, _tie in items}

    def compare(a, b):
        if scores[a] != scores[b]:
            return -1 if scores[a] > scores[b] else 1
        sign, _step = _compare_keys(keys[a], keys[b])
        return -sign

    # Entries equal on score and on every comparable step form a tied group. Comparison with
    # None steps is not transitive in general, so groups are built on the sorted order and a group
    # holds only entries equal to every other member.
    ordered = _ordered(scores, keys, compare)
    groups: list[list[str]] = []
    for key in ordered:
        if groups and all(compare(key, other) == 0 for other in groups[-1]):
            groups[-1].append(key)
        else:
            groups.append([key])
    placed: list[Placed] = []
    for group in groups:
        decision = _decision_for(group, decisions)
        members = sorted(group, key=decision.index) if decision else sorted(group)
        for position, key in enumerate(members):
            item = Placed(key=key, score=scores[key], group=sorted(group))
            if decision and len(group) > 1:
                item.rank = len(placed) + 1
                item.decided_by = DECISION
            else:
                item.rank = len(placed) - position + 1
                item.shared = len(group) > 1
            placed.append(item)
    _mark_chain_steps(placed, keys)
    return placed


def _ordered(scores: dict, keys: dict, compare) -> list[str]:
    """The keys sorted by `compare` (score, then the chain), as one sort with it would order them.

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
        if len(run) > 2 and any(None in keys[key] for key in run):
            return sorted(scores, key=cmp_to_key(compare))
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
        group = [other for other in remaining[index:] if other.shared and other.rank == item.rank]
        group = group if item.shared else [item]
        if taken + len(group) > tier.count:
            ties.append(
                {"tier": tier.key, "category": category, "entries": sorted(x.key for x in group)}
            )
            return
        for member in group:
            awarded[member.key] = tier.key
        taken += len(group)
        index += len(group)
