"""Forms for a contest's basic fields, its copy, and its simple ordered child lists."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from config.ids import parse_int
from contests.forms.base import DateTimeLocalInput, KrdsMixin, apply_check
from contests.models import AgencyKind, AwardTier, Category, Contest, EntryQuestion
from contests.services import checks
from contests.services.contest import CONTEST_FIELDS
from contests.services.copy_names import (
    NAME_MAX_LENGTH,
    check_copy_names,
    normalize_name,
    suggest_copy_names,
)


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
        if data.get("is_published"):  # a new contest has nothing yet: always refused
            apply_check(self, checks.check_publishable, contest=self.instance)
        return data


class CopyForm(KrdsMixin, forms.Form):
    """The year and names of a copy of `source`.

    The names come filled in with the suggestion for the year shown (`names_year`, hidden). A copy
    needs names of its own when the suggestion had to be changed (a copy into the source's own
    year, or a name already taken): then, if the person changed only the year, or left the
    names empty, the new suggestion is filled in and the form asks them to check it instead of
    copying. Names another contest has are refused (copy_names.check_copy_names).
    """

    year = forms.IntegerField(
        label=_("Year of the new contest"),
        min_value=2000,
        max_value=2100,
        help_text=_("Dates move by the difference in years."),
    )
    name_ko = forms.CharField(
        label=_("Name of the new contest (Korean)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("It must differ from the names of other contests."),
    )
    name_en = forms.CharField(
        label=_("Name of the new contest (English)"), max_length=NAME_MAX_LENGTH, required=False
    )
    names_year = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, source: Contest, **kwargs):
        year = source.year + 1
        names = suggest_copy_names(source, year)
        initial = {"year": year, "name_ko": names.name_ko, "name_en": names.name_en}
        kwargs["initial"] = {**initial, "names_year": year, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_names_year(self) -> int | None:
        """The year the names shown were suggested for (None when missing or not a year)."""
        return parse_int(self.cleaned_data["names_year"], low=2000, high=2100)

    def _suggestion_needed(self, data: dict) -> bool:
        """Did the person leave the choice of names to us for this year? (Empty names, or the
        untouched suggestion made for another year.)"""
        name_ko, name_en = normalize_name(data["name_ko"]), normalize_name(data["name_en"])
        if not name_ko:
            return True
        names_year = data.get("names_year")
        if names_year is None or names_year == data["year"]:
            return False
        old = suggest_copy_names(self.source, names_year)
        return (name_ko, name_en) == (old.name_ko, old.name_en)

    def clean(self):
        data = super().clean()
        if self.errors or data.get("year") is None:
            return data
        if self._suggestion_needed(data):
            names = suggest_copy_names(self.source, data["year"])
            if names.renamed:
                self.data = self.data.copy()  # shown again with the suggestion filled in
                self.data["name_ko"], self.data["name_en"] = names.name_ko, names.name_en
                self.data["names_year"] = str(data["year"])
                raise forms.ValidationError(
                    _(
                        "The copy needs a new name: the suggested one is filled in. Check the "
                        "names, then copy."
                    ),
                    code="new_name_needed",
                )
            data["name_ko"], data["name_en"] = names.name_ko, names.name_en
        apply_check(
            self, check_copy_names, name_ko=data["name_ko"], name_en=data.get("name_en", "")
        )
        return data


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
    """An inline formset whose ORDER field is a small number input labelled "Position".

    New rows (the blank row shown and each "Add a row") start with `new_row_defaults` and with
    the `copy_from_first` values of the first saved row, so that a row added later is not
    silently weaker than the others (issue 11, item 4).
    """

    new_row_defaults: dict = {}
    copy_from_first: tuple[str, ...] = ()

    def new_row_initial(self) -> dict:
        if not (self.new_row_defaults or self.copy_from_first):
            return {}
        initial = dict(self.new_row_defaults)
        first = self.get_queryset().first() if self.copy_from_first else None
        if first is not None:
            initial |= {name: getattr(first, name) for name in self.copy_from_first}
        return initial

    def _construct_form(self, i, **kwargs):
        if i >= self.initial_form_count() and "initial" not in kwargs:
            initial = self._new_row_initial
            if initial:
                kwargs["initial"] = initial
        return super()._construct_form(i, **kwargs)

    @cached_property
    def _new_row_initial(self) -> dict:
        return self.new_row_initial()

    def prefill_row(self, index: int) -> None:
        """Write the new-row values into the posted data of row `index` (a row just added by
        "Add a row", not shown yet), as a browser would post them."""
        for name, value in self._new_row_initial.items():
            key = f"{self.prefix}-{index}-{name}"
            if isinstance(value, bool):
                self.data.pop(key, None)
                if value:
                    self.data[key] = "on"
            elif isinstance(value, list):
                self.data.setlist(key, [str(item) for item in value])
            else:
                self.data[key] = str(value)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Position")
            form.fields["ORDER"].widget.attrs.update({"class": "krds-input", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


def contest_rows_formset(form_class, formset=OrderedFormSet):
    return inlineformset_factory(
        Contest,
        form_class._meta.model,
        form=form_class,
        formset=formset,
        extra=1,
        can_delete=True,
        can_order=True,
    )


CategoryFormSet = contest_rows_formset(CategoryForm)
AwardTierFormSet = contest_rows_formset(AwardTierForm)


class EntryQuestionRows(OrderedFormSet):
    new_row_defaults = {"required": True}
    copy_from_first = ("max_length",)


EntryQuestionFormSet = contest_rows_formset(EntryQuestionForm, EntryQuestionRows)
