"""Sending an announcement (공지) to a contest's agencies: the row, and one email per person.

`announcement_send` records the announcement with the agencies it goes to (fixed then: they see
it on their pages) and queues one email per member of those agencies (config.mail: rendered in
the recipient's language, sent by the task queue after the transaction commits). The email
greets the person, names the agency and the contest, gives the organizer's title and text, and
ends with the absolute link to the agency's page where the notice stays ("Our entries"), on a
line of its own, and the system's signature. A link the organizer typed inside a sentence is put
on a line of its own too, so that no mail client glues punctuation onto it.

Sending is idempotent per compose form: the form carries a one-time `key`; a second "send" with
the same key (a double click, a reloaded POST) returns the announcement the first one recorded
and sends nothing. Two at once: the unique key lets one insert; the other finds its row.
"""

import re
import uuid
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.mail import absolute_url, recipient_language, render_notification, send_notification
from contests.models import Contest
from scoring.models import Announcement
from scoring.selectors.announcements import Recipients, Target, audience_refusal, recipients

SUBJECT = "emails/announcement_subject.txt"
BODY = "emails/announcement_message.txt"
# An http(s) link inside text; punctuation right after it is not part of it.
_LINK = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}>。、」』"
NOBODY = gettext_lazy(
    "Nobody would receive this announcement: there is no such agency yet, or it has no members."
)


def links_on_own_lines(text: str) -> str:
    """`text` with every http(s) link on a line of its own: the words before and after it stay,
    on lines of their own; a comma or a full stop left alone after a link is dropped."""
    lines = []
    for line in text.splitlines():
        rest = line
        while (found := _LINK.search(rest)) is not None:
            link = found.group(0).rstrip(_TRAILING)
            before, after = rest[: found.start()].rstrip(), rest[found.start() + len(link) :]
            lines.extend([before] if before else [])
            lines.append(link)
            rest = _after_link(after)
        if rest or line == "":
            lines.append(rest)
    return "\n".join(lines)


def _after_link(text: str) -> str:
    text = text.strip()
    if text in {".", ",", "。"}:
        return ""
    return text[1:].lstrip() if text[:1] in {",", "、"} else text


def notice_url() -> str:
    """Where the agency's members read their notices: "Our entries", at its notices."""
    return absolute_url(f"{reverse('entries:list')}#notices")


def _context(announcement: Announcement, membership, *, deadline: str) -> dict:
    return {
        "name": membership.user.display_name,
        "agency_name": membership.agency.name_ko,
        "contest_name": announcement.contest.name_ko,
        "title": announcement.title,
        "body": links_on_own_lines(announcement.body),
        "deadline": deadline,
        "url": notice_url(),
    }


def _deadline(contest: Contest, target: Target) -> str:
    """The submission deadline, said in a reminder to submit ("" for other audiences)."""
    if target.kind != Announcement.Audience.DRAFTS:
        return ""
    return timezone.localtime(contest.submission_closes_at).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Preview:
    recipients: Recipients
    subject: str  # the email as the first person would get it
    body: str


def announcement_preview(
    *, contest: Contest, target: Target, title: str, body: str, by: User
) -> Preview | None:
    """Who would get the announcement and the email the first person would get, without saving
    or sending anything; None when nobody would get it."""
    if not rules.has_perm("contests.manage_contest", by, contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    found = recipients(contest, target)
    if not found.members:
        return None
    draft = Announcement(contest=contest, title=title, body=body, audience=target.kind)
    context = _context(draft, found.members[0], deadline=_deadline(contest, target))
    subject, text = render_notification(
        subject_template=SUBJECT,
        body_template=BODY,
        context=context,
        language=recipient_language(),
    )
    return Preview(recipients=found, subject=subject, body=text)


@dataclass(frozen=True)
class Sent:
    announcement: Announcement
    created: bool  # False: this key had been sent already; nothing was sent again


@transaction.atomic
def announcement_send(
    *, contest: Contest, target: Target, title: str, body: str, key: uuid.UUID, by: User
) -> Sent:
    """Record the announcement and email every person of its audience (after commit).

    Refused (ValidationError) when the audience cannot be written to now or has nobody in it.
    """
    if not rules.has_perm("contests.manage_contest", by, contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))
    earlier = Announcement.objects.filter(key=key).first()
    if earlier is not None:
        return _already(earlier, contest)
    refusal = audience_refusal(contest, target)
    if refusal:
        raise ValidationError(refusal, code="closed")
    found = recipients(contest, target)
    if not found.members:
        raise ValidationError(NOBODY, code="nobody")
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                contest=contest, title=title.strip(), body=body.strip(), audience=target.kind,
                round=target.round, key=key, sent_by=by, agency_count=len(found.agencies),
                recipient_count=len(found.members),
            )  # fmt: skip
    except IntegrityError:  # the same key, sent at the same moment by the other click
        return _already(Announcement.objects.get(key=key), contest)
    announcement.agencies.set(found.agencies)
    deadline = _deadline(contest, target)
    for membership in found.members:
        send_notification(
            to=[membership.user.email],
            subject_template=SUBJECT,
            body_template=BODY,
            context=_context(announcement, membership, deadline=deadline),
        )
    return Sent(announcement=announcement, created=True)


def _already(announcement: Announcement, contest: Contest) -> Sent:
    if announcement.contest_id != contest.pk:
        raise ValidationError(_("This form was already used. Write the announcement again."))
    return Sent(announcement=announcement, created=False)
