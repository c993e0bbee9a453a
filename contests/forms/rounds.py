"""The round form and its panels formset."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory

from contests.forms.base import DateTimeLocalInput, KrdsMixin, apply_check
from contests.models import Panel, Round
from contests.services import checks
from contests.services.contest import ROUND_FIELDS


class RoundForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = list(ROUND_FIELDS)
        widgets = {"opens_at": DateTimeLocalInput(), "closes_at": DateTimeLocalInput()}

    def __init__(self, *args, contest, **kwargs):
        self.contest = contest
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        existing = self.instance if self.instance.pk else None
        if data.get("opens_at") and data.get("closes_at"):
            apply_check(
                self,
                checks.check_round_schedule,
                contest=self.contest,
                round_=existing,
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
            )
        if data.get("method") and data.get("judges_per_entry") and "trim_count" in data:
            apply_check(
                self,
                checks.check_aggregation,
                method=data["method"],
                judges_per_entry=data["judges_per_entry"],
                trim_count=data["trim_count"],
            )
        if data.get("weight") is not None:
            apply_check(
                self,
                checks.check_round_weight,
                contest=self.contest,
                round_=existing,
                weight=data["weight"],
            )
        if data.get("advancement"):
            try:
                data["advancement_value"] = checks.clean_advancement(
                    advancement=data["advancement"], value=data.get("advancement_value")
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data


class PanelForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["name_ko", "name_en", "weight"]


class BasePanelFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        weights = [
            form.cleaned_data["weight"]
            for form in self.forms
            if form.cleaned_data
            and not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
        ]
        checks.check_panel_weights(weights)


PanelFormSet = inlineformset_factory(
    Round, Panel, form=PanelForm, formset=BasePanelFormSet, extra=1, can_delete=True
)
