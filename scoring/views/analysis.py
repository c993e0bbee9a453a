"""The organizer's analysis of a round (namespace `analysis`): judge statistics with their charts,
and robustness (methods side by side, leave-one-judge-out).

Organizers of the contest and site admins only (contests.views.base.manageable_contest). A
finalized round is analysed from its frozen inputs, a live one from the inputs as they are now
(as the results pages do): scoring.selectors.analysis, which also caches the robustness report
by the digest of the inputs; the rows and words are scoring.selectors.analysis_pages (the results
report prints the same). Judges are named by their real names (a finalized round: the names
its pseudonyms were given at finalizing, scoring.selectors.frozen).
"""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest, render_region
from scoring.reliability import round_statistics
from scoring.selectors.analysis import analysed, robustness_report
from scoring.selectors.analysis_pages import (
    SHOW_ALL,
    SHOWS,
    entry_lists,
    judge_statistics,
    method_label,
    method_rows,
    variant_row,
)
from scoring.selectors.paging import paged
from scoring.selectors.progress import control_round
from scoring.selectors.results import contest_rounds

ENTRIES_PER_PAGE = 50  # an entry's row lists what changes without each judge: up to one line each


def _page(request, pk, round_pk) -> dict:
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    return {"contest": contest, "round": round_, "rounds": contest_rounds(contest.pk)}


@login_required
@require_GET
def judges(request, pk, round_pk):
    """Per-judge statistics with charts, alpha for the round and ICC/W per complete block."""
    context = _page(request, pk, round_pk)
    data = analysed(context["round"], context["rounds"])
    page = judge_statistics(round_statistics(data.inputs), data.names)
    context |= {"data": data, "judge_rows": page.pop("judges"), **page}
    return render_region(request, "scoring/analysis/judges.html", context, partial=None)


@login_required
@require_GET
def robustness_view(request, pk, round_pk):
    """Methods side by side and leave-one-judge-out; the entries 50 a page, every one or
    (`?show=changed`) only the highlighted or (`?show=outcome`) only those whose award,
    advancement or first place changes without one judge (htmx swaps only the table)."""
    context = _page(request, pk, round_pk)
    data = analysed(context["round"], context["rounds"])
    report = robustness_report(data)
    names = data.names
    show = request.GET.get("show", SHOW_ALL)
    show = show if show in SHOWS else SHOW_ALL
    lists = entry_lists(report)
    entries = paged(lists[show], request.GET, per_page=ENTRIES_PER_PAGE, anchor="methods-title")
    variants = [variant_row(v, names) for v in report["without"]]
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
        "entries": entries,
        "rows": method_rows(report, names, data.inputs, entries.rows),
        "counts": {key or "all": len(rows) for key, rows in lists.items()},
        "show": show,
    }
    return render_region(request, "scoring/analysis/robustness.html", context, partial="table")
