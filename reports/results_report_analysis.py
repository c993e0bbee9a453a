"""The analysis sections of the results report (reports.results_report), from one round's
RoundBook, with the figures and words of the organizer's analysis pages:

- judge statistics: scoring.reliability.round_statistics (computed once by round_book, on the
  frozen inputs) printed as the judge-statistics page prints them (scoring.selectors.
  analysis_pages: the same rows, words and scoring.charts' SVG of each judge's totals, its texts
  escaped by scoring.charts);
- robustness: the report cached by the digest of the inputs (scoring.selectors.analysis.
  robustness_report: computed once per inputs, as for the robustness page), summarised in that
  page's words;
- conflicts of interest (제척 · 기피 · 회피) on the report's entries: the recorded ones, with
  their state and reason, then the automatic exclusions (a judge of the rounds linked to the
  entry's agency, scoring.selectors.conflicts).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.results_report_parts import when
from reports.results_workbook import RoundBook
from scoring.models import Conflict
from scoring.selectors.analysis import Analysed, robustness_report
from scoring.selectors.analysis_pages import judge_statistics as statistics_page
from scoring.selectors.analysis_pages import method_label, variant_row
from scoring.selectors.conflicts import linked_judges_by_agency
from scoring.selectors.result_labels import local_name
from submissions.models import Entry


def judge_statistics(book: RoundBook, prefix: str) -> dict:
    """The judge-statistics page of the round; `prefix` makes the charts' ids unique."""
    return statistics_page(book.statistics, book.names, prefix)


def robustness_summary(book: RoundBook) -> dict:
    """The robustness page's summary: the round's method, the winner, the judges whose absence
    would change the outcome, how many ranks depend on the method, what could not be computed."""
    names = book.names
    report = robustness_report(Analysed(book.inputs, names, book.result is not None))
    variants = [variant_row(variant, names) for variant in report["without"]]
    methods = report["methods"]
    return {
        "method": method_label(report["method"]),
        "final": report["final"],
        "winners": names.entry_list(report["winners"]),
        "judges": len(variants),
        "decisive": [v["summary"] for v in variants if v["decisive"]],
        "failed_judges": [f"{v['judge']}: {v['failed']}" for v in variants if v["failed"]],
        "methods": [method_label(m) for m in methods["methods"]],
        "differing": methods["differing"],
        "failed_methods": [f"{method_label(m)}: {e}" for m, e in methods["failed"].items()],
    }


@dataclass
class ConflictLine:
    kind: str
    state: str
    judge: str
    entry: str
    reason: str
    recorded: str  # when and by whom; "" for an automatic exclusion


def conflicts(contest_id: int, books: list[RoundBook]) -> list[ConflictLine]:
    """The conflicts on the books' entries: recorded ones (oldest first), then the automatic
    exclusions of the books' judges (by entry, then judge name). Three queries at most."""
    entries = {}
    for book in books:
        entries |= book.names.entries
    out = []
    recorded = (
        Conflict.objects.filter(judge__contest_id=contest_id)
        .select_related("judge__user", "entry", "recorded_by", "decided_by")
        .order_by("created_at", "pk")
    )
    for item in recorded:
        if item.entry.receipt_number not in entries:
            continue
        state = item.get_status_display()
        if item.decided_at is not None:
            decided = item.decided_by.name if item.decided_by_id else "—"
            state = f"{state} ({decided}, {when(item.decided_at)})"
            if item.decision_reason:
                state = f"{state}: {item.decision_reason}"
        by = item.recorded_by.name if item.recorded_by_id else "—"
        out.append(
            ConflictLine(
                kind=item.get_kind_display(),
                state=state,
                judge=item.judge.user.name,
                entry=f"{item.entry.receipt_number} {item.entry.title}",
                reason=item.reason,
                recorded=f"{by}, {when(item.created_at)}",
            )
        )
    out += _automatic(contest_id, books, entries)
    return out


def _automatic(contest_id: int, books: list[RoundBook], entries: dict) -> list[ConflictLine]:
    judges = {}
    for book in books:
        judges |= {judge.pk: judge for judge in book.names.judges.values()}
    linked = linked_judges_by_agency(contest_id)
    linked = {agency: ids & judges.keys() for agency, ids in linked.items()}
    linked = {agency: ids for agency, ids in linked.items() if ids}
    if not linked:
        return []
    rows = (
        Entry.objects.filter(contest_id=contest_id, agency_id__in=list(linked))
        .order_by("receipt_number")
        .values_list("receipt_number", "title", "agency_id", "agency__name_ko", "agency__name_en")
    )
    label = Conflict.Kind.EXCLUSION.label
    out = []
    for receipt, title, agency_id, name_ko, name_en in rows:
        if receipt not in entries:
            continue
        agency = local_name({"name_ko": name_ko, "name_en": name_en})
        for judge in sorted((judges[i] for i in linked[agency_id]), key=lambda j: j.user.name):
            out.append(
                ConflictLine(
                    kind=str(label),
                    state=str(Conflict.Status.IN_EFFECT.label),
                    judge=judge.user.name,
                    entry=f"{receipt} {title}",
                    reason=_("Own agency: %(agency)s") % {"agency": agency},
                    recorded="",
                )
            )
    return out
