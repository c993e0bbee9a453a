"""The organizer's progress board and reminder emails (namespace `control`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from config.ids import parse_id
from contests.views.base import manageable_contest, render_region
from scoring.forms.control import ReminderForm
from scoring.selectors.audit import control_judge
from scoring.selectors.paging import paged
from scoring.selectors.progress import (
    COVERAGES,
    Board,
    control_round,
    control_rounds,
    progress_board,
    round_totals,
    unfinished_counts,
)
from scoring.services.reminders import deadline_text, reminder_refusal, reminders_send

TEMPLATE = "control/progress.html"


def _chosen_round(contest, rounds, value):
    for round_ in rounds:
        if str(round_.pk) == str(value):
            return round_
    return rounds[0] if rounds else None


@login_required
@require_GET
def progress(request, pk):
    """Per judge and per entry of the chosen round (`?coverage=under|over`: only the entries
    with fewer or more judges than the round asks for; the entries 100 a page, `?page=`);
    htmx refreshes only the board region, the page's self-refresh only the totals
    (`progress_totals`)."""
    contest = manageable_contest(request, pk)
    rounds = control_rounds(contest)
    round_ = _chosen_round(contest, rounds, request.GET.get("round"))
    coverage = request.GET.get("coverage", "")
    board = progress_board(round_, coverage=coverage) if round_ else None
    context = {"contest": contest, "rounds": rounds, "round": round_, "board": board}
    if round_:
        context["coverage_links"] = _coverage_links(contest, round_)
        context["entries"] = paged(board.entries, request.GET, anchor="entries-title")
    return render_region(request, TEMPLATE, context, partial="board")


@login_required
@require_GET
def progress_totals(request, pk, round_pk):
    """The board's totals only (what its self-refresh every 30 seconds fetches): a few hundred
    bytes whatever the size of the round."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    coverage = request.GET.get("coverage", "")
    board = Board(round=round_, totals=round_totals(round_))
    board.coverage = coverage if coverage in COVERAGES else ""
    context = {
        "contest": contest,
        "round": round_,
        "board": board,
        "coverage_links": _coverage_links(contest, round_),
    }
    return render(request, f"{TEMPLATE}#totals", context)


def _coverage_links(contest, round_) -> dict[str, str]:
    return coverage_links(f"{_progress_url(contest)}?round={round_.pk}", anchor="entries-title")


@login_required
@require_http_methods(["GET", "POST"])
def remind(request, pk, round_pk):
    """Confirm, then email every judge with unfinished scorecards (or only `?judge=`)."""
    contest = manageable_contest(request, pk)
    round_ = control_round(contest, round_pk)
    form = ReminderForm(
        request.POST if request.method == "POST" else None,
        initial={"judge": request.GET.get("judge")},
    )
    judge_pk = request.POST.get("judge") if request.method == "POST" else request.GET.get("judge")
    judge = None
    if judge_pk not in (None, ""):
        judge_id = parse_id(judge_pk)
        if judge_id is None:
            raise Http404
        judge = control_judge(contest, judge_id)
    if request.method == "POST" and form.is_valid():
        try:
            sent = reminders_send(round_=round_, by=request.user, judge=judge)
        except ValidationError as refused:  # the round's window is not open
            messages.error(request, " ".join(refused.messages))
            return redirect(f"{_progress_url(contest)}?round={round_.pk}")
        if sent:
            messages.success(
                request,
                ngettext(
                    "A reminder was sent to %(n)s judge.",
                    "Reminders were sent to %(n)s judges.",
                    len(sent),
                )
                % {"n": len(sent)},
            )
        else:
            messages.info(request, _("No judge has unfinished scorecards: no email was sent."))
        return redirect(f"{_progress_url(contest)}?round={round_.pk}")
    recipients = unfinished_counts(round_, judge)
    context = {
        "contest": contest,
        "round": round_,
        "judge": judge,
        "form": form,
        "recipients": recipients,
        "deadline": deadline_text(round_),
        "refusal": reminder_refusal(round_),
    }
    return render(request, "control/remind.html", context)


def coverage_links(base: str, *, anchor: str) -> dict[str, str]:
    """Links to list every entry, or only the under- or over-assigned ones (`base` is the page's
    URL with its query, e.g. "…?round=3"; the lists open at `anchor`)."""
    joiner = "&" if "?" in base else "?"
    return {
        "all": f"{base}#{anchor}",
        **{c: f"{base}{joiner}coverage={c}#{anchor}" for c in COVERAGES},
    }


def _progress_url(contest) -> str:
    return reverse("control:progress", args=[contest.pk])
