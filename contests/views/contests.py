"""Contest list, overview, basic fields, copy, and the ordered child lists (one generic view)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_http_methods

from contests import forms, selectors, services
from contests.models import AttachmentSlot, AwardTier, Category, EntryQuestion
from contests.services.copy_names import contest_copy_named
from contests.views.base import add_row, manageable_contest


def contest_list(request):
    contests = selectors.contests_visible_to(request.user)
    return render(
        request,
        "contests/contest_list.html",
        {
            "contests": contests,
            "can_create": rules.has_perm("contests.create_contest", request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contest_create(request):
    if not rules.has_perm("contests.create_contest", request.user):
        raise PermissionDenied
    form = forms.ContestForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contest was created."))
            return redirect("contests:detail", pk=contest.pk)
    return render(request, "contests/contest_form.html", {"form": form, "contest": None})


def contest_detail(request, pk):
    contest = selectors.contest_setup(request.user, pk)
    can_manage = rules.has_perm("contests.manage_contest", request.user, contest)
    return render(
        request,
        "contests/contest_detail.html",
        {
            "contest": contest,
            "can_manage": can_manage,
            "can_copy": can_manage and rules.has_perm("contests.create_contest", request.user),
            "warnings": selectors.setup_warnings(contest) if can_manage else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contest_edit(request, pk):
    contest = manageable_contest(request, pk)
    form = forms.ContestForm(request.POST or None, instance=contest)
    if request.method == "POST" and form.is_valid():
        try:
            services.contest_update(contest=contest, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contest was saved."))
            return redirect("contests:detail", pk=contest.pk)
    return render(request, "contests/contest_form.html", {"form": form, "contest": contest})


@login_required
@require_http_methods(["GET", "POST"])
def contest_copy(request, pk):
    source = manageable_contest(request, pk)
    if not rules.has_perm("contests.create_contest", request.user):
        raise PermissionDenied
    form = forms.CopyForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contest = contest_copy_named(
                source=source, by=request.user, year=data["year"],
                name_ko=data["name_ko"], name_en=data["name_en"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The contest was copied. Check the dates, then publish it.")
            )
            return redirect("contests:detail", pk=contest.pk)
    return render(request, "contests/contest_copy.html", {"form": form, "contest": source})


class ContestRowsView(LoginRequiredMixin, View):
    """One page per ordered child list of a contest: add, remove and reorder rows, then save."""

    formset_class = None
    model = None
    title = ""
    intro = ""
    url_name = ""
    prefix = "rows"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contest = manageable_contest(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        formset = self.formset_class(instance=self.contest, prefix=self.prefix)
        return self.render(formset)

    def post(self, request, pk):
        if "add_row" in request.POST:
            data = add_row(request.POST, self.prefix)
            formset = self.formset_class(data, instance=self.contest, prefix=self.prefix)
            formset.prefill_row(formset.total_form_count() - 1)
            return self.render(formset)
        formset = self.formset_class(request.POST, instance=self.contest, prefix=self.prefix)
        if formset.is_valid():
            rows = [
                services.Row(
                    instance=form.instance if form.instance.pk else None,
                    values={name: form.cleaned_data[name] for name in form._meta.fields},
                )
                for form in formset.ordered_forms
            ] + [
                services.Row(instance=form.instance, delete=True)
                for form in formset.deleted_forms
                if form.instance.pk
            ]
            try:
                services.contest_rows_save(contest=self.contest, model=self.model, rows=rows)
            except ValidationError as error:
                return self.render(formset, save_errors=error.messages)
            messages.success(request, _("Saved."))
            return redirect(f"contests:{self.url_name}", pk=self.contest.pk)
        return self.render(formset)

    def render(self, formset, save_errors=()):
        return render(
            self.request,
            "contests/contest_rows.html",
            {
                "contest": self.contest,
                "formset": formset,
                "title": self.title,
                "intro": self.intro,
                "url_name": self.url_name,
                "save_errors": save_errors,
            },
        )


category_rows = ContestRowsView.as_view(
    formset_class=forms.CategoryFormSet,
    model=Category,
    url_name="categories",
    title=gettext_lazy("Categories"),
    intro=gettext_lazy(
        "Tracks in which entries compete, e.g. central agencies and local governments."
    ),
)
award_rows = ContestRowsView.as_view(
    formset_class=forms.AwardTierFormSet,
    model=AwardTier,
    url_name="awards",
    title=gettext_lazy("Award tiers"),
    intro=gettext_lazy("From the highest award down, with how many of each are given."),
)
question_rows = ContestRowsView.as_view(
    formset_class=forms.EntryQuestionFormSet,
    model=EntryQuestion,
    url_name="questions",
    title=gettext_lazy("Entry questions"),
    intro=gettext_lazy("The sections agencies fill in, with guidance and a length limit."),
)
slot_rows = ContestRowsView.as_view(
    formset_class=forms.AttachmentSlotFormSet,
    model=AttachmentSlot,
    url_name="slots",
    title=gettext_lazy("Attachment slots"),
    intro=gettext_lazy(
        "The files every entry is asked for by name, e.g. a case summary in PDF, with the file "
        "types and the size each accepts. Other files can still be attached freely."
    ),
)
