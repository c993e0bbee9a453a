"""What published results show, read from the frozen snapshots (never recomputed).

Once an organizer publishes a contest's results (`Contest.results_published_at`), the public sees
the winners by award tier and category (scores and ranks only when `publish_scores`), anyone can
download each round's snapshot and check it with `python manage.py verify_results FILE`, each
agency sees its own entries' results (rank only when `publish_ranks`) with the judges' comments
without names, and judges find the public page from their dashboard.

Every number comes from `json.loads(RoundResult.snapshot)` of the results in force, except an
agency's per-criterion averages: the snapshot keeps criterion means only for the criteria the
tie-break chain names, so those of the one entry shown are read from its scorecards that counted
(submitted, of an assignment in effect; scores cannot change once a round is finalized). Names of
categories, criteria, tiers and rounds come from the snapshot's inputs, in the active language
(English falling back to Korean). Each page reads a fixed number of rows, whatever the size.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.http import Http404

from contests.models import Contest, Round
from scoring.models import RoundResult, Score
from scoring.outcome import shown
from scoring.selectors.in_effect import counted_scorecards
from scoring.selectors.result_labels import local_name, rank_label
from submissions.models import Entry
from submissions.rules import is_entry_agency_member


@dataclass
class Published:
    """One finalized round of a published contest with its frozen snapshot."""

    round: Round
    result: RoundResult
    body: dict

    @property
    def inputs(self) -> dict:
        return self.body["inputs"]

    @property
    def results(self) -> dict:
        return self.body["results"]

    @property
    def name(self) -> str:
        return local_name(self.inputs["round"])

    def row(self, receipt_number: str) -> dict | None:
        return next((r for r in self.results["entries"] if r["entry"] == receipt_number), None)


def published_contest(pk: int) -> Contest:
    """The contest if its results are published; 404 otherwise."""
    contest = Contest.objects.filter(pk=pk, results_published_at__isnull=False).first()
    if contest is None:
        raise Http404
    return contest


def published_rounds(contest: Contest) -> list[Published]:
    """The results in force of the contest's rounds, in round order (one query)."""
    results = (
        RoundResult.objects.filter(round__contest=contest, voided_at=None)
        .select_related("round")
        .order_by("round__order", "round_id")
    )
    return [Published(r.round, r, json.loads(r.snapshot)) for r in results]


def published_snapshot(contest: Contest, round_pk: int) -> RoundResult:
    result = RoundResult.objects.filter(
        round_id=round_pk, round__contest=contest, voided_at=None
    ).first()
    if result is None:
        raise Http404
    return result


# --- the public page -------------------------------------------------------------------------


@dataclass
class Winner:
    receipt_number: str
    title: str
    agency: str
    category: str
    shown: str | None
    rank: str  # e.g. "1위", "공동 2위" (in its category for a per-category tier)


@dataclass
class TierWinners:
    name: str
    count: int
    per_category: bool
    winners: list[Winner] = field(default_factory=list)


@dataclass
class PublicResults:
    contest: Contest
    rounds: list[Published]
    final: Published | None
    tiers: list[TierWinners]


def _entries(contest: Contest, numbers) -> dict[str, Entry]:
    """Receipt number → Entry with its agency (one query)."""
    rows = Entry.objects.filter(contest=contest, receipt_number__in=list(numbers))
    return {e.receipt_number: e for e in rows.select_related("agency")}


def public_results(contest: Contest) -> PublicResults:
    """Winners of each award tier, from the final round's snapshot (its contest ranking)."""
    rounds = published_rounds(contest)
    final = rounds[-1] if rounds and rounds[-1].round.pk == _last_round_id(contest) else None
    if final is None or "contest" not in final.results:
        return PublicResults(contest, rounds, final, [])
    inputs = final.inputs
    categories = {c["key"]: (index, local_name(c)) for index, c in enumerate(inputs["categories"])}
    rows = [r for r in final.results["contest"]["entries"] if r.get("award")]
    entries = _entries(contest, (r["entry"] for r in rows))
    tiers = []
    for tier in inputs["tiers"]:
        group = TierWinners(local_name(tier), int(tier["count"]), bool(tier["per_category"]))
        prefix = "category_" if group.per_category else ""
        chosen = [r for r in rows if r["award"] == tier["key"]]
        if group.per_category:
            chosen.sort(
                key=lambda r: (categories[r["category"]][0], r["category_rank"], r["entry"])
            )
        else:
            chosen.sort(key=lambda r: (r["rank"], r["entry"]))
        for row in chosen:
            entry = entries.get(row["entry"])
            group.winners.append(
                Winner(
                    receipt_number=row["entry"],
                    title=entry.title if entry else "—",
                    agency=entry.agency.name if entry else "—",
                    category=categories[row["category"]][1],
                    shown=row["shown"],
                    rank=rank_label(row[f"{prefix}rank"], row[f"{prefix}shared"]),
                )
            )
        tiers.append(group)
    return PublicResults(contest, rounds, final, tiers)


