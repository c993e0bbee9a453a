"""The method and ranking sections of the results report (reports.results_report), each from
one round's RoundBook (reports.results_workbook): plain rows of text, every number as the
organizer's results pages and the results workbook show it.

- `book_for`: a finalized round from its frozen snapshot (`round_book`, as the workbook reads
  it), a live one (a draft) from `round_page` (round_inputs + compute, as the round page does).
- How the round was judged, in the workbook's words (method, panels, weights, rounding, the
  tie decisions, excluded scorecards and award overrides with their reasons).
- Ranking rows: scoring.selectors.result_pages' rows (rank labels with 공동, scores rounded once
  by the contest's rule, how a tie was split), the ranking within each category, the contest
  ranking of the final round, the award list and who advanced.

Every text here is plain: the template escapes it.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from contests.models import Contest, Round
from reports.results_workbook import RoundBook, _agencies, round_book
from scoring.models import RoundResult, TieDecision
from scoring.reliability import round_statistics
from scoring.selectors.result_labels import local_name, rank_label
from scoring.selectors.result_pages import cell, plain, round_page


def book_for(round_: Round, rounds: list[Round], result: RoundResult | None) -> RoundBook:
    """The round as the report shows it: frozen when `result` (in force) is given, else live."""
    if result is not None:
        return round_book(result, rounds)
    page = round_page(round_)
    receipts = [entry["key"] for entry in page.inputs["entries"]]
    agencies = _agencies(round_.contest_id, receipts)
    return RoundBook(page, page.result, agencies, round_statistics(page.inputs))


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# Method ------------------------------------------------------------------------------------


def rounding_text(settings: dict) -> str:
    rule = dict(Contest.Rounding.choices).get(settings["rounding"], settings["rounding"])
    rounding = _("%(rule)s, %(places)s decimal places, applied once to what is shown")
    return rounding % {"rule": rule, "places": settings["decimal_places"]}


def method_lines(book: RoundBook) -> list[tuple[str, str]]:
    """(label, text) of how the round was judged, in the words of the results workbook."""
    page, info = book.page, book.inputs["round"]
    lines = [(_("Aggregation method"), page.method)]
    if info["method"] == Round.Method.TRIMMED_MEAN:
        lines.append((_("Values dropped at each end"), str(info["trim_count"])))
    panels = [f"{name} {weight}%" for _key, name, weight in page.panels]
    lines.append((_("Panels and weights"), ", ".join(panels) or _("All judges")))
    lines.append((_("Weight in the contest score"), f"{plain(info['weight'])}%"))
    lines.append((_("Advancement"), page.advancement))
    return lines


def round_weights(book: RoundBook) -> str:
    """Each weighted round's weight, from the final round's snapshot (this round and the
    earlier ones), in round order."""
    weights = {book.inputs["round"]["key"]: book.inputs["round"]["weight"]}
    weights |= {k: past["weight"] for k, past in book.inputs.get("earlier", {}).items()}
    order = [f"R{r.pk}" for r in book.page.rounds]
    ordered = sorted(weights, key=lambda k: order.index(k) if k in order else len(order))
    return ", ".join(f"{book.names.round(k)} {plain(weights[k])}%" for k in ordered)


def decisions(book: RoundBook) -> list[dict]:
    """The tie decisions kept in the inputs, with their scope and reason."""
    scopes = dict(TieDecision.Scope.choices)
    return [
        {
            "scope": str(scopes.get(d["scope"], d["scope"])),
            "order": " > ".join(book.names.entry(r) for r in d["entries"]),
            "reason": d["reason"],
        }
        for d in book.inputs.get("decisions", [])
    ]


def exclusions(book: RoundBook) -> list[dict]:
    return [
        {
            "judge": book.names.judge(e["judge"]),
            "entry": book.names.entry(e["entry"]),
            "reason": e["reason"],
        }
        for e in book.inputs.get("excluded", [])
    ]


def overrides(book: RoundBook) -> list[dict]:
    return [
        {
            "entry": book.names.entry(o["entry"]),
            "tier": book.names.tier(o["tier"]) or _("No award"),
            "reason": o["reason"],
        }
        for o in book.inputs.get("overrides", [])
    ]


def tiers(book: RoundBook) -> list[dict]:
    return [
        {"name": local_name(t), "count": t["count"], "per_category": t["per_category"]}
        for t in book.inputs["tiers"]
    ]


# Rankings ----------------------------------------------------------------------------------


def _awards(book: RoundBook) -> dict[str, str]:
    rows = (book.results.get("contest") or {}).get("entries", [])
    return {row["entry"]: book.names.tier(row["award"]) for row in rows if row["award"]}


def _advanced(value: bool | None) -> str:
    if value is None:
        return ""
    return pgettext("advanced", "Yes") if value else pgettext("advanced", "No")


@dataclass
class Line:
    """One ranking row as printed."""

    rank: str
    receipt: str
    title: str
    agency: str
    category: str
    scores: list[str]  # panel or round scores as shown ("—" when none)
    score: str
    split: str  # how a tie was split; "" when it was not tied
    result: str  # 진출 / 미진출, or the award


def _split(text: str) -> str:
    return "" if text == "—" else text


def round_ranking(book: RoundBook) -> list[Line]:
    """The round's ranking as on its results page: every entry, unranked ones last."""
    awards = _awards(book)
    final = "contest" in book.results
    return [
        Line(
            rank=row.rank_label,
            receipt=row.receipt,
            title=row.title,
            agency=book.agencies.get(row.receipt, ""),
            category=row.category_name,
            scores=[c.shown or "—" for c in row.panels],
            score=row.score.shown or "—",
            split=_split(row.split),
            result=awards.get(row.receipt, "") if final else _advanced(row.advanced),
        )
        for row in book.page.rows
    ]


