"""The form of screening many entries at once (the organizer's entry list → confirm → apply)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from submissions.forms.screening import ScreeningForm

MAX_SELECTED = 1000


class EntryIdsField(forms.Field):
    """Entry ids from repeated `entries` values (the list's checkboxes, the confirm page's hidden
    inputs): distinct, in the order given; anything not a positive whole number is refused."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = []
        for raw in value or []:
            text = str(raw).strip()
            if not text.isdigit() or int(text) < 1:
                raise ValidationError(_("Select entries from the list."), code="invalid")
            if int(text) not in ids:
                ids.append(int(text))
        if len(ids) > MAX_SELECTED:
            raise ValidationError(
                _("Select at most %(max)s entries at a time."),
                code="too_many",
                params={"max": MAX_SELECTED},
            )
        return ids

    def validate(self, value):
        if not value:
            raise ValidationError(_("Select at least one entry."), code="required")


class BulkScreeningForm(ScreeningForm):
    """The selected entries, one outcome and one reason (required for "ineligible")."""

    entries = EntryIdsField()
