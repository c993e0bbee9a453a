"""Every write about who judges: invitations (single, list), resend, cancel, accept, decline,
panels.

An invitation is one row per (contest, email): inviting the same email again updates that row and
sends the email again with the same link. Accepting records the judge's two pledges
(scoring.pledges); declining records when and why, and tells the organizers. A declined invitation
cannot be accepted until it is sent again (which clears the decline). Emails go out only when the
transaction commits.
"""

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.mail import absolute_url, send_invitation, send_notification
from contests.models import Category, Contest, Panel, Round
from scoring.models import Judge, JudgeInvitation
from scoring.pledges import PLEDGE_VERSION
from submissions.models import Agency


@dataclass
class Invitee:
    """One person to invite, already validated (forms/judges.py)."""

    name: str
    email: str
    affiliation: Agency | None = None
    expertise: str = ""
    categories: list[Category] = field(default_factory=list)


def _send(invitation: JudgeInvitation) -> None:
    """The invitation email, sent once the transaction commits."""
    send_invitation(
        invitation,
        url_name="invitations:detail",
        template="judge_invitation",
        contest=invitation.contest,
    )


def _normalize_email(email: str) -> str:
    return email.strip().lower()


def _invite_one(*, contest: Contest, invitee: Invitee, by) -> JudgeInvitation:
    email = _normalize_email(invitee.email)
    if Judge.objects.filter(contest=contest, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a judge of this contest."),
            code="already_judge",
            params={"email": email},
        )
    invitation = (
        JudgeInvitation.objects.select_for_update().filter(contest=contest, email=email).first()
    )
    if invitation is not None and invitation.accepted_at is not None:
        raise ValidationError(
            _("%(email)s has already accepted an invitation to this contest."),
            code="accepted",
            params={"email": email},
        )
    if invitation is None:
        invitation = JudgeInvitation(
            contest=contest, email=email, token=secrets.token_urlsafe(32), invited_by=by
        )
    invitation.name = invitee.name.strip()
    invitation.affiliation = invitee.affiliation
    invitation.expertise = invitee.expertise.strip()
    _clear_decline(invitation)
    invitation.save()
    invitation.categories.set([c for c in invitee.categories if c.contest_id == contest.pk])
    _send(invitation)
    return invitation


@transaction.atomic
def judge_invite(*, contest: Contest, invitee: Invitee, by) -> JudgeInvitation:
    """Invite one person; inviting an email again updates the invitation and re-sends it."""
    try:
        return _invite_one(contest=contest, invitee=invitee, by=by)
    except ValidationError as error:
        raise ValidationError({"email": error}) from None


@transaction.atomic
def judges_invite_many(
    *, contest: Contest, invitees: list[tuple[int, Invitee]], by
) -> list[JudgeInvitation]:
    """Invite every listed person or nobody: `invitees` are (line number, person); errors name
    their line."""
    errors = []
    seen: dict[str, int] = {}
    for line, invitee in invitees:
        email = _normalize_email(invitee.email)
        if email in seen:
            errors.append(
                _("Line %(line)s: %(email)s is listed again (first on line %(first)s).")
                % {"line": line, "email": email, "first": seen[email]}
            )
        seen.setdefault(email, line)
    if errors:
        raise ValidationError(errors)
    done = []
    for line, invitee in invitees:
        try:
            done.append(_invite_one(contest=contest, invitee=invitee, by=by))
        except ValidationError as error:
            errors.extend(
                _("Line %(line)s: %(message)s") % {"line": line, "message": message}
                for message in error.messages
            )
    if errors:
        raise ValidationError(errors)
    return done


def _clear_decline(invitation: JudgeInvitation) -> None:
    invitation.declined_at = None
    invitation.decline_reason = ""


@transaction.atomic
def invitation_resend(*, invitation: JudgeInvitation) -> None:
    """Send the invitation again (same link); a decline is cleared, so it can be accepted."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted."))
    if invitation.declined_at is not None:
        _clear_decline(invitation)
        invitation.save(update_fields=["declined_at", "decline_reason"])
    _send(invitation)


@transaction.atomic
def invitation_cancel(*, invitation: JudgeInvitation) -> None:
    """Withdraw a pending invitation; its link stops working."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted and cannot be cancelled."))
    invitation.delete()


