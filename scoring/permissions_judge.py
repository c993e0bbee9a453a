"""Who may use the judge's pages: a user with a judge role; a scorecard only for the judge
assigned to that entry in that round (see scoring.selectors.judge.assignment_of)."""

import rules

from scoring.selectors.judge import has_judge_role


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
