"""Objections (이의신청, namespace `objections`): the agency files one on its own entry; the
organizer sets the period, lists them (by status) and answers each on its page.

- objections:file — a member of the entry's agency (404 for anyone else); outside the period,
  or with an objection of the entry still open, back to the entries page with the reason;
- objections:list, objections:window, objections:detail — the contest's organizers and site
  admins (contests.views.base.manageable_contest);
- objections:download — the objection's file, for both (the permission `scoring.read_objection`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contests.views.base import manageable_contest
from reports.catalog_objections import OBJECTION_FILE
from reports.exporters import export_response
from scoring.forms.objections import AnswerForm, ObjectionForm, WindowForm
from scoring.models import Objection
from scoring.selectors.objections import (
    contest_rounds_of,
    member_entry,
    objection_of,
    objections_of,
    readable_objection,
    status_counts,
    window_of,
    window_open,
)
from scoring.services.objections import (
    objection_answer,
    objection_file,
    objection_window_set,
    refusal,
)


def _entries_page():
    return redirect(reverse("entries:list") + "#objections")


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def objection_new(request, entry_pk):
    entry = member_entry(request.user, entry_pk)
    refused = refusal(entry)
    if refused:
        messages.error(request, refused)
        return _entries_page()
    rounds = contest_rounds_of(entry.contest)
    form = ObjectionForm(request.POST or None, request.FILES or None, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            objection = objection_file(
                entry=entry, by=request.user, concern=data["concern"], text=data["text"],
                round_=data["round"], upload=data["file"],
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Objection #%(number)s was filed. The answer will be emailed to your agency.")
                % {"number": objection.number},
            )
            return _entries_page()
    return render(request, "scoring/objections/new.html", {"entry": entry, "form": form})


@login_required
@require_GET
def objection_list(request, contest_pk):
    contest = manageable_contest(request, contest_pk)
    status = request.GET.get("status", "")
    status = status if status in Objection.Status.values else ""
    counts = status_counts(contest)
    window = window_of(contest)
    initial = {"closes_at": window.closes_at} if window else {}
    context = {
        "contest": contest,
        "objections": list(objections_of(contest, status)),
        "status": status,
        "filters": [(value, label, counts[value]) for value, label in Objection.Status.choices],
        "window": window,
        "window_open": window_open(contest, window),
        "window_form": WindowForm(initial=initial),
    }
    return render(request, "scoring/objections/list.html", context)


@login_required
@require_POST
def objection_window(request, contest_pk):
    contest = manageable_contest(request, contest_pk)
    form = WindowForm(request.POST)
    if form.is_valid():
        window = objection_window_set(
            contest=contest, closes_at=form.cleaned_data["closes_at"], by=request.user
        )
        messages.success(
            request,
            _("The objection period now closes at %(closes)s.")
            % {"closes": f"{timezone.localtime(window.closes_at):%Y-%m-%d %H:%M}"},
        )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("objections:list", contest_pk=contest.pk)


@login_required
@require_http_methods(["GET", "POST"])
def objection_detail(request, contest_pk, number):
    contest = manageable_contest(request, contest_pk)
    objection = objection_of(contest, number)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection_answer(
                objection=objection, by=request.user, outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _answered(objection))
            return redirect("objections:detail", contest_pk=contest.pk, number=number)
    context = {"contest": contest, "objection": objection, "form": form}
    return render(request, "scoring/objections/detail.html", context)


def _answered(objection: Objection) -> str:
    objection.refresh_from_db()
    if objection.status == Objection.Status.DISMISSED:
        return _("Objection #%(number)s is dismissed; the agency was emailed the answer.") % {
            "number": objection.number
        }
    if objection.concern == Objection.Concern.SCORES:
        return _(
            "Objection #%(number)s is upheld: the results are withdrawn from the public, "
            "%(round)s is reopened and the entry's scorecards of it are back in draft. "
            "Correct them, then finalize and publish again."
        ) % {"number": objection.number, "round": objection.round.name}
    if objection.concern == Objection.Concern.ELIGIBILITY:
        return _(
            "Objection #%(number)s is upheld: the entry's screening is reopened. Screen it again."
        ) % {"number": objection.number}
    return _("Objection #%(number)s is upheld; the agency was emailed the answer.") % {
        "number": objection.number
    }


@login_required
@require_GET
def objection_download(request, contest_pk, number):
    objection = readable_objection(request.user, contest_pk, number)
    if not objection.file:
        raise Http404
    return export_response(OBJECTION_FILE, request, objection)
