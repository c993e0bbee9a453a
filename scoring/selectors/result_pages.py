"""View models of the organizer's results pages: scoring.outcome.compute's output (live) or a
finalized round's frozen snapshot, turned into rows with real names and plain words.

A finalized round shows its snapshot's numbers (`json.loads(RoundResult.snapshot)["results"]`),
never a recomputation; a live round shows `compute(round_inputs(round_).inputs)`, kept in the
cache by the digest of those inputs (`computed`), so that the round page, each 집계표 and the
contest overview compute it once until a score changes. The rows of the ranking are built when
first read (`RoundPage.rows`); one entry's 집계표 builds only its own (`RoundPage.line`). Every
page reads a fixed number of queries whatever the number of entries, judges and scores.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _

from contests.models import Contest, PublicationEvent, Round
from scoring.models import ResultExclusion, RoundResult, TieDecision
from scoring.outcome import compute, shown
from scoring.selectors.frozen import frozen
from scoring.selectors.result_labels import Names, Problem, local_name, problem, rank_label
from scoring.selectors.results import RoundInputs, contest_rounds, round_inputs
from scoring.snapshot import canonical
from submissions.models import Entry

TIE_CODES = {"line_tie": "round", "award_tie": "contest"}  # problem code → decision scope


@dataclass
class Cell:
    """A number as shown (rounded once by the contest's rule) and at full precision."""

    shown: str | None
    full: str | None


def plain(number: str) -> str:
    """A weight as written by people: "60.00" → "60", "12.50" → "12.5"."""
    return f"{Decimal(number).normalize():f}"


def cell(value: str | None, contest: dict) -> Cell:
    return Cell(shown(None if value is None else Decimal(value), contest), value)


@dataclass
class Row:
    position: int  # place in the ranking (unrounded order, ties broken); rows without score last
    receipt: str
    entry: Entry | None
    category: str
    category_name: str
    panels: list[Cell]
    score: Cell
    rank: int | None
    rank_label: str
    category_rank_label: str
    split: str
    advanced: bool | None

    @property
    def title(self) -> str:
        return self.entry.title if self.entry is not None else ""


@dataclass
class Tie:
    """A tie the organizer decides: a line tie on the round's page (the round's scores), an
    award tie on the contest results page (the contest scores)."""

    scope: str  # TieDecision.Scope
    problem: Problem
    choices: list[tuple[str, str]]  # (receipt number, receipt number and title)
    scores: list[str]  # each tied entry's score as shown, in the order of `choices`

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """(receipt number, receipt number and title, score shown) of each tied entry."""
        return [
            (r, label, score) for (r, label), score in zip(self.choices, self.scores, strict=True)
        ]


class _Rows:
    """RoundPage.rows: the rows given when the page was made (reports build them from a
    snapshot), else built from the page's results when first read."""

    def __get__(self, page, owner=None):
        if page is None:
            return None  # the dataclass field's default: build when read
        if page.__dict__.get("_rows") is None:
            page.__dict__["_rows"] = ranking_rows(page.results["entries"], page.inputs, page.names)
        return page.__dict__["_rows"]

    def __set__(self, page, rows) -> None:
        page.__dict__["_rows"] = rows


@dataclass
class RoundPage:
    round: Round
    rounds: list[Round]
    number: int
    data: RoundInputs | None  # the live inputs; None when finalized (not built then)
    inputs: dict  # the frozen inputs when finalized, else the live ones
    results: dict
    result: RoundResult | None  # in force
    voided: list[RoundResult]
    names: Names
    rows: list[Row] = _Rows()  # a descriptor: built when first read
    problems: list[Problem] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)  # line ties (the round's ranking)
    award_ties: list[Tie] = field(default_factory=list)  # award ties (the contest's ranking)
    chain: list[str] = field(default_factory=list)
    decisions: list = field(default_factory=list)
    exclusions: list = field(default_factory=list)

    def line(self, receipt: str) -> Row | None:
        """The row of one entry, without building the others."""
        if self.__dict__.get("_rows") is not None:
            return next((r for r in self.rows if r.receipt == receipt), None)
        for position, raw in enumerate(self.results["entries"]):
            if raw["entry"] == receipt:
                return ranking_rows([raw], self.inputs, self.names, start=position)[0]
        return None

    @property
    def finalized(self) -> bool:
        return self.result is not None

    @property
    def unsubmitted(self) -> list:
        """(Judge, Entry) of the assigned scorecards not submitted; none once finalized."""
        return self.data.unsubmitted if self.data is not None else []

    @property
    def earlier_missing(self) -> list[Round]:
        """Earlier rounds not finalized yet; none once finalized."""
        return self.data.earlier_missing if self.data is not None else []

    @property
    def panels(self) -> list[tuple[str, str, str]]:
        """(key, name, weight) of the round's panels; empty when the round has none."""
        return [(p["key"], local_name(p), plain(p["weight"])) for p in self.inputs["panels"]]

    @property
    def categories(self) -> list[tuple[str, str]]:
        return [(c["key"], local_name(c)) for c in self.inputs["categories"]]

    @property
    def next_round(self) -> Round | None:
        return self.rounds[self.number] if self.number < len(self.rounds) else None

    @property
    def advanced(self) -> list[str]:
        return self.results.get("advanced", [])

    @property
    def method(self) -> str:
        info = self.inputs["round"]
        label = dict(Round.Method.choices).get(info["method"], info["method"])
        if info["method"] == Round.Method.TRIMMED_MEAN:
            return _("%(method)s: %(k)s dropped at each end") % {
                "method": label,
                "k": info["trim_count"],
            }
        return str(label)

    @property
    def advancement(self) -> str:
        info = self.inputs["round"]
        following = self.next_round.name if self.next_round else ""
        if info["advancement"] == Round.Advancement.TOP_N:
            count = int(Decimal(info["advancement_value"]))
            return _("The top %(n)s of each category advance to %(round)s.") % {
                "n": count,
                "round": following,
            }
        if info["advancement"] == Round.Advancement.CUTOFF:
            value = f"{Decimal(info['advancement_value']).normalize():f}"
            return _("Entries with a score of at least %(score)s advance to %(round)s.") % {
                "score": value,
                "round": following,
            }
        return _("No advancement: this is the final round.")


