"""Leaving a judge out by redoing only that judge's entries (scoring.tally's Tally.without, used by
scoring.robustness) gives exactly what the full recomputation compute(inputs, without_judge=J)
gives: on hand-made rounds with ties, trimming and panels, on random rounds, and for the whole
robustness report."""

import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import robustness as robustness_module
from scoring.outcome import METHODS, compute, result
from scoring.robustness import _Outcome, robustness
from scoring.tally import Round, Tally
from tests.results.inputs import make

# Ties everywhere, totals written two ways ("80" and "80.0" are equal, not the same text), an
# entry only J1 scored (nobody left without J1), one with too few scores to trim.
TABLE = {
    "E1": {"J1": 80, "J2": 90, "J3": 70, "J4": 85},
    "E2": {"J1": 85, "J2": 75, "J3": 80, "J4": "80.0"},
    "E3": {"J1": 60, "J2": 80, "J3": 80, "J4": 80},
    "E4": {"J1": 80, "J2": 80, "J3": "80.0"},
    "E5": {"J2": 90, "J4": 70},
    "E6": {"J1": 70},
    "E7": {"J1": 90, "J2": 60, "J3": 75, "J4": 75},
}
CATEGORIES = {"E2": "K2", "E4": "K2", "E6": "K2"}
CRITERIA = {e: {"C1": [str(40 + n % 3), 2]} for n, e in enumerate(sorted(TABLE)) if e != "E5"}
CHAIN = [{"kind": "criterion", "criterion": "C1"}, {"kind": "untrimmed"},
         {"kind": "first_places"}]  # fmt: skip
TIERS = [{"key": "A1", "name_ko": "대상", "name_en": "", "count": 1, "per_category": False},
         {"key": "A2", "name_ko": "최우수", "name_en": "", "count": 1,
          "per_category": True}]  # fmt: skip
PANELS = [{"key": "P1", "name_ko": "가", "name_en": "", "weight": "70"},
          {"key": "P2", "name_ko": "나", "name_en": "", "weight": "30"}]  # fmt: skip
ROUNDS = {
    "final": {"advancement": "none"},
    "top_n": {"advancement": "top_n", "advancement_value": "1", "weight": "40"},
    "cutoff": {"advancement": "cutoff", "advancement_value": "78", "weight": "40"},
}


def hand_made(rule: str, panels: bool = False) -> dict:
    data = make(TABLE, categories=CATEGORIES, criteria=CRITERIA, chain=CHAIN, tiers=TIERS,
                round=ROUNDS[rule])  # fmt: skip
    if panels:
        data["panels"] = copy.deepcopy(PANELS)
        data["judges"] = {"J1": ["P1"], "J2": ["P1"], "J3": ["P2"], "J4": ["P1", "P2"]}
    return data


def outcome_of(computed: dict) -> dict:
    """What the robustness view compares, from a full or a lean result (which leaves out the
    unranked entries' places and the tiers of entries without an award: read with .get, or
    _Outcome.place, they are (None, False) and None either way)."""
    found = {k: v for k, v in vars(_Outcome(computed)).items() if k != "shown"}
    found["places"] = {e: p for e, p in found["places"].items() if p != (None, False)}
    found["tiers"] = {e: t for e, t in found["tiers"].items() if t is not None}
    return found


def attempt(function, *args, **options):
    try:
        return function(*args, **options)
    except (ValueError, ArithmeticError) as error:
        return type(error), str(error)


def assert_each_judge_matches(inputs: dict, method: str | None = None) -> None:
    tally = Tally(Round(inputs, method, None))
    for judge in inputs["judges"]:
        expected = attempt(compute, inputs, method=method, without_judge=judge)
        shortcut = tally.without(judge)
        assert attempt(result, shortcut) == expected, judge
        if isinstance(expected, dict):
            assert outcome_of(result(shortcut, lean=True)) == outcome_of(expected), judge


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("rule", ["final", "top_n", "cutoff"])
@pytest.mark.parametrize("panels", [False, True])
def test_each_judge_left_out_equals_the_full_recomputation(method, rule, panels):
    assert_each_judge_matches(hand_made(rule, panels), method)


def test_the_shortcut_has_something_to_get_wrong():
    """Leaving J1 out moves E1 and E7, empties E6 and leaves E4 too few scores to trim: a
    shortcut that kept any of the judge's totals would not pass the test above."""
    inputs = hand_made("final")
    with_all, without = compute(inputs), compute(inputs, without_judge="J1")
    new = {(p["code"], p["entry"]) for p in without["problems"] if p not in with_all["problems"]}
    assert new == {("no_scores", "E6"), ("too_few_to_trim", "E4"), ("missing_panel", "E4")}
    places = {r["entry"]: r["rank"] for r in with_all["contest"]["entries"]}
    assert places != {r["entry"]: r["rank"] for r in without["contest"]["entries"]}


