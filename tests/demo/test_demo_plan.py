"""The demo's score plan (scoring.demo.plan): pure, the same every run, ties made on purpose."""

from fractions import Fraction

import pytest

from scoring.demo.plan import Rubric, Style, Tie, plan_round, split_total, trimmed

RUBRIC = Rubric(
    maxima=(30, 30, 20, 20),
    levels=((30, 24, 18, 12, 6), (30, 24, 18, 12, 6), (20, 16, 12, 8, 4), (20, 16, 12, 8, 4)),
    chain=0,
    trim=1,
)
JUDGES = ["j1", "j2", "j3", "j4", "j5"]
STYLES = {
    "j1": Style(bias=8),
    "j2": Style(bias=-9, noise=4),
    "j3": Style(levels=True),
    "j4": Style(bias=1),
    "j5": Style(bias=-1),
}
ENTRIES = [f"사례 {n:02d}" for n in range(1, 13)]
ASSIGNMENTS = [(entry, "부문", judge) for entry in ENTRIES for judge in JUDGES]
QUALITY = {entry: 60 + 2 * n for n, entry in enumerate(ENTRIES)}


def plan(ties=(), pending=frozenset()):
    return plan_round(
        rubric=RUBRIC, assignments=ASSIGNMENTS, quality=QUALITY, styles=STYLES, ties=list(ties),
        pending=set(pending),
    )  # fmt: skip


def cards(result, entry):
    return [result.cards[entry, judge] for judge in JUDGES]


def keys(result, entry):
    """What the ranking and the chain look at: trimmed mean, chain criterion sum, untrimmed."""
    own = cards(result, entry)
    return (trimmed(own, 1), sum(card[0] for card in own), Fraction(sum(map(sum, own)), 5))


def test_a_total_is_split_in_whole_points_within_each_maximum():
    for total in (25, 61, 80, 97):
        values = split_total(total, RUBRIC, "사례", "j4", STYLES["j4"])
        assert sum(values) == total
        assert all(0 <= v <= m for v, m in zip(values, RUBRIC.maxima, strict=True))


def test_a_judge_who_works_with_levels_gives_level_points_only():
    for total in (48, 73, 91):
        values = split_total(total, RUBRIC, "사례", "j3", STYLES["j3"])
        assert all(v in levels for v, levels in zip(values, RUBRIC.levels, strict=True))


def test_the_plan_is_the_same_every_run_and_every_score_unique():
    first, second = plan(), plan()
    assert first.cards == second.cards
    scores = [trimmed(cards(first, e), 1) for e in ENTRIES]
    assert len(set(scores)) == len(ENTRIES)
    lenient = sum(sum(first.cards[e, "j1"]) for e in ENTRIES)
    harsh = sum(sum(first.cards[e, "j2"]) for e in ENTRIES)
    assert lenient - harsh > 12 * 12


def ranked(result):
    return sorted(ENTRIES, key=lambda e: keys(result, e), reverse=True)


def test_a_tie_the_chain_cannot_split():
    result = plan([Tie(category="부문", position=3, split=None)])
    (better, other) = result.ties[0]
    assert keys(result, better) == keys(result, other)
    assert ranked(plan())[2:4] == [better, other]
    assert cards(result, better) != cards(result, other)  # the copies are reshuffled


def test_a_tie_split_by_the_chain_criterion():
    (better, other) = (result := plan([Tie(category=None, position=5, split=0)])).ties[0]
    (score, chain, untrimmed), below = keys(result, better), keys(result, other)
    assert below == (score, chain - 1, untrimmed)


def test_a_tie_split_by_the_untrimmed_mean():
    (better, other) = (result := plan([Tie(category=None, position=2, split=1)])).ties[0]
    (score, chain, untrimmed), below = keys(result, better), keys(result, other)
    assert below == (score, chain, untrimmed - Fraction(1, 5))


def test_a_pending_card_that_could_reach_the_tie_is_refused():
    weak, strong = ENTRIES[0], ENTRIES[-3]
    plan([Tie(category=None, position=2, split=None)], pending={(weak, "j1")})
    with pytest.raises(ValueError, match="could reach the tie"):
        plan([Tie(category=None, position=4, split=None)], pending={(strong, "j1")})