def round_by_category(book: RoundBook) -> list[tuple[str, list[Line]]]:
    """(category, rows by rank in the category) of the ranked entries of each category."""
    raw, awards = book.results["entries"], _awards(book)
    final = "contest" in book.results
    out = []
    for code, name in book.page.categories:
        mine = [
            (raw[row.position]["category_rank"], row)
            for row in book.page.rows
            if row.category == code and raw[row.position]["category_rank"] is not None
        ]
        mine.sort(key=lambda pair: (pair[0], pair[1].position))
        lines = [
            Line(
                rank=row.category_rank_label,
                receipt=row.receipt,
                title=row.title,
                agency=book.agencies.get(row.receipt, ""),
                category=name,
                scores=[c.shown or "—" for c in row.panels],
                score=row.score.shown or "—",
                split="",
                result=awards.get(row.receipt, "") if final else _advanced(row.advanced),
            )
            for _rank, row in mine
        ]
        if lines:
            out.append((name, lines))
    return out


def _round_keys(book: RoundBook) -> list[str]:
    weighted = {book.inputs["round"]["key"], *book.inputs.get("earlier", {})}
    return [k for k in (f"R{r.pk}" for r in book.page.rounds) if k in weighted]


def contest_columns(book: RoundBook) -> list[str]:
    return [book.names.round(k) for k in _round_keys(book)]


def contest_ranking(book: RoundBook) -> list[Line]:
    """The contest ranking of the final round's snapshot, as on the contest results page."""
    keys, contest = _round_keys(book), book.inputs["contest"]
    return [
        _contest_line(book, row, rank_label(row["rank"], row["shared"]), keys, contest)
        for row in book.results["contest"]["entries"]
    ]


def contest_by_category(book: RoundBook) -> list[tuple[str, list[Line]]]:
    keys, contest = _round_keys(book), book.inputs["contest"]
    rows = book.results["contest"]["entries"]
    out = []
    for code, name in book.page.categories:
        mine = [r for r in rows if r["category"] == code and r["category_rank"] is not None]
        mine.sort(key=lambda r: r["category_rank"])
        lines = [
            _contest_line(
                book, r, rank_label(r["category_rank"], r["category_shared"]), keys, contest
            )
            for r in mine
        ]
        if lines:
            out.append((name, lines))
    return out


def _contest_line(book: RoundBook, row: dict, rank: str, keys: list[str], contest: dict) -> Line:
    entry = book.names.entries.get(row["entry"])
    return Line(
        rank=rank,
        receipt=row["entry"],
        title=entry.title if entry is not None else "",
        agency=book.agencies.get(row["entry"], ""),
        category=book.names.category(row["category"]),
        scores=[cell(row["rounds"].get(k), contest).shown or "—" for k in keys],
        score=row["shown"] or "—",
        split=_split(book.names.split(row["decided_by"])),
        result=book.names.tier(row["award"]),
    )


@dataclass
class Award:
    tier: str
    rank: str
    receipt: str
    title: str
    agency: str
    category: str
    score: str
    overridden: bool


def award_list(book: RoundBook) -> list[Award]:
    """The contest's awards, tier by tier (the tiers' order), each by contest rank."""
    order = {t["key"]: n for n, t in enumerate(book.inputs["tiers"])}
    rows = [r for r in (book.results.get("contest") or {}).get("entries", []) if r["award"]]
    rows.sort(key=lambda r: order.get(r["award"], len(order)))  # stable: rank order kept
    out = []
    for row in rows:
        entry = book.names.entries.get(row["entry"])
        out.append(
            Award(
                tier=book.names.tier(row["award"]),
                rank=rank_label(row["rank"], row["shared"]),
                receipt=row["entry"],
                title=entry.title if entry is not None else "",
                agency=book.agencies.get(row["entry"], ""),
                category=book.names.category(row["category"]),
                score=row["shown"] or "—",
                overridden=row["award_overridden"],
            )
        )
    return out


def advanced_list(book: RoundBook) -> list[Line]:
    """The entries that advanced, category by category, each by its rank in the category."""
    advanced = set(book.page.advanced)
    return [
        line
        for _name, lines in round_by_category(book)
        for line in lines
        if line.receipt in advanced
    ]