def round_page(round_: Round) -> RoundPage:
    """Everything the round page and the 집계표 show, live or frozen. A finalized round is read
    from its snapshot only: the live inputs are not built."""
    rounds = contest_rounds(round_.contest_id)
    results_all = list(RoundResult.objects.filter(round=round_).select_related("by", "voided_by"))
    result = next((r for r in results_all if r.voided_at is None), None)
    data = None
    if result is not None:
        result.round = round_
        kept = frozen(result)
        inputs, results, judges, entries = kept.inputs, kept.results, kept.judges, kept.entries
    else:
        data = round_inputs(round_)
        inputs, judges, entries = data.inputs, data.judges, data.entries
        results = computed(inputs)
    names = Names(inputs, judges=judges, entries=entries, rounds=rounds)
    page = RoundPage(
        round=round_,
        rounds=rounds,
        number=[r.pk for r in rounds].index(round_.pk) + 1,
        data=data,
        inputs=inputs,
        results=results,
        result=result,
        voided=[r for r in results_all if r.voided_at is not None],
        names=names,
    )
    page.problems = [problem(item, names) for item in results["problems"]]
    page.ties = _ties(page, "line_tie", results["entries"])
    page.award_ties = _ties(page, "award_tie", (results.get("contest") or {}).get("entries", []))
    page.chain = [names.step(step) for step in inputs["chain"]]
    page.decisions = _decisions(round_, names)
    page.exclusions = list(
        ResultExclusion.objects.filter(round=round_)
        .select_related("judge__user", "entry", "by")
        .order_by("entry__receipt_number", "judge_id")
    )
    return page


# Part of the cache key: raise it when scoring.outcome changes what compute returns for the same
# inputs, so that no result computed by the old code is shown.
COMPUTE_VERSION = 1
COMPUTE_SECONDS = 24 * 60 * 60


