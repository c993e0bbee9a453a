"""Screening (자격 검토): an organizer marks a submitted entry eligible or ineligible."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from submissions.models import Entry
from submissions.signals import entry_screened_out

SCREENING_OUTCOMES = (Entry.Eligibility.ELIGIBLE, Entry.Eligibility.INELIGIBLE)


@transaction.atomic
def entry_screen(*, entry: Entry, by: User, eligibility: str, reason: str) -> Entry:
    """Record the screening outcome; the agency sees it and the reason on its entry page.

    Only a submitted entry can be screened, and "ineligible" needs a reason. Screening again
    replaces the earlier outcome (who and when are updated). Screening an entry out sends
    `entry_screened_out` in the same transaction (scoring withdraws the entry's assignments);
    screening it back in assigns nothing again.
    """
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.status != Entry.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted entry can be screened; this one is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="not_submitted",
        )
    if eligibility not in SCREENING_OUTCOMES:
        raise ValidationError(_("Choose eligible or ineligible."), code="invalid_outcome")
    reason = (reason or "").strip()
    if eligibility == Entry.Eligibility.INELIGIBLE and not reason:
        message = _("Give the reason the entry is ineligible; the agency will see it.")
        raise ValidationError({"reason": ValidationError(message, code="reason_required")})
    locked.eligibility = eligibility
    locked.eligibility_reason = reason
    locked.screened_by = by
    locked.screened_at = timezone.now()
    fields = ["eligibility", "eligibility_reason", "screened_by", "screened_at"]
    # `updated_at` is the agency's "last saved" time: screening does not touch it.
    locked.save(update_fields=fields)
    for field in fields:
        setattr(entry, field, getattr(locked, field))
    if eligibility == Entry.Eligibility.INELIGIBLE:
        entry_screened_out.send(sender=Entry, entry=locked, by=by, reason=reason)
    return entry
