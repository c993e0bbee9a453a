"""Forms of the rubric editor: a criterion and the level descriptors of a criterion."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from contests.forms.base import KrdsMixin, apply_check
from contests.models import Criterion, Level
from contests.services import checks
from contests.services.rubric import CRITERION_FIELDS


class CriterionForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = list(CRITERION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("max_points") is not None and data.get("step") is not None:
            apply_check(
                self,
                checks.check_criterion,
                max_points=data["max_points"],
                step=data["step"],
                levels=list(self.instance.levels.all()) if self.instance.pk else [],
            )
        return data


class LevelForm(KrdsMixin, forms.ModelForm):
    class Meta:
        model = Level
        fields = ["label", "points", "description"]

    def __init__(self, *args, criterion, **kwargs):
        self.criterion = criterion
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("points") is not None and not data.get("DELETE"):
            apply_check(
                self,
                checks.check_level_points,
                points=data["points"],
                max_points=self.criterion.max_points,
                step=self.criterion.step,
            )
        return data


class BaseLevelFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("form_kwargs", {})["criterion"] = kwargs["instance"]
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        # Use the levels prefetched by the rubric selector: one query for the page, not one per
        # criterion. (A list works wherever the formset reads its queryset.)
        if not hasattr(self, "_queryset"):
            self._queryset = list(self.instance.levels.all()) if self.instance.pk else []
        return self._queryset

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


LevelFormSet = inlineformset_factory(
    Criterion, Level, form=LevelForm, formset=BaseLevelFormSet, extra=1, can_delete=True
)
