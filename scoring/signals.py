"""Scoring listens to submissions (which must not import scoring): connected in apps.ready()."""

from scoring.services.conflicts import entry_judges_tell, membership_exclusion
from scoring.services.screening_notices import judges_tell_screening


def on_entry_running_changed(sender, *, entry, running, reason, **kwargs):
    """An entry screened out (or back in): its judges are told; nothing is deleted."""
    entry_judges_tell(entry=entry, running=running, reason=reason)


def on_membership_saved(sender, *, instance, created, raw=False, **kwargs):
    """A new agency member who judges a contest is excluded from that agency's entries."""
    if created and not raw:
        membership_exclusion(user=instance.user, agency_id=instance.agency_id)


def on_entries_running_changed(sender, *, entries, running, reason, **kwargs) -> int:
    """Many entries screened out (or back in) in one action: each judge is told once."""
    return judges_tell_screening(entries=entries, running=running, reason=reason)
