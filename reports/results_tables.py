"""The sheets of the results workbooks (see reports.results_workbook), one function each, written
from a RoundBook: numbers as numbers at full precision, shown with the contest's decimal places;
names and words as the organizer's results and analysis pages give them."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from contests.models import Contest
from reports.workbook_sheets import Book, places_format
from scoring.selectors.analysis_pages import ICC_WORDS, W_WORDS, alpha_text, leaning_text
from scoring.selectors.result_labels import local_name, rank_label
from scoring.selectors.result_pages import plain
from scoring.selectors.results import key

RECEIPT, TITLE, AGENCY, CATEGORY, NUMBER, WORDS = 16, 40, 24, 16, 11, 24


def _tied(shared: bool) -> str:
    return pgettext("rank", "Tied") if shared else ""


def _advanced(value: bool | None) -> str:
    if value is None:
        return ""
    return pgettext("advanced", "Yes") if value else pgettext("advanced", "No")


def _awards(book) -> dict[str, str]:
    """receipt number → award tier key, from the contest ranking of the final round."""
    rows = (book.results.get("contest") or {}).get("entries", [])
    return {row["entry"]: row["award"] for row in rows if row["award"]}


def _entry_cells(wb: Book, book, receipt: str, *, agency: bool = True) -> list:
    entry = book.names.entries.get(receipt)
    cells = [wb.text(receipt), wb.text(entry.title if entry is not None else "")]
    return [*cells, wb.text(book.agencies.get(receipt))] if agency else cells


# 요약 ---------------------------------------------------------------------------------------


def summary(wb: Book, books: list, *, contest: Contest | None) -> None:
    table = wb.table(pgettext("sheet", "Summary"), [(_("Item"), 30), (_("Value"), 90)])

    def line(label: str, value) -> None:
        table.row([wb.text(label), wb.wrapped(str(value)) if value not in (None, "") else None])

    first = books[0].inputs
    line(_("Contest"), local_name(first["contest"]))
    if contest is not None:
        final = books[-1]
        for override in final.inputs.get("overrides", []):
            entry, tier = final.names.entry(override["entry"]), final.names.tier(override["tier"])
            line(_("Award override"), f"{entry} → {tier}: {override['reason']}")
    for book in books:
        _round_summary(wb, table, line, book)
    table.close()


def _round_summary(wb: Book, table, line, book) -> None:
    page, inputs, names, result = book.page, book.inputs, book.names, book.result
    info, settings = inputs["round"], inputs["contest"]
    table.row([])
    table.row([wb.bold(_("Round")), wb.bold(f"{page.number}. {page.round.name}")])
    line(_("Method"), page.method)
    line(_("Values dropped at each end"), info["trim_count"])
    panels = [f"{name} {weight}%" for _key, name, weight in page.panels]
    line(_("Panels and weights"), ", ".join(panels) or _("All judges"))
    line(_("Weight in the contest score"), f"{plain(info['weight'])}%")
    line(_("Advancement"), page.advancement)
    rule = dict(Contest.Rounding.choices).get(settings["rounding"], settings["rounding"])
    rounding = _("%(rule)s, %(places)s decimal places, applied once to what is shown")
    line(_("Rounding rule"), rounding % {"rule": rule, "places": settings["decimal_places"]})
    line(_("Tie-break chain"), "; ".join(f"{n}. {s}" for n, s in enumerate(page.chain, 1)) or "—")
    for decision in inputs.get("decisions", []):
        order = " > ".join(names.entry(r) for r in decision["entries"])
        line(_("Tie decision"), f"{order}: {decision['reason']}")
    for excluded in inputs.get("excluded", []):
        who = f"{names.judge(excluded['judge'])}, {names.entry(excluded['entry'])}"
        line(_("Excluded scorecard"), f"{who}: {excluded['reason']}")
    line(_("Digest (SHA-256)"), result.digest)
    line(_("Finalized by"), result.by.name if result.by_id else "")
    line(_("Finalized at"), timezone.localtime(result.at).strftime("%Y-%m-%d %H:%M"))


# 순위 and 부문별 ---------------------------------------------------------------------------


def _head(*, category_first: bool = False) -> list:
    head = [(_("Rank"), 8), (pgettext("rank", "Tied"), 8)]
    head += [(_("Receipt no."), RECEIPT), (_("Case title"), TITLE), (_("Agency"), AGENCY)]
    category = [(_("Category"), CATEGORY)]
    return category + head if category_first else head + category


def ranking(wb: Book, book) -> None:
    """The round's ranking: every entry in ranking order, unranked ones last."""
    fmt, awards, names = places_format(book.places), _awards(book), book.names
    panels = [name for _key, name, _weight in book.page.panels]
    table = wb.table(
        pgettext("sheet", "Ranking"),
        _head()
        + [(p, NUMBER) for p in panels]
        + [
            (_("Score"), NUMBER),
            (_("How the tie was split"), WORDS),
            (_("Award"), 14),
            (_("Advanced"), 10),
        ],
    )
    raw = book.results["entries"]
    for row in book.page.rows:
        table.row(
            [
                row.rank,
                wb.text(_tied(raw[row.position]["shared"])),
                *_entry_cells(wb, book, row.receipt),
                wb.text(row.category_name),
                *(wb.number(c.full, fmt) for c in row.panels),
                wb.number(row.score.full, fmt),
                wb.text(row.split),
                wb.text(names.tier(awards.get(row.receipt))),
                wb.text(_advanced(row.advanced)),
            ]
        )
    table.close()


