"""Validation of the matrix toggle and of applying an automatic plan."""

import re

from django import forms
from django.utils.translation import gettext_lazy

PAIR = re.compile(r"^(\d+)-(\d+)$")


class ToggleForm(forms.Form):
    """`pair` is "<judge id>-<entry id>" (the pressed button's value)."""

    pair = forms.RegexField(regex=PAIR)
    category = forms.CharField(required=False)

    def ids(self) -> tuple[int, int]:
        judge_id, entry_id = PAIR.match(self.cleaned_data["pair"]).groups()
        return int(judge_id), int(entry_id)


class ApplyPlanForm(forms.Form):
    digest = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        error_messages={"invalid": gettext_lazy("The preview is missing; open it again.")},
    )
