"""Screening many entries at once: one outcome and one reason for the entries an organizer
selected on the entry list, previewed (`screening_plan`), then applied (`entries_screen`).

The rules are the single entry's (submissions.services.screening): the outcome and reason are
checked by `screening_reason` and written by `outcome_record`. An entry that is not submitted is
skipped; one that already has this outcome and reason is left as it is, so applying the same
action twice (a double submit) changes nothing and emails nobody the second time.

Applying is one transaction with the selected rows locked (in id order, so that two organizers'
actions wait for each other instead of deadlocking). Inside it the entries that left the running
(or came back) go to scoring in one `entries_running_changed` signal, which tells each judge once
(scoring.services.screening_notices), and each agency gets one email listing its entries'
outcomes (submissions.services.screening_mail); both are sent after the commit.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from contests.models import Contest
from submissions.models import Entry
from submissions.selectors.screening import LIST_ORDER, JudgingStake, judging_stake_of
from submissions.services.screening import outcome_changes, outcome_record, screening_reason
from submissions.services.screening_mail import outcomes_tell
from submissions.signals import entries_running_changed


@dataclass
class ScreeningPlan:
    """What screening the selected entries (`eligibility`, `reason`) does, entry by entry."""

    eligibility: str
    reason: str
    changing: list[Entry]  # submitted, and the outcome or the reason changes
    unchanged: list[Entry]  # already this outcome with this reason
    skipped: list[Entry]  # not submitted (draft, withdrawn): cannot be screened
    # The judging that the moving entries leave ("ineligible") or come back to ("eligible").
    stake: JudgingStake | None = None

    @property
    def agency_count(self) -> int:
        """The agencies emailed: those of the changing entries."""
        return len({entry.agency_id for entry in self.changing})

    @property
    def moving(self) -> list[Entry]:
        """Before applying: the changing entries that leave the running (screened out) or come
        back to it (screened eligible after "ineligible")."""
        out = self.eligibility == Entry.Eligibility.INELIGIBLE
        return [e for e in self.changing if (e.eligibility == Entry.Eligibility.INELIGIBLE) != out]


@dataclass
class ScreeningDone:
    plan: ScreeningPlan  # its entries now carry the new outcome
    moved: list[Entry]  # the changing entries that left the running (or came back)
    agencies_emailed: int
    judges_emailed: int


def _sort_key(entry: Entry):
    return (entry.receipt_number is None, entry.receipt_number or "", entry.pk)


def _classify(entries, eligibility: str, reason: str) -> ScreeningPlan:
    plan = ScreeningPlan(eligibility, reason, changing=[], unchanged=[], skipped=[])
    for entry in sorted(entries, key=_sort_key):
        if entry.status != Entry.Status.SUBMITTED:
            plan.skipped.append(entry)
        elif outcome_changes(entry, eligibility, reason):
            plan.changing.append(entry)
        else:
            plan.unchanged.append(entry)
    return plan


def screening_plan(
    *, contest: Contest, entry_ids: list[int], eligibility: str, reason: str
) -> ScreeningPlan:
    """The preview: nothing is saved. Ids of entries of other contests are ignored. Raises a
    ValidationError for an unknown outcome or "ineligible" without a reason."""
    reason = screening_reason(eligibility, reason)
    entries = Entry.objects.filter(contest=contest, pk__in=entry_ids).order_by(*LIST_ORDER)
    plan = _classify(entries.select_related("agency"), eligibility, reason)
    plan.stake = judging_stake_of([entry.pk for entry in plan.moving])
    return plan


@transaction.atomic
def entries_screen(
    *, contest: Contest, entry_ids: list[int], by: User, eligibility: str, reason: str
) -> ScreeningDone:
    """Record the outcome on the selected entries of `contest` that it changes (see the module).
    Raises a ValidationError for an unknown outcome or "ineligible" without a reason."""
    reason = screening_reason(eligibility, reason)
    locked = Entry.objects.select_for_update().filter(contest=contest, pk__in=entry_ids)
    plan = _classify(list(locked.order_by("pk")), eligibility, reason)
    moved = outcome_record(plan.changing, by=by, eligibility=eligibility, reason=reason)
    judges = 0
    if moved:
        answers = entries_running_changed.send(
            sender=Entry,
            entries=moved,
            by=by,
            running=eligibility != Entry.Eligibility.INELIGIBLE,
            reason=reason,
        )
        judges = sum(answer for _receiver, answer in answers if isinstance(answer, int))
    agencies = outcomes_tell(entries=plan.changing)
    return ScreeningDone(plan=plan, moved=moved, agencies_emailed=agencies, judges_emailed=judges)