def _by_category(wb: Book, book, rows: list[dict], columns: list, cells) -> None:
    table = wb.table(pgettext("sheet", "By category"), _head(category_first=True) + columns)
    order = [c["key"] for c in book.inputs["categories"]]
    for category in order:
        mine = [r for r in rows if r["category"] == category and r["category_rank"] is not None]
        mine.sort(key=lambda r: r["category_rank"])
        for row in mine:
            table.row(
                [
                    wb.text(book.names.category(category)),
                    row["category_rank"],
                    wb.text(_tied(row["category_shared"])),
                    *_entry_cells(wb, book, row["entry"]),
                    *cells(row),
                ]
            )
    table.close()


def by_category(wb: Book, book) -> None:
    """The round's ranking within each category."""
    fmt, awards, names = places_format(book.places), _awards(book), book.names
    columns = [(_("Score"), NUMBER), (_("Award"), 14), (_("Advanced"), 10)]
    _by_category(
        wb,
        book,
        book.results["entries"],
        columns,
        lambda row: [
            wb.number(row["score"], fmt),
            wb.text(names.tier(awards.get(row["entry"]))),
            wb.text(_advanced(row["advanced"])),
        ],
    )


def _round_keys(book) -> list[str]:
    """The weighted rounds' keys (this one and the earlier), in round order."""
    weighted = {book.inputs["round"]["key"], *book.inputs.get("earlier", {})}
    return [k for k in (key("R", r.pk) for r in book.page.rounds) if k in weighted]


def contest_ranking(wb: Book, final) -> None:
    """The contest ranking of the final round's snapshot, with each round's score."""
    fmt, names, keys = places_format(final.places), final.names, _round_keys(final)
    table = wb.table(
        pgettext("sheet", "Ranking"),
        _head()
        + [(names.round(k), NUMBER) for k in keys]
        + [
            (_("Contest score"), NUMBER),
            (_("How the tie was split"), WORDS),
            (_("Award"), 14),
            (_("Award override"), 10),
        ],
    )
    for row in final.results["contest"]["entries"]:
        table.row(
            [
                row["rank"],
                wb.text(_tied(row["shared"])),
                *_entry_cells(wb, final, row["entry"]),
                wb.text(names.category(row["category"])),
                *(wb.number(row["rounds"].get(k), fmt) for k in keys),
                wb.number(row["score"], fmt),
                wb.text(names.split(row["decided_by"])),
                wb.text(names.tier(row["award"])),
                wb.text(pgettext("advanced", "Yes") if row["award_overridden"] else ""),
            ]
        )
    table.close()


def contest_by_category(wb: Book, final) -> None:
    fmt, names = places_format(final.places), final.names
    columns = [(_("Contest score"), NUMBER), (_("Award"), 14)]
    _by_category(
        wb,
        final,
        final.results["contest"]["entries"],
        columns,
        lambda row: [wb.number(row["score"], fmt), wb.text(names.tier(row["award"]))],
    )


# 집계표 ------------------------------------------------------------------------------------


