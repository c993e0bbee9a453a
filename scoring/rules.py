"""Who may judge and who may run the judging (predicates for the `rules` package).

- `is_any_judge(user)`: a user with a judge role may open the judge's dashboard.
- `is_assigned_judge(user, assignment)`: a scorecard only for the judge assigned to that entry in
  that round (see scoring.selectors.judge.assignment_of, which already filters out conflicts).
- `can_set_up_judging(user, contest)`: invite judges, seat panels, assign, record challenges and
  read the conflict list: the contest's organizers and site admins (= `can_manage_contest`).
- `can_accept_invitation(user, invitation)`: any signed-in user holding the link of a pending
  invitation (the link is the secret; the address it was sent to may differ from the account's).
- State rules, one definition each: `window_open(round_)` (is the scoring window open?) and the
  scorecard perms `scoring.reopen_own_scorecard` / `scoring.reopen_scorecard` (may this scorecard
  be reopened, by its judge / by an organizer?).
- Printed documents: `scoring.print_scorecard` (a submitted scorecard's 평가표: its judge or the
  contest's organizers), `scoring.print_judge_sheets` (a judge's booklet: that judge or the
  organizers), `scoring.read_entry_feedback` (an entry's feedback report: its agency's members
  once results are published, the organizers any time).

Ask state perms with `rules.has_perm(name, user, obj)`: Django's `user.has_perm` answers True to
every active superuser before asking any rule, and a state rule binds site admins too.
"""

import rules
from django.utils import timezone

from contests.rules import can_manage_contest
from scoring.models import Scorecard
from scoring.selectors.judge import has_judge_role
from submissions.rules import is_entry_agency_member

# ---- the judge's own pages ----


@rules.predicate
def is_any_judge(user) -> bool:
    return bool(user) and has_judge_role(user)


@rules.predicate
def is_assigned_judge(user, assignment) -> bool:
    """`assignment` comes from assignment_of(user, …), which already filters out conflicts."""
    return bool(user and user.is_authenticated and assignment is not None) and (
        assignment.judge.user_id == user.pk
    )


rules.add_perm("scoring.view_judge_dashboard", is_any_judge)
rules.add_perm("scoring.score_entry", is_assigned_judge)


# ---- setting up the judging ----


@rules.predicate
def is_pending_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.accepted_at is None


can_set_up_judging = can_manage_contest
can_accept_invitation = rules.is_authenticated & is_pending_invitation

rules.add_perm("scoring.set_up_judging", can_set_up_judging)
rules.add_perm("scoring.accept_invitation", can_accept_invitation)


# ---- scorecard state ----


def window_open(round_) -> bool:
    """Is the round's scoring window open now? Judges score only inside it."""
    return round_.opens_at <= timezone.now() < round_.closes_at


@rules.predicate
def is_own_scorecard(user, scorecard) -> bool:
    return bool(user and user.is_authenticated and scorecard is not None) and (
        scorecard.judge.user_id == user.pk
    )


@rules.predicate
def is_submitted_scorecard(user, scorecard) -> bool:
    return scorecard is not None and scorecard.status == Scorecard.Status.SUBMITTED


@rules.predicate
def is_reopenable_by_its_judge(user, scorecard) -> bool:
    """The round lets judges reopen, and only while its scoring window is open."""
    return scorecard is not None and scorecard.round.allow_reopen and window_open(scorecard.round)


@rules.predicate
def manages_scorecard_contest(user, scorecard) -> bool:
    return scorecard is not None and can_manage_contest(user, scorecard.round.contest)


# The judge reopens their own submitted scorecard where the round allows it, inside the window
# (that the entry is still assigned to them is the caller's look-up: assignment_of / _check_actor).
can_reopen_own_scorecard = is_own_scorecard & is_submitted_scorecard & is_reopenable_by_its_judge
# An organizer reopens a submitted scorecard of a contest they manage, any time, with a reason.
can_reopen_scorecard = manages_scorecard_contest & is_submitted_scorecard

rules.add_perm("scoring.reopen_own_scorecard", can_reopen_own_scorecard)
rules.add_perm("scoring.reopen_scorecard", can_reopen_scorecard)


# ---- printed documents (reports.catalog: evaluation sheets, booklets, feedback reports) ----


@rules.predicate
def is_own_judge_role(user, judge) -> bool:
    return bool(user and user.is_authenticated and judge is not None) and judge.user_id == user.pk


@rules.predicate
def manages_judge_contest(user, judge) -> bool:
    return judge is not None and can_manage_contest(user, judge.contest)


@rules.predicate
def is_entry_result_published(user, entry) -> bool:
    return entry is not None and entry.contest.results_published_at is not None


@rules.predicate
def manages_entry_contest(user, entry) -> bool:
    return entry is not None and can_manage_contest(user, entry.contest)


# A submitted scorecard's 평가표: its judge, or an organizer of the contest (which scorecards
# count, the caller's look-up: reports.sheets_pdf.counted_cards).
can_print_scorecard = (is_own_scorecard | manages_scorecard_contest) & is_submitted_scorecard
# A judge's booklet of a round (their submitted 평가표): the judge, or the contest's organizers.
can_print_judge_sheets = is_own_judge_role | manages_judge_contest
# An entry's feedback report: its agency's members once the results are published; the
# contest's organizers any time (a preview, marked DRAFT, before publication).
can_read_entry_feedback = (
    is_entry_agency_member & is_entry_result_published
) | manages_entry_contest

rules.add_perm("scoring.print_scorecard", can_print_scorecard)
rules.add_perm("scoring.print_judge_sheets", can_print_judge_sheets)
rules.add_perm("scoring.read_entry_feedback", can_read_entry_feedback)


# ---- objections (이의신청: scoring.services.objections) ----


@rules.predicate
def is_objection_agency_member(user, objection) -> bool:
    return objection is not None and is_entry_agency_member(user, objection.entry)


@rules.predicate
def manages_objection_contest(user, objection) -> bool:
    return objection is not None and can_manage_contest(user, objection.contest)


# An objection and its file: its entry's agency members and the contest's organizers.
rules.add_perm("scoring.read_objection", is_objection_agency_member | manages_objection_contest)
