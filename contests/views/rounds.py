"""Create, edit and delete a round together with its panels."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contests import forms, selectors, services
from contests.models import Round
from contests.services.checks import HUNDRED, round_weight_total
from contests.views.base import add_row, manageable_contest

PANELS = "panels"


def _new_round_initial(contest) -> dict:
    """Sensible defaults: the weight still unused, opening when the previous stage closes."""
    last = contest.rounds.order_by("-order", "-id").first()
    opens = last.closes_at if last else contest.submission_closes_at
    return {
        "weight": max(HUNDRED - round_weight_total(contest), 0),
        "opens_at": opens,
        "closes_at": opens + dt.timedelta(days=14),
    }


def _panel_rows(formset) -> list[services.Row]:
    rows = []
    for form in formset.forms:
        if formset._should_delete_form(form):
            if form.instance.pk:
                rows.append(services.Row(instance=form.instance, delete=True))
        elif form.instance.pk or form.has_changed():
            values = {name: form.cleaned_data[name] for name in ("name_ko", "name_en", "weight")}
            rows.append(
                services.Row(instance=form.instance if form.instance.pk else None, values=values)
            )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def round_form(request, pk, round_pk=None):
    contest = manageable_contest(request, pk)
    round_ = selectors.round_get(contest, round_pk) if round_pk else None
    instance = round_ or Round(contest=contest)
    post = request.POST if request.method == "POST" else None
    if post is not None and "add_row" in post:
        post = add_row(post, PANELS)
        form = forms.RoundForm(post, instance=instance, contest=contest)
        formset = forms.PanelFormSet(post, instance=instance, prefix=PANELS)
        return _render(request, contest, round_, form, formset)
    initial = {} if round_ else _new_round_initial(contest)
    form = forms.RoundForm(post, instance=instance, contest=contest, initial=initial)
    formset = forms.PanelFormSet(post, instance=instance, prefix=PANELS)
    if post is not None and form.is_valid() and formset.is_valid():
        try:
            saved = services.round_save(
                contest=contest, round_=round_, data=form.cleaned_data, panels=_panel_rows(formset)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if round_ is None:
                messages.success(request, _("The round was added. Now set up its rubric."))
                return redirect("contests:rubric", pk=contest.pk, round_pk=saved.pk)
            messages.success(request, _("The round was saved."))
            return redirect("contests:detail", pk=contest.pk)
    return _render(request, contest, round_, form, formset)


def _render(request, contest, round_, form, formset):
    return render(
        request,
        "contests/round_form.html",
        {"contest": contest, "round": round_, "form": form, "formset": formset},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_delete(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    round_ = selectors.round_get(contest, round_pk)
    error = None
    if request.method == "POST":
        try:
            services.round_delete(round_=round_)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The round was removed."))
            return redirect("contests:detail", pk=contest.pk)
    return render(
        request,
        "contests/round_confirm_delete.html",
        {"contest": contest, "round": round_, "error": error},
        status=409 if error else 200,
    )
