"""The organizer's announcement form: title, text, audience, and the form's one-time key."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.selectors.announcements import Target, audience_refusal, targets


class AnnouncementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the announcement a title.")},
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Sent as plain text. A link you type is put on a line of its own."),
        error_messages={"required": _("Write the text of the announcement.")},
    )
    audience = forms.ChoiceField(
        label=_("Send to"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who receives the announcement.")},
    )
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.targets = {target.value: target for target in targets(contest)}
        self.fields["audience"].choices = [(v, t.label) for v, t in self.targets.items()]
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4())
            self.initial.setdefault("audience", "all")

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write the text of the announcement."), code="required")
        return body

    def clean_audience(self) -> Target:
        target = self.targets[self.cleaned_data["audience"]]
        refusal = audience_refusal(self.contest, target)
        if refusal:
            raise forms.ValidationError(refusal, code="closed")
        return target
