"""Reads about joining as a judge: the pledges each judge signed (callers check permissions)."""

from contests.models import Contest
from scoring.models import Judge, JudgeInvitation
from scoring.selectors.judges import judges_of


def judges_with_pledges(contest: Contest) -> list[Judge]:
    """`judges_of(contest)`, each with `pledged`: the accepted invitation linked to the judge
    (its `security_pledge_at`, `conflict_pledge_at`, `pledge_version`) or None (one query more)."""
    judges = judges_of(contest)
    pledged = {
        invitation.judge_id: invitation
        for invitation in JudgeInvitation.objects.filter(contest=contest, judge__isnull=False).only(
            "judge_id", "security_pledge_at", "conflict_pledge_at", "pledge_version"
        )
    }
    for judge in judges:
        judge.pledged = pledged.get(judge.pk)
    return judges