@transaction.atomic
def invitation_accept(
    *, invitation: JudgeInvitation, user, security_pledge: bool, conflict_pledge: bool
) -> Judge:
    """The signed-in user becomes a judge of the invitation's contest, having agreed to both
    pledges (their time and `PLEDGE_VERSION` are recorded on the invitation).

    Refused while the invitation is declined (the organizer sends it again first). The invitation
    may have gone to another address of the same person: the judge role goes to the signed-in
    account either way. If that account already judges the contest, the invitation
    is linked to that judge and nothing else changes.
    """
    if not user.is_authenticated:
        raise PermissionDenied
    invitation = JudgeInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted."), code="accepted")
    if invitation.declined_at is not None:
        raise ValidationError(
            _(
                "This invitation was declined. To accept it, ask the organizer to send the "
                "invitation again."
            ),
            code="declined",
        )
    if not (security_pledge and conflict_pledge):
        raise ValidationError(
            _("To accept, agree to both the security pledge and the conflict-of-interest pledge."),
            code="pledges",
        )
    judge, created = Judge.objects.get_or_create(
        contest_id=invitation.contest_id,
        user=user,
        defaults={"affiliation": invitation.affiliation, "expertise": invitation.expertise},
    )
    if created:
        judge.categories.set(invitation.categories.all())
    if JudgeInvitation.objects.filter(judge=judge).exclude(pk=invitation.pk).exists():
        # The account already accepted another invitation to this contest.
        judge_link = None
    else:
        judge_link = judge
    now = timezone.now()
    invitation.accepted_at = invitation.security_pledge_at = invitation.conflict_pledge_at = now
    invitation.pledge_version = PLEDGE_VERSION
    invitation.judge = judge_link
    invitation.save(
        update_fields=[
            "accepted_at",
            "security_pledge_at",
            "conflict_pledge_at",
            "pledge_version",
            "judge",
        ]
    )
    return judge


@transaction.atomic
def invitation_decline(*, invitation: JudgeInvitation, reason: str = "") -> JudgeInvitation:
    """Whoever holds the link says they will not judge, with an optional reason; the contest's
    organizers are emailed."""
    invitation = (
        JudgeInvitation.objects.select_for_update().select_related("contest").get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted."), code="accepted")
    if invitation.declined_at is not None:
        raise ValidationError(_("This invitation was already declined."), code="declined")
    invitation.declined_at = timezone.now()
    invitation.decline_reason = (reason or "").strip()
    invitation.save(update_fields=["declined_at", "decline_reason"])
    contest = invitation.contest
    send_notification(
        to=sorted(contest.organizers.values_list("email", flat=True)),
        subject_template="emails/invitation_declined_subject.txt",
        body_template="emails/invitation_declined_message.txt",
        context={
            "invitation": invitation,
            "contest_name": contest.name_ko,
            "url": absolute_url(reverse("judging:judges", kwargs={"pk": contest.pk})),
        },
    )
    return invitation


@transaction.atomic
def panel_members_save(*, round_: Round, members: dict[int, set[int]]) -> None:
    """Set who sits in each panel of the round: `members` maps panel id → judge ids.

    A judge may sit in at most one panel per round; judges must be of the round's contest.
    """
    panels = {p.pk: p for p in Panel.objects.select_for_update().filter(round=round_)}
    unknown = set(members) - set(panels)
    if unknown:
        raise ValidationError(_("A panel of another round was given."))
    contest_judges = set(
        Judge.objects.filter(contest_id=round_.contest_id).values_list("pk", flat=True)
    )
    seen: dict[int, int] = {}
    twice = set()
    for panel_id, judge_ids in members.items():
        if set(judge_ids) - contest_judges:
            raise ValidationError(_("A judge of another contest was given."))
        for judge_id in judge_ids:
            if judge_id in seen:
                twice.add(judge_id)
            seen[judge_id] = panel_id
    if twice:
        names = ", ".join(
            sorted(Judge.objects.filter(pk__in=twice).values_list("user__name", flat=True))
        )
        raise ValidationError(
            _("A judge can sit in only one panel of a round: %(names)s.") % {"names": names},
            code="two_panels",
        )
    for panel in panels.values():
        panel.judges.set(members.get(panel.pk, set()))
