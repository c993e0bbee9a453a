"""Organizer pages: the assignment matrix of a round (htmx toggles) and automatic assignment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from contests.selectors import round_get
from contests.views.base import manageable_contest, render_region
from scoring.forms.assignments import ApplyPlanForm, ToggleForm
from scoring.models import Judge
from scoring.selectors import assignments as selectors
from scoring.services.assignments import PlanChanged, assignment_toggle, assignments_auto_apply
from scoring.views.progress import coverage_links
from submissions.models import Entry

MATRIX = "judging/matrix.html"


def _matrix_url(contest, round_, category="", coverage="", page="") -> str:
    """The matrix with its filter and page (the empty ones left out)."""
    url = reverse("judging:matrix", kwargs={"pk": contest.pk, "round_pk": round_.pk})
    query = {k: v for k, v in (("category", category), ("coverage", coverage), ("page", page)) if v}
    return f"{url}?{urlencode(query)}" if query else url


def _pager_base(category, coverage) -> str:
    """The start of a page link's query: the filter in force, then `page=`."""
    query = urlencode({k: v for k, v in (("category", category), ("coverage", coverage)) if v})
    return f"?{query}&page=" if query else "?page="


@login_required
def matrix(request, pk, round_pk):
    """The matrix (`?category=`, `?coverage=under|over`: only the entries with fewer or more
    judges than the round asks for; `?page=`: MATRIX_PAGE_SIZE entries a page)."""
    contest = manageable_contest(request, pk)
    round_ = round_get(contest, round_pk)
    data = selectors.assignment_matrix(
        round_,
        category_id=request.GET.get("category"),
        coverage=request.GET.get("coverage", ""),
        page=request.GET.get("page") or 1,
    )
    category = data.category.pk if data.category else ""
    context = {
        "contest": contest,
        "round": round_,
        "matrix": data,
        "pager_base": _pager_base(category, data.coverage),
        "page_range": list(
            data.page.paginator.get_elided_page_range(data.page.number, on_each_side=2, on_ends=1)
        ),
        "coverage_links": coverage_links(
            _matrix_url(contest, round_, category), anchor="matrix-grid"
        ),
    }
    return render_region(request, MATRIX, context, partial="grid")


@login_required
@require_POST
def toggle(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    round_ = round_get(contest, round_pk)
    form = ToggleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a cell of the matrix."))
    judge_id, entry_id = form.ids()
    judge = Judge.objects.select_related("user").filter(contest=contest, pk=judge_id).first()
    entry = Entry.objects.filter(contest=contest, pk=entry_id).first()
    if judge is None or entry is None:
        raise Http404
    error = ""
    try:
        assignment_toggle(round_=round_, judge=judge, entry=entry, by=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = {
            "contest": contest,
            "round": round_,
            "cell": selectors.matrix_cell(round_, judge, selectors.entry_coverage(round_, entry)),
            "load": selectors.judge_load(round_, judge),
            "error": error,
            "oob": True,
        }
        return render(request, f"{MATRIX}#cell", context, status=409 if error else 200)
    if error:
        messages.error(request, error)
    back = {k: form.cleaned_data.get(k, "") for k in ("category", "coverage", "page")}
    return redirect(_matrix_url(contest, round_, **back))


@login_required
@require_http_methods(["GET", "POST"])
def auto(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    round_ = round_get(contest, round_pk)
    status = 200
    if request.method == "POST":
        form = ApplyPlanForm(request.POST)
        if form.is_valid():
            try:
                created = assignments_auto_apply(
                    round_=round_, digest=form.cleaned_data["digest"], by=request.user
                )
            except PlanChanged:
                messages.error(
                    request,
                    _(
                        "Entries, judges, panels, conflicts or assignments changed since the "
                        "preview. Nothing was applied; check the new preview below."
                    ),
                )
                status = 409
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s assignment was added.", "%(n)s assignments were added.", len(created)
                    )
                    % {"n": len(created)},
                )
                return redirect(_matrix_url(contest, round_))
        else:
            messages.error(request, " ".join(form.errors.get("digest", [])))
            status = 400
    plan = selectors.round_plan(round_)
    context = {
        "contest": contest,
        "round": round_,
        "view": selectors.plan_view(round_, plan),
        "digest": plan.digest,
    }
    return render(request, "judging/auto.html", context, status=status)
