"""Reads for assignment and conflicts: the round's pool, eligible entries, the matrix, the planner's
inputs and the organizer's conflict list (callers check permissions).

Eligible entries (judged in a round): the entries in the running (submissions.selectors.running).
Entries still waiting for screening count, so that assignment can start before screening ends;
an entry screened out later keeps its assignments, which stop being in effect
(scoring.selectors.in_effect) and count in no load until it is screened back in.

Own agency (제척) is `scoring.selectors.conflicts.agency_links`: affiliation or membership.

The round's pool: the judges of the round's panels when the round has panels, else every judge of
the contest.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from contests.models import Category, Contest, Panel, Round
from scoring.assignment import EntryInput, JudgeInput, Plan, plan_assignments
from scoring.models import Assignment, Conflict, Judge, Score, Scorecard
from scoring.selectors.conflicts import (
    agency_links,
    blocking_kinds,
    blocking_pairs,
    is_linked,
    linked_judges_by_agency,
)
from scoring.selectors.in_effect import (
    assignments_in_effect,
    assignments_with_effect,
    entries_in_round,
    pairs_in_effect,
)
from scoring.selectors.progress import COVERAGES, OVER, UNDER, coverage_of
from submissions.models import Entry
from submissions.selectors.running import entries_in_the_running


def eligible_entries(contest: Contest) -> QuerySet[Entry]:
    return entries_in_the_running(contest).order_by("receipt_number", "pk")


def round_has_panels(round_: Round) -> bool:
    return Panel.objects.filter(round=round_).exists()


def round_pool(round_: Round) -> QuerySet[Judge]:
    qs = Judge.objects.filter(contest_id=round_.contest_id)
    if round_has_panels(round_):
        qs = qs.filter(panels__round=round_).distinct()
    return qs.order_by("user__name", "pk")


def excluded_pairs(contest: Contest, entries) -> set[tuple[int, int]]:
    """Pairs that may never be assigned: recorded conflicts that block (pending or in effect)
    and every judge linked to an entry's agency (제척), as (judge_id, entry_id)."""
    pairs = blocking_pairs(contest.pk)
    linked = linked_judges_by_agency(contest.pk)
    for entry in entries:
        pairs.update((judge_id, entry.entry_id) for judge_id in linked.get(entry.agency_id, ()))
    return pairs


def planner_inputs(round_: Round) -> dict:
    entries = [
        EntryInput(pk, category_id, agency_id)
        for pk, category_id, agency_id in entries_in_round(round_)
        .order_by("receipt_number", "pk")
        .values_list("pk", "category_id", "agency_id")
    ]
    categories: dict[int, set[int]] = defaultdict(set)
    through = Judge.categories.through
    for judge_id, category_id in through.objects.filter(
        judge__contest_id=round_.contest_id
    ).values_list("judge_id", "category_id"):
        categories[judge_id].add(category_id)
    judges = [
        JudgeInput(pk, agency_id, frozenset(categories[pk]))
        for pk, agency_id in round_pool(round_).values_list("pk", "affiliation_id")
    ]
    # Only assignments in effect count (loads, judges on an entry): a dead one (entry screened
    # out, judge linked to the agency) is not a judge of the entry; its pair stays in `conflicts`.
    existing = pairs_in_effect(round_)
    return {
        "entries": entries,
        "judges": judges,
        "per_entry": round_.judges_per_entry,
        "existing": existing,
        "conflicts": excluded_pairs(round_.contest, entries),
    }


def round_plan(round_: Round) -> Plan:
    inputs = planner_inputs(round_)
    return plan_assignments(inputs.pop("entries"), inputs.pop("judges"), **inputs)


@dataclass(frozen=True)
class PlanView:
    """A plan with the names a page shows."""

    plan: Plan
    rows: list[tuple[Entry, Judge]]
    judges: list[Judge]
    shortfalls: list[tuple[Entry, int]]


def plan_view(round_: Round, plan: Plan) -> PlanView:
    judges = {j.pk: j for j in round_pool(round_).select_related("user", "affiliation")}
    entry_ids = {e for _j, e in plan.new} | set(plan.shortfalls)
    entries = Entry.objects.select_related("category").in_bulk(entry_ids)
    rows = [(entries[e], judges[j]) for j, e in plan.new]
    for judge in judges.values():
        judge.load_before = plan.loads_before.get(judge.pk, 0)
        judge.load_after = plan.loads_after.get(judge.pk, 0)
    shortfalls = [(entries[e], n) for e, n in sorted(plan.shortfalls.items())]
    return PlanView(plan=plan, rows=rows, judges=list(judges.values()), shortfalls=shortfalls)


