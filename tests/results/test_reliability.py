"""scoring.reliability.round_statistics on hand-computed rounds."""

import math

import pytest

from scoring.reliability import ICC_SHOWN, round_statistics
from tests.results.inputs import make

EXACT = 1e-12

# Three entries, three judges, one score missing on E1 and one on E3 (an incomplete design).
INCOMPLETE = {
    "E1": {"J1": 1, "J2": 2},
    "E2": {"J1": 3, "J2": 3, "J3": 4},
    "E3": {"J2": 5, "J3": 5},
}


def test_alpha_by_hand():
    """Interval alpha = 1 - D_o/D_e (Krippendorff 2011, "Computing Krippendorff's Alpha-
    Reliability"). Pairable values 1,2 | 3,3,4 | 5,5, n = 7.
    D_o = (1/n) Σ_u Σ_{i≠j} (x_i - x_j)² / (m_u - 1) = (2/1 + 4/2 + 0/1) / 7 = 4/7.
    D_e = Σ_{i≠j} (x_i - x_j)² / (n(n - 1)) = 2n·SS / (n(n - 1)); Σx = 23, Σx² = 89,
    SS = 89 - 23²/7 = 94/7, so D_e = 188/42 = 94/21. alpha = 1 - (4/7)/(94/21) = 41/47."""
    stats = round_statistics(make(INCOMPLETE))
    assert stats["alpha"] == pytest.approx(41 / 47, abs=EXACT)
    assert stats["alpha_band"] == "reliable"
    assert stats["blocks"] == []  # J1 did not score E3, J3 not E1: no complete block


def test_judges_by_hand():
    """J1 gave 1, 3: mean 2, SD √2; leniency mean(1 - 2, 3 - 3.5) = -0.75.
    J2 gave 2, 3, 5: mean 10/3, SD √(7/3); leniency mean(2 - 1, 3 - 3.5, 5 - 5) = 1/6;
    agreement r((2,3,5), (1,3.5,5)) = (35/6) / √(14/3 · 49/6) = 5/(2√7).
    J3 gave 4, 5: mean 4.5, SD √0.5, leniency mean(4 - 3, 5 - 5) = 0.5.
    SD of all seven totals: √(47/21) = 1.4960…; half of it is 0.7480…, so J1 (-0.75) leans harsh
    and J3 (0.5) does not lean."""
    stats = round_statistics(make(INCOMPLETE))
    judges = stats["judges"]
    assert list(judges) == ["J1", "J2", "J3"]
    assert judges["J1"] == {
        "count": 2,
        "mean": 2.0,
        "sd": pytest.approx(math.sqrt(2), abs=EXACT),
        "leniency": -0.75,
        "agreement": None,
        "outlier": False,
        "leaning": "harsh",
        "totals": [1.0, 3.0],
    }
    assert judges["J2"] == {
        "count": 3,
        "mean": pytest.approx(10 / 3, abs=EXACT),
        "sd": pytest.approx(math.sqrt(7 / 3), abs=EXACT),
        "leniency": pytest.approx(1 / 6, abs=EXACT),
        "agreement": pytest.approx(5 / (2 * math.sqrt(7)), abs=EXACT),
        "outlier": False,
        "leaning": None,
        "totals": [2.0, 3.0, 5.0],
    }
    assert judges["J3"]["leniency"] == 0.5
    assert judges["J3"]["leaning"] is None
    assert judges["J3"]["totals"] == [4.0, 5.0]
    assert stats["scale"] == {
        "max": 100.0,  # criteria of 60 and 40 points
        "mean": pytest.approx(23 / 7, abs=EXACT),
        "sd": pytest.approx(math.sqrt(47 / 21), abs=EXACT),
    }


def test_lenient_and_outlier():
    """J4 always gives 10 more than J1..J3 (lenient), in the reverse order (outlier: r = -1)."""
    table = {
        "E1": {"J1": 50, "J2": 50, "J3": 50, "J4": 80},
        "E2": {"J1": 60, "J2": 60, "J3": 60, "J4": 70},
        "E3": {"J1": 70, "J2": 70, "J3": 70, "J4": 60},
    }
    judges = round_statistics(make(table))["judges"]
    assert judges["J4"]["leniency"] == 10.0
    assert judges["J4"]["leaning"] == "lenient"
    assert judges["J4"]["agreement"] == -1.0
    assert judges["J4"]["outlier"] is True
    assert judges["J1"]["outlier"] is False