def test_the_robustness_report_equals_one_built_on_full_recomputations(monkeypatch):
    inputs = hand_made("final")
    inputs["round"]["method"] = "mean"
    fast = robustness(inputs)

    def full(inputs, _tally, judge):
        return robustness_module._run(inputs, without_judge=judge)

    monkeypatch.setattr(robustness_module, "_run_without", full)
    assert robustness(inputs) == fast
    assert fast["decisive"]  # the report has changes to compare
    assert fast["changed"]


# --- random rounds ---------------------------------------------------------------------------

TOTALS = ["60", "70", "70.0", "75", "80", "80.00", "85.5", "90"]


@st.composite
def rounds(draw):
    judges = [f"J{n}" for n in range(1, draw(st.integers(2, 6)) + 1)]
    entries = [f"E{n}" for n in range(1, draw(st.integers(1, 8)) + 1)]
    table = {
        entry: {judge: draw(st.sampled_from(TOTALS))
                for judge in draw(st.lists(st.sampled_from(judges), unique=True, max_size=6))}
        for entry in entries
    }  # fmt: skip
    chain = draw(st.lists(st.sampled_from([
        {"kind": "criterion", "criterion": "C1"}, {"kind": "untrimmed"},
        {"kind": "first_places"}, {"kind": "panel", "panel": "P1"},
        {"kind": "round", "round": "R0"},
    ]), max_size=3))  # fmt: skip
    criteria = {e: {"C1": [draw(st.sampled_from(["80", "81", "90"])), 2]}
                for e in entries if draw(st.booleans())}  # fmt: skip
    rule = draw(st.sampled_from(["final", "top_n", "cutoff"]))
    line = str(draw(st.integers(-1, 4)))
    info = {
        "method": draw(st.sampled_from(METHODS)),
        "trim_count": draw(st.integers(0, 2)),
        **ROUNDS[rule],
        "advancement_value": {"top_n": line, "cutoff": "75"}.get(rule),
    }
    categories = {e: draw(st.sampled_from(["K1", "K2", "K3"])) for e in entries}
    counts = draw(st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=3))
    tiers = [{"key": f"A{n}", "name_ko": "", "name_en": "", "count": count, "per_category": per}
             for n, (count, per) in enumerate(counts)]  # fmt: skip
    data = make(table, categories=categories, criteria=criteria, chain=chain, round=info,
                tiers=tiers)  # fmt: skip
    if entries and draw(st.booleans()):
        data["overrides"] = [{"entry": draw(st.sampled_from(entries)), "tier": "A9", "reason": ""}]
    data["judges"] = {judge: [] for judge in judges}  # some may have no score at all
    if draw(st.booleans()):
        data["panels"] = copy.deepcopy(PANELS)
        seats = st.sampled_from([["P1"], ["P2"], ["P1"], ["P1", "P2"], []])
        data["judges"] = {judge: draw(seats) for judge in judges}
    if rule == "final" and draw(st.booleans()):
        data["round"]["weight"] = "60"
        scores = {e: draw(st.sampled_from(["70", "80"])) for e in entries if draw(st.booleans())}
        data["earlier"] = {"R0": {"weight": "40", "scores": scores}}
    if draw(st.booleans()):
        data["decisions"] = [{"scope": draw(st.sampled_from(["round", "contest"])),
                              "entries": draw(st.permutations(entries)), "reason": ""}]  # fmt: skip
    return data


@settings(max_examples=150, deadline=None)
@given(inputs=rounds(), method=st.sampled_from([None, *METHODS]))
def test_random_rounds_left_out_judge_by_judge(inputs, method):
    assert_each_judge_matches(inputs, method)


def test_totals_keep_their_exact_form():
    """ "80" and "80.0" are equal but print differently: which one a trimmed mean keeps is
    decided by the order of the judges' scores, and the shortcut keeps that order."""
    inputs = make({"E1": {"J1": "80.0", "J2": "80", "J3": "90", "J4": "70"}},
                  round={"trim_count": 1})  # fmt: skip
    assert compute(inputs)["entries"][0]["panels"] == {"ALL": str(Decimal("160.0") / 2)}
    assert_each_judge_matches(inputs)