def computed(inputs: dict) -> dict:
    """compute(inputs), kept in Django's cache under the SHA-256 digest of the inputs' canonical
    JSON (as scoring.selectors.analysis keeps the robustness report): the round page, each
    entry's 집계표 and the contest overview compute a live round once until its inputs change."""
    key = f"compute:{COMPUTE_VERSION}:{hashlib.sha256(canonical(inputs)).hexdigest()}"
    results = cache.get(key)
    if results is None:
        results = compute(inputs)
        cache.set(key, results, COMPUTE_SECONDS)
    return results


def _ties(page: RoundPage, code: str, ranking: list[dict]) -> list[Tie]:
    """The page's problems of `code` as ties to decide, each tied entry with its score in
    `ranking` (the round's rows for a line tie, the contest's for an award tie)."""
    shown = {row["entry"]: row["shown"] or "—" for row in ranking}
    return [
        Tie(
            scope=TIE_CODES[code],
            problem=p,
            choices=[(r, page.names.entry(r)) for r in p.entries],
            scores=[shown.get(r, "—") for r in p.entries],
        )
        for p in page.problems
        if p.code == code
    ]


def ranking_rows(rows: list[dict], inputs: dict, names: Names, start: int = 0) -> list[Row]:
    """Rows of compute's `rows` (their positions in the ranking counted from `start`)."""
    contest = inputs["contest"]
    panels = [p["key"] for p in inputs["panels"]]
    out = []
    for position, row in enumerate(rows, start):
        out.append(
            Row(
                position=position,
                receipt=row["entry"],
                entry=names.entries.get(row["entry"]),
                category=row["category"],
                category_name=names.category(row["category"]),
                panels=[cell(row["panels"].get(p), contest) for p in panels],
                score=Cell(row["shown"], row["score"]),
                rank=row["rank"],
                rank_label=rank_label(row["rank"], row["shared"]),
                category_rank_label=rank_label(row["category_rank"], row["category_shared"]),
                split=names.split(row["decided_by"]),
                advanced=row["advanced"],
            )
        )
    return out


@dataclass
class DecisionView:
    decision: TieDecision
    entries: list[str]  # receipt number and title, best first


def _decisions(round_: Round, names: Names) -> list[DecisionView]:
    rows = TieDecision.objects.filter(round=round_).select_related("by").order_by("at", "id")
    return [DecisionView(d, [names.entry(r) for r in d.entries]) for d in rows]


# Sorting and filtering of the ranking table ------------------------------------------------

SORTS = ("rank", "receipt", "title", "category", "score", "split", "advanced")


def _sort_value(row: Row, column: str, categories: dict):
    if column == "rank":
        return row.position if row.rank is not None else None
    if column == "receipt":
        return row.receipt
    if column == "title":
        return row.title
    if column == "category":
        return categories.get(row.category, len(categories))
    if column == "score":
        return None if row.score.full is None else Decimal(row.score.full)
    if column == "split":
        return row.split
    if column == "advanced":
        return None if row.advanced is None else int(row.advanced)
    index = int(column[len("panel") :])  # "panel<n>": the n-th panel column
    value = row.panels[index].full
    return None if value is None else Decimal(value)


def sort_choices(page: RoundPage) -> list[str]:
    return [*SORTS, *(f"panel{n}" for n in range(len(page.panels)))]


def table(page: RoundPage, sort: str, category: str) -> list[Row]:
    """The rows of `category` ("" for all) in the order of `sort` (a column, "-column" for
    descending). Rank and score sort by the unrounded ranking; rows without a value go last."""
    descending = sort.startswith("-")
    column = sort.lstrip("-")
    if column not in sort_choices(page):
        column, descending = "rank", False
    rows = [r for r in page.rows if not category or r.category == category]
    order = {c: n for n, (c, _name) in enumerate(page.categories)}
    valued = [(r, _sort_value(r, column, order)) for r in rows]
    present = [pair for pair in valued if pair[1] is not None]
    missing = [r for r, value in valued if value is None]
    # Equal values keep the ranking's order, ascending or descending (the sort is stable).
    present.sort(key=lambda pair: pair[1], reverse=descending)
    return [r for r, _value in present] + missing


def publication_history(contest: Contest) -> list[PublicationEvent]:
    """Every publication and withdrawal of the contest's results, oldest first."""
    events = PublicationEvent.objects.filter(contest=contest).select_related("by")
    return list(events.order_by("at", "id"))