@dataclass
class Cell:
    judge: Judge
    entry: Entry
    assigned: bool = False
    blocked: str = ""  # why the pair can never be assigned
    locked: bool = False  # assigned and scored: cannot be unassigned


@dataclass
class Matrix:
    judges: list[Judge]
    rows: list[tuple[Entry, list[Cell]]]
    categories: list[Category]
    category: Category | None
    loads: dict[int, int] = field(default_factory=dict)
    needed: int = 0  # the round's judges per entry
    under: int = 0  # entries (of the category chosen) with fewer judges in effect than needed
    over: int = 0  # … with more
    coverage: str = ""  # the rows listed: every entry, or only UNDER or OVER ones
    page: Page | None = None  # the page of the entries listed (`rows` are its entries)


# Entries per page of the matrix: 100 entries by 60 judges is about 0.8 MB of HTML.
MATRIX_PAGE_SIZE = 100


def blocked_reason(kind: str) -> str:
    return {
        "own_agency": _("Own agency"),
        Conflict.Kind.EXCLUSION: _("Excluded"),
        Conflict.Kind.CHALLENGE: _("Challenged"),
        Conflict.Kind.RECUSAL: _("Recused"),
    }[kind]


def matrix_cell(round_: Round, judge: Judge, entry: Entry) -> Cell:
    """One cell, for the htmx answer to a toggle."""
    cell = Cell(judge=judge, entry=entry)
    kinds = blocking_kinds(round_.contest_id, judge_id=judge.pk, entry_id=entry.pk)
    if is_linked(judge, entry.agency_id):
        cell.blocked = blocked_reason("own_agency")
    elif kinds:
        cell.blocked = blocked_reason(kinds[(judge.pk, entry.pk)])
    cell.assigned = Assignment.objects.filter(round=round_, judge=judge, entry=entry).exists()
    cell.locked = (
        cell.assigned
        and Score.objects.filter(
            scorecard__round=round_, scorecard__judge=judge, scorecard__entry=entry
        ).exists()
    )
    return cell


def judge_load(round_: Round, judge: Judge) -> int:
    return assignments_in_effect(round=round_, judge=judge).count()


def entry_coverage(round_: Round, entry: Entry) -> Entry:
    """`entry` with `judges_in_effect` and `coverage` (progress.coverage_of) in `round_`."""
    entry.judges_in_effect = assignments_in_effect(round=round_, entry=entry).count()
    entry.coverage = coverage_of(entry.judges_in_effect, round_.judges_per_entry)
    return entry


def assignment_matrix(round_: Round, *, category_id=None, coverage: str = "", page=1) -> Matrix:
    """Judges by eligible entries of a round in a fixed number of queries. Each entry has
    `judges_in_effect` and `coverage` (UNDER, OVER or ""); with `coverage` only those rows.
    Only page `page` of the rows (MATRIX_PAGE_SIZE entries) gets cells; `under` and `over`
    count every entry of the category, whatever the page."""
    contest = round_.contest
    categories = list(Category.objects.filter(contest=contest))
    category = next((c for c in categories if str(c.pk) == str(category_id or "")), None)
    entries_qs = (
        entries_in_round(round_).order_by("receipt_number", "pk").select_related("category")
    )
    if category is not None:
        entries_qs = entries_qs.filter(category=category)
    entries = list(entries_qs)
    judges = list(round_pool(round_).select_related("user", "affiliation"))
    effect = assignments_with_effect(round=round_)
    assigned = {(judge_id, entry_id) for _round, judge_id, entry_id in effect}
    loads = Counter(judge_id for (_round, judge_id, _entry), ok in effect.items() if ok)
    judged = Counter(entry_id for (_round, _judge, entry_id), ok in effect.items() if ok)
    for entry in entries:
        entry.judges_in_effect = judged.get(entry.pk, 0)
        entry.coverage = coverage_of(entry.judges_in_effect, round_.judges_per_entry)
    under = sum(entry.coverage == UNDER for entry in entries)
    over = sum(entry.coverage == OVER for entry in entries)
    coverage = coverage if coverage in COVERAGES else ""
    if coverage:
        entries = [entry for entry in entries if entry.coverage == coverage]
    paged = Paginator(entries, MATRIX_PAGE_SIZE).get_page(page)
    entries = paged.object_list
    scored = set(
        Scorecard.objects.filter(round=round_)
        .filter(Exists(Score.objects.filter(scorecard=OuterRef("pk"))))
        .values_list("judge_id", "entry_id")
    )
    conflicts = blocking_kinds(contest.pk)
    links = agency_links(contest.pk)
    rows = []
    for entry in entries:
        cells = []
        for judge in judges:
            pair = (judge.pk, entry.pk)
            cell = Cell(judge=judge, entry=entry, assigned=pair in assigned)
            if (judge.pk, entry.agency_id) in links:
                cell.blocked = blocked_reason("own_agency")
            elif pair in conflicts:
                cell.blocked = blocked_reason(conflicts[pair])
            cell.locked = cell.assigned and pair in scored
            cells.append(cell)
        rows.append((entry, cells))
    for judge in judges:
        judge.load = loads.get(judge.pk, 0)
    return Matrix(
        judges=judges,
        rows=rows,
        categories=categories,
        category=category,
        loads=dict(loads),
        needed=round_.judges_per_entry,
        under=under,
        over=over,
        coverage=coverage,
        page=paged,
    )


