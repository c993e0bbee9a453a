"""What the home page shows, by role."""

from config.roles import roles_for
from contests.selectors import contests_managed_by, contests_open_to_agencies
from scoring.models import Judge
from submissions.models import AgencyMembership


def home_context(user) -> dict:
    roles = roles_for(user)
    context = {"roles": roles}
    if roles.organizer:
        context["managed_contests"] = contests_managed_by(user)
    if roles.agency_member or roles.any is False and user.is_authenticated:
        context["open_contests"] = contests_open_to_agencies()
    if roles.agency_member:
        context["memberships"] = AgencyMembership.objects.filter(user=user).select_related("agency")
    if roles.judge:
        context["judge_roles"] = Judge.objects.filter(user=user).select_related("contest")
    return context
