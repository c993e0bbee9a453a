"""Hand-made inputs for scoring.outcome.compute: plain data, as scoring.selectors.results builds."""

import copy

BASE = {
    "contest": {"name_ko": "시험 대회", "name_en": "Test contest", "year": 2026,
                "rounding": "ROUND_HALF_UP", "decimal_places": 2},
    "round": {"key": "R1", "number": 1, "name_ko": "1차", "name_en": "Round 1",
              "method": "trimmed_mean", "trim_count": 1, "weight": "100",
              "advancement": "none", "advancement_value": None},
    "criteria": [{"key": "C1", "name_ko": "혁신성", "name_en": "Innovation", "max_points": "60"},
                 {"key": "C2", "name_ko": "효과성", "name_en": "Impact", "max_points": "40"}],
    "panels": [],
    "judges": {"J1": [], "J2": [], "J3": []},
    "categories": [{"key": "K1", "name_ko": "가", "name_en": "A"},
                   {"key": "K2", "name_ko": "나", "name_en": "B"}],
    "entries": [],
    "scores": [],
    "criteria_sums": {},
    "excluded": [],
    "earlier": {},
    "chain": [],
    "decisions": [],
    "tiers": [],
    "overrides": [],
}  # fmt: skip


def make(table: dict, *, categories=None, criteria=None, **changes) -> dict:
    """`table` maps entry → {judge: total}; `criteria` maps entry → {criterion: [sum, count]}."""
    data = copy.deepcopy(BASE)
    judges = sorted({j for row in table.values() for j in row}, key=lambda j: int(j[1:]))
    data["judges"] = {j: [] for j in judges}
    data["entries"] = [
        {"key": e, "category": (categories or {}).get(e, "K1")} for e in sorted(table)
    ]
    data["scores"] = [
        {"entry": e, "judge": j, "total": str(t)}
        for e in sorted(table)
        for j, t in table[e].items()
    ]
    data["criteria_sums"] = criteria or {}
    for name, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(name), dict):
            data[name] = {**data[name], **value}
        else:
            data[name] = value
    return data
