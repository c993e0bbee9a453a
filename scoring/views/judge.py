"""The judge's pages: dashboard, scorecard (autosave per field with htmx, or one plain form POST),
submit with confirmation, reopen.

Every scorecard URL is addressed by round and entry and resolved against the signed-in judge's
own assignments: another judge's scorecard cannot even be named (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from scoring.forms.scorecard import COMMENT, SaveFieldForm, ScorecardForm, score_name
from scoring.permissions_judge import is_any_judge
from scoring.selectors.judge import judge_dashboard
from scoring.services.scorecards import (
    StaleScorecard,
    comment_save,
    score_save,
    scorecard_open,
    scorecard_reopen,
    scorecard_submit,
    window_open,
)
from scoring.views.judge_page import (
    TEMPLATE,
    CardState,
    assignment_or_404,
    points,
    render_scorecard,
)


def stale_text() -> str:
    return _("Replaced by the value saved in another window.")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not is_any_judge(request.user):
        raise PermissionDenied
    return render(request, "judge/dashboard.html", {"boards": judge_dashboard(request.user)})


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
        for criterion, raw, level_id in form.score_inputs(state.checked()):
            try:
                saved = score_save(
                    scorecard=card, criterion_id=criterion.pk, raw=raw, version=version,
                    by=request.user, level_id=level_id,
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
        return render_scorecard(request, state)
    refused = _save_all(request, state)
    if refused is not None:
        return refused
    messages.success(request, _("Saved."))
    return redirect("judge:scorecard", round_pk=round_pk, entry_pk=entry_pk)


def _one_field(post) -> str | None:
    names = [k for k in post if k == COMMENT or k.startswith(("score-", "level-"))]
    return names[0] if len(names) == 1 else None


@login_required
@require_POST
def scorecard_save(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """Save one field (htmx). 200 saved, 422 refused (message in the field, nothing changed),
    409 stale (the field and the rest of the card show the stored values and new version)."""
    assignment = assignment_or_404(request, round_pk, entry_pk)
    name, form = _one_field(request.POST), SaveFieldForm(request.POST)
    if name is None or not form.is_valid():
        return HttpResponseBadRequest(_("Send the version and exactly one field."))
    target = name.split("-", 1)[1] if "-" in name else COMMENT
    if target != COMMENT and not (target.isascii() and target.isdigit()):
        return HttpResponseBadRequest(_("Unknown field."))
    card = scorecard_open(round_=assignment.round, judge=assignment.judge, entry=assignment.entry)
    version, value = form.cleaned_data["version"], request.POST[name]
    context = {"target": target, "error": "", "stale": False, "saved_at": None}
    status = 200
    try:
        if name == COMMENT:
            comment_save(scorecard=card, text=value, version=version, by=request.user)
        elif name.startswith("level-"):
            if not (value.isascii() and value.isdigit()):
                raise ValidationError(_("Choose one of this criterion's levels."))
            score_save(scorecard=card, criterion_id=int(target), raw="", version=version,
                       by=request.user, level_id=int(value))  # fmt: skip
        else:
            score_save(scorecard=card, criterion_id=int(target), raw=value, version=version,
                       by=request.user)  # fmt: skip
        context["saved_at"] = timezone.localtime()
    except StaleScorecard:
        context["stale"], status = True, 409
    except ValidationError as exc:
        context["error"], status = " ".join(exc.messages), 422
    state = CardState.load(assignment)
    context.update(
        version=state.version,
        total=points(state.total) or "0",
        rows=state.rows(),
        comment=state.comment,
        stale_text=stale_text(),
        editable=True,
        round=assignment.round,
        entry=assignment.entry,
    )
    return render(request, f"{TEMPLATE}#save_response", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_submit_view(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    """GET (or POST of the whole form): check every criterion is scored and ask to confirm.
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
    missing = state.missing()
    if missing:
        errors = {score_name(c.pk): [_("Score this criterion.")] for c in missing}
        return render_scorecard(
            request,
            state,
            errors=errors,
            problems=[_("Score every criterion before submitting.")],
            status=422 if request.method == "POST" else 200,
        )
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
