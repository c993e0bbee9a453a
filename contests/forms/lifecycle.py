"""Forms of a contest's organizers page and of its deletion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contests.forms.base import KrdsMixin
from contests.models import Contest
from contests.services.copy_names import normalize_name


class OrganizerAddForm(KrdsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address they sign in with. Their account needs the organizer role."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class ContestDeleteForm(KrdsMixin, forms.Form):
    """Deleting is confirmed by typing the contest's name (Korean or English)."""

    confirm_name = forms.CharField(label=_("Name of the contest"), max_length=200)

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["confirm_name"].help_text = _("Type “%(name)s” to confirm.") % {
            "name": contest.name
        }

    def clean_confirm_name(self):
        typed = normalize_name(self.cleaned_data["confirm_name"])
        names = {normalize_name(self.contest.name_ko), normalize_name(self.contest.name_en)}
        if typed not in names - {""}:
            raise forms.ValidationError(
                _("The name does not match. Type the contest's name exactly as shown."),
                code="name_mismatch",
            )
        return typed
