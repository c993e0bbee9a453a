from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.mfa import has_totp
from accounts.rules import is_organizer

# Paths an organizer without MFA may still reach: the MFA set-up itself, sign-out, static files.
_ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/")


class OrganizerMFAMiddleware:
    """With REQUIRE_ORGANIZER_MFA on, organizers must activate TOTP before using the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_ORGANIZER_MFA
            and is_organizer(request.user)
            and not request.path.startswith(_ALWAYS_ALLOWED)
            and not has_totp(request.user)
        ):
            messages.warning(
                request, _("Organizers must set up two-factor authentication before continuing.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
