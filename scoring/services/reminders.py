"""Reminder emails to judges who still have unfinished scorecards in a round.

One email per judge (config.mail: rendered in the judge's language, sent by the task queue once
the request's work commits): the contest's name in the subject; in the body the number of the
judge's assigned scorecards not yet submitted, the round's deadline in Asia/Seoul and the link to
the judge's dashboard. Nothing is stored: sending twice sends twice. Only while the round's
scoring window is open (`reminder_refusal` says why not otherwise): before it a judge cannot
score yet, after it nothing can be submitted any more.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, send_notification
from contests.models import Round
from scoring.models import Judge
from scoring.rules import window_open
from scoring.selectors.progress import unfinished_counts

SEOUL = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True)
class Reminded:
    judge: Judge
    unfinished: int


def deadline_text(round_: Round) -> str:
    return _local(round_.closes_at)


def _local(moment) -> str:
    return timezone.localtime(moment, SEOUL).strftime("%Y-%m-%d %H:%M")


def reminder_refusal(round_: Round) -> str:
    """Why reminders cannot be sent for the round now ("" while its window is open)."""
    if window_open(round_):
        return ""
    if timezone.now() < round_.opens_at:
        return _(
            "Judging in this round has not opened yet (it opens %(opens)s): reminders can be "
            "sent only while the round is open."
        ) % {"opens": _local(round_.opens_at)}
    return _(
        "Judging in this round closed on %(closes)s: reminders can be sent only while the "
        "round is open."
    ) % {"closes": _local(round_.closes_at)}


def reminders_send(*, round_: Round, by: User, judge: Judge | None = None) -> list[Reminded]:
    """Email every judge of the round (or only `judge`) who has unfinished scorecards.

    Returns who was reminded and with which count; judges with nothing unfinished get no mail.
    Refused (ValidationError) outside the round's scoring window.
    """
    if not rules.has_perm("contests.manage_contest", by, round_.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    refusal = reminder_refusal(round_)
    if refusal:
        raise ValidationError(refusal, code="closed")
    context = {
        "contest_name": round_.contest.name_ko,
        "round_name": round_.name_ko,
        "deadline": deadline_text(round_),
        "dashboard_url": absolute_url(reverse("judge:dashboard")),
    }
    sent = []
    for row, unfinished in unfinished_counts(round_, judge):
        send_notification(
            to=[row.user.email],
            subject_template="emails/judge_reminder_subject.txt",
            body_template="emails/judge_reminder_message.txt",
            context={**context, "judge_name": row.user.display_name, "count": unfinished},
        )
        sent.append(Reminded(judge=row, unfinished=unfinished))
    return sent
