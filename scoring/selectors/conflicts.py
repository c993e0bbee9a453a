"""Who is linked to which agency, and which recorded conflicts are in force: one definition each.

A judge is *linked* to an agency (제척: never assigned, never shown that agency's entries) when
- the judge's `affiliation` is that agency, or
- the judge's account is a member of that agency (AgencyMembership, any role), whenever the
  membership was made (before the invitation was accepted or after the judge was assigned).

The same rule has two forms below, side by side: `agency_links` for Python (planner, matrix,
conflict list) and `unlinked_from_entry_agency` for querysets of assignments (the judge's pages).

Recorded conflicts (기피 · 회피 · recorded 제척):
- `BLOCKING`: a conflict keeps the pair out of every new assignment unless the organizer rejected
  it (a pending recusal request blocks too);
- `IN_EFFECT`: only a conflict in effect withdraws the entry from the judge's pages; while a
  recusal request waits for the organizer, the judge keeps the entry and what they scored.
"""

from django.db.models import Exists, F, OuterRef, Q

from scoring.models import Conflict, Judge
from submissions.models import AgencyMembership

BLOCKING = ~Q(status=Conflict.Status.REJECTED)
IN_EFFECT = Q(status=Conflict.Status.IN_EFFECT)


def agency_links(contest_id: int, *, judge_ids=None) -> set[tuple[int, int]]:
    """(judge_id, agency_id) for every link of the contest's judges (two queries)."""
    judges = Judge.objects.filter(contest_id=contest_id)
    if judge_ids is not None:
        judges = judges.filter(pk__in=list(judge_ids))
    links = set(judges.filter(affiliation__isnull=False).values_list("pk", "affiliation_id"))
    links.update(
        judges.filter(user__agency_memberships__isnull=False).values_list(
            "pk", "user__agency_memberships__agency_id"
        )
    )
    return links


def is_linked(judge: Judge, agency_id: int) -> bool:
    return (judge.pk, agency_id) in agency_links(judge.contest_id, judge_ids=[judge.pk])


def unlinked_from_entry_agency(judge: str = "judge", entry: str = "entry") -> Q:
    """On an Assignment (or Scorecard) queryset: the judge is not linked to the entry's agency
    (neither affiliated with it nor a member). Written as NOT affiliated AND NOT EXISTS member,
    not NOT (affiliated OR EXISTS member): the same rows, but PostgreSQL can then answer the
    membership part with one hashed anti-join instead of a subquery per row."""
    membership = AgencyMembership.objects.filter(
        user=OuterRef(f"{judge}__user"), agency=OuterRef(f"{entry}__agency")
    )
    return ~Q(**{f"{judge}__affiliation": F(f"{entry}__agency")}) & ~Q(Exists(membership))


def linked_judges_by_agency(contest_id: int) -> dict[int, set[int]]:
    """agency_id → ids of the contest's judges linked to it."""
    result: dict[int, set[int]] = {}
    for judge_id, agency_id in agency_links(contest_id):
        result.setdefault(agency_id, set()).add(judge_id)
    return result


def blocking_pairs(contest_id: int) -> set[tuple[int, int]]:
    """Recorded conflicts that keep a pair out of new assignments, as (judge_id, entry_id)."""
    return set(
        Conflict.objects.filter(BLOCKING, judge__contest_id=contest_id).values_list(
            "judge_id", "entry_id"
        )
    )


def blocking_kinds(contest_id: int, *, judge_id=None, entry_id=None) -> dict[tuple[int, int], str]:
    """(judge_id, entry_id) → the first blocking conflict kind (for the matrix labels)."""
    rows = Conflict.objects.filter(BLOCKING, judge__contest_id=contest_id)
    if judge_id is not None:
        rows = rows.filter(judge_id=judge_id, entry_id=entry_id)
    kinds: dict[tuple[int, int], str] = {}
    for pair_judge, pair_entry, kind in rows.values_list("judge_id", "entry_id", "kind"):
        pair = (pair_judge, pair_entry)
        kinds[pair] = min(kinds.get(pair, kind), kind)
    return kinds


def recusal_of(judge: Judge, entry) -> Conflict | None:
    """The judge's recusal on the entry, whatever its status (a judge declares it once)."""
    return Conflict.objects.filter(judge=judge, entry=entry, kind=Conflict.Kind.RECUSAL).first()


def contest_conflict(contest_id: int, conflict_pk) -> Conflict | None:
    """A recorded conflict of the contest, or None (an id of another contest is not found)."""
    return Conflict.objects.filter(pk=conflict_pk, judge__contest_id=contest_id).first()
