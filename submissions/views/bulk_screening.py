"""Screening many entries at once, from the organizer's entry list (namespace `screening`).

The list's checkboxes, outcome and reason are a plain form POSTed here (`action=review`): the
confirm page shows what will change, what is skipped and, for "ineligible", the judging the
entries leave; its button applies it (`action=apply`) and returns to the list with the same
filters and page. An invalid outcome or reason shows the fields again on this page (`action`
anything else, or invalid input). Works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from contests.views.base import manageable_contest
from submissions.forms.bulk_screening import BulkScreeningForm
from submissions.models import Entry
from submissions.selectors.screening import LIST_ORDER
from submissions.services.bulk_screening import entries_screen, screening_plan
from submissions.views.screening import list_query

CONFIRM_TEMPLATE = "screening/bulk_confirm.html"


def _numbers(entries) -> str:
    return ", ".join(entry.receipt_number or entry.title for entry in entries)


def _back(request, contest) -> str:
    return reverse("screening:list", args=[contest.pk]) + list_query(
        request.GET, page=request.GET.get("page")
    )


def _selected(contest, form) -> list[Entry]:
    ids = form.cleaned_data.get("entries") or []
    entries = Entry.objects.filter(contest=contest, pk__in=ids).select_related("agency")
    return list(entries.order_by(*LIST_ORDER))


def _render(request, contest, form, *, plan=None, status=200):
    context = {
        "contest": contest,
        "form": form,
        "plan": plan,
        "selected": _selected(contest, form) if plan is None else None,
        "back": _back(request, contest),
        "action": reverse("screening:bulk", args=[contest.pk])
        + list_query(request.GET, page=request.GET.get("page")),
    }
    return render(request, CONFIRM_TEMPLATE, context, status=status)


def _report(request, done) -> None:
    plan = done.plan
    outcome = Entry.Eligibility(plan.eligibility).label
    if plan.changing:
        messages.success(
            request,
            ngettext(
                "Screening saved for %(count)s entry: %(outcome)s.",
                "Screening saved for %(count)s entries: %(outcome)s.",
                len(plan.changing),
            )
            % {"count": len(plan.changing), "outcome": outcome}
            + " "
            + _("Emailed: %(agencies)s agencies, %(judges)s judges.")
            % {"agencies": done.agencies_emailed, "judges": done.judges_emailed},
        )
    if plan.unchanged:
        messages.info(
            request,
            _("Already “%(outcome)s” with this reason, left as they were: %(numbers)s.")
            % {"outcome": outcome, "numbers": _numbers(plan.unchanged)},
        )
    if plan.skipped:
        messages.warning(
            request,
            _("Skipped, not submitted: %(numbers)s.") % {"numbers": _numbers(plan.skipped)},
        )


@login_required
@require_http_methods(["GET", "POST"])
def entry_bulk(request: HttpRequest, pk: int):
    contest = manageable_contest(request, pk)
    if request.method == "GET":  # e.g. the language switch on the confirm page
        return redirect(_back(request, contest))
    form = BulkScreeningForm(request.POST)
    if not form.is_valid() and "entries" in form.errors:
        messages.error(request, " ".join(form.errors["entries"]))
        return redirect(_back(request, contest))
    action = request.POST.get("action")
    if action not in ("review", "apply") or not form.is_valid():
        return _render(request, contest, form)
    fields = {
        "contest": contest,
        "entry_ids": form.cleaned_data["entries"],
        "eligibility": form.cleaned_data["eligibility"],
        "reason": form.cleaned_data["reason"],
    }
    try:
        if action == "review":
            return _render(request, contest, form, plan=screening_plan(**fields))
        done = entries_screen(**fields, by=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return _render(request, contest, form)
    _report(request, done)
    return redirect(_back(request, contest))
