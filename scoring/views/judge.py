"""The judge's pages: dashboard, scorecard (autosave per field from static/js/scorecard.js, or one
plain form POST), submit with confirmation, reopen. Both ways of saving read the post with
ScorecardForm and save through scoring.services.scorecards (`field_save`, `form_save`).

Every scorecard URL is addressed by round and entry and resolved against the signed-in judge's
own assignments: another judge's scorecard cannot even be named (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from scoring.forms.scorecard import ScorecardForm
from scoring.selectors.judge import checked_level, points
from scoring.selectors.judge_next import next_unscored
from scoring.services.scorecards import (
    FieldConflict,
    NotAssigned,
    Outcome,
    StaleScorecard,
    field_save,
    form_save,
    scorecard_reopen,
    scorecard_submit,
    window_open,
)
from scoring.views.judge_page import CardState, assignment_or_404, missing_check, render_scorecard


def stale_text() -> str:
    return _("Replaced by the value saved in another window.")


def conflict_text() -> str:
    return _(
        "Another window saved a newer value for this field. What you typed was not saved; "
        "choose which one to keep."
    )


def _save_all(request: HttpRequest, state: CardState) -> HttpResponse | None:
    """The no-JS path: the whole posted form through ScorecardForm and `form_save`.

    Returns None when all was saved, else the page with the reasons next to the fields (values
    kept). A stale version refuses everything and shows the newer values."""
    assignment = state.assignment
    form = ScorecardForm(
        request.POST,
        criteria=state.criteria,
        checked=state.checked(),
        commented=assignment.round.criterion_comments,
    )
    if not form.is_valid():
        problems = (
            [_("The page was out of date; reload it and try again.")]
            if ("version" in form.errors)
            else []
        )
        return render_scorecard(
            request, state, posted=request.POST, errors=form.errors, problems=problems
        )
    try:
        saved = form_save(
            by=request.user, round_id=assignment.round_id, entry_id=assignment.entry_id,
            changes=form.changes(), version=form.cleaned_data["version"],
        )  # fmt: skip
    except NotAssigned:
        raise Http404 from None
    except StaleScorecard:
        fresh = CardState.load(assignment)
        stored = {row.criterion.pk: row.value for row in fresh.rows()}
        notes = dict.fromkeys(form.replaced(stored, fresh.comment), stale_text())
        problem = _(
            "This scorecard was changed in another window. Nothing was saved from this form; "
            "the page now shows the newer values."
        )
        return render_scorecard(request, fresh, notes=notes, problems=[problem], status=409)
    except ValidationError as exc:  # the card cannot change now: submitted, or window closed
        return render_scorecard(request, state, problems=exc.messages, status=409)
    if saved.errors:
        errors, comment_error = form.field_errors(saved.errors)
        fresh = CardState.load(assignment)
        return render_scorecard(
            request, fresh, posted=request.POST, errors=errors, comment_error=comment_error
        )
    return None


@login_required
@require_http_methods(["GET", "POST"])
def scorecard(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    state = CardState.load(assignment_or_404(request, round_pk, entry_pk))
    if request.method == "GET":
        # ?check=1: where a refused submit sends the judge (POST/redirect/GET).
        check = missing_check(state) if request.GET.get("check") == "1" else {}
        return render_scorecard(request, state, **check)
    refused = _save_all(request, state)
    if refused is not None:
        return refused
    messages.success(request, _("Saved."))
    return redirect("judge:scorecard", round_pk=round_pk, entry_pk=entry_pk)


def _field_answer(saved: Outcome, form: ScorecardForm, status: int, **extra) -> JsonResponse:
    """What the page needs after one autosave: the stored value of the field (and checked
    level), the card's total and version, and a state with its message."""
    change = form.changes()[0]
    criterion_id = None if change.on_criterion else change.criterion_id
    score = saved.scores.get(criterion_id) if criterion_id is not None else None
    criterion = saved.criteria.get(criterion_id)
    card = saved.scorecard
    if change.on_criterion:
        value = saved.ccomments.get(change.criterion_id, "")
    elif criterion_id is None:
        value = card.comment
    else:
        value = points(score.value if score else None)
    body = {
        "field": form.key,
        "value": value,
        "level": checked_level(criterion, score) if criterion is not None else None,
        "total": points(saved.total) or "0",
        "version": card.version,
        "message": "",
        **extra,
    }
    return JsonResponse(body, status=status)


