"""Template helpers that render Django form fields with KRDS markup.

`{% load krds %}` then `{{ field|krds_widget }}` renders the widget with the KRDS class for its kind
(`krds-input`, `krds-form-select`…), `aria-invalid` when the field has errors and `aria-describedby`
pointing at the hint and error paragraphs that `includes/field.html` prints (the hint's id is
Django's own, `<id>_helptext`). `includes/field.html` is the project's one field renderer.
"""

from django import forms, template

register = template.Library()

_CHECKS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_kind(field) -> str:
    return kind_of(field.field.widget)


def kind_of(widget) -> str:
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


# The KRDS class of each kind of widget.
KRDS_CLASS = {"input": "krds-input", "select": "krds-form-select"}


def add_krds_class(widget) -> None:
    """Give `widget` its KRDS class (forms whose widgets are drawn without includes/field.html)."""
    css, existing = KRDS_CLASS.get(kind_of(widget), ""), widget.attrs.get("class", "")
    if css and css not in existing.split():
        widget.attrs["class"] = f"{existing} {css}".strip()


@register.filter
def krds_kind(field) -> str:
    return widget_kind(field)


@register.filter
def krds_widget(field):
    kind = widget_kind(field)
    attrs = {}
    existing = field.field.widget.attrs.get("class", "")
    css = KRDS_CLASS.get(kind, "")
    if css and css not in existing.split():
        attrs["class"] = f"{existing} {css}".strip()
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
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