def _last_round_id(contest: Contest) -> int | None:
    last = Round.objects.filter(contest=contest).order_by("-order", "-id").first()
    return last.pk if last else None


# --- an agency's own entry -------------------------------------------------------------------


def published_entry(user, contest: Contest, entry_pk: int) -> Entry:
    """The entry of this published contest if `user` is a member of its agency; 404 otherwise."""
    entry = (
        Entry.objects.filter(pk=entry_pk, contest=contest)
        .select_related("agency", "category")
        .first()
    )
    if entry is None or not is_entry_agency_member(user, entry):
        raise Http404
    return entry


@dataclass
class CriterionLine:
    name: str
    shown: str | None
    max_points: Decimal


@dataclass
class RoundLine:
    name: str
    shown: str | None
    rank: str
    category_rank: str
    advanced: bool | None  # None: the round has no advancement (the final round)
    criteria: list[CriterionLine]
    comments: list[str] = field(default_factory=list)


@dataclass
class EntryResult:
    contest: Contest
    entry: Entry
    rounds: list[RoundLine]
    final: dict | None  # the entry's row of the contest ranking, when it reached the final round
    award: str | None
    rank: str = ""  # in the contest ranking (final round)
    category_rank: str = ""


def _criterion_means(entry: Entry, round_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """round id → criterion key → the entry's mean over its counted scorecards (one query)."""
    rows = (
        Score.objects.filter(scorecard__in=counted_scorecards(entry=entry, round_id__in=round_ids))
        .order_by()
        .values("scorecard__round_id", "criterion_id")
        .annotate(total=Sum("value"), count=Count("id"))
    )
    means: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        means.setdefault(row["scorecard__round_id"], {})[f"C{row['criterion_id']}"] = Decimal(
            str(row["total"])
        ) / Decimal(row["count"])
    return means


def _criterion_lines(round_: Published, means: dict[str, Decimal]) -> list[CriterionLine]:
    contest = round_.inputs["contest"]
    lines = []
    for criterion in round_.inputs["criteria"]:
        mean = means.get(criterion["key"])
        lines.append(
            CriterionLine(
                name=local_name(criterion),
                shown=None if mean is None else shown(mean, contest),
                max_points=Decimal(criterion["max_points"]),
            )
        )
    return lines


def entry_result(contest: Contest, entry: Entry) -> EntryResult:
    """The entry's line in each round it took part in, its contest result and award, and the
    comments of the submitted scorecards that counted, without judge names: ordered by length,
    then text, so that the order says nothing about who wrote which."""
    number = entry.receipt_number
    taken = [(r, r.row(number)) for r in published_rounds(contest)]
    taken = [(r, row) for r, row in taken if row is not None]
    means = _criterion_means(entry, [r.round.pk for r, _row in taken])
    lines: dict[int, RoundLine] = {}
    for round_, row in taken:
        lines[round_.round.pk] = RoundLine(
            name=round_.name,
            shown=row["shown"],
            rank=rank_label(row["rank"], row["shared"]),
            category_rank=rank_label(row["category_rank"], row["category_shared"]),
            advanced=row["advanced"],
            criteria=_criterion_lines(round_, means.get(round_.round.pk, {})),
        )
    comments = (
        counted_scorecards(entry=entry, round_id__in=list(lines))
        .exclude(comment="")
        .values_list("round_id", "comment")
    )
    for round_id, text in comments:
        lines[round_id].comments.append(text)
    for line in lines.values():
        line.comments.sort(key=lambda text: (len(text), text))
    final, award = None, None
    last = taken[-1][0] if taken else None
    if last is not None and last.round.pk == _last_round_id(contest) and "contest" in last.results:
        final = next((r for r in last.results["contest"]["entries"] if r["entry"] == number), None)
        tiers = {t["key"]: local_name(t) for t in last.inputs["tiers"]}
        award = tiers.get(final["award"]) if final and final.get("award") else None
    out = EntryResult(contest, entry, list(lines.values()), final, award)
    if final is not None:
        out.rank = rank_label(final["rank"], final["shared"])
        out.category_rank = rank_label(final["category_rank"], final["category_shared"])
    return out


# --- judges ----------------------------------------------------------------------------------


def published_for_judge(user) -> list[Contest]:
    """The contests the user judges whose results are published, latest first (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Contest.objects.filter(judges__user=user, results_published_at__isnull=False).order_by(
            "-results_published_at", "-id"
        )
    )
