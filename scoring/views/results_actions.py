"""The organizer's results actions (POST only): exclude / include a scorecard, record a tie
decision (a line tie from the round page, an award tie from the contest results page), finalize,
reopen, override an award, publish and unpublish.

Every action has one shape (`_act`): its form is validated, its service called, and it redirects
(302) back to its page with the success message, or with what was refused as error messages (and
nothing changed).
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from contests.models import AwardTier
from contests.views.base import manageable_contest
from scoring.forms.results import (
    DecideForm,
    ExcludeForm,
    FinalizeForm,
    IncludeForm,
    OverrideForm,
    PublishForm,
    ReopenForm,
    UnpublishForm,
)
from scoring.models import ResultExclusion, TieDecision
from scoring.selectors.in_effect import assignments_in_effect
from scoring.selectors.progress import control_round
from scoring.selectors.results import contest_rounds
from scoring.services.results import (
    award_override,
    result_exclude,
    result_include,
    results_publish,
    results_unpublish,
    round_finalize,
    round_reopen,
    tie_decide,
)
from submissions.models import Entry

# What a successful action says: one success message, or (level, text) pairs in order.
Said = str | list[tuple[int, str]]


def _round_page(contest, round_, query: str = ""):
    return redirect(reverse("results:round", args=[contest.pk, round_.pk]) + query)


def _index(contest):
    return redirect(reverse("results:index", args=[contest.pk]))


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _invalid(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _act(request, back, *, call: Callable, success: Callable[..., Said], form=None):
    """Validate `form` (its errors as messages), then `call()` the service; what it refuses
    (ValidationError) becomes error messages, what it returns goes to `success` for the
    message(s) to show. Either way, `back` (a redirect)."""
    if form is not None and not form.is_valid():
        _invalid(request, form)
        return back
    try:
        done = call()
    except ValidationError as error:
        _refused(request, error)
        return back
    said = success(done)
    for level, text in [(messages.SUCCESS, said)] if isinstance(said, str) else said:
        messages.add_message(request, level, text)
    return back


def _round(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    return contest, control_round(contest, round_pk)


@login_required
@require_POST
def exclude(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    form = ExcludeForm(request.POST)

    def call():
        data = form.cleaned_data
        assignment = (
            assignments_in_effect(round=round_, judge_id=data["judge"], entry_id=data["entry"])
            .select_related("judge__user", "entry")
            .first()
        )
        if assignment is None:
            raise ValidationError(_("This judge is not assigned this entry in this round."))
        result_exclude(
            round_=round_,
            judge=assignment.judge,
            entry=assignment.entry,
            reason=data["reason"],
            by=request.user,
        )
        return assignment

    return _act(
        request,
        _round_page(contest, round_),
        form=form,
        call=call,
        success=lambda assignment: (
            _("%(judge)s's scorecard for %(entry)s is left out of the result.")
            % {"judge": assignment.judge.user.name, "entry": assignment.entry.receipt_number}
        ),
    )


@login_required
@require_POST
def include(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)

    def call():
        form = IncludeForm(request.POST)
        exclusion = None
        if form.is_valid():
            exclusion = (
                ResultExclusion.objects.filter(pk=form.cleaned_data["exclusion"], round=round_)
                .select_related("round", "judge__user", "entry")
                .first()
            )
        if exclusion is None:
            raise ValidationError(_("This scorecard is not left out of this round."))
        result_include(exclusion=exclusion)
        return exclusion

    return _act(
        request,
        _round_page(contest, round_),
        call=call,
        success=lambda exclusion: (
            _("%(judge)s's scorecard for %(entry)s is expected again.")
            % {"judge": exclusion.judge.user.name, "entry": exclusion.entry.receipt_number}
        ),
    )


def _decide(request, round_, back, scope: str | None = None):
    """Record the order of tied entries (`scope`: the ranking it is for; None: as posted)."""
    group = DecideForm.posted_group(request.POST)
    if not group:  # a malformed group is refused before the form's own errors
        messages.error(request, _("Put at least two different entries in order."))
        return back
    form = DecideForm(request.POST, choices=[(r, r) for r in group])
    return _act(
        request,
        back,
        form=form,
        call=lambda: tie_decide(
            round_=round_,
            scope=scope or form.cleaned_data["scope"],
            entries=form.cleaned_data["order"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        success=lambda decision: (
            _("The order is recorded: %(order)s.") % {"order": " > ".join(decision.entries)}
        ),
    )


@login_required
@require_POST
def decide(request, pk, round_pk):
    """A tie decision from the round page (a line tie)."""
    contest, round_ = _round(request, pk, round_pk)
    return _decide(request, round_, _round_page(contest, round_))


@login_required
@require_POST
def decide_award(request, pk):
    """An award tie decided from the contest results page: the final round's contest ranking."""
    contest = manageable_contest(request, pk)
    rounds = contest_rounds(contest.pk)
    if not rounds:
        raise Http404
    return _decide(request, rounds[-1], _index(contest), scope=TieDecision.Scope.CONTEST)


