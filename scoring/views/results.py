"""The organizer's results pages (namespace `results`): the contest overview, a round's ranking,
one entry's 집계표 and the frozen snapshot download. The POST actions are in results_actions.py.

Organizers of the contest and site admins only (contests.views.base.manageable_contest). A
finalized round shows its frozen snapshot; a live one the result computed now.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from contests.views.base import manageable_contest, render_region
from scoring.forms.results import (
    DecideForm,
    ExcludeForm,
    FinalizeForm,
    OverrideForm,
    PublishForm,
    ReopenForm,
    UnpublishForm,
)
from scoring.selectors.paging import paged
from scoring.selectors.progress import control_round
from scoring.selectors.result_labels import local_name
from scoring.selectors.result_pages import (
    RoundPage,
    Tie,
    publication_history,
    round_page,
    table,
)
from scoring.selectors.result_sheets import award_summary, overview, sheet
from scoring.selectors.results import result_in_force
from scoring.views.snapshot_file import snapshot_download
from submissions.models import Entry

ROUND_TEMPLATE = "scoring/results/round.html"


@login_required
@require_GET
def index(request, pk):
    """Every round's state, the final ranking with awards, overrides and publication."""
    contest = manageable_contest(request, pk)
    view = overview(contest)
    tiers = view.final.inputs["tiers"] if view.final else []
    final = paged(view.rows, request.GET, anchor="final-title")
    context = {
        "contest": contest,
        "view": view,
        "final": final,
        "awards": award_summary(view),
        "published_by": contest.results_published_by,
        "history": publication_history(contest),
        "tie_forms": tie_forms(view.final.award_ties if view.final else []),
        # The entries of the ranking's page shown (go to another page for the others).
        "override_form": OverrideForm(
            entries=[(row.receipt, view.final.names.entry(row.receipt)) for row in final.rows],
            tiers=[(tier["key"], local_name(tier)) for tier in tiers],
        ),
        "publish_form": PublishForm(
            initial={"scores": contest.publish_scores, "ranks": contest.publish_ranks}
        ),
        "unpublish_form": UnpublishForm(auto_id="unpublish_%s"),
    }
    return render(request, "scoring/results/index.html", context)


def tie_forms(ties: list[Tie]) -> list[tuple[Tie, DecideForm]]:
    """One decision form per tie (templates/scoring/results/_tie.html shows each)."""
    return [
        (
            tie,
            DecideForm(
                initial={"scope": tie.scope, "group": ",".join(tie.problem.entries)},
                choices=tie.choices,
                auto_id=f"tie{n}_%s",
            ),
        )
        for n, tie in enumerate(ties)
    ]


def _headers(page: RoundPage, sort: str) -> list[dict]:
    """The ranking table's sortable column headers: label, the sort its link asks for, and
    aria-sort for the current one."""
    labels = [
        ("rank", _("Rank")),
        ("receipt", _("Receipt no.")),
        ("title", _("Case title")),
        ("category", _("Category")),
        *((f"panel{n}", name) for n, (_key, name, _weight) in enumerate(page.panels)),
        ("score", _("Score")),
        ("split", _("How the tie was split")),
    ]
    if page.inputs["round"]["advancement"] != "none":
        labels.append(("advanced", _("Advanced")))
    current, descending = sort.lstrip("-"), sort.startswith("-")
    headers = []
    for column, label in labels:
        state = None
        if column == current:
            state = "descending" if descending else "ascending"
        following = f"-{column}" if column == current and not descending else column
        headers.append({"column": column, "label": label, "sort": following, "state": state})
    return headers


@login_required
@require_GET
def round_view(request, pk, round_pk):
    """A round's ranking (sort and category filter swap only the table with htmx) with what
    keeps it from being final, the ties to decide and the finalize / reopen actions."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    page = round_page(round_)
    category = request.GET.get("category", "")
    if category not in {code for code, _name in page.categories}:
        category = ""
    sort = request.GET.get("sort", "rank")
    rows = table(page, sort, category)
    if sort.lstrip("-") not in {h["column"] for h in _headers(page, "rank")}:
        sort = "rank"
    ranking = paged(rows, request.GET, anchor="ranking-title")
    todo = paged(page.unsubmitted, request.GET, key="todo", per_page=50, anchor="todo-title")
    first = (todo.page.number - 1) * todo.page.paginator.per_page  # form ids stay unique
    context = {
        "contest": contest,
        "page": page,
        "rows": ranking.rows,
        "ranking": ranking,
        "todo": todo,
        "sort": sort,
        "category": category,
        "headers": _headers(page, sort),
        "confirm": request.GET.get("confirm") == "finalize" and not page.finalized,
        "exclude_forms": [
            (
                judge,
                entry,
                ExcludeForm(
                    initial={"judge": judge.pk, "entry": entry.pk}, auto_id=f"exclude{n}_%s"
                ),
            )
            for n, (judge, entry) in enumerate(todo.rows, first)
        ],
        "tie_forms": tie_forms(page.ties),
        "finalize_form": FinalizeForm(initial={"confirm": "yes"}),
        "reopen_form": ReopenForm(auto_id="reopen_%s"),
    }
    return render_region(request, ROUND_TEMPLATE, context, partial="table")


@login_required
@require_GET
def sheet_view(request, pk, round_pk, entry_pk):
    """The 집계표 of one entry in one round."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    entry = get_object_or_404(Entry, pk=entry_pk, contest=contest)
    page = round_page(round_)
    found = sheet(page, entry)
    if found is None:
        raise Http404
    context = {"contest": contest, "page": page, "sheet": found, "entry": entry}
    return render(request, "scoring/results/sheet.html", context)


@login_required
@require_GET
def snapshot(request, pk, round_pk):
    """The finalized round's frozen snapshot as a JSON file (404 while the round is live)."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    result = result_in_force(round_)
    if result is None:
        raise Http404
    return snapshot_download(request, result)
