"""scoring.outcome.compute on hand-made inputs: every number below is worked out by hand."""

import random
from decimal import Decimal

from scoring.outcome import compute
from tests.results.inputs import make


def ranks(result, field="rank"):
    return {row["entry"]: row[field] for row in result["entries"]}


def scores(result):
    return {row["entry"]: row["score"] for row in result["entries"]}


def test_trimmed_mean_drops_exactly_one_each_end_and_shares_what_the_chain_cannot_split():
    # E1: 70 80 90 → 80; E2: 75 80 85 → 80; E3: 60 80 80 → 80 (one 80 dropped as highest).
    result = compute(make({"E1": {"J1": 80, "J2": 90, "J3": 70},
                           "E2": {"J1": 85, "J2": 75, "J3": 80},
                           "E3": {"J1": 60, "J2": 80, "J3": 80},
                           "E4": {"J1": 50, "J2": 50, "J3": 50}}))  # fmt: skip
    assert scores(result) == {"E1": "80", "E2": "80", "E3": "80", "E4": "50"}
    assert ranks(result) == {"E1": 1, "E2": 1, "E3": 1, "E4": 4}
    e3 = next(row for row in result["entries"] if row["entry"] == "E3")
    assert [(j["judge"], j["dropped"]) for j in e3["judges"]] == [
        ("J1", True), ("J2", False), ("J3", True)
    ]  # fmt: skip
    assert e3["untrimmed"] == str(Decimal(220) / 3)
    assert result["problems"] == []


def test_the_chain_splits_in_order_and_says_which_step_decided():
    table = {"E1": {"J1": 80, "J2": 80, "J3": 80}, "E2": {"J1": 70, "J2": 80, "J3": 90},
             "E3": {"J1": 79, "J2": 80, "J3": 81}}  # fmt: skip
    # All three trimmed means are 80. Step 0: innovation mean E1 50, E2 50, E3 48 (E3 last);
    # step 1: untrimmed mean: E1 80 = E2 80, so E1 and E2 stay tied (공동 1위).
    criteria = {"E1": {"C1": ["150", 3]}, "E2": {"C1": ["150", 3]}, "E3": {"C1": ["144", 3]}}
    chain = [{"kind": "criterion", "criterion": "C1"}, {"kind": "untrimmed"}]
    result = compute(make(table, criteria=criteria, chain=chain))
    assert [(r["entry"], r["rank"], r["shared"], r["decided_by"]) for r in result["entries"]] == [
        ("E1", 1, True, None), ("E2", 1, True, None), ("E3", 3, False, "chain:0"),
    ]  # fmt: skip
    decided = make(
        table,
        criteria=criteria,
        chain=chain,
        decisions=[{"scope": "round", "entries": ["E2", "E1"], "reason": "의결"}],
    )
    result = compute(decided)  # fmt: skip
    assert [(r["entry"], r["rank"], r["decided_by"]) for r in result["entries"]] == [
        ("E2", 1, "decision"), ("E1", 2, "decision"), ("E3", 3, "chain:0"),
    ]  # fmt: skip


def test_top_n_line_tie_is_flagged_and_advances_neither():
    table = {"E1": {"J1": 90}, "E2": {"J1": 80}, "E3": {"J1": 80}, "E4": {"J1": 70}}
    info = {"method": "mean", "advancement": "top_n", "advancement_value": "2", "weight": "30"}
    result = compute(make(table, round=info))
    assert result["advanced"] == ["E1"]
    assert result["problems"] == [{"code": "line_tie", "category": "K1", "entries": ["E2", "E3"]}]
    assert "contest" not in result
    decided = make(
        table, round=info, decisions=[{"scope": "round", "entries": ["E3", "E2"], "reason": "의결"}]
    )
    assert compute(decided)["advanced"] == ["E1", "E3"]  # fmt: skip


def test_top_n_is_per_category():
    table = {"E1": {"J1": 90}, "E2": {"J1": 80}, "E3": {"J1": 60}, "E4": {"J1": 50}}
    info = {"method": "mean", "advancement": "top_n", "advancement_value": "1", "weight": "30"}
    result = compute(make(table, categories={"E3": "K2", "E4": "K2"}, round=info))
    assert result["advanced"] == ["E1", "E3"]
    assert ranks(result, "category_rank") == {"E1": 1, "E2": 2, "E3": 1, "E4": 2}


def test_cutoff_applies_to_the_score_as_shown():
    # E1's mean 79.995 is shown 80.00 (half up), so it passes a cut-off of 80.
    table = {"E1": {"J1": "79.99", "J2": "80.00"}, "E2": {"J1": "79.98", "J2": "80.00"}}
    info = {"method": "mean", "advancement": "cutoff", "advancement_value": "80", "weight": "30"}
    result = compute(make(table, round=info))
    assert scores(result) == {"E1": "79.995", "E2": "79.99"}
    assert {r["entry"]: r["shown"] for r in result["entries"]} == {"E1": "80.00", "E2": "79.99"}
    assert result["advanced"] == ["E1"]


def test_rounding_rule_is_applied_once_to_what_is_shown():
    table = {"E1": {"J1": "80.125", "J2": "80.125"}}
    even = compute(make(table, round={"method": "mean"},
                        contest={"rounding": "ROUND_HALF_EVEN"}))  # fmt: skip
    up = compute(make(table, round={"method": "mean"}))
    assert (even["entries"][0]["shown"], up["entries"][0]["shown"]) == ("80.12", "80.13")
    assert even["entries"][0]["score"] == "80.125"


