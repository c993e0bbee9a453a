"""Forms for a contest's basic fields, its copy, and its simple ordered child lists."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from contests.forms.base import DateTimeLocalInput, KrdsMixin, apply_check
from contests.models import AgencyKind, AwardTier, Category, Contest, EntryQuestion
from contests.services import checks
from contests.services.contest import CONTEST_FIELDS


class ContestForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = Contest
        fields = list(CONTEST_FIELDS)
        widgets = {
            "submission_opens_at": DateTimeLocalInput(),
            "submission_closes_at": DateTimeLocalInput(),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("submission_opens_at"), data.get("submission_closes_at")
        if opens and closes:
            apply_check(
                self,
                checks.check_submission_window,
                contest=self.instance if self.instance.pk else None,
                opens_at=opens,
                closes_at=closes,
            )
        if data.get("is_published") and self.instance.pk:
            apply_check(self, checks.check_publishable, contest=self.instance)
        return data


class CopyForm(KrdsMixin, forms.Form):
    year = forms.IntegerField(
        label=_("Year of the new contest"),
        min_value=2000,
        max_value=2100,
        help_text=_("Dates move by the difference in years; the year in the name is replaced."),
    )


class CategoryForm(KrdsMixin, forms.ModelForm):
    agency_kinds = forms.MultipleChoiceField(
        label=_("Open to"),
        choices=AgencyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind of agency may enter."),
    )

    class Meta:
        model = Category
        fields = ["name_ko", "name_en", "description", "agency_kinds"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AwardTierForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = AwardTier
        fields = ["name_ko", "name_en", "count", "per_category", "prize"]
        help_texts = {"per_category": ""}  # the rows table shows no help texts


class EntryQuestionForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = EntryQuestion
        fields = ["label_ko", "label_en", "guidance", "max_length", "required"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}


class OrderedFormSet(forms.BaseInlineFormSet):
    """An inline formset whose ORDER field is a small number input labelled "Position"."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Position")
            form.fields["ORDER"].widget.attrs.update({"class": "krds-input", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


def contest_rows_formset(form_class):
    return inlineformset_factory(
        Contest,
        form_class._meta.model,
        form=form_class,
        formset=OrderedFormSet,
        extra=1,
        can_delete=True,
        can_order=True,
    )


CategoryFormSet = contest_rows_formset(CategoryForm)
AwardTierFormSet = contest_rows_formset(AwardTierForm)
EntryQuestionFormSet = contest_rows_formset(EntryQuestionForm)
