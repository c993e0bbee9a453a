"""One way to render a form field (issue 11, item 9): includes/field.html with the krds filters.
Its hint has Django's id (`<id>_helptext`) and is escaped; the widget names the hint and the error;
a group of choices has a visible heading (KRDS hides every legend)."""

import re
from pathlib import Path

from django import forms
from django.template.loader import render_to_string

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class _Form(forms.Form):
    name = forms.CharField(label="이름", help_text="<b>기관명</b>을 적으십시오")
    kind = forms.ChoiceField(
        label="유형", choices=[("a", "가"), ("b", "나")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="동의")


def _field(form, name: str) -> str:
    return render_to_string("includes/field.html", {"field": form[name]})


def test_a_text_field_names_its_hint_and_error_and_escapes_the_hint():
    form = _Form(data={"name": "", "kind": "a"})
    html = _field(form, "name")
    assert (
        '<label for="id_name">이름 <span class="app-required" aria-hidden="true">*</span>' in html
    )
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="krds-input"' in html
    assert (
        '<p class="form-hint" id="id_name_helptext">&lt;b&gt;기관명&lt;/b&gt;을 적으십시오</p>'
        in html
    )
    assert '<p class="form-hint-invalid" id="id_name_error">' in html


def test_a_group_of_choices_has_a_visible_heading_not_a_legend():
    html = _field(_Form(), "kind")
    assert "<legend" not in html
    assert 'role="group" aria-labelledby="id_kind_heading"' in html
    assert re.search(r'<div class="form-tit" id="id_kind_heading">유형 <span', html)


def test_every_template_draws_fields_with_the_one_renderer():
    others = [
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if re.search(r'{% include "[^"]*/_field\.html"', path.read_text(encoding="utf-8"))
    ]
    assert others == []
    assert not (TEMPLATES / "contests" / "_field.html").exists()
