"""Validation of agency membership forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.models import Agency, AgencyMembership


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "We email an invitation to this address. The colleague becomes a member only when "
            "they accept it."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    is_admin = forms.BooleanField(
        label=_("Make them an agency admin when they accept"), required=False
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if AgencyMembership.objects.filter(agency=self.agency, user__email__iexact=email).exists():
            raise forms.ValidationError(
                _("%(email)s is already a member of this agency."),
                code="duplicate",
                params={"email": email},
            )
        return email


class InvitationAnswerForm(forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))])
