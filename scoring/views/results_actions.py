"""The organizer's results actions (POST only): exclude / include a scorecard, record a tie
decision, finalize, reopen, override an award, publish and unpublish.

Each redirects (302) back to its page; what the service refuses is shown there as a message and
nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
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
)
from scoring.models import ResultExclusion
from scoring.selectors.in_effect import assignments_in_effect
from scoring.selectors.progress import control_round
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


def _round(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    return contest, control_round(contest, round_pk)


@login_required
@require_POST
def exclude(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    form = ExcludeForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _round_page(contest, round_)
    assignment = (
        assignments_in_effect(
            round=round_, judge_id=form.cleaned_data["judge"], entry_id=form.cleaned_data["entry"]
        )
        .select_related("judge__user", "entry")
        .first()
    )
    if assignment is None:
        messages.error(request, _("This judge is not assigned this entry in this round."))
        return _round_page(contest, round_)
    try:
        result_exclude(
            round_=round_, judge=assignment.judge, entry=assignment.entry,
            reason=form.cleaned_data["reason"], by=request.user,
        )  # fmt: skip
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(judge)s's scorecard for %(entry)s is left out of the result.")
            % {"judge": assignment.judge.user.name, "entry": assignment.entry.receipt_number},
        )
    return _round_page(contest, round_)


@login_required
@require_POST
def include(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    form = IncludeForm(request.POST)
    exclusion = None
    if form.is_valid():
        exclusion = (
            ResultExclusion.objects.filter(pk=form.cleaned_data["exclusion"], round=round_)
            .select_related("round", "judge__user", "entry")
            .first()
        )
    if exclusion is None:
        messages.error(request, _("This scorecard is not left out of this round."))
        return _round_page(contest, round_)
    try:
        result_include(exclusion=exclusion)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(judge)s's scorecard for %(entry)s is expected again.")
            % {"judge": exclusion.judge.user.name, "entry": exclusion.entry.receipt_number},
        )
    return _round_page(contest, round_)


@login_required
@require_POST
def decide(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    group = DecideForm.posted_group(request.POST)
    form = DecideForm(request.POST, choices=[(r, r) for r in group])
    if not group:
        messages.error(request, _("Put at least two different entries in order."))
    elif not form.is_valid():
        _invalid(request, form)
    else:
        try:
            tie_decide(
                round_=round_, scope=form.cleaned_data["scope"],
                entries=form.cleaned_data["order"], reason=form.cleaned_data["reason"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The order is recorded: %(order)s.")
                % {"order": " > ".join(form.cleaned_data["order"])},
            )
    return _round_page(contest, round_)


@login_required
@require_POST
def finalize(request, pk, round_pk):
    """Finalize after the confirmation step (without `confirm=yes`, back to that step)."""
    contest, round_ = _round(request, pk, round_pk)
    form = FinalizeForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
    if not form.confirmed:
        return _round_page(contest, round_, "?confirm=finalize#finalize")
    try:
        result = round_finalize(round_=round_, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        _refused(request, error)
        return _round_page(contest, round_)
    messages.success(
        request,
        _("%(round)s is finalized. Digest (SHA-256): %(digest)s")
        % {"round": round_.name, "digest": result.digest},
    )
    advanced = result.advancements.count()
    if advanced:
        messages.info(
            request,
            ngettext(
                "%(n)s entry advances to the next round.",
                "%(n)s entries advance to the next round.",
                advanced,
            )
            % {"n": advanced},
        )
    return _round_page(contest, round_)


@login_required
@require_POST
def reopen(request, pk, round_pk):
    contest, round_ = _round(request, pk, round_pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _round_page(contest, round_)
    try:
        round_reopen(round_=round_, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(round)s is reopened: its snapshot is voided and scores can change again.")
            % {"round": round_.name},
        )
    return _round_page(contest, round_)


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
    if not form.is_valid():
        _invalid(request, form)
        return _index(contest)
    tier = tiers.get(form.cleaned_data["tier"])
    try:
        award_override(
            contest=contest, entry=entry, tier=tier, reason=form.cleaned_data["reason"],
            by=request.user,
        )  # fmt: skip
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The award of %(entry)s is now: %(award)s.")
            % {"entry": entry.receipt_number, "award": tier.name if tier else _("No award")},
        )
    return _index(contest)


@login_required
@require_POST
def publish(request, pk):
    contest = manageable_contest(request, pk)
    form = PublishForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    try:
        results_publish(
            contest=contest, by=request.user, scores=form.cleaned_data.get("scores", False),
            ranks=form.cleaned_data.get("ranks", False),
        )  # fmt: skip
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The results are published."))
    return _index(contest)


@login_required
@require_POST
def unpublish(request, pk):
    contest = manageable_contest(request, pk)
    try:
        results_unpublish(contest=contest, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The results are withdrawn from the public."))
    return _index(contest)