def test_panels_combine_by_weight_and_each_panel_uses_the_method():
    table = {"E1": {"J1": 90, "J2": 70, "J3": 60}, "E2": {"J1": 80, "J2": 80, "J3": 100}}
    panels = [{"key": "P1", "name_ko": "전문가", "name_en": "Experts", "weight": "70"},
              {"key": "P2", "name_ko": "국민", "name_en": "Public", "weight": "30"}]  # fmt: skip
    data = make(table, round={"method": "mean"}, panels=panels)
    data["judges"] = {"J1": ["P1"], "J2": ["P1"], "J3": ["P2"]}
    result = compute(data)
    # E1: 0.7*80 + 0.3*60 = 74; E2: 0.7*80 + 0.3*100 = 86.
    assert scores(result) == {"E1": "74", "E2": "86"}
    assert [r["entry"] for r in result["entries"]] == ["E2", "E1"]
    assert result["entries"][1]["panels"] == {"P1": "80", "P2": "60"}


def test_problems_stop_a_result_from_being_final():
    panels = [{"key": "P1", "name_ko": "가", "name_en": "", "weight": "60"},
              {"key": "P2", "name_ko": "나", "name_en": "", "weight": "30"}]  # fmt: skip
    data = make({"E1": {"J1": 90}}, round={"method": "mean"}, panels=panels)
    data["judges"] = {"J1": ["P1"]}
    assert compute(data)["problems"][0] == {"code": "panel_weights", "sum": "90"}
    data = make({"E1": {"J1": 90, "J2": 80}, "E2": {}})
    data["entries"].append({"key": "E2", "category": "K1"})
    problems = compute(data)["problems"]
    assert problems == [
        {"code": "too_few_to_trim", "entry": "E1", "panel": "ALL", "count": 2, "needed": 3},
        {"code": "missing_panel", "entry": "E1", "missing": ["ALL"]},
        {"code": "no_scores", "entry": "E2"},
    ]


def test_final_round_weights_rounds_fills_awards_and_flags_a_tie_across_a_tier():
    table = {"E1": {"J1": 90}, "E2": {"J1": 80}, "E3": {"J1": 80}, "E4": {"J1": 70}}
    earlier = {"R0": {"weight": "40", "scores": {"E1": "60", "E2": "70", "E3": "70", "E4": "90"}}}
    tiers = [{"key": "A1", "name_ko": "대상", "name_en": "", "count": 1, "per_category": False},
             {"key": "A2", "name_ko": "최우수", "name_en": "", "count": 1,
              "per_category": False}]  # fmt: skip
    data = make(table, round={"method": "mean", "weight": "60"}, earlier=earlier, tiers=tiers)
    contest = compute(data)["contest"]
    # E1 0.4*60+0.6*90 = 78; E2 = E3 = 0.4*70+0.6*80 = 76; E4 0.4*90+0.6*70 = 78.
    assert [(r["entry"], r["score"], r["rank"], r["award"]) for r in contest["entries"]] == [
        ("E1", "78", 1, None), ("E4", "78", 1, None),
        ("E2", "76", 3, None), ("E3", "76", 3, None),
    ]  # fmt: skip
    # Neither tier is given by list order: both stop at the shared first place.
    assert compute(data)["problems"] == [
        {"code": "award_tie", "tier": "A1", "category": None, "entries": ["E1", "E4"]},
        {"code": "award_tie", "tier": "A2", "category": None, "entries": ["E1", "E4"]},
    ]
    data["decisions"] = [{"scope": "contest", "entries": ["E4", "E1"], "reason": "의결"}]
    data["overrides"] = [{"entry": "E2", "tier": "A2", "reason": "심사위원회 의결"}]
    result = compute(data)
    awards = {r["entry"]: (r["award"], r["award_overridden"]) for r in result["contest"]["entries"]}
    assert awards == {"E4": ("A1", False), "E1": ("A2", False), "E2": ("A2", True),
                      "E3": (None, False)}  # fmt: skip
    assert result["problems"] == []
    data["earlier"]["R0"]["weight"] = "30"
    assert compute(data)["problems"] == [{"code": "round_weights", "sum": "90"}]


def test_zscore_method_maps_each_judge_back_onto_the_rubric_scale():
    # J1 scores 60/80 (z -1/+1), J2 scores 90/70 (z +1/-1): both entries get 50 on a 100 scale.
    table = {"E1": {"J1": 60, "J2": 90}, "E2": {"J1": 80, "J2": 70}}
    result = compute(make(table, round={"method": "zscore"}))
    assert scores(result) == {"E1": "50", "E2": "50"}
    assert ranks(result) == {"E1": 1, "E2": 1}


def test_the_order_of_the_inputs_changes_nothing():
    rng = random.Random(8)
    table = {f"E{n}": {f"J{j}": rng.randint(60, 95) for j in range(1, 6)} for n in range(1, 21)}
    data = make(table, chain=[{"kind": "untrimmed"}, {"kind": "first_places"}])
    shuffled = make(table, chain=data["chain"])
    rng.shuffle(shuffled["scores"])
    rng.shuffle(shuffled["entries"])
    shuffled["judges"] = dict(reversed(list(shuffled["judges"].items())))
    assert compute(shuffled) == compute(data)
