"""Writes of the accounts app."""

from django.db import transaction

from accounts.models import PrivacyConsent, User
from accounts.policies import PRIVACY_VERSION


@transaction.atomic
def privacy_consent_record(*, user: User, version: str = PRIVACY_VERSION) -> PrivacyConsent:
    """Record that `user` agreed to the privacy text of `version` now; agreeing to a version
    already agreed to keeps the first record (its time is when they first agreed)."""
    consent, _created = PrivacyConsent.objects.get_or_create(user=user, version=version)
    return consent
