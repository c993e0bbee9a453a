"""The results report (issue 9, item 1): a ranked PDF of one finalized round, or of the whole
contest once every round is finalized, rendered by reports.pdf.render_document
(templates/reports/pdf/results_report.html).

Every number comes from the frozen snapshot of a result in force, with the words and numbers of
the organizer's results pages and of the results workbook (reports.results_workbook.round_book;
reports.results_report_parts and reports.results_report_analysis turn a RoundBook into the
sections). The page frame prints the snapshot's digest on every page (the final round's, for the
contest; the cover gives every round's).

A draft is what the organizer asks for before finalizing (`?draft=1`): a round without a result
in force is then read from its live inputs (round_inputs + compute, as its results page does),
every page carries DRAFT and no digest. A report whose rounds are all finalized is never a draft.

The document is built in the language of the request (`language`, under translation.override):
the same report in English when the organizer reads the site in English.

Queries: a fixed number per round (the snapshot's judges and entries, the agencies, and for a
draft the round page's reads), plus the conflicts' few, whatever the number of entries.
"""

from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contests.models import Contest, Round
from reports.pdf import DocumentFrame, render_document
from reports.results_report_analysis import conflicts, judge_statistics, robustness_summary
from reports.results_report_objections import objection_lines
from reports.results_report_parts import (
    advanced_list,
    award_list,
    book_for,
    contest_by_category,
    contest_columns,
    contest_ranking,
    decisions,
    exclusions,
    method_lines,
    overrides,
    round_by_category,
    round_ranking,
    round_weights,
    rounding_text,
    tiers,
    when,
)
from reports.results_workbook import RoundBook
from scoring.models import RoundResult
from scoring.selectors.result_labels import local_name
from scoring.selectors.results import contest_rounds, number_of_round, result_in_force

TEMPLATE = "reports/pdf/results_report.html"


@dataclass(frozen=True)
class RoundReport:
    """The report of one round: finalized (`result` in force) or a draft (`result` None)."""

    round: Round  # with its contest loaded
    number: int  # the round's place in the contest, from 1
    result: RoundResult | None
    language: str

    @property
    def draft(self) -> bool:
        return self.result is None


@dataclass(frozen=True)
class ContestReport:
    """The contest's report: every round, each finalized or (a draft) live."""

    contest: Contest
    rounds: list[Round]
    results: dict[int, RoundResult] = field(default_factory=dict)  # round id → in force
    language: str = "ko"

    @property
    def draft(self) -> bool:
        return any(r.pk not in self.results for r in self.rounds)


def round_report(round_: Round, *, draft: bool, language: str) -> RoundReport | None:
    """The round's report; None when the round is not finalized and no draft was asked for."""
    result = result_in_force(round_)
    if result is None and not draft:
        return None
    return RoundReport(round_, number_of_round(round_), result, language)


def contest_report(contest: Contest, *, draft: bool, language: str) -> ContestReport | None:
    """The contest's report; None without rounds, or when a round is not finalized and no draft
    was asked for."""
    rounds = contest_rounds(contest.pk)
    found = RoundResult.objects.filter(round__contest=contest, voided_at=None).select_related("by")
    results = {result.round_id: result for result in found}
    report = ContestReport(contest, rounds, results, language)
    if not rounds or (report.draft and not draft):
        return None
    return report


# Context -------------------------------------------------------------------------------------


def _finalized(result: RoundResult | None) -> dict:
    if result is None:
        return {"at": "", "by": "", "digest": "", "note": ""}
    return {
        "at": when(result.at),
        "by": result.by.name if result.by_id else "—",
        "digest": result.digest,
        "note": result.reason,
    }


def _problems(book: RoundBook) -> list[str]:
    """What keeps a live round from being finalized (a draft's), as on its results page."""
    if book.result is not None:
        return []
    page = book.page
    texts = []
    if page.earlier_missing:
        rounds = ", ".join(r.name for r in page.earlier_missing)
        texts.append(_("Finalize the earlier rounds first: %(rounds)s.") % {"rounds": rounds})
    for judge, entry in page.unsubmitted:
        texts.append(
            _("Not submitted: %(judge)s, %(entry)s")
            % {"judge": judge.user.name, "entry": f"{entry.receipt_number} {entry.title}"}
        )
    texts += [problem.text for problem in page.problems]
    return texts


def _round_section(book: RoundBook, number: int) -> dict:
    """What the report shows of one round besides its ranking."""
    final = "contest" in book.results
    return {
        "number": number,
        "name": book.page.round.name,
        "finalized": _finalized(book.result),
        "method": method_lines(book),
        "decisions": decisions(book),
        "exclusions": exclusions(book),
        "problems": _problems(book),
        "advancement": book.inputs["round"]["advancement"] != "none",
        "advanced": advanced_list(book) if not final else [],
        "next_round": book.page.next_round.name if book.page.next_round else "",
        "statistics": judge_statistics(book, f"r{number}"),
        "robustness": robustness_summary(book),
    }


def _common(book: RoundBook) -> dict:
    """Contest-wide method lines read from a round's snapshot."""
    return {
        "rounding": rounding_text(book.inputs["contest"]),
        "chain": book.page.chain,
        "tiers": tiers(book),
    }


