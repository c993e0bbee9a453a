"""Screening (자격 검토): an organizer marks a submitted entry eligible or ineligible.

One entry at a time here (`entry_screen`, the entry's page); many at once in
submissions.services.bulk_screening. Both check the outcome with `screening_reason` and write it
with `outcome_record`, so the rules live once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from submissions.models import Entry
from submissions.services.screening_mail import outcomes_tell
from submissions.signals import entry_running_changed

SCREENING_OUTCOMES = (Entry.Eligibility.ELIGIBLE, Entry.Eligibility.INELIGIBLE)
SCREENED_FIELDS = ("eligibility", "eligibility_reason", "screened_by", "screened_at")


def screening_reason(eligibility: str, reason: str) -> str:
    """The reason to store with `eligibility` (stripped, line breaks as "\\n" whichever way the
    browser sent them; kept only with "ineligible", which needs one); a ValidationError for an
    unknown outcome or a missing reason."""
    if eligibility not in SCREENING_OUTCOMES:
        raise ValidationError(_("Choose eligible or ineligible."), code="invalid_outcome")
    reason = (reason or "").replace("\r\n", "\n").strip()
    if eligibility == Entry.Eligibility.INELIGIBLE and not reason:
        message = _("Give the reason the entry is ineligible; the agency will see it.")
        raise ValidationError({"reason": ValidationError(message, code="reason_required")})
    return reason if eligibility == Entry.Eligibility.INELIGIBLE else ""


def outcome_changes(entry: Entry, eligibility: str, reason: str) -> bool:
    """Whether recording (`eligibility`, `reason` from screening_reason) changes what the
    agency sees: the outcome or the reason."""
    return (entry.eligibility, entry.eligibility_reason) != (eligibility, reason)


def outcome_record(entries: list[Entry], *, by: User, eligibility: str, reason: str) -> list:
    """Write the outcome on `entries` (locked, submitted; `reason` from screening_reason) in one
    UPDATE and on the objects. Returns the entries whose place in the running changed (screened
    out, or back in). `updated_at`, the agency's "last saved" time, is not touched."""
    if not entries:
        return []
    is_out = eligibility == Entry.Eligibility.INELIGIBLE
    moved = [e for e in entries if (e.eligibility == Entry.Eligibility.INELIGIBLE) != is_out]
    values = dict(zip(SCREENED_FIELDS, (eligibility, reason, by, timezone.now()), strict=True))
    Entry.objects.filter(pk__in=[entry.pk for entry in entries]).update(**values)
    for entry in entries:
        for field, value in values.items():
            setattr(entry, field, value)
    return moved


@transaction.atomic
def entry_screen(*, entry: Entry, by: User, eligibility: str, reason: str) -> Entry:
    """Record the screening outcome; the agency sees it and the reason on its entry page, and
    is emailed when the outcome or the reason changed (submissions.services.screening_mail).

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
    reason = screening_reason(eligibility, reason)
    changed = outcome_changes(locked, eligibility, reason)
    moved = outcome_record([locked], by=by, eligibility=eligibility, reason=reason)
    for field in SCREENED_FIELDS:
        setattr(entry, field, getattr(locked, field))
    if moved:
        entry_running_changed.send(
            sender=Entry,
            entry=locked,
            by=by,
            running=eligibility != Entry.Eligibility.INELIGIBLE,
            reason=reason,
        )
    if changed:
        outcomes_tell(entries=[locked])
    return entry
