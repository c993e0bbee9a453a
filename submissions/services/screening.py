"""Screening (자격 검토): an organizer marks a submitted entry eligible or ineligible."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from submissions.models import Entry
from submissions.signals import entry_running_changed

SCREENING_OUTCOMES = (Entry.Eligibility.ELIGIBLE, Entry.Eligibility.INELIGIBLE)


@transaction.atomic
def entry_screen(*, entry: Entry, by: User, eligibility: str, reason: str) -> Entry:
    """Record the screening outcome; the agency sees it and the reason on its entry page.

    Only a submitted entry can be screened, and "ineligible" needs a reason; the reason is kept
    only with "ineligible" (screening an entry eligible clears an earlier reason, so no stale
    reason is ever shown). Screening again replaces the earlier outcome (who and when are
    updated). When the entry leaves the running (screened out) or comes back (screened in again)
    `entry_running_changed` is sent in the same transaction: scoring tells the judges; their
    assignments and scorecards stay and count again once the entry is back.
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
    was_out = locked.eligibility == Entry.Eligibility.INELIGIBLE
    is_out = eligibility == Entry.Eligibility.INELIGIBLE
    locked.eligibility = eligibility
    locked.eligibility_reason = reason if is_out else ""
    locked.screened_by = by
    locked.screened_at = timezone.now()
    fields = ["eligibility", "eligibility_reason", "screened_by", "screened_at"]
    # `updated_at` is the agency's "last saved" time: screening does not touch it.
    locked.save(update_fields=fields)
    for field in fields:
        setattr(entry, field, getattr(locked, field))
    if was_out != is_out:
        entry_running_changed.send(
            sender=Entry, entry=locked, by=by, running=not is_out, reason=locked.eligibility_reason
        )
    return entry
