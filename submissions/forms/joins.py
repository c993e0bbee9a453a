"""Validation of join requests and of the organizer's decision."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from submissions.models import Agency, AgencyMembership, JoinRequest

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{6,28}$",
    _("Enter a phone number with digits and hyphens, e.g. 044-205-1234."),
    code="phone",
)


class _ContactForm(forms.Form):
    position = forms.CharField(
        label=_("Department and position"),
        max_length=200,
        help_text=_("e.g. Innovation Policy Division, Deputy Director"),
    )
    phone = forms.CharField(label=_("Office phone"), max_length=30, validators=[phone_validator])
    message = forms.CharField(
        label=_("Message to the organizer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if JoinRequest.objects.filter(user=self.user, status=JoinRequest.Status.PENDING).exists():
            raise forms.ValidationError(
                _(
                    "You already have a request waiting for approval. Withdraw it first if you "
                    "want to ask for a different agency."
                ),
                code="pending_exists",
            )
        return cleaned


class JoinExistingAgencyForm(_ContactForm):
    field_order = ["agency", "position", "phone", "message"]

    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        error_messages={
            "required": _("Choose your agency from the list."),
            "invalid_choice": _("Choose your agency from the list."),
        },
    )

    def clean_agency(self) -> Agency:
        agency = self.cleaned_data["agency"]
        if AgencyMembership.objects.filter(agency=agency, user=self.user).exists():
            raise forms.ValidationError(
                _("You are already a member of this agency."), code="member"
            )
        return agency


class JoinNewAgencyForm(_ContactForm):
    field_order = ["new_agency_name_ko", "new_agency_name_en", "new_agency_kind"]

    new_agency_name_ko = forms.CharField(label=_("Agency name (Korean)"), max_length=200)
    new_agency_name_en = forms.CharField(
        label=_("Agency name (English)"), max_length=200, required=False
    )
    new_agency_kind = forms.ChoiceField(
        label=_("Kind of agency"), choices=[("", "---------"), *Agency.Kind.choices]
    )

    def clean_new_agency_name_ko(self) -> str:
        name = self.cleaned_data["new_agency_name_ko"].strip()
        if Agency.objects.filter(name_ko=name).exists():
            raise forms.ValidationError(
                _(
                    "%(name)s is already registered. Ask to join it from the list of agencies "
                    "instead."
                ),
                code="exists",
                params={"name": name},
            )
        return name


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason for rejection"),
        required=False,
        max_length=2000,
        help_text=_("Required when you reject. The applicant reads it in the email."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                forms.ValidationError(_("Give a reason for the rejection."), code="required"),
            )
        return cleaned
