"""The organizer's view of a contest's entries: filtered list, entry detail, screening."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contests.views.base import manageable_contest
from submissions.forms.screening import EntryFilterForm, ScreeningForm
from submissions.models import Entry
from submissions.selectors.screening import (
    answers_by_question,
    contest_questions,
    judging_stake,
    screening_counts,
    screening_entries,
    screening_entry,
)
from submissions.services.screening import entry_screen

PER_PAGE = 25
LIST_TEMPLATE = "screening/entry_list.html"
DETAIL_TEMPLATE = "screening/entry_detail.html"


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
    }
    template = f"{LIST_TEMPLATE}#results" if request.htmx else LIST_TEMPLATE
    return render(request, template, context)


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
    template = f"{DETAIL_TEMPLATE}#screening" if request.htmx else DETAIL_TEMPLATE
    return render(request, template, context)


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
                return redirect("screening:detail", pk=contest.pk, entry_pk=entry.pk)
            form = ScreeningForm(initial=_initial(entry))
            return _render_detail(request, contest, entry, form, notice=notice)
    # Invalid input: 200 so that htmx swaps the form with the reasons next to the fields.
    return _render_detail(request, contest, entry, form)
