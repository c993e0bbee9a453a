"""A judge's calibration pages: 나의 평가 현황 (`judge:overview`), two entries side by side
(`judge:compare`), and the private note's save (`judge:note`).

Every URL is resolved against the signed-in user's own judge role and assignments in effect:
a round of a contest the user does not judge, or an entry not assigned to them, is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.ids import parse_id
from scoring.selectors.judge import rubric_of
from scoring.selectors.judge_overview import (
    NoteState,
    judge_round,
    overview,
    pair_of,
    question_rows,
    score_rows,
)
from scoring.services.notes import note_save, note_text
from scoring.services.scorecard_edit import NotAssigned
from scoring.views.judge_page import assignment_or_404, attachment_items


def _judge_round_or_404(request: HttpRequest, round_pk: int):
    found = judge_round(request.user, round_pk)
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def overview_view(request: HttpRequest, round_pk: int) -> HttpResponse:
    judge, round_ = _judge_round_or_404(request, round_pk)
    data = overview(
        judge, round_, sort=request.GET.get("sort", ""), direction=request.GET.get("dir", "")
    )
    return render(request, "judge/overview.html", {"page": data, "round": round_})


@login_required
@require_GET
def compare(request: HttpRequest, round_pk: int) -> HttpResponse:
    """`?a=&b=` (or two `pick` from the overview's checkboxes): the two entries side by side."""
    judge, round_ = _judge_round_or_404(request, round_pk)
    picks = request.GET.getlist("pick")
    if picks:
        raw = picks if len(picks) == 2 else []
    else:
        raw = [request.GET.get("a", ""), request.GET.get("b", "")]
    if len(raw) != 2 or not all(raw):
        messages.error(request, _("Choose exactly two entries to compare them side by side."))
        return redirect("judge:overview", round_pk=round_pk)
    a, b = parse_id(raw[0]), parse_id(raw[1])
    if a is None or b is None:
        raise Http404
    if a == b:
        messages.error(request, _("Choose two different entries to compare them side by side."))
        return redirect("judge:overview", round_pk=round_pk)
    sides = pair_of(judge, round_, a, b)
    if sides is None:
        raise Http404
    for side in sides:
        side.files = attachment_items(side.assignment)
    criteria = rubric_of(round_)
    context = {
        "round": round_,
        "contest": round_.contest,
        "blind": round_.contest.blind_judging,
        "sides": sides,
        "questions": question_rows(sides),
        "scores": score_rows(criteria, sides),
    }
    return render(request, "judge/compare.html", context)


@login_required
@require_POST
def note(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """Save the judge's private note: with htmx (autosave) the note's status line answers; without
    JavaScript, back to the scorecard, or a page keeping the typed text when it was refused."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    text = request.POST.get("text", "")
    state = NoteState(text=note_text(text))
    try:
        saved = note_save(judge=assignment.judge, entry=assignment.entry, text=text)
    except NotAssigned:
        raise Http404 from None
    except ValidationError as exc:
        state.error = " ".join(exc.messages)
    else:
        state.saved_at = saved.updated_at if saved else None
        state.deleted = saved is None
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "entry": assignment.entry,
        "note_state": state,
    }
    if request.htmx:
        return render(request, "judge/_private_note.html#note_status", context)
    if state.error:
        return render(request, "judge/note_edit.html", context)
    if state.deleted:
        messages.success(request, _("Your private note was deleted."))
    else:
        saved_at = timezone.localtime(state.saved_at).strftime("%H:%M")
        messages.success(
            request, _("Your private note was saved at %(time)s.") % {"time": saved_at}
        )
    return redirect("judge:scorecard", round_pk=round_pk, entry_pk=entry_pk)
