"""Organizer page: every conflict of interest of the contest, and recording a challenge (기피)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contests.views.base import manageable_contest
from scoring.forms.conflicts import ChallengeForm
from scoring.selectors.assignments import conflicts_for_organizer
from scoring.services.conflicts import conflict_record_challenge


@login_required
@require_http_methods(["GET", "POST"])
def conflict_list(request, pk):
    contest = manageable_contest(request, pk)
    form = ChallengeForm(request.POST or None, contest=contest)
    status = 200
    if request.method == "POST":
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
    context = {"contest": contest, "rows": conflicts_for_organizer(contest), "form": form}
    return render(request, "judging/conflicts.html", context, status=status)
