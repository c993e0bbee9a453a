"""scoring.robustness.robustness on crafted rounds."""

from scoring.robustness import robustness
from tests.results.inputs import make

# By the mean E1 wins (83.33 against 80); J1 alone carries it: without J1, E2 wins 85 to 80.
# By median, trimmed mean (k = 1), z-scores and Borda E2 wins.
SWING = {"E1": {"J1": 90, "J2": 80, "J3": 80}, "E2": {"J1": 70, "J2": 85, "J3": 85}}
GRAND = [{"key": "A1", "name_ko": "대상", "name_en": "Grand prize", "count": 1,
          "per_category": False}]  # fmt: skip


def place(rank, shared=False):
    return {"rank": rank, "shared": shared}


def test_removing_one_judge_flips_the_winner_and_the_award():
    report = robustness(make(SWING, round={"method": "mean"}, tiers=GRAND))
    assert (report["method"], report["final"], report["winners"]) == ("mean", True, ["E1"])
    first, *others = report["without"]
    assert first == {
        "judge": "J1",
        "failed": None,
        "winner": True,
        "winners": ["E2"],
        "tiers": True,
        "advanced": False,
        "changes": [
            {"entry": "E1", "rank": {"before": place(1), "after": place(2)},
             "tier": {"before": "A1", "after": None}},
            {"entry": "E2", "rank": {"before": place(2), "after": place(1)},
             "tier": {"before": None, "after": "A1"}},
        ],
        "problems": [],
    }  # fmt: skip
    assert [(v["judge"], v["winner"], v["tiers"], v["changes"]) for v in others] == [
        ("J2", False, False, []),
        ("J3", False, False, []),
    ]
    assert report["decisive"] == ["J1"]
    assert report["changed"] == [
        {"entry": "E1", "changes": [{"judge": "J1", "rank": {"before": place(1), "after": place(2)},
                                     "tier": {"before": "A1", "after": None}}]},
        {"entry": "E2", "changes": [{"judge": "J1", "rank": {"before": place(2), "after": place(1)},
                                     "tier": {"before": None, "after": "A1"}}]},
    ]  # fmt: skip


def test_methods_side_by_side():
    """z-scores: each judge's two totals become ±1 (population SD), mapped to 50 ± 10 on the
    100-point rubric: E1 = (60 + 40 + 40)/3 = 46.67. Borda: E1 gets 1 point (from J1), E2 2."""
    methods = robustness(make(SWING, round={"method": "mean"}))["methods"]
    assert methods["methods"] == ["mean", "trimmed_mean", "median", "zscore", "borda"]
    assert methods["rows"] == [
        {"entry": "E1", "differs": True, "methods": {
            "mean": {**place(1), "shown": "83.33"},
            "trimmed_mean": {**place(2), "shown": "80.00"},
            "median": {**place(2), "shown": "80.00"},
            "zscore": {**place(2), "shown": "46.67"},
            "borda": {**place(2), "shown": "1.00"}}},
        {"entry": "E2", "differs": True, "methods": {
            "mean": {**place(2), "shown": "80.00"},
            "trimmed_mean": {**place(1), "shown": "85.00"},
            "median": {**place(1), "shown": "85.00"},
            "zscore": {**place(1), "shown": "53.33"},
            "borda": {**place(1), "shown": "2.00"}}},
    ]  # fmt: skip
    assert methods["differing"] == 2
    assert methods["failed"] == {}
    assert all(problems == [] for problems in methods["problems"].values())


def test_nothing_depends_on_one_judge_or_the_method():
    table = {
        "E1": {"J1": 90, "J2": 90, "J3": 90},
        "E2": {"J1": 70, "J2": 70, "J3": 70},
        "E3": {"J1": 80, "J2": 80, "J3": 80},
    }
    report = robustness(
        make(table, round={"method": "mean", "advancement": "top_n", "advancement_value": "2"})
    )
    assert (report["final"], report["winners"]) == (False, ["E1"])
    assert [(v["judge"], v["winner"], v["advanced"], v["changes"]) for v in report["without"]] == [
        ("J1", False, False, []),
        ("J2", False, False, []),
        ("J3", False, False, []),
    ]
    assert (report["decisive"], report["changed"]) == ([], [])
    assert [row["entry"] for row in report["methods"]["rows"]] == ["E1", "E3", "E2"]
    assert report["methods"]["differing"] == 0


def test_removing_one_judge_changes_who_advances():
    inputs = make(SWING, round={"method": "mean", "advancement": "top_n", "advancement_value": "1"})
    first = robustness(inputs)["without"][0]
    assert (first["judge"], first["winner"], first["advanced"], first["tiers"]) == (
        "J1", True, True, False,
    )  # fmt: skip
    assert first["changes"] == [
        {"entry": "E1", "rank": {"before": place(1), "after": place(2)},
         "advanced": {"before": True, "after": False}},
        {"entry": "E2", "rank": {"before": place(2), "after": place(1)},
         "advanced": {"before": False, "after": True}},
    ]  # fmt: skip


def test_a_removal_that_leaves_too_few_scores_is_reported():
    """Trimmed mean with k = 1 needs 3 scores: without any judge only 2 are left."""
    inputs = make(SWING, round={"method": "trimmed_mean", "trim_count": 1})
    report = robustness(inputs)
    first = report["without"][0]
    assert first["failed"] is None
    assert (first["winner"], first["winners"]) == (True, [])
    assert first["problems"] == [
        {"code": "too_few_to_trim", "entry": "E1", "panel": "ALL", "count": 2, "needed": 3},
        {"code": "too_few_to_trim", "entry": "E2", "panel": "ALL", "count": 2, "needed": 3},
        {"code": "missing_panel", "entry": "E1", "missing": ["ALL"]},
        {"code": "missing_panel", "entry": "E2", "missing": ["ALL"]},
    ]
    assert first["changes"] == [
        {"entry": "E2", "rank": {"before": place(1), "after": place(None)}},
        {"entry": "E1", "rank": {"before": place(2), "after": place(None)}},
    ]


def test_a_method_that_cannot_be_computed_is_reported():
    inputs = make(SWING, round={"method": "mean", "trim_count": "not a number"})
    methods = robustness(inputs)["methods"]
    assert methods["failed"] == {
        "trimmed_mean": "invalid literal for int() with base 10: 'not a number'"
    }
    assert methods["methods"] == ["mean", "median", "zscore", "borda"]


def test_judges_without_scores_are_not_removed():
    inputs = make(SWING, round={"method": "mean"})
    inputs["judges"]["J9"] = []
    assert [v["judge"] for v in robustness(inputs)["without"]] == ["J1", "J2", "J3"]