def tally(wb: Book, book, *, suffix: str) -> None:
    """Per entry: each judge's total (the dropped ones struck through and named), each panel's
    aggregate, the round score, the rank and the result (advanced, or the award)."""
    fmt, names, awards = places_format(book.places), book.names, _awards(book)
    rows = book.results["entries"]
    slots = max((len(row["judges"]) for row in rows), default=0)
    panels = [(k, name) for k, name, _weight in book.page.panels]
    columns = [(_("Receipt no."), RECEIPT), (_("Case title"), TITLE), (_("Category"), CATEGORY)]
    for n in range(1, slots + 1):
        columns += [(_("Judge %(n)s") % {"n": n}, 12), (_("Total %(n)s") % {"n": n}, 9)]
    columns += [(_("Dropped (highest or lowest)"), WORDS)]
    columns += [(name, NUMBER) for _k, name in panels]
    columns += [(_("Round score"), NUMBER), (_("Rank"), 10), (_("Result"), 12)]
    table = wb.table(pgettext("sheet", "Tally sheet") + suffix, columns)
    for row in rows:
        cells = [
            *_entry_cells(wb, book, row["entry"], agency=False),
            wb.text(names.category(row["category"])),
        ]
        for line in row["judges"]:
            cells += [
                wb.text(names.judge(line["judge"])),
                wb.number(line["total"], fmt, struck=line["dropped"]),
            ]
        cells += [None, None] * (slots - len(row["judges"]))
        dropped = [names.judge(line["judge"]) for line in row["judges"] if line["dropped"]]
        cells.append(wb.text(", ".join(dropped)))
        cells += [wb.number(row["panels"].get(k), fmt) for k, _name in panels]
        result = _advanced(row["advanced"]) or names.tier(awards.get(row["entry"]))
        cells += [
            wb.number(row["score"], fmt),
            wb.text(rank_label(row["rank"], row["shared"])),
            wb.text(result),
        ]
        table.row(cells)
    table.close()


# 원점수 ------------------------------------------------------------------------------------


def raw(wb: Book, book, *, suffix: str) -> None:
    """One row per criterion score of every scorecard the result counted (long format)."""
    names = book.names
    criteria = {c["key"]: c for c in book.inputs["criteria"]}
    category = {e["key"]: e["category"] for e in book.inputs["entries"]}
    table = wb.table(
        pgettext("sheet", "Raw scores") + suffix,
        [
            (_("Receipt no."), RECEIPT),
            (_("Case title"), TITLE),
            (_("Category"), CATEGORY),
            (_("Judge"), 12),
            (_("Criterion"), 20),
            (_("Max points"), 9),
            (_("Score"), 9),
            (_("Comment"), 50),
        ],
    )
    judge_cells = {j: wb.text(names.judge(j)) for j in book.inputs["judges"]}
    criterion_cells = {k: wb.text(local_name(c)) for k, c in criteria.items()}
    maximum = {k: Decimal(c["max_points"]) for k, c in criteria.items()}
    entry, head = None, []
    for receipt, judge, criterion, value, comment in book.raw_scores():
        if receipt != entry:
            entry = receipt
            head = [
                *_entry_cells(wb, book, receipt, agency=False),
                wb.text(names.category(category.get(receipt))),
            ]
        table.row(
            [
                *head,
                judge_cells.get(judge),
                criterion_cells.get(criterion),
                maximum.get(criterion),
                value,
                wb.text(comment),
            ]
        )
    table.close()


# 심사위원 통계 ------------------------------------------------------------------------------


def judges(wb: Book, book, *, suffix: str) -> None:
    """Per judge: scores given, mean, SD, leniency, agreement, flags; then the round's alpha and
    each complete block's ICC and W, with the words of their bands."""
    stats, names = book.statistics, book.names
    table = wb.table(
        pgettext("sheet", "Judge statistics") + suffix,
        [
            (_("Judge"), 14),
            (_("Entries scored"), 10),
            (_("Mean"), 9),
            (_("SD"), 9),
            (_("Leniency"), 9),
            (_("Agreement (r)"), 9),
            (_("Flags"), 60),
        ],
    )
    for pseudonym, profile in stats["judges"].items():
        flags = [leaning_text(profile["leaning"])]
        if profile["outlier"]:
            flags.append(_("Differs strongly from the other judges"))
        table.row(
            [
                wb.text(names.judge(pseudonym)),
                profile["count"],
                wb.number(profile["mean"], "0.00"),
                wb.number(profile["sd"], "0.00"),
                wb.number(profile["leniency"], "+0.00;-0.00;0.00"),
                wb.number(profile["agreement"], "0.000"),
                wb.text("; ".join(f for f in flags if f)),
            ]
        )
    table.close()
    table.row([])
    table.row([wb.bold(_("Agreement between the judges"))])
    figure(wb, table, _("Alpha (interval)"), stats["alpha"], alpha_text(stats["alpha_band"]))
    kendall = _("Kendall's W")
    for block in stats["blocks"]:
        where = f"{names.panel(block['panel'])}, {names.category(block['category'])}"
        icc = (block["icc"] or {}).get(block["icc_shown"])
        figure(wb, table, f"ICC(2,k): {where}", icc, ICC_WORDS.get(block["icc_band"], ""))
        figure(wb, table, f"{kendall}: {where}", block["w"], W_WORDS.get(block["w_band"], ""))


def figure(wb: Book, table, label: str, value: float | None, words) -> None:
    """A reliability figure under the judges' table: its name, value (in the agreement column)
    and the words of its band."""
    table.row(
        [wb.text(label), None, None, None, None, wb.number(value, "0.000"), wb.text(str(words))]
    )
