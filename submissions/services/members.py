"""Every write to agencies and their members."""

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from submissions.models import Agency, AgencyMembership

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def _base_url(base_url: str) -> str:
    return (base_url or getattr(settings, "SITE_URL", "") or DEFAULT_BASE_URL).rstrip("/")


def agency_invite_links(*, user: User, base_url: str = "") -> dict[str, str]:
    """Links for a new member: a one-time set-password link and the general reset page."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    set_password = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
    )
    root = _base_url(base_url)
    return {
        "set_password_url": root + set_password,
        "reset_password_url": root + reverse("account_reset_password"),
    }


def _send_invitation(*, user: User, agency: Agency, by: User | None, base_url: str) -> None:
    context = {
        "user": user,
        "agency": agency,
        "by": by,
        "site_name": getattr(settings, "SITE_NAME", ""),
        **agency_invite_links(user=user, base_url=base_url),
    }
    subject = render_to_string("emails/agency_member_invite_subject.txt", context)
    body = render_to_string("emails/agency_member_invite_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


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
        params={"name": membership.user.name or membership.user.email},
    )


@transaction.atomic
def agency_member_add(
    *, agency: Agency, email: str, name: str, by: User | None, base_url: str = ""
) -> AgencyMembership:
    """Add a colleague to an agency by email.

    An existing user is added as is. Otherwise a user without a usable password is created and,
    once the transaction commits, emailed a link to set their own password.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    name = name.strip()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and AgencyMembership.objects.filter(agency=agency, user=user).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(email)s is already a member of this agency."),
                    code="duplicate",
                    params={"email": email},
                )
            }
        )
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=name)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        new_user = user
        transaction.on_commit(
            lambda: _send_invitation(user=new_user, agency=agency, by=by, base_url=base_url)
        )
    elif not user.name and name:
        user.name = name
        user.save(update_fields=["name"])
    return AgencyMembership.objects.create(agency=agency, user=user, added_by=by)


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
