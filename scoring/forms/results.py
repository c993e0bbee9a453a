"""Forms of the organizer's results pages (validation only; scoring.services.results writes)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from config.ids import parse_id
from scoring.models import TieDecision
from scoring.services.results import UNPUBLISH_REASON

REASON_REQUIRED = _("Give the reason.")
MAX_TIED = 100  # entries one decision may order
RECEIPT_MAX = 50


def _reason_field(label, help_text="", required=REASON_REQUIRED) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
        error_messages={"required": required},
    )


class ReasonForm(forms.Form):
    reason = _reason_field(_("Reason"))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                self.fields["reason"].error_messages["required"], code="required"
            )
        return reason


class IdField(forms.CharField):
    """A database id posted by a form (config.ids.parse_id), hidden."""

    widget = forms.HiddenInput

    def to_python(self, value):
        value = super().to_python(value)
        number = parse_id(value)
        if number is None:
            raise forms.ValidationError(_("Choose an item from the list."), code="invalid")
        return number


class ExcludeForm(ReasonForm):
    """Leave one assigned, unsubmitted scorecard (judge, entry) out of the round's result."""

    judge = IdField()
    entry = IdField()
    reason = _reason_field(
        _("Reason for leaving it out"),
        _("Printed with the result, e.g. “심사위원 건강 사유로 평가 불참”."),
    )


class IncludeForm(forms.Form):
    exclusion = IdField()


class ReopenForm(ReasonForm):
    reason = _reason_field(
        _("Reason for reopening"),
        _("The snapshot is voided (kept in the history) and scores can change again."),
    )


class FinalizeForm(forms.Form):
    confirm = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the result, e.g. “심사위원회 2026-11-30 의결”."),
    )

    @property
    def confirmed(self) -> bool:
        return self.is_valid() and self.cleaned_data["confirm"] == "yes"


class DecideForm(ReasonForm):
    """The order an organizer records for entries the chain cannot separate: one choice per
    place (1st, 2nd, …), each entry exactly once."""

    scope = forms.ChoiceField(choices=TieDecision.Scope.choices, widget=forms.HiddenInput)
    group = forms.CharField(widget=forms.HiddenInput, max_length=MAX_TIED * (RECEIPT_MAX + 1))
    reason = _reason_field(_("Reason for this order"))

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        for place, (receipt, _label) in enumerate(choices, 1):
            self.fields[f"place_{place}"] = forms.ChoiceField(
                label=pgettext("place in a tie decision", "Place %(n)s") % {"n": place},
                choices=choices,
                initial=receipt,
            )

    @classmethod
    def posted_group(cls, data) -> list[str]:
        """The tied entries a posted form orders (receipt numbers), [] when malformed."""
        receipts = [r for r in (data.get("group") or "").split(",") if r]
        if not 2 <= len(receipts) <= MAX_TIED or any(len(r) > RECEIPT_MAX for r in receipts):
            return []
        return receipts

    def place_fields(self):
        return [self[f"place_{n}"] for n in range(1, len(self.choices) + 1)]

    def clean(self):
        data = super().clean()
        order = [data.get(f"place_{n}") for n in range(1, len(self.choices) + 1)]
        if None not in order and len(set(order)) != len(order):
            raise forms.ValidationError(_("Give each entry exactly one place."), code="places")
        data["order"] = order
        return data


class OverrideForm(ReasonForm):
    """Give an entry another award than the ranking gives (or none), with the reason."""

    entry = forms.ChoiceField(label=_("Entry"))
    tier = forms.ChoiceField(label=_("Award"), required=False)
    reason = _reason_field(_("Reason for the override"))

    def __init__(self, *args, entries: list[tuple[str, str]], tiers: list[tuple[str, str]],
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = entries
        self.fields["tier"].choices = [("", _("No award")), *tiers]


class PublishForm(forms.Form):
    scores = forms.BooleanField(label=_("Publish the scores, not only the winners"), required=False)
    ranks = forms.BooleanField(label=_("Tell each agency its entry's rank"), required=False)


class UnpublishForm(ReasonForm):
    """Withdraw published results: only with a reason, kept in the publication history."""

    reason = _reason_field(
        _("Reason for withdrawing the publication"),
        _("Kept in the publication history, e.g. “수상작 표절 확인에 따른 재심사”."),
        required=UNPUBLISH_REASON,
    )
