"""Forms of the organizer's entry list: the GET filter form and the screening form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.models import Contest
from submissions.models import Agency, Entry
from submissions.selectors.screening import EntryFilters


def _any(label):
    return [("", label)]


class EntryFilterForm(forms.Form):
    """Filters read from the query string; an invalid value is ignored, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Title, agency name or receipt number"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_any(_("All statuses")) + Entry.Status.choices
    )
    screening = forms.ChoiceField(
        label=_("Screening"),
        required=False,
        choices=_any(_("All screening states")) + Entry.Eligibility.choices,
    )
    kind = forms.ChoiceField(
        label=_("Agency kind"), required=False, choices=_any(_("All kinds")) + Agency.Kind.choices
    )

    def __init__(self, *args, contest: Contest, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is None:
            categories = contest.categories.all()
        self.fields["category"].choices = _any(_("All categories")) + [
            (category.pk, category.name) for category in categories
        ]

    def filters(self) -> EntryFilters:
        """The valid part of the query string as filters (invalid fields are dropped)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EntryFilters(
            category_id=data.get("category") or None,
            status=data.get("status") or "",
            screening=data.get("screening") or "",
            agency_kind=data.get("kind") or "",
            search=data.get("q") or "",
        )


class ScreeningForm(forms.Form):
    eligibility = forms.ChoiceField(
        label=_("Screening outcome"),
        choices=[
            (Entry.Eligibility.ELIGIBLE, _("Eligible")),
            (Entry.Eligibility.INELIGIBLE, _("Ineligible")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the entry is ineligible. The agency sees this text."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("eligibility") == Entry.Eligibility.INELIGIBLE
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error(
                "reason", _("Give the reason the entry is ineligible; the agency will see it.")
            )
        return cleaned
