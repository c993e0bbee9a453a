"""Reads of contests, already filtered to what the user may see."""

from django.db.models import Count, QuerySet

from accounts.permissions import is_site_admin
from contests.models import Contest


def contests_managed_by(user) -> QuerySet[Contest]:
    qs = Contest.objects.all() if is_site_admin(user) else Contest.objects.filter(organizers=user)
    return qs.annotate(
        category_count=Count("categories", distinct=True), round_count=Count("rounds", distinct=True)
    )


def contests_open_to_agencies() -> QuerySet[Contest]:
    return Contest.objects.filter(is_published=True).annotate(
        category_count=Count("categories", distinct=True)
    )
