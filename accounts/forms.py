from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.policies import PRIVACY_VERSION, consent_summary_template
from accounts.services import privacy_consent_record


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form: the name, and the required consent to the
    collection and use of personal information (recorded with the policy's version)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    privacy_consent = forms.BooleanField(
        label=_("I agree to the collection and use of my personal information (required)"),
        error_messages={
            "required": _(
                "To sign up, agree to the collection and use of your personal information."
            )
        },
    )

    # allauth adds its own fields around ours; the consent comes last, after the passwords.
    field_order = ["email", "name", "password1", "password2", "privacy_consent"]
    privacy_version = PRIVACY_VERSION
    consent_summary_template = consent_summary_template(PRIVACY_VERSION)

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        privacy_consent_record(user=user, version=self.privacy_version)
