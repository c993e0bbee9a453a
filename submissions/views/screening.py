"""The organizer's view of a contest's entries: filtered list, entry detail, screening."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contests.views.base import manageable_contest
from submissions.forms.bulk_screening import BulkScreeningForm
from submissions.forms.screening import EntryFilterForm, ScreeningForm
from submissions.models import Entry
from submissions.selectors.screening import (
    answers_by_question,
    contest_questions,
    entry_neighbours,
    judging_stake,
    screening_counts,
    screening_entries,
    screening_entry,
)
from submissions.services.screening import entry_screen

PER_PAGE = 25
LIST_TEMPLATE = "screening/entry_list.html"
DETAIL_TEMPLATE = "screening/entry_detail.html"
LIST_KEYS = ("q", "category", "status", "screening", "kind")  # the list's filters


def list_query(params, *, page=None) -> str:
    """The list's filters of `params` (a QueryDict) as "?…" ("" without any), and `page`: what
    the list's links to the entries, the entry pages' previous / next links and the bulk
    action carry along, so that each leads back to the same list."""
    query = params.copy()
    for key in list(query):
        if key not in LIST_KEYS:
            del query[key]
    if page:
        query["page"] = str(page)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


@login_required
@require_GET
def entry_list(request: HttpRequest, pk: int):
    contest = manageable_contest(request, pk)
    categories = list(contest.categories.all())
    form = EntryFilterForm(request.GET, contest=contest, categories=categories)
    filters = form.filters()
    page = Paginator(screening_entries(contest, filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "contest": contest,
        "form": form,
        "page": page,
        "entries": page.object_list,
        "counts": screening_counts(contest, filters),
        "filters": filters,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        # The entries' links carry the filters; "select all on this page" without JavaScript
        # is a link to the same page with every box ticked (?select=page).
        "list_query": list_query(request.GET),
        "bulk_query": list_query(request.GET, page=page.number if page.number > 1 else None),
        "select_all": request.GET.get("select") == "page",
        "bulk_form": BulkScreeningForm(),
    }
    template = f"{LIST_TEMPLATE}#results" if request.htmx else LIST_TEMPLATE
    return render(request, template, context)


def _list_position(request, contest, entry) -> dict:
    """The previous / next entry of the list the page was opened from (its filters are in the
    query string), the entry's position in it and the link back to the list's page."""
    filters = EntryFilterForm(request.GET, contest=contest).filters()
    nav = entry_neighbours(contest, filters, entry)
    page = (nav.position - 1) // PER_PAGE + 1 if nav.position else 1
    back = reverse("screening:list", args=[contest.pk]) + list_query(
        request.GET, page=page if page > 1 else None
    )
    return {"nav": nav, "list_query": list_query(request.GET), "list_url": back}


def _render_detail(request, contest, entry, form, *, notice: str = ""):
    context = {
        "notice": notice,
        "contest": contest,
        "entry": entry,
        "answers": answers_by_question(entry, contest_questions(contest)),
        "attachments": list(entry.attachments.all()),
        "form": form,
        "can_screen": entry.status == Entry.Status.SUBMITTED,
        # Screening out takes the entry out of judging at once: warn when judges are on it.
        "stake": judging_stake(entry)
        if entry.eligibility != Entry.Eligibility.INELIGIBLE
        else None,
        # htmx swaps only the screening box: the badges and the screening time above it are
        # sent along out of band, so that the whole page shows the saved outcome.
        "oob": bool(request.htmx),
    }
    if request.htmx:
        context["list_query"] = list_query(request.GET)
        return render(request, f"{DETAIL_TEMPLATE}#screening", context)
    context |= _list_position(request, contest, entry)
    return render(request, DETAIL_TEMPLATE, context)


def _initial(entry: Entry) -> dict:
    if entry.eligibility == Entry.Eligibility.PENDING:
        return {}
    return {"eligibility": entry.eligibility, "reason": entry.eligibility_reason}


@login_required
@require_http_methods(["GET", "POST"])
def entry_detail(request: HttpRequest, pk: int, entry_pk: int):
    contest = manageable_contest(request, pk)
    entry = screening_entry(contest, entry_pk)
    if request.method != "POST":
        return _render_detail(request, contest, entry, ScreeningForm(initial=_initial(entry)))

    form = ScreeningForm(request.POST)
    if form.is_valid():
        try:
            entry_screen(
                entry=entry,
                by=request.user,
                eligibility=form.cleaned_data["eligibility"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            notice = _("Screening saved: %(outcome)s.") % {
                "outcome": entry.get_eligibility_display()
            }
            if not request.htmx:
                messages.success(request, notice)
                detail = reverse("screening:detail", args=[contest.pk, entry.pk])
                return redirect(detail + list_query(request.GET))
            form = ScreeningForm(initial=_initial(entry))
            return _render_detail(request, contest, entry, form, notice=notice)
    # Invalid input: 200 so that htmx swaps the form with the reasons next to the fields.
    return _render_detail(request, contest, entry, form)
