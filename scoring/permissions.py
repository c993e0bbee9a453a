"""Who may judge and who may run the judging."""

import rules

from contests.permissions import can_manage_contest
from scoring.models import Judge


@rules.predicate
def is_contest_judge(user, contest) -> bool:
    if not (user and user.is_authenticated and contest is not None):
        return False
    return Judge.objects.filter(contest=contest, user=user).exists()


can_run_judging = can_manage_contest
