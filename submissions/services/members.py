"""Every write to agencies and their members."""

import secrets

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import send_invitation
from submissions.models import Agency, AgencyInvitation, AgencyMembership


def _send_invitation(invitation: AgencyInvitation) -> None:
    send_invitation(
        invitation,
        url_name="submissions:invitation_detail",
        template="agency_invitation",
        agency=invitation.agency,
    )


def _admin_count(agency: Agency) -> int:
    # Lock the admin rows so two concurrent removals cannot both pass the last-admin check.
    admins = AgencyMembership.objects.select_for_update().filter(agency=agency, is_admin=True)
    return len(list(admins.values_list("pk", flat=True)))


def _last_admin_error(*, membership: AgencyMembership, by: User | None) -> ValidationError:
    if by is not None and membership.user_id == by.pk:
        return ValidationError(
            _(
                "You are the last admin of this agency. Make a colleague an admin first, "
                "then you can step down or leave."
            ),
            code="last_admin",
        )
    return ValidationError(
        _("%(name)s is the last admin of this agency. Make a colleague an admin first."),
        code="last_admin",
        params={"name": membership.user.display_name},
    )


def _pending_invitation_error(email: str) -> ValidationError:
    return ValidationError(
        {
            "email": ValidationError(
                _("An invitation to %(email)s is already waiting to be accepted."),
                code="pending",
                params={"email": email},
            )
        }
    )


@transaction.atomic
def agency_member_invite(
    *,
    agency: Agency,
    email: str,
    name: str,
    is_admin: bool = False,
    by: User | None,
) -> AgencyInvitation:
    """Invite a colleague by email; they become a member only by accepting the emailed link.

    Whether the address already has an account changes nothing here: no account is created or
    looked at, so the inviting admin learns nothing about the person.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if AgencyMembership.objects.filter(agency=agency, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(email)s is already a member of this agency."),
                    code="duplicate",
                    params={"email": email},
                )
            }
        )
    pending = AgencyInvitation.objects.filter(
        agency=agency, email__iexact=email, accepted_at__isnull=True
    )
    if pending.exists():
        raise _pending_invitation_error(email)
    try:
        with transaction.atomic():
            invitation = AgencyInvitation.objects.create(
                agency=agency,
                email=email,
                name=name.strip(),
                is_admin=is_admin,
                token=secrets.token_urlsafe(32),
                invited_by=by,
            )
    except IntegrityError as exc:  # a concurrent invitation to the same address won
        raise _pending_invitation_error(email) from exc
    _send_invitation(invitation)
    return invitation


@transaction.atomic
def agency_invitation_cancel(*, invitation: AgencyInvitation) -> None:
    """An agency admin takes back an invitation nobody has accepted yet."""
    deleted, _counts = AgencyInvitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True
    ).delete()
    if not deleted:
        raise ValidationError(
            _("This invitation was already accepted and can no longer be cancelled."),
            code="accepted",
        )


def _lock_for_recipient(invitation: AgencyInvitation, user: User) -> AgencyInvitation:
    locked = (
        AgencyInvitation.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=invitation.pk)
    )
    if not rules.has_perm("submissions.accept_agency_invitation", user, locked):
        raise PermissionDenied(_("This invitation was sent to another email address."))
    if locked.accepted_at is not None:
        raise ValidationError(_("This agency invitation was already accepted."), code="accepted")
    return locked


@transaction.atomic
def agency_invitation_accept(*, invitation: AgencyInvitation, user: User) -> AgencyMembership:
    """The invited person, signed in, accepts: only now do they become a member."""
    locked = _lock_for_recipient(invitation, user)
    membership, _created = AgencyMembership.objects.get_or_create(
        agency=locked.agency,
        user=user,
        defaults={"is_admin": locked.is_admin, "added_by": locked.invited_by},
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    invitation.refresh_from_db()
    return membership


@transaction.atomic
def agency_invitation_decline(*, invitation: AgencyInvitation, user: User) -> None:
    """The invited person says no: the invitation is gone and nothing else changes."""
    _lock_for_recipient(invitation, user).delete()


@transaction.atomic
def agency_member_remove(*, membership: AgencyMembership, by: User | None) -> None:
    """Remove a member; the last admin of an agency cannot be removed."""
    if membership.is_admin and _admin_count(membership.agency) <= 1:
        raise _last_admin_error(membership=membership, by=by)
    membership.delete()


@transaction.atomic
def agency_member_set_admin(
    *, membership: AgencyMembership, is_admin: bool, by: User | None
) -> AgencyMembership:
    """Make a member an agency admin or take that right away (never from the last admin)."""
    if membership.is_admin and not is_admin and _admin_count(membership.agency) <= 1:
        raise _last_admin_error(membership=membership, by=by)
    membership.is_admin = is_admin
    membership.save(update_fields=["is_admin"])
    return membership
