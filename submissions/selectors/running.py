"""Entries in the running: the one definition every page, service and report uses.

An entry is in the running when it is submitted (not a draft, not withdrawn) and was not screened
out as ineligible (부적격). Entries still waiting for screening are in the running: screening is
optional and judging may start before it ends.
"""

from django.db.models import Q, QuerySet

from submissions.models import Entry


def in_the_running(prefix: str = "") -> Q:
    """The condition on Entry fields; `prefix` reaches them through a relation ("entry__")."""
    return Q(**{f"{prefix}status": Entry.Status.SUBMITTED}) & ~Q(
        **{f"{prefix}eligibility": Entry.Eligibility.INELIGIBLE}
    )


def entries_in_the_running(contest) -> QuerySet[Entry]:
    return Entry.objects.filter(in_the_running(), contest=contest)
