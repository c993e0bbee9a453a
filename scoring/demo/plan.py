"""The demo's scores, planned before anything is saved: pure Python, no ORM, the same every run.

A judge's total for an entry is the entry's quality plus the judge's habit (`Style.bias`: one
lenient judge, one harsh judge, the rest within a couple of points) plus a small variation per
scorecard taken from a hash; the total is split over the rubric's criteria by their maximum
points, whole points only (the rubric's step), and a judge who works with the level descriptors
gives level points only.

Ties are then made on purpose, never by accident: first every entry's trimmed mean is made
unique, then each `Tie` copies the scorecards of the entry at `position` in a ranking onto the
entry just below it, so both have the same trimmed mean, and
- `split=None`: the copies keep every number the tie-break chain looks at (the chain criterion's
  average and the untrimmed mean), so nothing splits the two: a shared rank (공동 n위);
- `split=0`: one copied card moves a point from the chain criterion to another: same totals,
  lower criterion average, so the chain's first step puts the original above;
- `split=1`: the copy's lowest card loses a point: the trimmed mean is unchanged (the lowest total
  is dropped) while the untrimmed mean falls, so the chain's second step decides.
The copies are reshuffled between two other criteria, so the two entries' cards do not look alike.

Some scorecards are `pending` (the demo judge's cards left to do). Their entries take no part in
making ties, and a tie is refused if a pending entry could still reach it, whatever the judge
gives: the ties stay where they are planned after the judge finishes.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from scoring.demo.base import stable

Pair = tuple[str, str]  # (entry key, judge key)


@dataclass(frozen=True)
class Style:
    bias: int = 0  # points added to the entry's quality
    noise: int = 3  # the card's variation: a whole number in [-noise, noise]
    levels: bool = False  # gives level points only (picks the level descriptors)


@dataclass(frozen=True)
class Rubric:
    maxima: tuple[int, ...]  # each criterion's maximum points, in order
    levels: tuple[tuple[int, ...], ...]  # each criterion's level points
    chain: int  # the criterion the tie-break chain looks at first (its index)
    trim: int  # totals dropped at each end by the round's trimmed mean


@dataclass(frozen=True)
class Tie:
    category: str | None  # None: the overall ranking
    position: int  # the rank of the better of the two
    split: int | None  # the chain step that separates them, or None


@dataclass
class Plan:
    cards: dict[Pair, list[int]]  # each card's points per criterion
    pending: set[Pair] = field(default_factory=set)
    ties: list[tuple[str, str]] = field(default_factory=list)  # (above, below) for each Tie


def variation(limit: int, *parts: object) -> int:
    """A whole number in [-limit, limit], the same on every run."""
    return stable(*parts) % (2 * limit + 1) - limit


def split_total(total: int, rubric: Rubric, entry: str, judge: str, style: Style) -> list[int]:
    """`total` points over the criteria, in proportion to their maxima with a small lean per
    entry (its strong side) and per card; whole points within [0, max]."""
    full = sum(rubric.maxima)
    count = len(rubric.maxima)
    lean = stable(entry, "lean") % count
    values = []
    for index, maximum in enumerate(rubric.maxima):
        share = Fraction(total * maximum, full)
        share += 2 if index == lean else 0
        share += variation(1, entry, judge, index)
        values.append(min(maximum, max(0, round(share))))
    _settle(values, total, rubric.maxima, start=stable(entry, judge) % count)
    if style.levels:
        values = [
            min(levels, key=lambda points, v=value: (abs(points - v), -points))
            for value, levels in zip(values, rubric.levels, strict=True)
        ]
    return values


def _settle(values: list[int], total: int, maxima: tuple[int, ...], start: int) -> None:
    """Add or take single points, criterion by criterion from `start`, until the sum is `total`."""
    index = start
    while sum(values) != total:
        step = 1 if sum(values) < total else -1
        if 0 <= values[index] + step <= maxima[index]:
            values[index] += step
        index = (index + 1) % len(values)


def trimmed(cards: list[list[int]], trim: int) -> Fraction:
    totals = sorted(sum(card) for card in cards)
    kept = totals[trim : len(totals) - trim] if trim else totals
    return Fraction(sum(kept), len(kept))


def plan_round(
    *,
    rubric: Rubric,
    assignments: list[tuple[str, str, str]],  # (entry, category, judge)
    quality: dict[str, int],
    styles: dict[str, Style],
    ties: list[Tie] = (),
    pending: set[Pair] = frozenset(),
) -> Plan:
    full = sum(rubric.maxima)
    plan = Plan(cards={}, pending=set(pending))
    judges: dict[str, list[str]] = {}
    category: dict[str, str] = {}
    for entry, category_key, judge in assignments:
        style = styles[judge]
        total = quality[entry] * full // 100 + style.bias + variation(style.noise, entry, judge)
        total = min(full - 3, max(full // 4, total))
        plan.cards[entry, judge] = split_total(total, rubric, entry, judge, style)
        judges.setdefault(entry, []).append(judge)
        category[entry] = category_key
    waiting = {entry for entry, _judge in plan.pending}
    complete = sorted(entry for entry in judges if entry not in waiting)
    _make_unique(plan, judges, complete, rubric)
    for tie in ties:
        scope = [e for e in complete if tie.category in (None, category[e])]
        ranked = sorted(scope, key=lambda e: (-_score(plan, judges, e, rubric), e))
        better, other = ranked[tie.position - 1], ranked[tie.position]
        if any({better, other} & set(pair) for pair in plan.ties):
            raise ValueError(f"demo plan: {better} or {other} is already in a tie")
        reach = [e for e in waiting if tie.category in (None, category[e])]
        _check_pending(plan, judges, rubric, better, reach)
        _copy(plan, judges, rubric, styles, better, other, tie.split)
        plan.ties.append((better, other))
    return plan


def _score(plan: Plan, judges: dict, entry: str, rubric: Rubric) -> Fraction:
    return trimmed([plan.cards[entry, judge] for judge in judges[entry]], rubric.trim)


def _make_unique(plan: Plan, judges: dict, entries: list[str], rubric: Rubric) -> None:
    """No two complete entries share a trimmed mean: a clash moves the later entry's middle card
    up by a point (on a criterion with room, the chain's only when no other has any)."""
    seen: set[Fraction] = set()
    for entry in entries:
        for _attempt in range(50):
            score = _score(plan, judges, entry, rubric)
            if score not in seen:
                break
            cards = sorted(judges[entry], key=lambda j: (sum(plan.cards[entry, j]), j))
            card = plan.cards[entry, cards[len(cards) // 2]]
            order = [*_others(rubric), rubric.chain]
            index = next(i for i in order if card[i] < rubric.maxima[i])
            card[index] += 1
        else:  # pragma: no cover - the plan's inputs are fixed
            raise ValueError(f"demo plan: cannot make {entry}'s score unique")
        seen.add(score)


def _others(rubric: Rubric) -> list[int]:
    return [i for i in range(len(rubric.maxima)) if i != rubric.chain]


def _check_pending(plan: Plan, judges: dict, rubric: Rubric, better: str, waiting: list) -> None:
    """Refuse a tie a pending entry could still reach, whatever its missing cards say."""
    line = _score(plan, judges, better, rubric)
    full = sum(rubric.maxima)
    for entry in waiting:
        cards = [
            [full] if (entry, judge) in plan.pending else plan.cards[entry, judge]
            for judge in judges[entry]
        ]
        if trimmed(cards, rubric.trim) >= line:
            raise ValueError(f"demo plan: pending {entry} could reach the tie at {better}")


def _copy(plan, judges, rubric, styles, better: str, other: str, split: int | None) -> None:
    source = sorted((plan.cards[better, j] for j in judges[better]), key=sum, reverse=True)
    targets = sorted(judges[other], key=lambda j: (-styles[j].bias, j))
    first, second = _others(rubric)[0], _others(rubric)[-1]
    for number, (judge, card) in enumerate(zip(targets, source, strict=True)):
        copy = list(card)
        move = (1, -1, 2, 0, -2, 1, -1)[number % 7]
        if 0 <= copy[first] - move <= rubric.maxima[first] and (
            0 <= copy[second] + move <= rubric.maxima[second]
        ):
            copy[first] -= move
            copy[second] += move
        plan.cards[other, judge] = copy
    cards = sorted(targets, key=lambda j: (sum(plan.cards[other, j]), j))
    if split == 0:
        for judge in cards[len(cards) // 2 :]:
            card = plan.cards[other, judge]
            if card[rubric.chain] > 0 and card[first] < rubric.maxima[first]:
                card[rubric.chain] -= 1
                card[first] += 1
                return
        raise ValueError(f"demo plan: cannot split {other} by the chain criterion")
    if split == 1:
        card = plan.cards[other, cards[0]]
        index = next(i for i in _others(rubric) if card[i] > 0)
        card[index] -= 1
