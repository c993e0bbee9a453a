"""Organizer page: every conflict of interest of the contest, recording a challenge (기피) and
deciding the judges' recusal requests (회피 declared after scoring started)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contests.views.base import manageable_contest
from scoring.forms.conflicts import ChallengeForm, DecisionForm
from scoring.selectors.assignments import conflicts_for_organizer
from scoring.selectors.conflicts import contest_conflict
from scoring.selectors.reassign import reassign_choices
from scoring.services.conflicts import conflict_decide, conflict_record_challenge


def _decision_prefix(conflict_pk) -> str:
    return f"decide-{conflict_pk}"


def _decide(request, contest) -> tuple[bool, DecisionForm | None, int | None]:
    """Handle a posted decision; returns (done, the bound form when invalid, its conflict id)."""
    try:
        conflict_pk = int(request.POST.get("decide", ""))
    except ValueError:
        raise Http404 from None
    conflict = contest_conflict(contest.pk, conflict_pk)
    if conflict is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=_decision_prefix(conflict.pk))
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            conflict_decide(
                conflict=conflict,
                approve=approve,
                reason=form.cleaned_data["decision_reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            text = (
                _("The request was approved; the judge no longer has this entry.")
                if approve
                else _("The request was rejected; the judge keeps the entry.")
            )
            messages.success(request, text)
            return True, None, None
    return False, form, conflict.pk


@login_required
@require_http_methods(["GET", "POST"])
def conflict_list(request, pk):
    contest = manageable_contest(request, pk)
    deciding = request.method == "POST" and "decide" in request.POST
    form = ChallengeForm(request.POST if request.method == "POST" and not deciding else None,
                         contest=contest)  # fmt: skip
    status, bound, bound_pk = 200, None, None
    if deciding:
        done, bound, bound_pk = _decide(request, contest)
        if done:
            return redirect("judging:conflicts", pk=contest.pk)
        status = 400
    elif request.method == "POST":
        if form.is_valid():
            try:
                conflict_record_challenge(
                    judge=form.cleaned_data["judge"],
                    entry=form.cleaned_data["entry"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The challenge was recorded; the judge no longer has this entry."),
                )
                return redirect("judging:conflicts", pk=contest.pk)
        status = 400
    rows = conflicts_for_organizer(contest)
    reassign_choices(contest, rows)
    for row in rows:
        if row.pending:
            pk_ = row.conflict.pk
            row.form = bound if pk_ == bound_pk else DecisionForm(prefix=_decision_prefix(pk_))
    context = {"contest": contest, "rows": rows, "form": form}
    return render(request, "judging/conflicts.html", context, status=status)
