"""Template helpers that render Django form fields with KRDS markup.

`{% load krds %}` then `{{ field|krds_widget }}` renders the widget with the KRDS class for its kind
(`krds-input`, `krds-form-select`…), `aria-invalid` when the field has errors and `aria-describedby`
pointing at the hint and error paragraphs that `includes/field.html` prints.
"""

from django import forms, template

register = template.Library()

_CHECKS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def krds_kind(field) -> str:
    return widget_kind(field)


@register.filter
def krds_widget(field):
    kind = widget_kind(field)
    attrs = {}
    existing = field.field.widget.attrs.get("class", "")
    css = {"input": "krds-input", "select": "krds-form-select"}.get(kind, "")
    if css:
        attrs["class"] = f"{existing} {css}".strip()
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter(is_safe=True)
def trim(value) -> str:
    """Strip surrounding whitespace, e.g. from allauth's indented `head_title` blocks."""
    return str(value).strip()
