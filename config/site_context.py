"""The installation's operator and the organizing ministry's logo, for every template.

Read from the settings (config/settings.py, "The installation"): `site_info` in every template
(registered in TEMPLATES' context processors) holds the footer's and the policies' contact and the
header's logo.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteInfo:
    operator_name: str
    operator_address: str
    operator_phone: str
    operator_email: str
    privacy_officer: str
    logo_url: str
    logo_alt: str

    @property
    def phone_href(self) -> str:
        """The phone number as a tel: link (digits, '+' and '-' only)."""
        return "tel:" + re.sub(r"[^0-9+\-]", "", self.operator_phone)


def logo_src(value: str) -> str:
    """The `src` of the logo configured as `value`: an http(s) URL or a path on this site as
    given, otherwise the URL of that static file ('' when the static files do not have it, so a
    wrong path costs the logo, not every page)."""
    if value.startswith("//"):  # another host without a scheme: say it with https://
        logger.error("SITE_LOGO_URL %r: give an http(s) URL or a path on this site", value)
        return ""
    if not value or value.startswith(("http://", "https://", "/")):
        return value
    try:
        return static(value)
    except ValueError:  # production's manifest does not list it
        logger.error("SITE_LOGO_URL %r is not among the collected static files", value)
        return ""


def site_info() -> SiteInfo:
    name = settings.SITE_OPERATOR_NAME
    return SiteInfo(
        operator_name=name,
        operator_address=settings.SITE_OPERATOR_ADDRESS,
        operator_phone=settings.SITE_OPERATOR_PHONE,
        operator_email=settings.SITE_OPERATOR_EMAIL,
        privacy_officer=settings.SITE_PRIVACY_OFFICER or name,
        logo_url=logo_src(settings.SITE_LOGO_URL),
        logo_alt=settings.SITE_LOGO_ALT or name,
    )


def site(request) -> dict:
    """Context processor: `site_info`."""
    return {"site_info": site_info()}
