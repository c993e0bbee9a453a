"""The public policy pages: the privacy policy (개인정보처리방침) and the terms (이용약관)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts import policies


@require_safe
def privacy(request):
    return render(
        request,
        "pages/policy.html",
        {
            "heading": _("Privacy policy"),
            "version": policies.PRIVACY_VERSION,
            "effective": policies.PRIVACY_EFFECTIVE,
            "body_template": policies.privacy_template(),
            "summary_template": policies.consent_summary_template(),
        },
    )


@require_safe
def terms(request):
    return render(
        request,
        "pages/policy.html",
        {
            "heading": _("Terms of use"),
            "version": policies.TERMS_VERSION,
            "effective": policies.TERMS_EFFECTIVE,
            "body_template": policies.terms_template(),
        },
    )
