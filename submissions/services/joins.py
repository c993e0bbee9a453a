"""Every write to join requests: ask, withdraw, approve, reject; and the emails they send."""

import re

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, send_notification
from submissions.models import Agency, AgencyMembership, JoinRequest

NEW_AGENCY_CODE_PREFIX = "NEW-"
_NEW_CODE = re.compile(r"^NEW-(\d+)$")


def _one_pending_error() -> ValidationError:
    return ValidationError(
        _(
            "You already have a request waiting for approval. Withdraw it first if you want "
            "to ask for a different agency."
        ),
        code="pending_exists",
    )


def _send(*, template: str, context: dict, to: list[str]) -> None:
    send_notification(
        to=to,
        subject_template=f"emails/{template}_subject.txt",
        body_template=f"emails/{template}_message.txt",
        context=context,
    )


def _notify_agency_admins(join_request: JoinRequest) -> None:
    admins = list(
        User.objects.filter(
            agency_memberships__agency=join_request.agency_id,
            agency_memberships__is_admin=True,
            is_active=True,
        ).values_list("email", flat=True)
    )
    _send(
        template="join_request_received",
        context={
            "join_request": join_request,
            "agency": join_request.agency,
            "applicant": join_request.user,
            "agency_url": absolute_url(
                reverse("submissions:agency_detail", args=[join_request.agency_id])
            ),
        },
        to=admins,
    )


@transaction.atomic
def join_request_create(
    *,
    user: User,
    agency: Agency | None = None,
    new_agency_name_ko: str = "",
    new_agency_name_en: str = "",
    new_agency_kind: str = "",
    position: str = "",
    phone: str = "",
    message: str = "",
) -> JoinRequest:
    """Ask to join `agency`, or (without one) to register a new agency. One pending per user."""
    new_agency_name_ko = new_agency_name_ko.strip()
    if agency is None and not new_agency_name_ko:
        raise ValidationError(
            _("Choose an agency or give the name of a new one."), code="no_agency"
        )
    if agency is not None and AgencyMembership.objects.filter(agency=agency, user=user).exists():
        raise ValidationError(
            {
                "agency": ValidationError(
                    _("You are already a member of this agency."), code="member"
                )
            }
        )
    if JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).exists():
        raise _one_pending_error()
    fields = {
        "user": user,
        "agency": agency,
        "position": position.strip(),
        "phone": phone.strip(),
        "message": message.strip(),
    }
    if agency is None:
        fields |= {
            "new_agency_name_ko": new_agency_name_ko,
            "new_agency_name_en": new_agency_name_en.strip(),
            "new_agency_kind": new_agency_kind,
        }
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(**fields)
    except IntegrityError as exc:  # a concurrent request won the one-pending constraint
        raise _one_pending_error() from exc
    if agency is not None:
        _notify_agency_admins(join_request)
    return join_request


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, user: User) -> None:
    """The applicant takes back a request that is still waiting."""
    locked = JoinRequest.objects.select_for_update().filter(pk=join_request.pk, user=user).first()
    if locked is None or locked.status != JoinRequest.Status.PENDING:
        raise ValidationError(
            _("This request has already been decided and can no longer be withdrawn."),
            code="decided",
        )
    locked.delete()


def _lock_pending(join_request: JoinRequest, *, by: User) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("user", "agency")
        .get(pk=join_request.pk)
    )
    if not rules.has_perm("submissions.decide_join_request", by, locked):
        raise PermissionDenied(_("Nobody may decide their own join request."))
    if locked.status != JoinRequest.Status.PENDING:
        when = (
            timezone.localtime(locked.decided_at).strftime("%Y-%m-%d %H:%M")
            if locked.decided_at
            else "—"
        )
        if locked.status == JoinRequest.Status.APPROVED:
            text = _("This request was already approved on %(date)s. It cannot be decided twice.")
        else:
            text = _("This request was already rejected on %(date)s. It cannot be decided twice.")
        raise ValidationError(text, code="decided", params={"date": when})
    return locked


def next_new_agency_code() -> str:
    """The next free code of the form NEW-0001 for an agency registered through a request."""
    codes = Agency.objects.filter(code__startswith=NEW_AGENCY_CODE_PREFIX).values_list(
        "code", flat=True
    )
    numbers = [int(m.group(1)) for m in map(_NEW_CODE.match, codes) if m]
    number = max(numbers, default=0) + 1
    return f"{NEW_AGENCY_CODE_PREFIX}{number:04d}"


def _decision_context(join_request: JoinRequest) -> dict:
    return {
        "join_request": join_request,
        "applicant": join_request.user,
        "agency_name": join_request.agency.name_ko
        if join_request.agency
        else join_request.new_agency_name_ko,
        "agencies_url": absolute_url(reverse("submissions:my_agencies")),
        "join_url": absolute_url(reverse("submissions:join_request_create")),
    }


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, by: User) -> AgencyMembership:
    """Approve: create the new agency if asked for, and make the applicant a member.

    The applicant becomes the agency admin of a new agency, or of an existing agency that has
    no admin yet; otherwise a plain member.
    """
    locked = _lock_pending(join_request, by=by)
    agency = locked.agency
    if agency is None:
        try:
            with transaction.atomic():
                agency = Agency.objects.create(
                    code=next_new_agency_code(),
                    name_ko=locked.new_agency_name_ko,
                    name_en=locked.new_agency_name_en,
                    kind=locked.new_agency_kind or Agency.Kind.OTHER,
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("Another agency was registered at the same moment. Please try again."),
                code="code_taken",
            ) from exc
        locked.agency = agency
    has_admin = AgencyMembership.objects.filter(agency=agency, is_admin=True).exists()
    membership, _created = AgencyMembership.objects.get_or_create(
        agency=agency,
        user=locked.user,
        defaults={"is_admin": not has_admin, "added_by": by},
    )
    locked.status = JoinRequest.Status.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = ""
    locked.save(update_fields=["agency", "status", "decided_by", "decided_at", "reason"])
    context = _decision_context(locked) | {"membership": membership}
    _send(template="join_request_approved", context=context, to=[locked.user.email])
    join_request.refresh_from_db()
    return membership


@transaction.atomic
def join_request_reject(*, join_request: JoinRequest, by: User, reason: str) -> JoinRequest:
    """Reject with a reason the applicant reads in the email and on their page."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give a reason for the rejection."), code="required")}
        )
    locked = _lock_pending(join_request, by=by)
    locked.status = JoinRequest.Status.REJECTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _send(
        template="join_request_rejected",
        context=_decision_context(locked),
        to=[locked.user.email],
    )
    join_request.refresh_from_db()
    return locked