@dataclass
class ConflictRow:
    kind: str
    kind_label: str
    judge: Judge
    entry: Entry
    reason: str
    at: object = None
    by: object = None
    needs_reassignment: bool = False
    conflict: Conflict | None = None  # None for an automatic exclusion
    short_rounds: tuple[int, ...] = ()  # rounds (ids) where the entry lacks judges in effect

    @property
    def pending(self) -> bool:
        return self.conflict is not None and self.conflict.status == Conflict.Status.PENDING


def conflicts_for_organizer(contest: Contest) -> list[ConflictRow]:
    """Recusal requests awaiting a decision first, then recorded conflicts (challenges, recusals,
    any recorded exclusion) newest first, then the automatic exclusions (a judge linked to the
    agency of an entry in the running), in a fixed number of queries.

    "Needs reassignment": a challenge or recusal in effect, or an own-agency exclusion of a judge
    who still holds the (dead) assignment, whose entry now has fewer judges in effect
    (scoring.selectors.in_effect) than `judges_per_entry` in a round that already has assignments.
    """
    rounds = list(
        Round.objects.filter(contest=contest)
        .annotate(n=Count("assignments"))
        .filter(n__gt=0)
        .values_list("pk", "judges_per_entry")
    )
    effect = assignments_with_effect(round__contest=contest)
    counts = Counter((round_id, entry_id) for (round_id, _j, entry_id), ok in effect.items() if ok)
    dead = {(judge_id, entry_id) for (_r, judge_id, entry_id), ok in effect.items() if not ok}

    def short(entry_id) -> tuple[int, ...]:
        return tuple(r for r, per_entry in rounds if counts[(r, entry_id)] < per_entry)

    rows: list[ConflictRow] = []
    recorded = (
        Conflict.objects.filter(judge__contest=contest)
        .select_related("judge__user", "entry", "recorded_by", "decided_by")
        .order_by("-created_at", "-pk")
    )
    for conflict in recorded:
        needs = (
            conflict.kind != Conflict.Kind.EXCLUSION
            and conflict.status == Conflict.Status.IN_EFFECT
            and bool(short(conflict.entry_id))
        )
        rows.append(
            ConflictRow(
                kind=conflict.kind,
                kind_label=conflict.get_kind_display(),
                judge=conflict.judge,
                entry=conflict.entry,
                reason=conflict.reason,
                at=conflict.created_at,
                by=conflict.recorded_by,
                needs_reassignment=needs,
                conflict=conflict,
                short_rounds=short(conflict.entry_id) if needs else (),
            )
        )
    rows.sort(key=lambda row: not row.pending)  # stable: requests first, each group newest first
    linked = linked_judges_by_agency(contest.pk)
    judges = (
        Judge.objects.filter(contest=contest)
        .select_related("user")
        .in_bulk({judge_id for ids in linked.values() for judge_id in ids})
    )
    automatic = (
        eligible_entries(contest).filter(agency_id__in=list(linked)).select_related("agency")
    )
    label = Conflict.Kind.EXCLUSION.label
    for entry in automatic:
        linked_judges = [judges[judge_id] for judge_id in linked[entry.agency_id]]
        for judge in sorted(linked_judges, key=lambda j: (j.user.name, j.pk)):
            rows.append(
                ConflictRow(
                    kind=Conflict.Kind.EXCLUSION,
                    kind_label=str(label),
                    judge=judge,
                    entry=entry,
                    reason=_("Own agency: %(agency)s") % {"agency": entry.agency.name},
                    needs_reassignment=(judge.pk, entry.pk) in dead and bool(short(entry.pk)),
                    short_rounds=short(entry.pk) if (judge.pk, entry.pk) in dead else (),
                )
            )
    return rows
