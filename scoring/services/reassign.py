"""Reassigning an entry from the conflicts page: a conflict took a judge off the entry (their
assignment is no longer in effect, see scoring.selectors.in_effect), and the organizer gives the
entry to another judge of the round in one step.

Nothing is withdrawn here (the conflicted assignment already counts for nothing); the new
assignment is made by `assignment_add`, which checks the pair (pool, eligibility, own agency,
recorded conflicts) and emails the judge. Refused, with nothing changed, when the round is
finalized or the judge already has the entry in this round.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Round
from scoring.models import Assignment, Judge
from scoring.selectors.results import result_in_force
from scoring.services.assignments import _check_pair, assignment_add
from submissions.models import Entry


@transaction.atomic
def assignment_reassign(*, round_: Round, judge: Judge, entry: Entry, by) -> Assignment:
    locked = Round.objects.select_for_update().select_related("contest").get(pk=round_.pk)
    if result_in_force(locked) is not None:
        raise ValidationError(
            _("This round is finalized; reopen it with a reason first."), code="finalized"
        )
    _check_pair(locked, judge, entry)  # a conflicted judge is refused as such, assigned or not
    if Assignment.objects.filter(round=locked, judge=judge, entry=entry).exists():
        raise ValidationError(
            _("This judge already has this entry in this round."), code="already_assigned"
        )
    return assignment_add(round_=locked, judge=judge, entry=entry, by=by)
