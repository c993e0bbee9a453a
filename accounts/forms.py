from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form."""

    name = forms.CharField(label=_("Name"), max_length=100)

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