def _panel_columns(book: RoundBook) -> list[str]:
    return [name for _key, name, _weight in book.page.panels]


def round_context(report: RoundReport) -> tuple[dict, DocumentFrame]:
    round_ = report.round
    rounds = contest_rounds(round_.contest_id)
    book = book_for(round_, rounds, report.result)
    final = "contest" in book.results
    section = _round_section(book, report.number)
    contest_name = local_name(book.inputs["contest"])
    context = {
        "scope": "round",
        "contest_name": contest_name,
        "issued": when(timezone.now()),
        "rounds": [section],
        "round_weights": round_weights(book) if final else "",
        "overrides": overrides(book) if final else [],
        "ranking": round_ranking(book),
        "ranking_columns": _panel_columns(book),
        "ranking_result": _("Award") if final else _("Advanced"),
        "show_result": final or section["advancement"],
        "by_category": round_by_category(book),
        "awards": award_list(book) if final else [],
        "conflicts": conflicts(round_.contest_id, [book]),
        **_common(book),
    }
    title = _("Results report")
    digest = report.result.digest if report.result else ""
    return context, DocumentFrame(title, contest_name, digest, report.draft)


def contest_context(report: ContestReport) -> tuple[dict, DocumentFrame]:
    books = [book_for(r, report.rounds, report.results.get(r.pk)) for r in report.rounds]
    final = books[-1]
    sections = [_round_section(book, n) for n, book in enumerate(books, 1)]
    contest_name = local_name(final.inputs["contest"])
    has_contest = "contest" in final.results
    context = {
        "scope": "contest",
        "contest_name": contest_name,
        "issued": when(timezone.now()),
        "rounds": sections,
        "round_weights": round_weights(final),
        "overrides": overrides(final),
        "ranking": contest_ranking(final) if has_contest else [],
        "ranking_columns": contest_columns(final) if has_contest else [],
        "ranking_result": _("Award"),
        "show_result": True,
        "by_category": contest_by_category(final) if has_contest else [],
        "awards": award_list(final),
        "conflicts": conflicts(report.contest.pk, books),
        "objections": objection_lines(report.contest.pk),
        **_common(final),
    }
    title = _("Results report")
    digest = final.result.digest if not report.draft and final.result else ""
    return context, DocumentFrame(title, contest_name, digest, report.draft)


# Build ---------------------------------------------------------------------------------------


def build_round_report(report: RoundReport) -> bytes:
    with translation.override(report.language):
        context, frame = round_context(report)
        return render_document(TEMPLATE, context, frame=frame, extra_css=REPORT_CSS)


def build_contest_report(report: ContestReport) -> bytes:
    with translation.override(report.language):
        context, frame = contest_context(report)
        return render_document(TEMPLATE, context, frame=frame, extra_css=REPORT_CSS)


# The report's own rules, after the page frame's (reports.pdf.DOCUMENT_CSS). Kept lean: the
# ranking tables are most of the document, and WeasyPrint's layout time grows with every rule
# a cell matches.
REPORT_CSS = """
.cover { break-after: page; padding-top: 40mm; }
.cover .contest { font-size: 13pt; color: #464c53; margin: 0 0 4mm; }
.cover h1 { font-size: 26pt; margin: 0 0 14mm; }
.cover table th { width: 32%; }
.cover .digest { font-size: 8pt; word-break: break-all; }
.cover .issuer { margin-top: 20mm; font-size: 12pt; font-weight: 700; text-align: center; }
table.facts th { width: 30%; }
table.facts { margin-bottom: 3mm; }
table.ranking { font-size: 8pt; table-layout: fixed; }
table.ranking td, table.ranking th { padding: 1mm 1.2mm; }
.split { font-size: 7pt; color: #6d7882; }
.section { break-before: page; }
ul.plain { margin: 0 0 3mm; padding-left: 5mm; }
ul.plain li { margin-bottom: 1mm; }
ul.small { font-size: 8.5pt; }
.charts { margin-top: 3mm; }
.chart { display: inline-block; width: 56mm; margin: 0 1mm 4mm 0; vertical-align: top;
         break-inside: avoid; }
.chart svg { width: 56mm; height: 32.2mm; }
.chart p { margin: 0; font-size: 8pt; text-align: center; }
.note { font-size: 8.5pt; color: #464c53; }
.keep { break-after: avoid; }
body { counter-reset: section; }
h2.num::before { counter-increment: section; content: counter(section) ". "; }
table.stats { font-size: 8.5pt; margin-bottom: 3mm; table-layout: fixed; }
col.w-rank { width: 18mm; }
col.w-receipt { width: 24mm; }
col.w-agency { width: 30mm; }
col.w-agency-wide { width: 40mm; }
col.w-category { width: 22mm; }
col.w-panel { width: 22mm; }
col.w-name { width: 28mm; }
col.w-count { width: 14mm; }
col.w-figure { width: 34mm; }
th.number { white-space: normal; }
col.w-score { width: 15mm; }
col.w-result { width: 22mm; }
col.w-tier { width: 22mm; }
col.w-kind { width: 24mm; }
col.w-state { width: 22mm; }
col.w-judge { width: 18mm; }
col.w-recorded { width: 28mm; }
"""
