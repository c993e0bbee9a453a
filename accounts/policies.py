"""The privacy policy (개인정보처리방침) and the terms of use (이용약관): their versions and texts.

The texts are templates named by their version; signing up records the consent to the current
privacy version (accounts.services.privacy_consent_record). To change a text, add templates with a
new version, change the constant and its effective date: every earlier consent still names the
text that person agreed to, and the old template stays for reading it.
"""

import datetime

PRIVACY_VERSION = "2026-1"
PRIVACY_EFFECTIVE = datetime.date(2026, 12, 1)
TERMS_VERSION = "2026-1"
TERMS_EFFECTIVE = datetime.date(2026, 12, 1)


def privacy_template(version: str = PRIVACY_VERSION) -> str:
    """The full privacy policy of a version (templates/pages/privacy/)."""
    return f"pages/privacy/{version}.html"


def consent_summary_template(version: str = PRIVACY_VERSION) -> str:
    """What is collected, why and for how long: shown beside the sign-up consent and in the
    policy itself, so both always say the same."""
    return f"pages/privacy/summary_{version}.html"


def terms_template(version: str = TERMS_VERSION) -> str:
    """The terms of use of a version (templates/pages/terms/)."""
    return f"pages/terms/{version}.html"
