"""Telling judges when one screening action takes many entries out of judging (부적격) or brings
them back (적격 again): one email per judge and action, naming how many of their assignments
were withdrawn (or are back) and listing them. The agency's name is listed only when the contest
does not judge blind. Nothing is deleted: the assignments stop (or start) being in effect with
their entries (scoring.selectors.in_effect).

(One entry screened on its own page: scoring.services.conflicts.entry_judges_tell.)
"""

from collections import defaultdict

from django.urls import reverse

from config.mail import absolute_url, send_notification
from contests.models import Contest
from scoring.models import Assignment
from scoring.selectors.in_effect import in_round, pair_open


def assignments_moved(entry_ids):
    """The assignments of the entries that are in effect exactly when their entry is in the
    running (`in_effect()` without its running condition): those that stopped counting when the
    entries were screened out, or count again now that they are back."""
    return Assignment.objects.filter(in_round() & pair_open(), entry_id__in=entry_ids)


def judges_tell_screening(*, entries, running: bool, reason: str) -> int:
    """Email each judge of the entries' moved assignments once. Returns how many judges."""
    if not entries:
        return 0
    contest = Contest.objects.get(pk=entries[0].contest_id)
    rows = (
        assignments_moved([entry.pk for entry in entries])
        .select_related("judge__user", "round", "entry__agency")
        .order_by("judge_id", "entry__receipt_number", "entry_id", "round__order", "round_id")
    )
    by_judge = defaultdict(list)
    for assignment in rows:
        by_judge[assignment.judge_id].append(assignment)
    template = "screening_returned" if running else "screening_withdrawn"
    url = absolute_url(reverse("judge:dashboard"))
    for assignments in by_judge.values():
        judge = assignments[0].judge
        send_notification(
            to=[judge.user.email],
            subject_template=f"emails/{template}_subject.txt",
            body_template=f"emails/{template}_message.txt",
            context={
                "judge_name": judge.user.display_name,
                "contest": contest,
                "count": len(assignments),
                "rows": assignments,
                "blind": contest.blind_judging,
                "reason": reason,
                "url": url,
            },
        )
    return len(by_judge)
