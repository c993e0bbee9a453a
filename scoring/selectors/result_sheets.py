"""The 집계표 of one entry and the contest's results overview, built on the round page's view
model (scoring.selectors.result_pages): a finalized round's frozen numbers, else live ones."""

from dataclasses import dataclass, field

from contests.models import Contest, Round
from scoring.models import AwardOverride, RoundResult
from scoring.selectors.result_labels import Problem, rank_label
from scoring.selectors.result_pages import Cell, RoundPage, Row, cell, plain, round_page
from scoring.selectors.results import contest_rounds, key
from submissions.models import Entry

# The 집계표 of one entry ------------------------------------------------------------------


@dataclass
class JudgeLine:
    name: str
    panel: str
    total: str
    dropped: bool


@dataclass
class RoundLine:
    name: str
    weight: str
    score: Cell


@dataclass
class Sheet:
    page: RoundPage
    row: Row
    raw: dict
    judges: list[JudgeLine]
    panels: list[tuple[str, str, Cell]]  # (name, weight, aggregate)
    contest: dict | None = None  # the contest line in the final round
    contest_rounds: list[RoundLine] = field(default_factory=list)
    contest_score: Cell | None = None
    contest_rank: str = ""
    award: str = ""


def sheet(page: RoundPage, entry: Entry) -> Sheet | None:
    """The 집계표 of `entry` in the page's round; None when it has no line in the result."""
    raw = next((r for r in page.results["entries"] if r["entry"] == entry.receipt_number), None)
    if raw is None:
        return None
    row = page.line(entry.receipt_number)
    contest = page.inputs["contest"]
    names = page.names
    weights = {p["key"]: p["weight"] for p in page.inputs["panels"]}
    out = Sheet(
        page=page,
        row=row,
        raw=raw,
        judges=[
            JudgeLine(
                names.judge(j["judge"]),
                names.panel(j["panel"]) if j["panel"] else "—",
                j["total"],
                j["dropped"],
            )
            for j in raw["judges"]
        ],
        panels=[
            (names.panel(p), plain(weights.get(p, "100")), cell(value, contest))
            for p, value in raw["panels"].items()
        ],
    )
    final = page.results.get("contest")
    line = next((r for r in (final or {}).get("entries", []) if r["entry"] == raw["entry"]), None)
    if line is not None:
        current = page.inputs["round"]
        weights = {current["key"]: current["weight"]}
        weights |= {k: past["weight"] for k, past in page.inputs["earlier"].items()}
        out.contest = line
        out.contest_rounds = [
            RoundLine(names.round(k), plain(weights.get(k, "0")), cell(value, contest))
            for k, value in _in_round_order(line["rounds"], page.rounds)
        ]
        out.contest_score = Cell(line["shown"], line["score"])
        out.contest_rank = rank_label(line["rank"], line["shared"])
        out.award = names.tier(line["award"])
    return out


def _in_round_order(values: dict, rounds: list[Round]) -> list[tuple[str, str | None]]:
    order = {key("R", r.pk): n for n, r in enumerate(rounds)}
    return sorted(values.items(), key=lambda item: order.get(item[0], len(order)))


# The contest overview --------------------------------------------------------------------


@dataclass
class RoundState:
    round: Round
    number: int
    result: RoundResult | None
    voided: list[RoundResult]


@dataclass
class FinalRow:
    receipt: str
    entry: Entry | None
    category_name: str
    rounds: list[Cell]
    score: Cell
    rank_label: str
    split: str  # how it was split from an equal contest score (chain step or decision)
    award: str
    overridden: bool
    award_tie: bool


@dataclass
class Overview:
    contest: Contest
    rounds: list[RoundState]
    final: RoundPage | None = None
    rows: list[FinalRow] = field(default_factory=list)
    award_ties: list[Problem] = field(default_factory=list)
    overrides: list = field(default_factory=list)
    round_names: list[str] = field(default_factory=list)

    @property
    def all_final(self) -> bool:
        return bool(self.rounds) and all(state.result is not None for state in self.rounds)


def overview(contest: Contest) -> Overview:
    rounds = contest_rounds(contest.pk)
    results = RoundResult.objects.filter(round__contest=contest).select_related("by", "voided_by")
    by_round: dict[int, list[RoundResult]] = {}
    for result in results:
        by_round.setdefault(result.round_id, []).append(result)
    states = [
        RoundState(
            round=r,
            number=n,
            result=next((x for x in by_round.get(r.pk, []) if x.voided_at is None), None),
            voided=[x for x in by_round.get(r.pk, []) if x.voided_at is not None],
        )
        for n, r in enumerate(rounds, 1)
    ]
    out = Overview(contest=contest, rounds=states)
    out.overrides = list(
        AwardOverride.objects.filter(contest=contest)
        .select_related("entry", "tier", "by")
        .order_by("entry__receipt_number")
    )
    if not rounds:
        return out
    final = round_page(rounds[-1])
    out.final = final
    ranking = final.results.get("contest")
    if ranking is None:
        return out
    names, inputs = final.names, final.inputs
    out.award_ties = [p for p in final.problems if p.code == "award_tie"]
    tied = {e for p in out.award_ties for e in p.entries}
    weighted = {inputs["round"]["key"], *inputs["earlier"]}
    keys = [key("R", r.pk) for r in rounds if key("R", r.pk) in weighted]
    out.rows = [
        FinalRow(
            receipt=line["entry"],
            entry=names.entries.get(line["entry"]),
            category_name=names.category(line["category"]),
            rounds=[cell(line["rounds"].get(k), inputs["contest"]) for k in keys],
            score=Cell(line["shown"], line["score"]),
            rank_label=rank_label(line["rank"], line["shared"]),
            split=names.split(line["decided_by"]),
            award=names.tier(line["award"]),
            overridden=line["award_overridden"],
            award_tie=line["entry"] in tied,
        )
        for line in ranking["entries"]
    ]
    out.round_names = [names.round(k) for k in keys]
    return out


def award_summary(view: Overview) -> list[tuple[str, list[FinalRow]]]:
    """The awards of the final ranking, best first: (award, its entries in rank order), so that
    who wins is on the results page whichever page of the ranking is shown."""
    found: dict[str, list[FinalRow]] = {}
    for row in view.rows:
        if row.award:
            found.setdefault(row.award, []).append(row)
    return list(found.items())
