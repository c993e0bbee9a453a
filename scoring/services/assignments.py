"""Every write to assignments: a toggle by hand and the automatic plan's apply.

By hand, an organizer may give any judge of the round's pool any eligible entry except the entries
of an agency the judge is linked to (제척: affiliation or membership) and pairs with a recorded
conflict that is pending or in effect (기피 · 회피). Unassigning is refused once the
judge's scorecard for that entry holds any score; an empty scorecard stays (it is unreachable
without the assignment and comes back if the pair is assigned again).

Automatic: the page shows the plan and its digest; applying recomputes the plan from the current
data under a lock on the round and refuses when the digest differs (something changed since the
preview). Existing assignments and scorecards are never touched.

Each judge given new entries is emailed once per action (scoring.services.assignment_mail).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contests.models import Round
from scoring.models import Assignment, Conflict, Judge, Score
from scoring.selectors.assignments import eligible_entries, round_plan, round_pool
from scoring.selectors.conflicts import blocking_kinds, is_linked
from scoring.selectors.in_effect import entries_in_round
from scoring.services.assignment_mail import assignments_tell
from submissions.models import Entry


class PlanChanged(Exception):
    """The situation changed since the preview; nothing was applied."""


def _lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def _check_pair(round_: Round, judge: Judge, entry: Entry) -> None:
    if judge.contest_id != round_.contest_id or entry.contest_id != round_.contest_id:
        raise ValidationError(_("The judge and the entry must belong to this contest."))
    if not round_pool(round_).filter(pk=judge.pk).exists():
        raise ValidationError(_("This judge is not in a panel of this round."), code="pool")
    if not eligible_entries(round_.contest).filter(pk=entry.pk).exists():
        raise ValidationError(_("This entry is not submitted or was screened out."))
    if not entries_in_round(round_).filter(pk=entry.pk).exists():
        raise ValidationError(_("This entry did not advance to this round."), code="not_advanced")
    if is_linked(judge, entry.agency_id):
        raise ValidationError(
            _("The judge belongs to the entry's agency (exclusion)."), code="own_agency"
        )
    kinds = blocking_kinds(round_.contest_id, judge_id=judge.pk, entry_id=entry.pk)
    if kinds:
        label = Conflict.Kind(kinds[(judge.pk, entry.pk)]).label
        raise ValidationError(
            _("A conflict of interest is recorded for this pair: %(kind)s.") % {"kind": label},
            code="conflict",
        )


def _has_scores(round_: Round, judge: Judge, entry: Entry) -> bool:
    return Score.objects.filter(
        scorecard__round=round_, scorecard__judge=judge, scorecard__entry=entry
    ).exists()


@transaction.atomic
def assignment_add(*, round_: Round, judge: Judge, entry: Entry, by) -> Assignment:
    locked = _lock_round(round_)
    _check_pair(round_, judge, entry)
    assignment, created = Assignment.objects.get_or_create(
        round=round_,
        judge=judge,
        entry=entry,
        defaults={"method": Assignment.Method.MANUAL, "created_by": by},
    )
    if created:
        assignments_tell(round_=locked, judge_ids=[judge.pk])
    return assignment


@transaction.atomic
def assignment_remove(*, round_: Round, judge: Judge, entry: Entry) -> None:
    _lock_round(round_)
    if _has_scores(round_, judge, entry):
        raise ValidationError(
            _(
                "The judge has already scored this entry. Clear the scores (reopen the scorecard "
                "first if it is submitted) before taking the entry away."
            ),
            code="scored",
        )
    Assignment.objects.filter(round=round_, judge=judge, entry=entry).delete()


@transaction.atomic
def assignment_toggle(*, round_: Round, judge: Judge, entry: Entry, by) -> bool:
    """Assign when unassigned, unassign when assigned; returns whether the pair is now assigned."""
    if Assignment.objects.filter(round=round_, judge=judge, entry=entry).exists():
        assignment_remove(round_=round_, judge=judge, entry=entry)
        return False
    assignment_add(round_=round_, judge=judge, entry=entry, by=by)
    return True


@transaction.atomic
def assignments_auto_apply(*, round_: Round, digest: str, by) -> list[Assignment]:
    """Create the planned assignments if the plan is still the one previewed (same digest)."""
    round_ = _lock_round(round_)
    plan = round_plan(round_)
    if plan.digest != digest:
        raise PlanChanged
    created = Assignment.objects.bulk_create(
        Assignment(
            round=round_,
            judge_id=judge_id,
            entry_id=entry_id,
            method=Assignment.Method.AUTOMATIC,
            created_by=by,
        )
        for judge_id, entry_id in plan.new
    )
    assignments_tell(round_=round_, judge_ids=[judge_id for judge_id, _entry in plan.new])
    return created
