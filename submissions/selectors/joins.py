"""Reads of join requests and of the agency search, filtered to what the user may see."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from accounts.rules import is_organizer
from config.ids import parse_id
from submissions.models import Agency, JoinRequest

AGENCY_CHOICES_LIMIT = 400
MY_REQUESTS_LIMIT = 5


def agency_search(query: str = "", *, limit: int = AGENCY_CHOICES_LIMIT) -> list[Agency]:
    """Agencies whose Korean or English name or code contains `query`, by Korean name."""
    qs = Agency.objects.only("pk", "code", "name_ko", "name_en", "kind").order_by("name_ko")
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name_ko__icontains=query) | Q(name_en__icontains=query) | Q(code__icontains=query)
        )
    return list(qs[:limit])


def agency_by_pk(pk: str) -> list[Agency]:
    """The agency with this primary key as a one-item list, or an empty list."""
    agency_id = parse_id(pk)
    if agency_id is None:
        return []
    return list(Agency.objects.filter(pk=agency_id))


def join_requests_of(user) -> list[JoinRequest]:
    """The user's own latest requests (pending first), with their agency."""
    if not user.is_authenticated:
        return []
    return list(
        JoinRequest.objects.filter(user=user)
        .select_related("agency")
        .annotate(pending_first=_pending_first())
        .order_by("pending_first", "-created_at", "-pk")[:MY_REQUESTS_LIMIT]
    )


def pending_join_request_of(user) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return (
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING)
        .select_related("agency")
        .first()
    )


def own_join_request(user, pk: int) -> JoinRequest | None:
    """The request if it is the user's own, else None (another's request is not shown)."""
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(user=user, pk=pk).first()


def _pending_first() -> Case:
    return Case(
        When(status=JoinRequest.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def join_requests_for_organizer(user, *, status: str = "") -> QuerySet[JoinRequest]:
    """Every request for an organizer or site admin (pending first, newest first); else none."""
    if not is_organizer(user):
        return JoinRequest.objects.none()
    qs = JoinRequest.objects.select_related("user", "agency", "decided_by")
    if status in JoinRequest.Status.values:
        qs = qs.filter(status=status)
    return qs.annotate(pending_first=_pending_first()).order_by(
        "pending_first", "-created_at", "-pk"
    )


def join_request_for_organizer(user, pk: int) -> JoinRequest | None:
    return join_requests_for_organizer(user).filter(pk=pk).first()


def join_request_counts(user) -> dict[str, int]:
    """Number of requests by status (and in all) in one query; empty for non-organizers."""
    if not is_organizer(user):
        return {}
    counts = JoinRequest.objects.aggregate(
        all=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in JoinRequest.Status.values},
    )
    return counts


def pending_join_request_count() -> int:
    return JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count()