def _finalized(round_, result) -> Said:
    said = [
        (
            messages.SUCCESS,
            _("%(round)s is finalized. Digest (SHA-256): %(digest)s")
            % {"round": round_.name, "digest": result.digest},
        )
    ]
    advanced = result.advancements.count()
    if advanced:
        said.append(
            (
                messages.INFO,
                ngettext(
                    "%(n)s entry advances to the next round.",
                    "%(n)s entries advance to the next round.",
                    advanced,
                )
                % {"n": advanced},
            )
        )
    return said


@login_required
@require_POST
def finalize(request, pk, round_pk):
    """Finalize after the confirmation step (without `confirm=yes`, back to that step)."""
    contest, round_ = _round(request, pk, round_pk)
    form = FinalizeForm(request.POST)
    if not form.confirmed:
        _invalid(request, form)
        return _round_page(contest, round_, "?confirm=finalize#finalize")
    return _act(
        request,
        _round_page(contest, round_),
        call=lambda: round_finalize(round_=round_, by=request.user, note=form.cleaned_data["note"]),
        success=lambda result: _finalized(round_, result),
    )


@login_required
@require_POST
def reopen(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    form = ReopenForm(request.POST)
    return _act(
        request,
        _round_page(contest, round_),
        form=form,
        call=lambda: round_reopen(
            round_=round_, by=request.user, reason=form.cleaned_data["reason"]
        ),
        success=lambda _result: (
            _("%(round)s is reopened: its snapshot is voided and scores can change again.")
            % {"round": round_.name}
        ),
    )


@login_required
@require_POST
def override(request, pk):
    contest = manageable_contest(request, pk)
    receipt = request.POST.get("entry") or ""
    entry = (
        Entry.objects.filter(contest=contest, receipt_number=receipt[:50]).first()
        if receipt
        else None
    )
    tiers = {f"A{t.pk}": t for t in AwardTier.objects.filter(contest=contest)}
    form = OverrideForm(
        request.POST,
        entries=[(entry.receipt_number, entry.receipt_number)] if entry else [],
        tiers=[(code, tier.name) for code, tier in tiers.items()],
    )
    return _act(
        request,
        _index(contest),
        form=form,
        call=lambda: award_override(
            contest=contest,
            entry=entry,
            tier=tiers.get(form.cleaned_data["tier"]),
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        success=lambda done: (
            _("The award of %(entry)s is now: %(award)s.")
            % {
                "entry": entry.receipt_number,
                "award": done.tier.name if done.tier else _("No award"),
            }
        ),
    )


@login_required
@require_POST
def publish(request, pk):
    contest = manageable_contest(request, pk)
    form = PublishForm(request.POST)  # two check boxes: always valid
    return _act(
        request,
        _index(contest),
        form=form,
        call=lambda: results_publish(
            contest=contest,
            by=request.user,
            scores=form.cleaned_data.get("scores", False),
            ranks=form.cleaned_data.get("ranks", False),
        ),
        success=lambda _contest: _("The results are published."),
    )


@login_required
@require_POST
def unpublish(request, pk):
    """Withdraw the publication: only with a reason (kept in the publication history)."""
    contest = manageable_contest(request, pk)
    form = UnpublishForm(request.POST)
    return _act(
        request,
        _index(contest),
        form=form,
        call=lambda: results_unpublish(
            contest=contest, by=request.user, reason=form.cleaned_data["reason"]
        ),
        success=lambda _contest: _("The results are withdrawn from the public."),
    )
