"""What the home page shows, by role. Every list is bounded and fetched without N+1."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from config.roles import Roles, roles_for
from contests.models import Contest
from scoring.models import Judge
from submissions.models import AgencyMembership, JoinRequest

HOME_LIST_LIMIT = 10


def _published_contests() -> QuerySet[Contest]:
    return Contest.objects.filter(is_published=True).order_by("submission_closes_at", "id")


def contests_open_for_submission(*, now=None) -> QuerySet[Contest]:
    """Published contests whose submission window is open now."""
    now = now or timezone.now()
    return _published_contests().filter(submission_opens_at__lte=now, submission_closes_at__gt=now)


def contests_organized_by(user) -> QuerySet[Contest]:
    """Contests the user organizes; a site administrator sees every contest."""
    qs = Contest.objects.all() if user.is_superuser else Contest.objects.filter(organizers=user)
    return qs.annotate(
        category_count=Count("categories", distinct=True),
        round_count=Count("rounds", distinct=True),
    ).order_by("-year", "-id")


def home_context(user, roles: Roles | None = None) -> dict:
    roles = roles or roles_for(user)
    context: dict = {"roles": roles}
    if not user.is_authenticated:
        return context
    if roles.organizer:
        context["organized_contests"] = list(contests_organized_by(user)[:HOME_LIST_LIMIT])
        context["waiting_join_requests"] = JoinRequest.objects.filter(
            status=JoinRequest.Status.PENDING
        ).count()
    if roles.agency_member:
        context["memberships"] = list(
            AgencyMembership.objects.filter(user=user)
            .select_related("agency")
            .order_by("agency__name_ko")
        )
        context["open_contests"] = list(contests_open_for_submission()[:HOME_LIST_LIMIT])
    elif not roles.organizer:
        # Until approved, a user without an agency sees where their join request stands.
        context["pending_join_request"] = (
            JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING)
            .select_related("agency")
            .first()
        )
    if roles.judge:
        context["judge_roles"] = list(
            Judge.objects.filter(user=user)
            .select_related("contest")
            .order_by("-contest__year", "-contest_id")[:HOME_LIST_LIMIT]
        )
    if not roles.any:
        context["published_contests"] = list(
            _published_contests().filter(submission_closes_at__gte=timezone.now())[:HOME_LIST_LIMIT]
        )
    return context
