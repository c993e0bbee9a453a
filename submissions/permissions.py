"""Who may see and manage an agency's members."""

import rules

from accounts.permissions import is_site_admin
from submissions.models import AgencyMembership


@rules.predicate
def is_agency_member(user, agency) -> bool:
    if not (user and user.is_authenticated and agency is not None):
        return False
    return AgencyMembership.objects.filter(agency=agency, user=user).exists()


@rules.predicate
def is_agency_admin(user, agency) -> bool:
    if not (user and user.is_authenticated and agency is not None):
        return False
    return AgencyMembership.objects.filter(agency=agency, user=user, is_admin=True).exists()


can_view_agency = is_agency_member | is_site_admin
can_manage_agency_members = is_agency_admin | is_site_admin

rules.add_perm("submissions.view_agency", can_view_agency)
rules.add_perm("submissions.manage_agency_members", can_manage_agency_members)
