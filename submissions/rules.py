"""Who may see and manage an agency's members, decide join requests and import agencies."""

import rules
from allauth.account.models import EmailAddress

from accounts.rules import is_organizer, is_site_admin
from submissions.models import AgencyMembership, Entry


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


# The entry's state, one definition each; services explain a refusal, these decide it.


@rules.predicate
def is_entry_editable(user, entry) -> bool:
    """May this entry still be edited? A draft (neither submitted nor withdrawn) while the
    contest's submission window is open."""
    return (
        entry is not None
        and entry.status == Entry.Status.DRAFT
        and entry.contest.submission_is_open
    )


@rules.predicate
def is_entry_reopenable(user, entry) -> bool:
    """A submitted entry goes back to draft only before the deadline."""
    return (
        entry is not None
        and entry.status == Entry.Status.SUBMITTED
        and entry.contest.submission_is_open
    )


@rules.predicate
def is_entry_withdrawable(user, entry) -> bool:
    """A draft or submitted entry may be withdrawn before the deadline."""
    return (
        entry is not None
        and entry.status != Entry.Status.WITHDRAWN
        and entry.contest.submission_is_open
    )


can_view_entry = is_entry_agency_member | is_entry_contest_organizer | is_site_admin
# The state comes first: it needs no query.
can_edit_entry = is_entry_editable & is_entry_agency_member
can_reopen_entry = is_entry_reopenable & is_entry_agency_member
can_withdraw_entry = is_entry_withdrawable & is_entry_agency_member

rules.add_perm("submissions.view_entry", can_view_entry)
rules.add_perm("submissions.change_entry", can_edit_entry)
rules.add_perm("submissions.reopen_entry", can_reopen_entry)
rules.add_perm("submissions.withdraw_entry", can_withdraw_entry)

# Agencies belong to no single contest: any organizer (or site admin) approves and imports them.
can_decide_join_requests = is_organizer
can_import_agencies = is_organizer

rules.add_perm("submissions.decide_join_requests", can_decide_join_requests)
rules.add_perm("submissions.import_agencies", can_import_agencies)


@rules.predicate
def is_own_join_request(user, join_request) -> bool:
    if not (user and user.is_authenticated and join_request is not None):
        return False
    return join_request.user_id == user.pk


# Nobody decides their own request, site administrators included. Ask with
# `rules.has_perm(...)`, not `user.has_perm(...)`: Django grants an active superuser everything.
can_decide_join_request = can_decide_join_requests & ~is_own_join_request

rules.add_perm("submissions.decide_join_request", can_decide_join_request)


@rules.predicate
def is_invitation_recipient(user, invitation) -> bool:
    """The signed-in user owns the address the agency invitation was sent to."""
    if not (user and user.is_authenticated and invitation is not None):
        return False
    if user.email.lower() == invitation.email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email).exists()


# Only the invited person joins the agency through an invitation, and only by accepting it
# (superusers included: ask `rules.has_perm`).
rules.add_perm("submissions.accept_agency_invitation", is_invitation_recipient)
