"""회피: the judge declares a conflict of interest on an assigned entry; the assignment is
withdrawn and the organizer sees it to reassign."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from scoring.forms.scorecard import RecusalForm
from scoring.services.conflicts import conflict_declare_recusal
from scoring.views.judge_page import assignment_or_404


@login_required
@require_http_methods(["GET", "POST"])
def recusal(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    assignment = assignment_or_404(request, round_pk, entry_pk)
    form = RecusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict_declare_recusal(
                judge=assignment.judge,
                entry=assignment.entry,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Your conflict of interest with %(title)s is recorded. The entry was "
                    "withdrawn from your list; the organizer will reassign it."
                )
                % {"title": assignment.entry.title},
            )
            return redirect("judge:dashboard")
    context = {"assignment": assignment, "entry": assignment.entry, "round": assignment.round,
               "form": form}  # fmt: skip
    return render(request, "judge/recusal.html", context)
