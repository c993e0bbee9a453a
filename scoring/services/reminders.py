"""Reminder emails to judges who still have unfinished scorecards in a round.

One Korean email per judge: the contest's name in the subject; in the body the number of the
judge's assigned scorecards not yet submitted, the round's deadline in Asia/Seoul and the link to
the judge's dashboard. Nothing is stored: sending twice sends twice.
"""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from contests.models import Round
from scoring.models import Judge
from scoring.selectors.progress import unfinished_counts

SEOUL = ZoneInfo("Asia/Seoul")
DASHBOARD_FALLBACK = "/judge/"


@dataclass(frozen=True)
class Reminded:
    judge: Judge
    unfinished: int


def dashboard_path() -> str:
    """The judge dashboard's path, looked up when a mail is sent (the URL lives in judge_urls)."""
    try:
        return reverse("judge:dashboard")
    except NoReverseMatch:
        return DASHBOARD_FALLBACK


def deadline_text(round_: Round) -> str:
    return timezone.localtime(round_.closes_at, SEOUL).strftime("%Y-%m-%d %H:%M")


def _base_url(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")


def reminders_send(
    *, round_: Round, by: User, judge: Judge | None = None, base_url: str = ""
) -> list[Reminded]:
    """Email every judge of the round (or only `judge`) who has unfinished scorecards.

    Returns who was reminded and with which count; judges with nothing unfinished get no mail.
    """
    if not rules.has_perm("contests.manage_contest", by, round_.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    context = {
        "site_name": getattr(settings, "SITE_NAME", ""),
        "contest_name": round_.contest.name_ko,
        "round_name": round_.name_ko,
        "deadline": deadline_text(round_),
        "dashboard_url": _base_url(base_url) + dashboard_path(),
    }
    sent = []
    for row, unfinished in unfinished_counts(round_, judge):
        mail = {**context, "judge_name": row.user.name or row.user.email, "count": unfinished}
        subject = render_to_string("emails/judge_reminder_subject.txt", mail)
        body = render_to_string("emails/judge_reminder_message.txt", mail)
        send_mail(" ".join(subject.split()), body, None, [row.user.email])
        sent.append(Reminded(judge=row, unfinished=unfinished))
    return sent
