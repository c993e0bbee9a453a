"""The judge's dashboard filter (query string): scorecard state, category, sort order."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scoring.selectors.judge_board import DRAFT, NOT_STARTED, SUBMITTED, BoardFilters

STATE_LABELS = {
    NOT_STARTED: _("Not started"),
    DRAFT: pgettext_lazy("scorecard status", "Draft"),
    SUBMITTED: pgettext_lazy("scorecard status", "Submitted"),
}
SORT_CHOICES = [
    ("receipt", _("Receipt number")),
    ("title", _("Case title")),
    ("category", _("Category")),
    ("status", _("Status")),
    ("saved", _("Last saved (latest first)")),
    ("total", _("Total (highest first)")),
]


class BoardFilterForm(forms.Form):
    """Each field is optional; a value that is not one of the choices is reported next to its
    field and that filter is left out (the others still apply)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *STATE_LABELS.items()],
    )
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        contests = {category.contest_id for category in categories}
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.pk, f"{c.name} ({c.contest.name})" if len(contests) > 1 else c.name)
            for c in categories
        ]

    def category_label(self, category_id: int | None) -> str:
        labels = dict(self.fields["category"].choices)
        return str(labels.get(category_id, "")) if category_id else ""

    def filters(self) -> BoardFilters:
        if not self.is_bound:
            return BoardFilters()
        self.is_valid()
        data = self.cleaned_data
        return BoardFilters(
            status=data.get("status") or "",
            category=data.get("category") or None,
            sort=data.get("sort") or "receipt",
        )
