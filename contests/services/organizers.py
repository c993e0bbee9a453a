"""A contest's organizers (주관 담당자): who they are, adding one by email, removing one.

Managing a contest takes the organizer role (`accounts.User.is_organizer`, or a site admin) and a
place in `Contest.organizers` (contests/rules.py), so only an account with that role can be added:
listing anyone else would give them nothing. A contest always keeps at least one listed organizer
who can manage it. Both writes lock the contest row, so two organizers removing each other at the
same moment cannot leave it with none.

There is no audit table for contest changes (only the results publication history,
contests.publication), so every change is written to the `contests.audit` log.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from config.mail import absolute_url, send_notification
from contests.models import Contest

audit = logging.getLogger("contests.audit")

User = get_user_model()

# Who can manage a contest they are listed on (accounts.rules.is_organizer, as a query).
CAN_ORGANIZE = Q(is_active=True) & (Q(is_organizer=True) | Q(is_superuser=True))


def organizers_of(contest: Contest) -> QuerySet:
    """The contest's listed organizers by name, each with `can_organize` (active and holding the
    organizer role): one query."""
    return contest.organizers.all().order_by("name", "email").annotate(can_organize=CAN_ORGANIZE)


def _lock(contest: Contest) -> None:
    Contest.objects.select_for_update().filter(pk=contest.pk).values_list("pk").first()


def _normalized_email(email: str) -> str:
    return (email or "").strip().lower()


def _refuse(message: str, code: str):
    raise ValidationError({"email": ValidationError(message, code=code)})


@transaction.atomic
def organizer_add(*, contest: Contest, email: str, by) -> User:
    """List the account with `email` as an organizer of `contest`, and email them the link.

    Refused (ValidationError on the field "email") when no account uses the address, the account
    is deactivated or lacks the organizer role, or it is listed already.
    """
    _lock(contest)
    address = _normalized_email(email)
    user = User.objects.filter(email__iexact=address).first()
    if user is None:
        _refuse(
            _(
                "No account uses %(email)s. Ask them to sign up with this address first, "
                "then add them here."
            )
            % {"email": address},
            "no_account",
        )
    if not user.is_active:
        _refuse(_("The account of %(email)s is deactivated.") % {"email": address}, "inactive")
    if not (user.is_organizer or user.is_superuser):
        _refuse(
            _(
                "%(email)s has an account but not the organizer role. Ask a site "
                "administrator to give it the role, then add them here."
            )
            % {"email": address},
            "not_organizer",
        )
    if contest.organizers.filter(pk=user.pk).exists():
        _refuse(
            _("%(name)s is already an organizer of this contest.") % {"name": user.display_name},
            "already",
        )
    contest.organizers.add(user)
    audit.info(
        "contest %s: organizer %s added by %s", contest.pk, user.email, getattr(by, "email", by)
    )
    send_notification(
        to=[user.email],
        subject_template="emails/organizer_added_subject.txt",
        body_template="emails/organizer_added_message.txt",
        context={
            "contest": contest,
            "person": user,
            "by": by,
            "url": absolute_url(reverse("contests:detail", args=[contest.pk])),
            "organizers_url": absolute_url(reverse("contests:organizers", args=[contest.pk])),
        },
    )
    return user


@transaction.atomic
def organizer_remove(*, contest: Contest, user, by) -> None:
    """Take `user` off the contest's organizers (themselves too).

    Refused when they are not listed (code "not_listed") or when no other listed organizer who
    can manage the contest would remain (code "last_organizer").
    """
    _lock(contest)
    listed = contest.organizers.all()
    if not listed.filter(pk=user.pk).exists():
        raise ValidationError(
            _("%(name)s is not an organizer of this contest.") % {"name": user.display_name},
            code="not_listed",
        )
    if not listed.exclude(pk=user.pk).filter(CAN_ORGANIZE).exists():
        raise ValidationError(
            _(
                "%(name)s is the contest's last organizer and cannot be removed: a contest "
                "always keeps at least one. Add another organizer first."
            )
            % {"name": user.display_name},
            code="last_organizer",
        )
    contest.organizers.remove(user)
    audit.info(
        "contest %s: organizer %s removed by %s",
        contest.pk,
        user.email,
        getattr(by, "email", by),
    )
