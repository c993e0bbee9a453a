"""Who may see and manage an agency's members, decide join requests and import agencies."""

import rules

from accounts.permissions import is_organizer, is_site_admin
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


# ---- entries (the agency's cases) ----


@rules.predicate
def is_entry_agency_member(user, entry) -> bool:
    """Any member of the entry's agency (they write, submit and see it)."""
    if not (user and user.is_authenticated and entry is not None):
        return False
    return AgencyMembership.objects.filter(agency_id=entry.agency_id, user=user).exists()


@rules.predicate
def is_entry_contest_organizer(user, entry) -> bool:
    """An organizer listed on the entry's contest."""
    if not (user and user.is_authenticated and entry is not None and user.is_organizer):
        return False
    return entry.contest.organizers.filter(pk=user.pk).exists()


# Judges assigned to the entry are added by the scoring app (it comes after submissions).
can_view_entry = is_entry_agency_member | is_entry_contest_organizer | is_site_admin
can_edit_entry = is_entry_agency_member

rules.add_perm("submissions.view_entry", can_view_entry)
rules.add_perm("submissions.change_entry", can_edit_entry)

# Agencies belong to no single contest: any organizer (or site admin) approves and imports them.
can_decide_join_requests = is_organizer
can_import_agencies = is_organizer

rules.add_perm("submissions.decide_join_requests", can_decide_join_requests)
rules.add_perm("submissions.import_agencies", can_import_agencies)
