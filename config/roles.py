"""The roles a user holds, computed once per request for navigation and the home page."""

from dataclasses import dataclass

from accounts.rules import is_organizer, is_site_admin
from scoring.models import Judge
from submissions.models import AgencyMembership


@dataclass(frozen=True)
class Roles:
    site_admin: bool = False
    organizer: bool = False
    judge: bool = False
    agency_member: bool = False
    agency_admin: bool = False

    @property
    def any(self) -> bool:
        return any((self.site_admin, self.organizer, self.judge, self.agency_member))


def roles_for(user) -> Roles:
    if not user.is_authenticated:
        return Roles()
    memberships = list(
        AgencyMembership.objects.filter(user=user).values_list("is_admin", flat=True)
    )
    return Roles(
        site_admin=is_site_admin(user),
        organizer=is_organizer(user),
        judge=Judge.objects.filter(user=user).exists(),
        agency_member=bool(memberships),
        agency_admin=any(memberships),
    )
