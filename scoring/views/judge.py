"""The judge's pages: dashboard, scorecard (autosave per field from static/js/scorecard.js, or one
plain form POST),
submit with confirmation, reopen.

Every scorecard URL is addressed by round and entry and resolved against the signed-in judge's
own assignments: another judge's scorecard cannot even be named (404).
"""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.ids import parse_id
from scoring.forms.scorecard import COMMENT, SaveFieldForm, ScorecardForm, score_name
from scoring.selectors.judge import judge_dashboard
from scoring.selectors.published import published_for_judge
from scoring.services.scorecards import (
    FieldConflict,
    StaleScorecard,
    comment_save,
    score_save,
    scorecard_open,
    scorecard_reopen,
    scorecard_submit,
    window_open,
)
from scoring.views.judge_page import (
    CardState,
    assignment_or_404,
    missing_check,
    points,
    render_scorecard,
)


def stale_text() -> str:
    return _("Replaced by the value saved in another window.")


def conflict_text() -> str:
    return _(
        "Another window saved a newer value for this field. What you typed was not saved; "
        "choose which one to keep."
    )


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("scoring.view_judge_dashboard", request.user):
        raise PermissionDenied
    context = {
        "boards": judge_dashboard(request.user),
        "published": published_for_judge(request.user),
    }
    return render(request, "judge/dashboard.html", context)


def _save_all(request: HttpRequest, state: CardState):
    """The no-JS path: every field of the posted form through score_save / comment_save.

    Returns None when all was saved, else the page with the reasons next to the fields (values
    kept). A stale version refuses everything and shows the newer values."""
    assignment = state.assignment
    form = ScorecardForm(request.POST, criteria=state.criteria)
    if not form.is_valid():
        problems = (
            [_("The page was out of date; reload it and try again.")]
            if ("version" in form.errors)
            else []
        )
        return render_scorecard(
            request, state, posted=request.POST, errors=form.errors, problems=problems
        )
    if state.submitted or not window_open(assignment.round):
        state_problem = (
            _("This scorecard is submitted; reopen it to change it.")
            if state.submitted
            else _("The scoring window of this round is closed.")
        )
        return render_scorecard(request, state, problems=[state_problem], status=409)
    card = scorecard_open(round_=assignment.round, judge=assignment.judge, entry=assignment.entry)
    version, errors, comment_error = form.cleaned_data["version"], {}, ""
    try:
        for criterion, raw, level_id, clear in form.score_inputs(state.checked()):
            try:
                saved = score_save(
                    scorecard=card, criterion_id=criterion.pk, raw=raw, version=version,
                    by=request.user, level_id=level_id, clear=clear,
                )  # fmt: skip
                version = saved.scorecard.version
            except ValidationError as exc:
                errors[score_name(criterion.pk)] = exc.messages
        try:
            saved = comment_save(
                scorecard=card, text=form.cleaned_data[COMMENT], version=version, by=request.user
            )
        except ValidationError as exc:
            comment_error = " ".join(exc.messages)
    except StaleScorecard:
        fresh = CardState.load(assignment)
        notes = {}
        for row in fresh.rows():
            if request.POST.get(row.score_name, "").strip() != row.value:
                notes[row.score_name] = stale_text()
        if request.POST.get(COMMENT, "").replace("\r\n", "\n").strip() != fresh.comment:
            notes[COMMENT] = stale_text()
        problem = _(
            "This scorecard was changed in another window. Nothing was saved from this form; "
            "the page now shows the newer values."
        )
        return render_scorecard(request, fresh, notes=notes, problems=[problem], status=409)
    if errors or comment_error:
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


def _one_field(post) -> str | None:
    names = [k for k in post if k == COMMENT or k.startswith(("score-", "level-"))]
    return names[0] if len(names) == 1 else None


def _field_answer(card: CardState, target: str, status: int, **extra) -> JsonResponse:
    """What the page needs after one autosave: the stored value of the field (and checked
    level), the card's total and version, and a state with its message."""
    criterion_id = parse_id(target)
    score = card.scores.get(criterion_id) if target != COMMENT else None
    body = {
        "field": target,
        "value": card.comment if target == COMMENT else points(score.value if score else None),
        "level": card.checked().get(criterion_id) if target != COMMENT else None,
        "total": points(card.total) or "0",
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
    value comes back, nothing changed). Other fields are never touched."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    name, form = _one_field(request.POST), SaveFieldForm(request.POST)
    if name is None or "base" not in request.POST or not form.is_valid():
        return HttpResponseBadRequest(_("Send exactly one field and the value the page knew."))
    target = name.split("-", 1)[1] if "-" in name else COMMENT
    criterion_id = None if target == COMMENT else parse_id(target)
    if target != COMMENT and criterion_id is None:
        return HttpResponseBadRequest(_("Unknown field."))
    card = scorecard_open(round_=assignment.round, judge=assignment.judge, entry=assignment.entry)
    value, base = request.POST[name], form.cleaned_data["base"]
    try:
        if name == COMMENT:
            comment_save(scorecard=card, text=value, version=None, by=request.user, base=base)
        elif name.startswith("level-"):
            level_id = parse_id(value)
            if level_id is None:
                raise ValidationError(_("Choose one of this criterion's levels."))
            score_save(scorecard=card, criterion_id=criterion_id, raw="", version=None,
                       by=request.user, level_id=level_id, base=base)  # fmt: skip
        else:
            score_save(scorecard=card, criterion_id=criterion_id, raw=value, version=None,
                       by=request.user, base=base, clear=form.cleaned_data["clear"])  # fmt: skip
    except FieldConflict:
        state = CardState.load(assignment)
        return _field_answer(state, target, 409, state="conflict", message=conflict_text())
    except ValidationError as exc:
        state = CardState.load(assignment)
        return _field_answer(state, target, 422, state="error", message=" ".join(exc.messages))
    saved_at = timezone.localtime().strftime("%H:%M:%S")
    return _field_answer(CardState.load(assignment), target, 200, state="saved", saved_at=saved_at)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_submit_view(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """GET (or POST of the whole form, saved first): check every criterion is scored and ask to
    confirm; a POST with criteria missing goes back to the scorecard (`?check=1` shows them).
    POST with `confirm`: lock the scorecard."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
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
        return redirect("judge:dashboard")
    if request.method == "POST" and ScorecardForm.base_fields.keys() <= request.POST.keys():
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
