"""What the organizer's analysis pages print (scoring.views.analysis), and the results report with
them (reports.results_report_analysis): the judge statistics of scoring.reliability and the
robustness report of scoring.robustness as rows of text, in one wording.

- `fixed`: a statistic as printed; `alpha_text`, `leaning_text`, `ICC_WORDS`, `W_WORDS`: the
  words for a band (the results workbook uses them too, reports.results_tables);
- `judge_statistics(stats, names, prefix)`: the judge-statistics page: a row per judge with its
  chart (scoring.charts), alpha, the complete blocks' ICC and W;
- `method_label`, `variant_row`, `method_rows`: the robustness page's rows.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from scoring.charts import judge_chart, number
from scoring.selectors.result_labels import Names, problem, rank_label


def fixed(value: float | None, places: int, *, sign: bool = False) -> str:
    """A statistic as printed: `places` decimals, "—" when there is none; `sign` adds "+" to a
    positive value; never "-0.00"."""
    if value is None:
        return "—"
    text = f"{value:.{places}f}"
    if float(text) == 0:
        return f"{0:.{places}f}"
    return f"+{text}" if sign and value > 0 else text


# Judge statistics ---------------------------------------------------------------------------

ALPHA_WORDS = {
    "reliable": gettext_lazy(
        "Alpha is at least 0.800: the judges agree well enough for their scores to be relied on."
    ),
    "tentative": gettext_lazy(
        "Alpha is from 0.667 to below 0.800: the judges agree only in part; draw conclusions "
        "from these scores with care."
    ),
    "unreliable": gettext_lazy(
        "Alpha is below 0.667: the judges disagree too much for these scores to be relied on "
        "without a closer look."
    ),
}

ICC_WORDS = {
    "poor": gettext_lazy("Below 0.50: poor reliability."),
    "moderate": gettext_lazy("From 0.50 to below 0.75: moderate reliability."),
    "good": gettext_lazy("From 0.75 to 0.90: good reliability."),
    "excellent": gettext_lazy("Above 0.90: excellent reliability."),
}

W_WORDS = {
    "very_weak": gettext_lazy("Below 0.3: very weak agreement on the order of the entries."),
    "weak": gettext_lazy("From 0.3 to below 0.5: weak agreement on the order of the entries."),
    "moderate": gettext_lazy(
        "From 0.5 to below 0.7: moderate agreement on the order of the entries."
    ),
    "strong": gettext_lazy("From 0.7 to below 0.9: strong agreement on the order of the entries."),
    "unusually_strong": gettext_lazy(
        "0.9 or more: unusually strong agreement on the order of the entries."
    ),
}


def alpha_text(band: str | None) -> str:
    if band is None:
        return _(
            "Alpha cannot be computed yet: it needs entries with at least two scores, and scores "
            "that are not all equal."
        )
    return str(ALPHA_WORDS[band])


def leaning_text(leaning: str | None) -> str:
    if leaning == "lenient":
        return _("Lenient: scores higher than the co-judges")
    if leaning == "harsh":
        return _("Harsh: scores lower than the co-judges")
    return ""


def judge_rows(stats: dict, names: Names, prefix: str = "chart") -> list[dict]:
    """A row per judge: the figures as printed, the flags in words, and the judge's chart (its
    id "<prefix>-<pseudonym>", unique on the page)."""
    scale = stats["scale"]
    rows = []
    for pseudonym, profile in stats["judges"].items():
        name = names.judge(pseudonym)
        flags = [_("Differs strongly from the other judges")] if profile["outlier"] else []
        if profile["leaning"]:
            flags.append(leaning_text(profile["leaning"]))
        chart = judge_chart(
            profile["totals"],
            maximum=scale["max"],
            name=name,
            chart_id=f"{prefix}-{pseudonym}",
            judge_mean=profile["mean"],
            round_mean=scale["mean"],
        )
        rows.append(
            {
                "pseudonym": pseudonym,
                "name": name,
                "count": profile["count"],
                "mean": fixed(profile["mean"], 2),
                "sd": fixed(profile["sd"], 2),
                "leniency": fixed(profile["leniency"], 2, sign=True),
                "agreement": fixed(profile["agreement"], 3),
                "outlier": profile["outlier"],
                "leaning": profile["leaning"],
                "leaning_text": leaning_text(profile["leaning"]),
                "flags": flags,
                # Built by scoring.charts with every text escaped.
                "chart": mark_safe(chart),
            }
        )
    return rows


def block_rows(stats: dict, names: Names) -> list[dict]:
    """A row per complete block (a panel and category): its ICC and Kendall's W with words."""
    rows = []
    for block in stats["blocks"]:
        icc = block["icc"] or {}
        rows.append(
            {
                "panel": names.panel(block["panel"]),
                "category": names.category(block["category"]),
                "judges": [names.judge(j) for j in block["judges"]],
                "entries": block["entries"],
                "icc": fixed(icc.get(block["icc_shown"]), 3),
                "icc_single": fixed(icc.get("ICC2"), 3),
                "icc_text": str(ICC_WORDS.get(block["icc_band"], "")),
                "w": fixed(block["w"], 3),
                "w_text": str(W_WORDS.get(block["w_band"], "")),
            }
        )
    return rows


