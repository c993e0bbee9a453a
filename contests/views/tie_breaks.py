"""The contest's tie-break chain (동점자 처리): list the steps in order, add, move, remove.

One URL: GET shows the page; POST carries `action` (add / up / down / delete, with `rule` for the
last three). Without JavaScript a successful POST redirects back to the page; with `HX-Request`
the answer is the chain region. Once the results are published nothing changes (409).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from config.ids import parse_id
from contests.forms.tie_breaks import TieBreakForm
from contests.models import TieBreakRule
from contests.services.tie_breaks import (
    published_message,
    tie_break_add,
    tie_break_delete,
    tie_break_move,
)
from contests.views.base import manageable_contest, render_region

TEMPLATE = "contests/tie_breaks.html"


def chain_of(contest) -> list[TieBreakRule]:
    """The steps in order, with what each compares (one query)."""
    return list(
        TieBreakRule.objects.filter(contest=contest).select_related(
            "criterion__round", "round", "panel__round"
        )
    )


def _render(request, contest, *, form=None, message="", status=200):
    locked = contest.results_published_at is not None
    context = {
        "contest": contest,
        "rules": chain_of(contest),
        "form": form or TieBreakForm(contest=contest),
        "locked": locked,
        "message": message or (published_message() if locked else ""),
    }
    if request.htmx:
        status = 200  # htmx swaps only 2xx answers; the region carries the message
    return render_region(request, TEMPLATE, context, partial="chain", status=status)


def _done(request, contest):
    if request.htmx:
        return _render(request, contest)
    return redirect("contests:tie_breaks", pk=contest.pk)


@login_required
@require_http_methods(["GET", "POST"])
def tie_breaks(request, pk):
    contest = manageable_contest(request, pk)
    if request.method == "GET":
        return _render(request, contest)
    action = request.POST.get("action")
    if action == "add":
        form = TieBreakForm(request.POST, contest=contest)
        if form.is_valid():
            data = form.cleaned_data
            try:
                tie_break_add(
                    contest=contest,
                    kind=data["kind"],
                    criterion=data.get("criterion"),
                    round_=data.get("round"),
                    panel=data.get("panel"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _done(request, contest)
        status = 409 if contest.results_published_at is not None else 200
        return _render(request, contest, form=form, status=status)
    if action not in ("up", "down", "delete"):
        return HttpResponseBadRequest()
    rule_id = parse_id(request.POST.get("rule"))
    rule = TieBreakRule.objects.filter(pk=rule_id, contest=contest).first() if rule_id else None
    if rule is None:
        raise Http404
    try:
        if action == "delete":
            tie_break_delete(rule=rule)
        else:
            tie_break_move(rule=rule, direction=action)
    except ValidationError as error:
        return _render(request, contest, message=" ".join(error.messages), status=409)
    return _done(request, contest)
