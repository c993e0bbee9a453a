"""Signals other apps listen to (apps later in the data flow must not be imported here).

- `entry_running_changed(sender=Entry, entry, by, running, reason)`: sent inside the screening
  transaction when screening takes a submitted entry out of the running (`running=False`, screened
  부적격, with the reason) or brings it back (`running=True`, screened 적격 again). Scoring tells
  the entry's judges; it deletes nothing: every judging page reads "entries in the running"
  (submissions.selectors.running), so the entry leaves judging and comes back by itself.
- `entries_running_changed(sender=Entry, entries, by, running, reason)`: the same for many
  entries screened in one action (submissions.services.bulk_screening), sent once, so that scoring
  tells each judge once per action; a receiver returns how many judges it emailed.
"""

from django.dispatch import Signal

entry_running_changed = Signal()
entries_running_changed = Signal()
