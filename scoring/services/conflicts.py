"""Conflicts of interest (제척 · 기피 · 회피).

- 제척 (exclusion) is automatic: a judge is never assigned an entry of their own agency (the
  judge's `affiliation`). It is computed, not stored, and listed for the organizer.
- 기피 (challenge): an organizer records it with a reason. The judge's assignments of that entry
  (every round of the contest) are withdrawn. If the judge already scored the entry in some round
  the challenge is refused: the organizer first clears those scores (reopening a submitted
  scorecard), so that no score silently disappears from the results.
- 회피 (recusal): the judge declares it on an entry assigned to them, with a reason. The
  assignments are withdrawn at once whatever was scored; the scorecard, if any, stays for the
  audit but is no longer reachable because the assignment is gone. No email is sent.

Either kind keeps the pair out of every later assignment, by hand or automatic.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.permissions import can_manage_contest
from scoring.models import Assignment, Conflict, Judge, Score
from submissions.models import Entry


def _check(judge: Judge, entry: Entry, reason: str, kind: str) -> str:
    if judge.contest_id != entry.contest_id:
        raise ValidationError(_("The judge and the entry must belong to the same contest."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if Conflict.objects.filter(judge=judge, entry=entry, kind=kind).exists():
        raise ValidationError(_("This conflict of interest is already recorded."), code="duplicate")
    return reason


@transaction.atomic
def conflict_record_challenge(*, judge: Judge, entry: Entry, reason: str, by) -> Conflict:
    """기피: recorded by an organizer of the contest; refused once the judge scored the entry."""
    if not can_manage_contest(by, judge.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    reason = _check(judge, entry, reason, Conflict.Kind.CHALLENGE)
    if Score.objects.filter(scorecard__judge=judge, scorecard__entry=entry).exists():
        raise ValidationError(
            _(
                "The judge has already scored this entry. Reopen the scorecard and clear its "
                "scores first, then record the challenge."
            ),
            code="scored",
        )
    Assignment.objects.filter(judge=judge, entry=entry).delete()
    return Conflict.objects.create(
        judge=judge, entry=entry, kind=Conflict.Kind.CHALLENGE, reason=reason, recorded_by=by
    )


@transaction.atomic
def conflict_declare_recusal(*, judge: Judge, entry: Entry, reason: str, by) -> Conflict:
    """회피: the judge (only themself) declares a conflict on an entry assigned to them."""
    if by is None or judge.user_id != by.pk:
        raise PermissionDenied(_("Only the judge can declare their own conflict of interest."))
    if not Assignment.objects.filter(judge=judge, entry=entry).exists():
        raise ValidationError(_("This entry is not assigned to you."), code="not_assigned")
    reason = _check(judge, entry, reason, Conflict.Kind.RECUSAL)
    Assignment.objects.filter(judge=judge, entry=entry).delete()
    return Conflict.objects.create(
        judge=judge, entry=entry, kind=Conflict.Kind.RECUSAL, reason=reason, recorded_by=by
    )