PANELS = [
    {"key": "P1", "name_ko": "전문가", "name_en": "Experts", "weight": "50"},
    {"key": "P2", "name_ko": "국민", "name_en": "Public", "weight": "50"},
]
SEATS = {"J1": ["P1"], "J2": ["P1"], "J3": ["P1"], "J4": ["P2"], "J5": ["P2"], "J6": []}
BLOCKS = {
    # K1: P1 (J1, J2, J3) and P2 (J4, J5) scored all three entries; J6 sits on no panel.
    "E1": {"J1": 5, "J2": 6, "J3": 5, "J4": 1, "J5": 2, "J6": 9},
    "E2": {"J1": 6, "J2": 5, "J3": 7, "J4": 2, "J5": 3},
    "E3": {"J1": 7, "J2": 7, "J3": 6, "J4": 3, "J5": 4},
    # K2: J3 missed E5 (P1 incomplete); only J4 of P2 scored there (fewer than 2 judges).
    "E4": {"J1": 8, "J2": 7, "J3": 8, "J4": 4},
    "E5": {"J1": 9, "J2": 9},
    # K3: P2 complete, but every score equal: no ICC, no W.
    "E6": {"J4": 5, "J5": 5},
    "E7": {"J4": 5, "J5": 5},
}
CATEGORIES = {"E4": "K2", "E5": "K2", "E6": "K3", "E7": "K3"}


def _blocks():
    inputs = make(BLOCKS, categories=CATEGORIES, panels=PANELS, judges=SEATS)
    inputs["categories"].append({"key": "K3", "name_ko": "다", "name_en": "C"})
    return round_statistics(inputs)["blocks"]


def test_complete_blocks_are_found():
    blocks = _blocks()
    assert [(b["panel"], b["category"], b["judges"], b["entries"]) for b in blocks] == [
        ("P1", "K1", ["J1", "J2", "J3"], 3),
        ("P2", "K1", ["J4", "J5"], 3),
        ("P2", "K3", ["J4", "J5"], 2),
    ]
    assert ICC_SHOWN == "ICC2k"


def test_icc_and_w_of_a_block_by_hand():
    """P1, K1: rows (5,6,5), (6,5,7), (7,7,6); grand mean 6, every judge's mean 6 (JMS = 0);
    SS total 6, SS rows 3·(4/9 + 0 + 4/9) = 8/3: BMS = 4/3, EMS = (6 - 8/3)/4 = 5/6.
    ICC(2,k) = (BMS - EMS) / (BMS + (JMS - EMS)/n) = (1/2) / (4/3 - 5/18) = 9/19 (Shrout & Fleiss
    1979, Table 2), poor (< 0.5, Koo & Li 2016).
    Ranks per judge (1,2,3), (2,1,3), (1,3,2): rank sums 4, 6, 8 about m(n+1)/2 = 6, S = 8,
    W = 12S / (m²(n³ - n)) = 96/216 = 4/9, weak (0.3 to 0.5, Schmidt 1997).

    P2, K1: J5 = J4 + 1 on (1,2,3). BMS = 2, JMS = 1.5, EMS = 0: ICC(2,k) = 2/2.5 = 0.8 (good),
    ICC(2,1) = 2/(2 + 2·1.5/3) = 2/3, ICC(3,k) = 1 (the offset counts against absolute
    agreement only); same order for both judges: W = 1."""
    p1, p2, _p2k3 = _blocks()
    assert p1["icc"][ICC_SHOWN] == pytest.approx(9 / 19, abs=EXACT)
    assert p1["icc_band"] == "poor"
    assert p1["w"] == pytest.approx(4 / 9, abs=EXACT)
    assert p1["w_band"] == "weak"
    assert p2["icc"]["ICC2k"] == pytest.approx(0.8, abs=EXACT)
    assert p2["icc"]["ICC2"] == pytest.approx(2 / 3, abs=EXACT)
    assert p2["icc"]["ICC3k"] == pytest.approx(1.0, abs=EXACT)
    assert p2["icc_band"] == "good"
    assert p2["w"] == pytest.approx(1.0, abs=EXACT)
    assert p2["w_band"] == "unusually_strong"


def test_a_block_without_variance_has_no_figures():
    *_others, flat = _blocks()
    assert (flat["icc"], flat["icc_band"], flat["w"], flat["w_band"]) == (None, None, None, None)


def test_round_without_panels_forms_one_panel():
    table = {"E1": {"J1": 1, "J2": 2}, "E2": {"J1": 2, "J2": 3}, "E3": {"J1": 3, "J2": 4}}
    [block] = round_statistics(make(table))["blocks"]
    assert (block["panel"], block["category"], block["judges"]) == ("ALL", "K1", ["J1", "J2"])
    assert block["icc"]["ICC2k"] == pytest.approx(0.8, abs=EXACT)


def test_round_without_scores():
    inputs = make({})
    inputs["judges"] = {"J1": []}
    stats = round_statistics(inputs)
    assert stats["judges"]["J1"] == {
        "count": 0,
        "mean": None,
        "sd": None,
        "leniency": None,
        "agreement": None,
        "outlier": False,
        "leaning": None,
        "totals": [],
    }
    assert (stats["alpha"], stats["alpha_band"], stats["blocks"]) == (None, None, [])
    assert stats["scale"] == {"max": 100.0, "mean": None, "sd": None}
