"""Validation of a challenge (기피) recorded by an organizer."""

from django import forms
from django.utils.translation import gettext_lazy

from contests.models import Contest
from scoring.models import Judge
from scoring.selectors.assignments import eligible_entries


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.user.name or obj.user.email


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.receipt_number or '—'} {obj.title}"


class ChallengeForm(forms.Form):
    judge = JudgeChoiceField(label=gettext_lazy("Judge"), queryset=Judge.objects.none())
    entry = EntryChoiceField(label=gettext_lazy("Entry"), queryset=Judge.objects.none())
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "krds-input"}),
        max_length=2000,
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = (
            Judge.objects.filter(contest=contest).select_related("user").order_by("user__name")
        )
        self.fields["entry"].queryset = eligible_entries(contest)
