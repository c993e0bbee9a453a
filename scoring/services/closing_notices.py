"""The 24-hour notice: once a round's window closes within 24 hours (`closes_soon`), every judge
with scorecards not yet submitted in it gets one email (config.mail), never a second one.

"Once" is the `JudgeNotice` row (judge, round, kind CLOSING_SOON; unique): each notice is
recorded by `get_or_create` in its own transaction and its email is sent after that transaction
commits. Two runs at once (cron and the dashboard's hook, two workers) try to insert the same row:
the database's unique constraint lets one insert it; the other waits for it, finds it and sends
nothing. A run that fails before commit records nothing and sends nothing, so the next run tries
again.

What starts a run:
- the management command `send_closing_notices` (cron, every 15 minutes: "*/15 * * * *");
- `closing_notices_soon()`, called by the judge's dashboard: it enqueues the task
  `closing_notices_task` at most once per THROTTLE seconds per site (a cache key added with
  `cache.add`, atomic in every cache backend), so the notices go out without cron too, at the
  latest 10 minutes after any judge opens their dashboard. With the database task queue the
  page does not wait for it; without a queue (development, tests) it runs at once.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from config.mail import absolute_url, send_notification
from contests.models import Round
from scoring.models import Judge, JudgeNotice
from scoring.selectors.judge_board import CLOSING_SOON
from scoring.selectors.progress import unfinished_counts
from scoring.services.reminders import deadline_text

THROTTLE_KEY = "scoring:closing-notices"
THROTTLE = 600  # seconds: the dashboard enqueues a run at most once per 10 minutes
CLOSING = JudgeNotice.Kind.CLOSING_SOON


@dataclass(frozen=True)
class Notified:
    judge: Judge
    round: Round
    unfinished: int


def rounds_closing_soon(now: dt.datetime) -> QuerySet[Round]:
    """Open rounds whose window closes within 24 hours (as `closes_soon` says of one round)."""
    return Round.objects.filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + CLOSING_SOON
    ).select_related("contest")


@transaction.atomic
def closing_notice_send(*, judge: Judge, round_: Round, unfinished: int) -> bool:
    """Record the judge's notice for the round and email it (after commit); False, and no
    email, when it was recorded already."""
    _notice, created = JudgeNotice.objects.get_or_create(judge=judge, round=round_, kind=CLOSING)
    if not created:
        return False
    send_notification(
        to=[judge.user.email],
        subject_template="emails/judge_closing_soon_subject.txt",
        body_template="emails/judge_closing_soon_message.txt",
        context={
            "judge_name": judge.user.display_name,
            "contest_name": round_.contest.name_ko,
            "round_name": round_.name_ko,
            "count": unfinished,
            "deadline": deadline_text(round_),
            "dashboard_url": absolute_url(reverse("judge:dashboard")),
        },
    )
    return True


def closing_notices_send(*, now: dt.datetime | None = None) -> list[Notified]:
    """Send every notice due at `now`: each judge with unfinished scorecards (assignments in
    effect, `unfinished_counts`) in a round closing within 24 hours, not yet notified. Each
    notice is its own transaction (one failure loses none of the others)."""
    now = now or timezone.now()
    sent = []
    for round_ in rounds_closing_soon(now):
        notices = JudgeNotice.objects.filter(round=round_, kind=CLOSING)
        done = set(notices.values_list("judge_id", flat=True))
        for judge, unfinished in unfinished_counts(round_):
            if judge.pk in done:
                continue
            if closing_notice_send(judge=judge, round_=round_, unfinished=unfinished):
                sent.append(Notified(judge=judge, round=round_, unfinished=unfinished))
    return sent


@task()
def closing_notices_task() -> int:
    """The background run of `closing_notices_send`: the number of emails sent."""
    return len(closing_notices_send())


def closing_notices_soon() -> bool:
    """Enqueue a run unless one was enqueued in the last THROTTLE seconds; whether it did."""
    if not cache.add(THROTTLE_KEY, True, THROTTLE):
        return False
    closing_notices_task.enqueue()
    return True
