"""Forms of the organizer's control of scoring: reminders, reopen, on-behalf entry, import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.aggregation import ScoreValueError, parse_score
from scoring.services.scorecards import score_error_message
from submissions.forms.xlsx import XLSX_ACCEPT, XlsxUploadForm


class ReminderForm(forms.Form):
    """The confirm step: nothing to fill in, the button is the confirmation."""

    judge = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail, e.g. “The judge asked to correct criterion 2.”"),
        error_messages={"required": _("Give the reason for reopening.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for reopening."), code="required")
        return reason


def criterion_field_name(criterion) -> str:
    return f"criterion_{criterion.pk}"


class OnBehalfForm(forms.Form):
    """Every criterion of the round, the comment, the source of the values and "submit"."""

    source = forms.CharField(
        label=_("Source of these scores"),
        max_length=500,
        help_text=_("Kept in the audit trail with every change, e.g. “서명된 평가표 2026-11-30”."),
        error_messages={"required": _("Say where these scores come from.")},
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    submit_card = forms.BooleanField(
        label=_("Submit the scorecard for the judge after saving"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[criterion_field_name(criterion)] = forms.CharField(
                label=criterion.name,
                required=False,
                help_text=_("0 to %(max)s points, in steps of %(step)s")
                % {"max": _points(criterion.max_points), "step": _points(criterion.step)},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        # The criteria first, then the comment, the source and the submit box.
        order = [criterion_field_name(c) for c in self.criteria]
        self.order_fields([*order, "comment", "source", "submit_card", "version"])

    def criterion_fields(self):
        return [self[criterion_field_name(c)] for c in self.criteria]

    def clean_source(self):
        source = self.cleaned_data["source"].strip()
        if not source:
            raise forms.ValidationError(_("Say where these scores come from."), code="required")
        return source

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            name = criterion_field_name(criterion)
            raw = (data.get(name) or "").strip()
            if not raw:
                if data.get("submit_card"):
                    self.add_error(name, _("Score every criterion before submitting."))
                continue
            try:
                parse_score(raw, max_points=criterion.max_points, step=criterion.step)
            except ScoreValueError as error:
                self.add_error(name, score_error_message(error.code, criterion))
        return data

    def values(self) -> dict[int, str]:
        return {
            c.pk: (self.cleaned_data.get(criterion_field_name(c)) or "").strip()
            for c in self.criteria
        }


def _points(value) -> str:
    return f"{value.normalize():f}"


class ScoreImportForm(XlsxUploadForm):
    file = forms.FileField(
        label=_("Filled template (.xlsx)"),
        help_text=_("The template downloaded from this page, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}),
    )
