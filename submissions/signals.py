"""Signals other apps listen to (apps later in the data flow must not be imported here).

- `entry_screened_out(sender=Entry, entry, by, reason)`: sent inside the screening transaction
  when an entry is screened ineligible (부적격); scoring withdraws its assignments and tells the
  judges.
"""

from django.dispatch import Signal

entry_screened_out = Signal()
