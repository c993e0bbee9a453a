"""What the conflicts page offers to reassign: for each conflict row whose entry lacks judges in a
round (ConflictRow.short_rounds), the judges of that round who could take the entry, least
loaded first.

A candidate is in the round's pool (scoring.selectors.assignments.round_pool), is not linked to
the entry's agency, has no blocking conflict on the entry, and has no assignment of the entry in
that round yet. A finalized round offers nothing (its result is frozen). The load is the judge's
assignments in effect in the round. A fixed number of queries per round of the contest, whatever
the number of entries, judges or conflicts.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from contests.models import Contest, Round
from scoring.models import Judge, RoundResult
from scoring.selectors.assignments import ConflictRow, round_pool
from scoring.selectors.conflicts import agency_links, blocking_pairs
from scoring.selectors.in_effect import assignments_with_effect, entries_in_round


@dataclass
class ReassignChoice:
    round: Round
    candidates: list[tuple[Judge, int]] = field(default_factory=list)  # (judge, load)


def reassign_choices(contest: Contest, rows: list[ConflictRow]) -> None:
    """Set `row.reassign` (a list of ReassignChoice, one per live round lacking judges) on each
    row."""
    rounds = list(
        Round.objects.filter(contest=contest)
        .annotate(final=Exists(RoundResult.objects.filter(round=OuterRef("pk"), voided_at=None)))
        .order_by("order", "pk")
    )
    live = [round_ for round_ in rounds if not round_.final]
    entry_ids = {row.entry.pk for row in rows if row.short_rounds}
    effect = assignments_with_effect(round__contest=contest)
    held = set(effect)  # (round, judge, entry), in effect or not: the judge has the entry
    loads = Counter((round_id, judge_id) for (round_id, judge_id, _e), ok in effect.items() if ok)
    blocked = blocking_pairs(contest.pk)
    links = agency_links(contest.pk)
    judges = Judge.objects.filter(contest=contest).select_related("user").in_bulk()
    pools, inside = {}, {}
    for round_ in live:
        round_.contest = contest
        pools[round_.pk] = [judges[pk] for pk in round_pool(round_).values_list("pk", flat=True)]
        inside[round_.pk] = set(
            entries_in_round(round_).filter(pk__in=entry_ids).values_list("pk", flat=True)
        )
    for row in rows:
        row.reassign = []
        entry = row.entry
        for round_ in live:
            if round_.pk not in row.short_rounds or entry.pk not in inside[round_.pk]:
                continue
            candidates = []
            for judge in pools[round_.pk]:
                if (
                    (round_.pk, judge.pk, entry.pk) in held
                    or (judge.pk, entry.pk) in blocked
                    or (judge.pk, entry.agency_id) in links
                ):
                    continue
                candidates.append((judge, loads[(round_.pk, judge.pk)]))
            candidates.sort(key=lambda pair: (pair[1], pair[0].user.name, pair[0].pk))
            row.reassign.append(ReassignChoice(round=round_, candidates=candidates))
