"""Scoring listens to submissions (which must not import scoring): connected in apps.ready()."""

from scoring.services.conflicts import entry_assignments_withdraw, membership_exclusion


def on_entry_screened_out(sender, *, entry, reason, **kwargs):
    """An entry screened 부적격 leaves the running: its assignments are withdrawn."""
    entry_assignments_withdraw(entry=entry, reason=reason)


def on_membership_saved(sender, *, instance, created, raw=False, **kwargs):
    """A new agency member who judges a contest is excluded from that agency's entries."""
    if created and not raw:
        membership_exclusion(user=instance.user, agency_id=instance.agency_id)
