"""회피: the judge declares a conflict of interest on an assigned entry. Before anything was saved
in an open window the entry is withdrawn at once; otherwise the declaration is a request the
organizer decides. The organizers are emailed either way (scoring.services.conflicts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from scoring.forms.scorecard import RecusalForm
from scoring.models import Conflict
from scoring.selectors.conflicts import recusal_of
from scoring.services.conflicts import conflict_declare_recusal, recusal_is_immediate
from scoring.views.judge_page import assignment_or_404


@login_required
@require_http_methods(["GET", "POST"])
def recusal(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    assignment = assignment_or_404(request, round_pk, entry_pk)
    form = RecusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict = conflict_declare_recusal(
                judge=assignment.judge,
                entry=assignment.entry,
                reason=form.cleaned_data["reason"],
                by=request.user,
                round_=assignment.round,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            if conflict.status == Conflict.Status.PENDING:
                text = _(
                    "Your conflict of interest with %(title)s was sent to the organizer, who "
                    "decides on it. Until then the entry and your scores stay as they are."
                )
            else:
                text = _(
                    "Your conflict of interest with %(title)s is recorded. The entry was "
                    "withdrawn from your list; the organizer will reassign it."
                )
            messages.success(request, text % {"title": assignment.entry.title})
            return redirect("judge:dashboard")
    context = {
        "assignment": assignment, "entry": assignment.entry, "round": assignment.round,
        "form": form, "immediate": recusal_is_immediate(
            assignment.judge, assignment.entry, assignment.round
        ),
        "declared": recusal_of(assignment.judge, assignment.entry),
    }  # fmt: skip
    return render(request, "judge/recusal.html", context)
