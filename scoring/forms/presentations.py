"""The organizer's presentation-schedule forms and the agency's slides upload (validation only;
the clash rules are the service's: scoring.services.presentations)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contests.forms.base import DateTimeLocalInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


ROOM_HELP = _("For example, 세종청사 6동 대회의실")


class SlotForm(forms.Form):
    """One slot: order, day, start and end (Korea time), room; `entry` only when adding."""

    entry = forms.ModelChoiceField(
        label=_("Entry"),
        queryset=None,
        empty_label=_("Choose an entry"),
        error_messages={"required": _("Choose the entry that presents.")},
    )
    order = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=999,
        error_messages={"required": _("Give the order of the presentation.")},
    )
    day = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        error_messages={"required": _("Give the date of the presentation.")},
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=TimeInput,
        error_messages={"required": _("Give the start time.")},
    )
    ends = forms.TimeField(
        label=_("Ends"),
        widget=TimeInput,
        error_messages={"required": _("Give the end time.")},
    )
    room = forms.CharField(
        label=_("Room"),
        max_length=200,
        help_text=ROOM_HELP,
        error_messages={"required": _("Give the room.")},
    )

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entries is None:
            del self.fields["entry"]
        else:
            self.fields["entry"].queryset = entries
            self.fields["entry"].label_from_instance = lambda e: (
                f"{e.receipt_number or '—'} · {e.title}"
            )

    @classmethod
    def initial_for(cls, slot) -> dict:
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        return {
            "order": slot.order,
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "room": slot.room,
        }

    def clean(self):
        data = super().clean()
        if all(data.get(key) is not None for key in ("day", "starts", "ends")):
            data["starts_at"] = _aware(data["day"], data["starts"])
            data["ends_at"] = _aware(data["day"], data["ends"])
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The end time must be after the start time."))
        return data


class AutofillForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("First presentation starts"),
        widget=DateTimeLocalInput,
        error_messages={"required": _("Give the start of the first presentation.")},
    )
    slot_minutes = forms.IntegerField(
        label=_("Minutes per presentation"),
        min_value=1,
        max_value=240,
        initial=20,
        help_text=_("Presentation and questions together."),
    )
    break_minutes = forms.IntegerField(
        label=_("Minutes between presentations"),
        min_value=0,
        max_value=120,
        initial=5,
    )
    room = forms.CharField(label=_("Room"), max_length=200, help_text=ROOM_HELP)


class SlidesDeadlineForm(forms.Form):
    slides_deadline = forms.DateTimeField(
        label=_("Slides deadline"),
        widget=DateTimeLocalInput,
        required=False,
        help_text=_(
            "Agencies of the entries in this round upload their slides until then (Korea time). "
            "Leave empty to close the upload."
        ),
    )


class SlidesForm(forms.Form):
    file = forms.FileField(
        label=_("Presentation slides"),
        help_text=_("PDF, PPTX, HWP or HWPX. A new file replaces the earlier one."),
        error_messages={"required": _("Choose the file to upload.")},
    )
