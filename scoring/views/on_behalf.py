"""The organizer acts on one scorecard: enter scores on a judge's behalf, reopen a submitted one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contests.views.base import manageable_contest
from scoring.forms.control import OnBehalfForm, ReopenForm, criterion_field_name
from scoring.models import Scorecard, ScoreEvent
from scoring.selectors.audit import control_entry, control_judge, control_scorecard
from scoring.selectors.progress import control_round
from scoring.services.scorecards import (
    StaleScorecard,
    is_assigned,
    scorecard_fill,
    scorecard_open,
    scorecard_reopen,
    scorecard_scores,
)

ORGANIZER = ScoreEvent.Via.ORGANIZER


def _initial(card: Scorecard | None, criteria) -> dict:
    if card is None:
        return {"version": 0}
    scores = scorecard_scores(card)
    initial = {"version": card.version, "comment": card.comment}
    for criterion in criteria:
        if criterion.pk in scores:
            initial[criterion_field_name(criterion)] = f"{scores[criterion.pk].normalize():f}"
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def on_behalf(request, pk, round_pk, judge_pk, entry_pk):
    """Type in a judge's scores from a signed paper sheet; every change is audited as the
    organizer's, with the source given."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    judge = control_judge(contest, judge_pk)
    entry = control_entry(contest, entry_pk)
    context = {"contest": contest, "round": round_, "judge": judge, "entry": entry}
    if not is_assigned(judge, entry, round_):
        context["refusal"] = _(
            "This entry is not assigned to this judge in this round: "
            "scores can only be entered for an assigned entry."
        )
        return render(request, "control/on_behalf.html", context, status=409)
    criteria = list(round_.criteria.order_by("order", "id"))
    card = Scorecard.objects.filter(round=round_, judge=judge, entry=entry).first()
    post = request.POST if request.method == "POST" else None
    form = OnBehalfForm(post, criteria=criteria, initial=_initial(card, criteria))
    submitted = card is not None and card.status == Scorecard.Status.SUBMITTED
    if post is not None and not submitted and form.is_valid():
        data = form.cleaned_data
        try:
            card = card or scorecard_open(round_=round_, judge=judge, entry=entry)
            filled = scorecard_fill(
                scorecard=card, values=form.values(), comment=data["comment"],
                version=data["version"], by=request.user, via=ORGANIZER, reason=data["source"],
                submit=data["submit_card"],
            )  # fmt: skip
        except StaleScorecard:
            messages.error(
                request,
                _(
                    "The judge changed this scorecard meanwhile: "
                    "check the values shown and save again."
                ),
            )
            return redirect(request.path)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("Saved for %(judge)s: %(n)s value(s) changed%(submitted)s.")
                % {
                    "judge": judge.user.name,
                    "n": filled.changed,
                    "submitted": _(", scorecard submitted") if data["submit_card"] else "",
                },
            )
            return redirect("control:audit_entry", pk=contest.pk, entry_pk=entry.pk)
    context.update({"form": form, "scorecard": card, "submitted": submitted})
    status = 409 if submitted and post is not None else 200
    return render(request, "control/on_behalf.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_reopen_view(request, pk, scorecard_pk):
    """Back to draft, with the reason kept in the audit trail."""
    contest = manageable_contest(request, pk)
    card = control_scorecard(contest, scorecard_pk)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            scorecard_reopen(
                scorecard=card, by=request.user, via=ORGANIZER, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0] if hasattr(error, "messages") else str(error))
        else:
            messages.success(
                request,
                _("The scorecard of %(judge)s is open again: it can be changed and submitted.")
                % {"judge": card.judge.user.name},
            )
            return redirect("control:audit_entry", pk=contest.pk, entry_pk=card.entry_id)
    return render(
        request, "control/reopen.html", {"contest": contest, "scorecard": card, "form": form}
    )
