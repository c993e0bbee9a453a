"""Validation of a challenge (기피) recorded by an organizer."""

from django import forms
from django.utils.translation import gettext_lazy

from contests.models import Contest
from scoring.models import Judge
from scoring.selectors.assignments import eligible_entries


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.user.display_name


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


class DecisionForm(forms.Form):
    """An organizer's decision on a judge's recusal request (회피 after scoring started)."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("approve", gettext_lazy("Approve: withdraw the entry from the judge")),
            ("reject", gettext_lazy("Reject: the judge keeps the entry")),
        ],
        widget=forms.RadioSelect,
    )
    decision_reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "krds-input"}),
        max_length=2000,
        help_text=gettext_lazy("The judge is told the decision and this reason by email."),
    )
