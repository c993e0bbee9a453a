"""Reads of agencies and memberships, already filtered to what the user may see."""

from django.db.models import Count, Exists, OuterRef, QuerySet

from accounts.rules import is_site_admin
from submissions.models import Agency, AgencyInvitation, AgencyMembership


def memberships_of(user) -> QuerySet[AgencyMembership]:
    """The user's own memberships, each with its agency and the agency's member count."""
    if not user.is_authenticated:
        return AgencyMembership.objects.none()
    return (
        AgencyMembership.objects.filter(user=user)
        .select_related("agency")
        .annotate(member_count=Count("agency__memberships"))
        .order_by("agency__name_ko")
    )


def agency_visible_to(user, pk: int) -> Agency | None:
    """The agency if the user is one of its members or a site admin, else None.

    The result carries `viewer_is_admin` (the user is an admin of this agency).
    """
    if not user.is_authenticated:
        return None
    admin_of = AgencyMembership.objects.filter(agency=OuterRef("pk"), user=user, is_admin=True)
    qs = Agency.objects.filter(pk=pk).annotate(viewer_is_admin=Exists(admin_of))
    if not is_site_admin(user):
        qs = qs.filter(Exists(AgencyMembership.objects.filter(agency=OuterRef("pk"), user=user)))
    return qs.first()


def agency_members(agency: Agency) -> QuerySet[AgencyMembership]:
    return (
        AgencyMembership.objects.filter(agency=agency)
        .select_related("user", "added_by")
        .order_by("-is_admin", "user__name", "user__email")
    )


def membership_in(agency: Agency, pk: int) -> AgencyMembership | None:
    return AgencyMembership.objects.filter(agency=agency, pk=pk).select_related("user").first()


def agency_invitations_pending(agency: Agency) -> QuerySet[AgencyInvitation]:
    """Invitations of the agency nobody has accepted yet, newest first."""
    return AgencyInvitation.objects.filter(agency=agency, accepted_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def pending_invitation_in(agency: Agency, pk: int) -> AgencyInvitation | None:
    return AgencyInvitation.objects.filter(agency=agency, pk=pk, accepted_at__isnull=True).first()


def invitation_by_token(token: str) -> AgencyInvitation | None:
    return (
        AgencyInvitation.objects.filter(token=token).select_related("agency", "invited_by").first()
    )
