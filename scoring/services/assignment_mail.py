"""Telling judges about new assignments: one email per judge per action (a toggle in the matrix,
an applied automatic plan), however many entries the action gave them.

The email names the contest and the round, the number of new entries, the round's window in
Korea time and the link to the judge's dashboard on a line of its own; it is rendered now and
sent once the assignments are committed (config.mail). Nothing is sent for a round whose window
has already closed: the judge could not score anyway.
"""

from collections import Counter
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from config.mail import absolute_url, send_notification
from contests.models import Round
from scoring.models import Judge
from scoring.services.reminders import SEOUL, deadline_text


def assignments_tell(*, round_: Round, judge_ids: Iterable[int]) -> dict[int, int]:
    """Email each judge in `judge_ids` (one id per new assignment) once, with their count.

    Returns {judge id: new assignments} of the judges emailed (empty for a closed round)."""
    counts = Counter(judge_ids)
    now = timezone.now()
    if not counts or now >= round_.closes_at:
        return {}
    contest = round_.contest
    context = {
        "contest_name": contest.name_ko,
        "round_name": round_.name_ko,
        "deadline": deadline_text(round_),
        "opens": (
            timezone.localtime(round_.opens_at, SEOUL).strftime("%Y-%m-%d %H:%M")
            if round_.opens_at > now
            else ""
        ),
        "dashboard_url": absolute_url(reverse("judge:dashboard")),
    }
    judges = Judge.objects.filter(pk__in=counts, contest_id=round_.contest_id).select_related(
        "user"
    )
    sent = {}
    for judge in judges.order_by("pk"):
        send_notification(
            to=[judge.user.email],
            subject_template="emails/judge_assigned_subject.txt",
            body_template="emails/judge_assigned_message.txt",
            context={
                **context,
                "judge_name": judge.user.display_name,
                "count": counts[judge.pk],
            },
        )
        sent[judge.pk] = counts[judge.pk]
    return sent
