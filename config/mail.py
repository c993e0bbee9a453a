"""Every email the system sends goes through here: one way to make links, render and send.

- `absolute_url(path)`: every link in an email is `settings.SITE_URL` + a path from `reverse`,
  never the host of whichever request happened to trigger the email.
- `send_notification(...)`: renders the subject (one line) and the body in the recipient's
  language, with the system's name (`settings.SITE_NAME`) and address for the signature, and,
  once the current transaction commits, enqueues the `deliver` task that sends it with Django's
  mail API. Nothing is sent for a change that rolls back. The task's arguments are the rendered
  strings and the addresses only (JSON), so the database queue (django-tasks-db, `manage.py
  db_worker`, which `./run` starts beside the development server) can hold them; without a
  queue configured (tests, a bare `runserver`) tasks run at once (ImmediateBackend).
- `send_invitation(...)`: an invitation (a judge's, an agency member's) to its email, with the
  link to accept it (a URL named with the invitation's token) and who invited.

Body templates extend `emails/base_message.txt` (signature) and put every link on a line of its
own, so that no mail client glues a label or punctuation onto it.
"""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from config.korean import resolve_particles

_BLANK_LINES = re.compile(r"\n{3,}")


def absolute_url(path_or_url: str) -> str:
    """`path_or_url` as an absolute link: a path (from `reverse`) joined to settings.SITE_URL;
    an absolute http(s) URL is returned as it is."""
    parts = urlsplit(path_or_url)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return path_or_url
    if parts.scheme or parts.netloc or not path_or_url.startswith("/"):
        raise ValueError(f"Not a site path or an absolute http(s) URL: {path_or_url!r}")
    return settings.SITE_URL.rstrip("/") + path_or_url


def recipient_language(user=None) -> str:
    """The language to write to a person in. Nobody's preferred language is stored yet, so every
    recipient (with an account or only an address) is written to in the site's language."""
    return settings.LANGUAGE_CODE


def _tidy(body: str) -> str:
    lines = [line.rstrip() for line in body.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)) + "\n"


def render_notification(
    *,
    body_template: str,
    context: dict[str, Any],
    language: str,
    subject_template: str | None = None,
    subject: str | None = None,
) -> tuple[str, str]:
    """(subject, body) rendered in `language`, dates in the site's time zone. The subject comes
    from `subject_template` or is `subject` (a lazy translation is translated here)."""
    if (subject is None) == (subject_template is None):
        raise TypeError("Give exactly one of subject and subject_template.")
    full = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        if subject_template is not None:
            subject = render_to_string(subject_template, full)
        subject = " ".join(str(subject).split())
        body = _tidy(render_to_string(body_template, full))
    if language == "ko":
        subject, body = resolve_particles(subject), resolve_particles(body)
    return subject, body


def send_notification(
    *,
    to: Iterable[str],
    body_template: str,
    context: dict[str, Any],
    language: str | None = None,
    subject_template: str | None = None,
    subject: str | None = None,
) -> None:
    """Render one email to `to` (all in its To line) now, and send it after the transaction
    commits, through the task queue. Empty and repeated addresses are dropped; with nobody left,
    nothing is rendered or sent."""
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return
    subject, body = render_notification(
        body_template=body_template,
        context=context,
        language=language or recipient_language(),
        subject_template=subject_template,
        subject=subject,
    )
    transaction.on_commit(lambda: deliver.enqueue(subject=subject, body=body, to=recipients))


@task()
def deliver(*, subject: str, body: str, to: list[str]) -> None:
    """Send one rendered email (the task run by the worker, or at once without a queue)."""
    EmailMessage(subject=subject, body=body, to=to).send()


def send_invitation(invitation, *, url_name: str, template: str, **context: Any) -> None:
    """The invitation email to `invitation.email` (after the transaction commits): the
    templates "emails/<template>_subject.txt" and "…_message.txt" with the invitation, who sent
    it (`by`), the link to accept it (`url`: the URL `url_name` with the invitation's token)
    and `context`."""
    url = absolute_url(reverse(url_name, args=[invitation.token]))
    send_notification(
        to=[invitation.email],
        subject_template=f"emails/{template}_subject.txt",
        body_template=f"emails/{template}_message.txt",
        context={"invitation": invitation, "by": invitation.invited_by, "url": url, **context},
    )
