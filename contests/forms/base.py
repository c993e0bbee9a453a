"""KRDS widget classes and small helpers shared by the contest forms."""

from django import forms
from django.core.exceptions import ValidationError

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class KrdsMixin:
    """Give every widget its KRDS class: `krds-input` for text, `krds-form-select` for selects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.HiddenInput | forms.RadioSelect):
                continue  # RadioSelect includes CheckboxSelectMultiple
            css = "krds-form-select" if isinstance(widget, forms.Select) else "krds-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)


def apply_check(form: forms.BaseForm, check, **kwargs):
    """Run a `contests.services.checks` function; put its errors next to the fields they name."""
    try:
        return check(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None
