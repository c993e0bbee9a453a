"""The organizer's analysis of a round (namespace `analysis`): judge statistics with their charts,
and robustness (methods side by side, leave-one-judge-out).

Organizers of the contest and site admins only (contests.views.base.manageable_contest). A
finalized round is analysed from its frozen inputs, a live one from the inputs as they are now
(as the results pages do): scoring.selectors.analysis, which also caches the robustness report
by the digest of the inputs. Judges are named by their real names (a finalized round: the names
its pseudonyms were given at finalizing, scoring.selectors.frozen).
"""

from django.contrib.auth.decorators import login_required
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest, render_region
from scoring.charts import judge_chart, number
from scoring.reliability import round_statistics
from scoring.selectors.analysis import analysed, robustness_report
from scoring.selectors.progress import control_round
from scoring.selectors.result_labels import Names, problem, rank_label
from scoring.selectors.results import contest_rounds


def _page(request, pk, round_pk) -> dict:
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    return {"contest": contest, "round": round_, "rounds": contest_rounds(contest.pk)}


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


def _judge_rows(stats: dict, names: Names) -> list[dict]:
    scale = stats["scale"]
    rows = []
    for pseudonym, profile in stats["judges"].items():
        name = names.judge(pseudonym)
        chart = judge_chart(
            profile["totals"],
            maximum=scale["max"],
            name=name,
            chart_id=f"chart-{pseudonym}",
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
                # Built by scoring.charts with every text escaped.
                "chart": mark_safe(chart),
            }
        )
    return rows


def _block_rows(stats: dict, names: Names) -> list[dict]:
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


@login_required
@require_GET
def judges(request, pk, round_pk):
    """Per-judge statistics with charts, alpha for the round and ICC/W per complete block."""
    context = _page(request, pk, round_pk)
    data = analysed(context["round"], context["rounds"])
    stats = round_statistics(data.inputs)
    context |= {
        "data": data,
        "judge_rows": _judge_rows(stats, data.names),
        "alpha": fixed(stats["alpha"], 3),
        "alpha_text": alpha_text(stats["alpha_band"]),
        "blocks": _block_rows(stats, data.names),
        "round_mean": fixed(stats["scale"]["mean"], 2),
        "rubric_max": number(stats["scale"]["max"], 2),
    }
    return render_region(request, "scoring/analysis/judges.html", context, partial=None)


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


def _variant_row(variant: dict, names: Names) -> dict:
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


def _method_rows(report: dict, names: Names, inputs: dict) -> list[dict]:
    category = {entry["key"]: entry["category"] for entry in inputs["entries"]}
    changed = {item["entry"]: item["changes"] for item in report["changed"]}
    methods = report["methods"]["methods"]
    rows = []
    for row in report["methods"]["rows"]:
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
        rows.append(
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
    return rows


@login_required
@require_GET
def robustness_view(request, pk, round_pk):
    """Methods side by side and leave-one-judge-out; `?show=changed` lists only the entries
    highlighted (htmx swaps only the table)."""
    context = _page(request, pk, round_pk)
    data = analysed(context["round"], context["rounds"])
    report = robustness_report(data)
    names = data.names
    rows = _method_rows(report, names, data.inputs)
    only_changed = request.GET.get("show") == "changed"
    variants = [_variant_row(v, names) for v in report["without"]]
    context |= {
        "data": data,
        "report": report,
        "own_method": method_label(report["method"]),
        "methods": [
            {"key": m, "label": method_label(m), "own": m == report["method"]}
            for m in report["methods"]["methods"]
        ],
        "failed": [
            {"label": method_label(m), "error": e} for m, e in report["methods"]["failed"].items()
        ],
        "method_problems": [
            {"label": method_label(m), "count": len(items)}
            for m, items in report["methods"]["problems"].items()
            if items
        ],
        "winners": names.entry_list(report["winners"]),
        "variants": variants,
        "decisive": [v for v in variants if v["decisive"]],
        "rows": [r for r in rows if r["highlight"]] if only_changed else rows,
        "highlighted": sum(r["highlight"] for r in rows),
        "only_changed": only_changed,
    }
    return render_region(request, "scoring/analysis/robustness.html", context, partial="table")