@login_required
@require_POST
def scorecard_save(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """Save one field (static/js/scorecard.js). JSON answers: 200 saved (also when the stored
    value already is the new one: a resent save is harmless), 422 refused (message, nothing
    changed), 409 conflict (another window saved this field since the page knew it; the stored
    value comes back, nothing changed). Other fields are never touched.

    At most eight queries, the session and the user included (tests/judge/
    test_save_queries.py): one transaction locks the judge's own card (someone else's card: 404,
    nothing locked), reads its scores with the checks that must follow the lock, and writes."""
    form = ScorecardForm(request.POST)
    if not form.is_valid():
        assignment_or_404(request, round_pk, entry_pk)  # someone else's card: 404 first
        return HttpResponseBadRequest(form.refusal())
    try:
        saved = field_save(
            by=request.user, round_id=round_pk, entry_id=entry_pk, change=form.changes()[0]
        )
    except NotAssigned:
        raise Http404 from None
    if isinstance(saved.refusal, FieldConflict):
        return _field_answer(saved, form, 409, state="conflict", message=conflict_text())
    if saved.refusal is not None:
        message = " ".join(saved.refusal.messages)
        return _field_answer(saved, form, 422, state="error", message=message)
    saved_at = timezone.localtime().strftime("%H:%M:%S")
    return _field_answer(saved, form, 200, state="saved", saved_at=saved_at)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_submit_view(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """GET (or POST of the whole form, saved first): check every criterion is scored and ask to
    confirm; a POST with criteria missing goes back to the scorecard (`?check=1` shows them).
    POST with `confirm`: lock the scorecard, then open the dashboard, or with `next` (the fast
    path, "Submit and go to the next entry") the next entry not yet submitted."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    go_next = "next" in request.GET or "next" in request.POST
    state = CardState.load(assignment)
    back = redirect("judge:scorecard", round_pk=round_pk, entry_pk=entry_pk)
    if request.method == "POST" and "confirm" in request.POST:
        if state.card is None:
            return back
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            return HttpResponseBadRequest(_("Unknown version."))
        try:
            scorecard_submit(scorecard=state.card, version=version, by=request.user)
        except StaleScorecard:
            messages.error(
                request,
                _("This scorecard was changed in another window. Check it and submit again."),
            )
            return back
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return back
        messages.success(
            request,
            _("Submitted: %(title)s. It is locked now.") % {"title": assignment.entry.title},
        )
        following = next_unscored(assignment) if go_next else None
        if following is not None:
            return redirect("judge:scorecard", round_pk=round_pk, entry_pk=following)
        if go_next:
            messages.info(request, _("Every entry assigned to you in this round is submitted."))
        return redirect("judge:dashboard")
    if request.method == "POST" and ScorecardForm.is_whole(request.POST):
        refused = _save_all(request, state)
        if refused is not None:
            return refused
        state = CardState.load(assignment)
    if state.submitted:
        return back
    check = missing_check(state)
    if check and request.method == "POST":
        # Back to the scorecard's own URL (a reload re-posts nothing), showing what is missing.
        return redirect(f"{back.url}?check=1")
    if check:
        return render_scorecard(request, state, **check)
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "entry": assignment.entry,
        "rows": state.rows(),
        "comment": state.comment,
        "version": state.version,
        "total": points(state.total),
        "is_open": window_open(assignment.round),
        "go_next": go_next,
    }
    return render(request, "judge/submit_confirm.html", context)


@login_required
@require_POST
def scorecard_reopen_view(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    state = CardState.load(assignment_or_404(request, round_pk, entry_pk))
    if state.card is None:
        messages.error(request, _("Only a submitted scorecard can be reopened."))
    else:
        try:
            scorecard_reopen(scorecard=state.card, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The scorecard is a draft again. Submit it again when done.")
            )
    return redirect("judge:scorecard", round_pk=round_pk, entry_pk=entry_pk)
