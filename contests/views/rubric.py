"""The htmx rubric editor of a round.

Every endpoint is a plain POST that redirects back to the editor; with `HX-Request` it answers with
the region that changed instead: one criterion card plus the total (out-of-band), or the whole
rubric region when criteria were added, removed or moved. Once scoring has started every endpoint
answers 409 and changes nothing.
"""

import functools

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from contests import forms, selectors, services
from contests.services.checks import rubric_locked_message
from contests.views.base import add_row, manageable_contest

TEMPLATE = "contests/rubric.html"


class Item:
    """One criterion on the page with its edit form and its levels formset."""

    def __init__(self, criterion, *, form=None, levels=None):
        self.criterion = criterion
        if form is None:
            form = forms.CriterionForm(instance=criterion, prefix=f"c{criterion.pk}")
        if levels is None:
            levels = forms.LevelFormSet(instance=criterion, prefix=f"levels-{criterion.pk}")
        self.form = form
        self.levels = levels


def _load(request, pk, round_pk):
    contest = manageable_contest(request, pk)
    return contest, selectors.round_rubric(contest, round_pk)


def _criterion(round_, criterion_pk):
    for criterion in round_.criterion_list:
        if criterion.pk == criterion_pk:
            return criterion
    raise Http404


def _context(contest, round_, *, replace=None, add_form=None, message=None):
    replace = replace or {}
    items = [replace.get(c.pk) or Item(c) for c in round_.criterion_list]
    return {
        "contest": contest,
        "round": round_,
        "items": items,
        "total": round_.rubric_total,
        "add_form": add_form or forms.CriterionForm(prefix="new"),
        "locked": round_.rubric_locked,
        "message": message,
    }


def _page_url(contest, round_, criterion_pk=None):
    url = reverse("contests:rubric", kwargs={"pk": contest.pk, "round_pk": round_.pk})
    return f"{url}#criterion-{criterion_pk}" if criterion_pk else url


def _locked(request, contest, round_):
    """409: nothing changed because the rubric is locked."""
    message = rubric_locked_message()
    if request.htmx:
        response = HttpResponse(
            render_to_string(f"{TEMPLATE}#alert", {"message": message}, request=request),
            status=409,
        )
        response["HX-Retarget"] = "#rubric-alert"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, TEMPLATE, _context(contest, round_, message=message), status=409)


def _region(request, contest, round_, *, add_form=None):
    """After add / delete / move: the whole rubric region, or a redirect without htmx."""
    if not request.htmx:
        return redirect(_page_url(contest, round_))
    round_ = selectors.round_rubric(contest, round_.pk)
    return render(request, f"{TEMPLATE}#rubric", _context(contest, round_, add_form=add_form))


def _card(request, contest, round_, item):
    """One criterion card and, out of band, the total."""
    context = _context(contest, round_)
    card = render_to_string(f"{TEMPLATE}#criterion", {**context, "item": item}, request=request)
    total = render_to_string(f"{TEMPLATE}#total", {**context, "oob": True}, request=request)
    return HttpResponse(card + total)


def _saved_card(request, contest, round_, criterion_pk):
    """After a criterion or its levels saved: its fresh card, or a redirect without htmx."""
    if not request.htmx:
        return redirect(_page_url(contest, round_, criterion_pk))
    round_ = selectors.round_rubric(contest, round_.pk)
    return _card(request, contest, round_, Item(_criterion(round_, criterion_pk)))


def _rubric_write(view):
    """POST-only rubric endpoint: loads the contest (managers only), the round and the criterion
    (when the URL names one), and answers 409 whenever the rubric is locked, before or while the
    service runs."""

    @login_required
    @require_POST
    @functools.wraps(view)
    def wrapper(request, pk, round_pk, criterion_pk=None):
        contest, round_ = _load(request, pk, round_pk)
        args = (contest, round_)
        if criterion_pk is not None:
            args += (_criterion(round_, criterion_pk),)
        if not rules.has_perm("contests.change_rubric", request.user, round_):
            return _locked(request, contest, round_)
        try:
            return view(request, *args)
        except services.RubricLocked:
            return _locked(request, contest, round_)

    return wrapper


@login_required
@require_GET
def rubric(request, pk, round_pk):
    contest, round_ = _load(request, pk, round_pk)
    return render(request, TEMPLATE, _context(contest, round_))


@_rubric_write
def criterion_add(request, contest, round_):
    form = forms.CriterionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.criterion_add(round_=round_, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _region(request, contest, round_)
    if request.htmx:
        return render(request, f"{TEMPLATE}#rubric", _context(contest, round_, add_form=form))
    return render(request, TEMPLATE, _context(contest, round_, add_form=form))


@_rubric_write
def criterion_update(request, contest, round_, criterion):
    form = forms.CriterionForm(request.POST, instance=criterion, prefix=f"c{criterion.pk}")
    if form.is_valid():
        try:
            services.criterion_update(criterion=criterion, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved_card(request, contest, round_, criterion.pk)
    item = Item(criterion, form=form)
    if request.htmx:
        return _card(request, contest, round_, item)
    return render(request, TEMPLATE, _context(contest, round_, replace={criterion.pk: item}))


@_rubric_write
def criterion_delete(request, contest, round_, criterion):
    services.criterion_delete(criterion=criterion)
    return _region(request, contest, round_)


@_rubric_write
def criterion_move(request, contest, round_, criterion):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(status=400)
    services.criterion_move(criterion=criterion, direction=direction)
    return _region(request, contest, round_)


def _level_rows(formset) -> list:
    rows = []
    for form in formset.forms:
        if formset._should_delete_form(form):
            if form.instance.pk:
                rows.append(services.Row(instance=form.instance, delete=True))
        elif form.instance.pk or form.has_changed():
            values = {n: form.cleaned_data[n] for n in ("label", "points", "description")}
            instance = form.instance if form.instance.pk else None
            rows.append(services.Row(instance=instance, values=values))
    return rows


@_rubric_write
def levels_save(request, contest, round_, criterion):
    prefix = f"levels-{criterion.pk}"
    formset = forms.LevelFormSet(request.POST, instance=criterion, prefix=prefix)
    if "add_row" in request.POST:
        data = add_row(request.POST, prefix)
        formset = forms.LevelFormSet(data, instance=criterion, prefix=prefix)
    elif formset.is_valid():
        try:
            services.levels_save(criterion=criterion, rows=_level_rows(formset))
        except ValidationError as error:
            return render(
                request,
                TEMPLATE,
                _context(contest, round_, message=" ".join(error.messages)),
                status=400,
            )
        return _saved_card(request, contest, round_, criterion.pk)
    item = Item(criterion, levels=formset)
    if request.htmx:
        return _card(request, contest, round_, item)
    return render(request, TEMPLATE, _context(contest, round_, replace={criterion.pk: item}))


@_rubric_write
def levels_standard(request, contest, round_, criterion):
    services.levels_fill_standard(criterion=criterion)
    return _saved_card(request, contest, round_, criterion.pk)
