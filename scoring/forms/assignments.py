"""Validation of the matrix toggle and of applying an automatic plan."""

import re

from django import forms
from django.utils.translation import gettext_lazy

from config.ids import parse_id

PAIR = re.compile(r"^([0-9]{1,19})-([0-9]{1,19})$")


class ToggleForm(forms.Form):
    """`pair` is "<judge id>-<entry id>" (the pressed button's value)."""

    pair = forms.RegexField(regex=PAIR)
    category = forms.CharField(required=False)
    coverage = forms.CharField(required=False)  # the matrix's filter and page, to go back to
    page = forms.CharField(required=False)

    def clean_pair(self):
        pair = self.cleaned_data["pair"]
        judge_id, entry_id = (parse_id(part) for part in PAIR.match(pair).groups())
        if judge_id is None or entry_id is None:
            raise forms.ValidationError(
                gettext_lazy("Choose a cell of the matrix."), code="invalid"
            )
        return judge_id, entry_id

    def ids(self) -> tuple[int, int]:
        return self.cleaned_data["pair"]


class ApplyPlanForm(forms.Form):
    digest = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        error_messages={"invalid": gettext_lazy("The preview is missing; open it again.")},
    )
