"""Organizer action on the conflicts page: give an entry a conflict took from a judge to another
judge of the round (scoring.services.reassign), then back to the conflicts page with a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contests.selectors import round_get
from contests.views.base import manageable_contest
from scoring.forms.reassign import ReassignForm
from scoring.models import Judge
from scoring.services.reassign import assignment_reassign
from submissions.models import Entry


@login_required
@require_POST
def reassign(request, pk):
    contest = manageable_contest(request, pk)
    back = redirect("judging:conflicts", pk=contest.pk)
    form = ReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a judge to give the entry to."))
        return back
    round_ = round_get(contest, form.cleaned_data["round"])
    judge = (
        Judge.objects.select_related("user")
        .filter(contest=contest, pk=form.cleaned_data["judge"])
        .first()
    )
    entry = Entry.objects.filter(contest=contest, pk=form.cleaned_data["entry"]).first()
    if judge is None or entry is None:
        raise Http404
    try:
        assignment_reassign(round_=round_, judge=judge, entry=entry, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("%(entry)s was assigned to %(judge)s in %(round)s.")
            % {
                "entry": entry.receipt_number or entry.title,
                "judge": judge.user.name or judge.user.email,
                "round": round_.name,
            },
        )
    return back
