"""KRDS widget classes and small helpers shared by the contest forms."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.templatetags.krds import add_krds_class

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class KrdsMixin:
    """Give every widget its KRDS class (accounts.templatetags.krds: the one place that knows
    them), for the fields drawn directly; multi-line boxes start three lines high."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            add_krds_class(field.widget)
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 3)


def apply_check(form: forms.BaseForm, check, **kwargs):
    """Run a `contests.services.checks` function; put its errors next to the fields they name."""
    try:
        return check(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None