def judge_statistics(stats: dict, names: Names, prefix: str = "chart") -> dict:
    """The judge-statistics page of a round from scoring.reliability.round_statistics: the
    judges' rows, alpha with its words, the complete blocks, the round's mean and the rubric's
    maximum."""
    return {
        "judges": judge_rows(stats, names, prefix),
        "alpha": fixed(stats["alpha"], 3),
        "alpha_text": alpha_text(stats["alpha_band"]),
        "blocks": block_rows(stats, names),
        "round_mean": fixed(stats["scale"]["mean"], 2),
        "rubric_max": number(stats["scale"]["max"], 2),
    }


# Robustness ---------------------------------------------------------------------------------


def method_label(method: str) -> str:
    return {
        "mean": pgettext("method", "Mean"),
        "trimmed_mean": pgettext("method", "Trimmed mean"),
        "median": pgettext("method", "Median"),
        "zscore": pgettext("method", "z-scores"),
        "borda": pgettext("method", "Borda (comparison only)"),
    }.get(method, method)


def _place_text(place: dict) -> str:
    return rank_label(place["rank"], place["shared"])


def _change_text(change: dict, names: Names) -> str:
    """One line of the robustness table, e.g. "Without 홍길동: rank 1 → 2; award 대상 → none."."""
    parts = []
    if "rank" in change:
        parts.append(
            _("rank %(before)s → %(after)s")
            % {
                "before": _place_text(change["rank"]["before"]),
                "after": _place_text(change["rank"]["after"]),
            }
        )
    if "tier" in change:
        parts.append(
            _("award %(before)s → %(after)s")
            % {
                "before": names.tier(change["tier"]["before"]) or _("none"),
                "after": names.tier(change["tier"]["after"]) or _("none"),
            }
        )
    if "advanced" in change:
        parts.append(
            _("no longer advances") if change["advanced"]["before"] else _("advances instead")
        )
    return _("Without %(judge)s: %(changes)s.") % {
        "judge": names.judge(change["judge"]),
        "changes": "; ".join(parts),
    }


def variant_row(variant: dict, names: Names) -> dict:
    """A leave-one-judge-out variant: what changes without the judge, in words."""
    winners = names.entry_list(variant.get("winners", [])) or "—"
    effects = []
    if variant.get("winner"):
        effects.append(_("the winner becomes %(winners)s") % {"winners": winners})
    if variant.get("tiers"):
        effects.append(_("an award changes"))
    if variant.get("advanced"):
        effects.append(_("who advances changes"))
    judge = names.judge(variant["judge"])
    return {
        "pseudonym": variant["judge"],
        "judge": judge,
        "failed": variant["failed"],
        "winner": variant.get("winner", False),
        "winners": winners,
        "tiers": variant.get("tiers", False),
        "advanced": variant.get("advanced", False),
        "decisive": bool(effects),
        "summary": _("Without %(judge)s: %(changes)s.")
        % {"judge": judge, "changes": "; ".join(effects)},
        "changed": len(variant["changes"]),
        "problems": [problem(item, names).text for item in variant["problems"]],
    }


# The robustness page's lists of entries (`?show=`): every entry, the highlighted ones (the rank
# differs between the methods, or changes without one judge), or only those whose outcome changes
# without one judge (an award, advancement, or first place: it wins or stops winning).
SHOW_ALL, SHOW_CHANGED, SHOW_OUTCOME = "", "changed", "outcome"
SHOWS = (SHOW_ALL, SHOW_CHANGED, SHOW_OUTCOME)


def _outcome_entries(report: dict) -> set[str]:
    """The entries whose award or advancement changes without some judge, or that win or stop
    winning (read from the judges whose removal changes the outcome: the others change none)."""
    winners = set(report["winners"])
    found: set[str] = set()
    for variant in report["without"]:
        if variant["failed"]:
            continue
        if variant["winner"]:
            found |= winners ^ set(variant["winners"])
        if variant["tiers"] or variant["advanced"]:
            found.update(c["entry"] for c in variant["changes"] if "tier" in c or "advanced" in c)
    return found


def entry_lists(report: dict) -> dict[str, list[dict]]:
    """The report's per-entry rows (scoring.robustness: report["methods"]["rows"], best first)
    in each list of SHOWS."""
    changed = {item["entry"] for item in report["changed"]}
    outcome = _outcome_entries(report)
    rows = report["methods"]["rows"]
    return {
        SHOW_ALL: rows,
        SHOW_CHANGED: [r for r in rows if r["differs"] or r["entry"] in changed],
        SHOW_OUTCOME: [r for r in rows if r["entry"] in outcome],
    }


def method_rows(
    report: dict, names: Names, inputs: dict, rows: list[dict] | None = None
) -> list[dict]:
    """A row per entry (of `rows`, by default every one of report["methods"]["rows"]): its rank
    and score by each method, and what changes without a judge."""
    category = {entry["key"]: entry["category"] for entry in inputs["entries"]}
    changed = {item["entry"]: item["changes"] for item in report["changed"]}
    methods = report["methods"]["methods"]
    out = []
    for row in report["methods"]["rows"] if rows is None else rows:
        entry = row["entry"]
        found = names.entries.get(entry)
        cells = [
            {
                "method": method,
                "rank": _place_text(row["methods"][method]),
                "shown": row["methods"][method]["shown"] or "—",
                "own": method == report["method"],
            }
            for method in methods
        ]
        out.append(
            {
                "entry": entry,
                "title": found.title if found is not None else "",
                "category": names.category(category.get(entry)),
                "cells": cells,
                "differs": row["differs"],
                "changes": [_change_text(c, names) for c in changed.get(entry, [])],
                "highlight": row["differs"] or entry in changed,
            }
        )
    return out
