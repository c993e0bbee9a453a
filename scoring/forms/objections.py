"""The objection forms: the agency's objection, the organizer's answer and the period's end."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.forms.base import DateTimeLocalInput
from scoring.models import Objection
from scoring.services.objections import TEXT_MAX_LENGTH


class ObjectionForm(forms.Form):
    concern = forms.ChoiceField(
        label=_("What it concerns"),
        choices=Objection.Concern.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the objection concerns.")},
    )
    round = forms.TypedChoiceField(
        label=pgettext_lazy("objection form", "Round"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Needed for an objection to the scores: the round whose scores it is about."),
    )
    text = forms.CharField(
        label=_("Objection"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you object to and why, with the facts that support it."),
        error_messages={"required": _("Write what you object to and why.")},
    )
    file = forms.FileField(
        label=_("Supporting file (optional)"),
        required=False,
        help_text=_("One PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG or JPG file, up to 20 MB."),
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {r.pk: r for r in rounds}
        self.fields["round"].choices = [("", "—")] + [(r.pk, r.name) for r in rounds]

    def clean_round(self):
        value = self.cleaned_data["round"]
        return self.rounds.get(value) if value is not None else None


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Objection.Status.DISMISSED, _("Dismiss (기각)")),
            (Objection.Status.UPHELD, _("Uphold (인용)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to dismiss or to uphold the objection.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The agency reads it in the email and on its entries page."),
        error_messages={"required": _("Give the reason for the answer; the agency will read it.")},
    )


class WindowForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Objections close at"),
        widget=DateTimeLocalInput(),
        help_text=_("Korea time. The period opens when the results are published."),
        error_messages={
            "required": _("Give the date and time the objection period closes."),
            "invalid": _("Give the date and time the objection period closes."),
        },
    )
