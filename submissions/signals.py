"""Signals other apps listen to (apps later in the data flow must not be imported here).

- `entry_running_changed(sender=Entry, entry, by, running, reason)`: sent inside the screening
  transaction when screening takes a submitted entry out of the running (`running=False`, screened
  부적격, with the reason) or brings it back (`running=True`, screened 적격 again). Scoring tells
  the entry's judges; it deletes nothing: every judging page reads "entries in the running"
  (submissions.selectors.running), so the entry leaves judging and comes back by itself.
"""

from django.dispatch import Signal

entry_running_changed = Signal()
