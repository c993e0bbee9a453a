"""scoring.ranking's faster paths rank exactly as the plain algorithm did: `rank` (one sort by
score and chain when no chain value is missing), `rank_by_category` (the categories' rankings cut
from the overall one) and `fill_awards`. The reference below is the ranking as it stood before
those paths, kept verbatim apart from names; random items with many ties, missing chain values
and organizers' decisions must give identical Placed lists."""

from decimal import Decimal
from functools import cmp_to_key
from itertools import groupby, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.ranking import DECISION, Placed, Tier, fill_awards, rank, rank_by_category

# --- the reference -----------------------------------------------------------------------------


def compare_keys(a, b):
    for step, (x, y) in enumerate(zip(a, b, strict=True)):
        if x is None or y is None or x == y:
            continue
        return (1 if x > y else -1), step
    return 0, None


def reference_rank(items, decisions=()):
    items = sorted(items, key=lambda item: item[0])
    keys = {key: tie for key, _score, tie in items}
    scores = {key: score for key, score, _tie in items}

    def compare(a, b):
        if scores[a] != scores[b]:
            return -1 if scores[a] > scores[b] else 1
        sign, _step = compare_keys(keys[a], keys[b])
        return -sign

    ordered = reference_ordered(scores, keys, compare)
    groups = []
    for key in ordered:
        if groups and all(compare(key, other) == 0 for other in groups[-1]):
            groups[-1].append(key)
        else:
            groups.append([key])
    placed = []
    for group in groups:
        decision = reference_decision(group, decisions)
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
    for above, below in pairwise(placed):
        if above.score == below.score and below.decided_by is None and not below.shared:
            _sign, step = compare_keys(keys[above.key], keys[below.key])
            if step is not None:
                below.decided_by = f"chain:{step}"
                if not above.shared:
                    above.decided_by = above.decided_by or f"chain:{step}"
    return placed


def reference_ordered(scores, keys, compare):
    by_score = sorted(scores, key=scores.__getitem__, reverse=True)
    ordered = []
    for _score, run in groupby(by_score, key=scores.__getitem__):
        run = list(run)
        if len(run) > 2 and any(None in keys[key] for key in run):
            return sorted(scores, key=cmp_to_key(compare))
        if len(run) > 2:
            run.sort(key=keys.__getitem__, reverse=True)
        elif len(run) == 2 and compare_keys(keys[run[0]], keys[run[1]])[0] < 0:
            run.reverse()
        ordered.extend(run)
    return ordered


def reference_decision(group, decisions):
    if len(group) < 2:
        return None
    for decision in decisions:
        if set(group) <= set(decision):
            return [key for key in decision if key in group]
    return None


def reference_fill_awards(overall, by_category, tiers):
    awarded, ties = {}, []
    for tier in tiers:
        rankings = by_category.items() if tier.per_category else [(None, overall)]
        for category, ranking in rankings:
            remaining = [item for item in ranking if item.key not in awarded]
            taken = index = 0
            while taken < tier.count and index < len(remaining):
                item = remaining[index]
                group = [o for o in remaining[index:] if o.shared and o.rank == item.rank]
                group = group if item.shared else [item]
                if taken + len(group) > tier.count:
                    entries = sorted(x.key for x in group)
                    ties.append({"tier": tier.key, "category": category, "entries": entries})
                    break
                for member in group:
                    awarded[member.key] = tier.key
                taken += len(group)
                index += len(group)
    return awarded, ties


# --- random rankings ---------------------------------------------------------------------------

# "80" and "80.0" are equal scores; few values, so that ties are frequent.
VALUES = [Decimal(text) for text in ("70", "75.5", "80", "80.0", "90")]


@st.composite
def rankings(draw, missing=True):
    count = draw(st.integers(0, 14))
    steps = draw(st.integers(0, 3))
    step = st.one_of(st.none(), st.sampled_from(VALUES)) if missing else st.sampled_from(VALUES)
    keys = [f"E{n:02d}" for n in range(count)]
    items = [
        (key, draw(st.sampled_from(VALUES)), draw(st.lists(step, min_size=steps, max_size=steps)))
        for key in keys
    ]
    decisions = draw(st.lists(st.permutations(keys).map(list), max_size=2)) if keys else []
    categories = {key: draw(st.sampled_from(["K1", "K2", "K3"])) for key in keys}
    categories["E99"] = "K4"  # a category without items gets an empty ranking
    return draw(st.permutations(items)), decisions, categories


def by_category_reference(items, categories, decisions):
    return {
        category: reference_rank([i for i in items if categories[i[0]] == category], decisions)
        for category in sorted(set(categories.values()))
    }


FAST = settings(max_examples=300, deadline=None)


def unmarked(placed):
    """The places without the chain steps' marks (decisions only)."""
    return [(p.key, p.score, p.rank, p.shared, p.group,
             p.decided_by if p.decided_by == DECISION else None) for p in placed]  # fmt: skip


@FAST
@given(case=st.one_of(rankings(), rankings(missing=False)))
def test_rank_is_the_plain_algorithm(case):
    items, decisions, _categories = case
    assert rank(items, decisions) == reference_rank(items, decisions)


@FAST
@given(case=st.one_of(rankings(), rankings(missing=False)))
def test_rank_by_category_is_rank_of_each_category(case):
    items, decisions, categories = case
    overall, by_category = rank_by_category(items, categories, decisions)
    assert overall == reference_rank(items, decisions)
    assert by_category == by_category_reference(items, categories, decisions)


@FAST
@given(case=st.one_of(rankings(), rankings(missing=False)))
def test_without_marks_only_the_chain_steps_are_left_out(case):
    items, decisions, categories = case
    overall, by_category = rank_by_category(items, categories, decisions, marks=False)
    assert [(p.key, p.score, p.rank, p.shared, p.group, p.decided_by) for p in overall] == (
        unmarked(reference_rank(items, decisions))
    )
    reference = by_category_reference(items, categories, decisions)
    assert {c: unmarked(placed) for c, placed in by_category.items()} == {
        c: unmarked(placed) for c, placed in reference.items()
    }


def head(placed: list[Placed], groups: int) -> list[Placed]:
    """The placed entries of the first `groups` tied groups (a group's entries share `group`)."""
    starts = [n for n, p in enumerate(placed) if n == 0 or p.group != placed[n - 1].group]
    return placed[: starts[groups]] if groups < len(starts) else placed


@FAST
@given(case=st.one_of(rankings(), rankings(missing=False)), top=st.integers(0, 6))
def test_a_categorys_head_is_the_head_of_its_ranking(case, top):
    items, decisions, categories = case
    _overall, by_category = rank_by_category(items, categories, decisions, marks=False, top=top)
    reference = by_category_reference(items, categories, decisions)
    assert {c: unmarked(placed) for c, placed in by_category.items()} == {
        c: unmarked(head(placed, top)) for c, placed in reference.items()
    }


@FAST
@given(
    case=st.one_of(rankings(), rankings(missing=False)),
    counts=st.lists(st.tuples(st.integers(0, 4), st.booleans()), max_size=4),
)
def test_fill_awards_is_the_plain_algorithm(case, counts):
    items, decisions, categories = case
    tiers = [Tier(f"A{n}", count, per) for n, (count, per) in enumerate(counts)]
    overall = reference_rank(items, decisions)
    by_category = by_category_reference(items, categories, decisions)
    assert fill_awards(overall, by_category, tiers) == reference_fill_awards(
        overall, by_category, tiers
    )
