"""집계표 (tally sheet) of a finalized round as PDF: every entry of the round in ranking order, one
compact block each (never split across pages, several to a page), or one entry alone.

Each block is exactly the organizer's on-screen 집계표 (scoring.selectors.result_sheets.sheet on
the round page's view model, scoring.selectors.result_pages.round_page): each judge's total with
the totals the trimmed mean dropped struck through and marked "(dropped)", the panel lines, the
round line, the rank, the rank in the category, how a tie was split, advancement, and in the
final round the contest line (each round's score, the contest score, the final rank and award).
Only a result in force is printed, from its frozen snapshot; its digest is in the page frame.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.pdf import DocumentFrame, render_document
from scoring.models import RoundResult
from scoring.selectors.result_pages import RoundPage, round_page
from scoring.selectors.result_sheets import Sheet, sheet
from submissions.models import Entry

TALLY_CSS = """
.tally-facts { margin-bottom: 3mm; }
.tally-facts th { width: 28mm; }
.legend { font-size: 8pt; color: #464c53; margin: 0 0 4mm; }
.block { break-inside: avoid; margin: 0 0 5mm; padding-top: 1.5mm;
         border-top: 1.2pt solid #1e2124; }
.block-head { font-size: 10pt; margin: 0 0 1.5mm; }
.block-head .position { display: inline-block; min-width: 7mm; font-weight: 700; }
.block-head .receipt { font-weight: 700; margin-right: 1.5mm; }
.block-head .category { color: #464c53; font-size: 8.5pt; margin-left: 1.5mm; }
table.layout, table.layout > tbody > tr > td { border: none; padding: 0; }
table.layout > tbody > tr > td.left { width: 55%; padding-right: 3mm; }
table.block-table { font-size: 8.5pt; }
table.block-table th, table.block-table td { padding: 0.9mm 1.6mm; }
table.lines th { width: 55%; font-weight: 400; background: #f9fafb; }
table.lines tr.strong th, table.lines tr.strong td { font-weight: 700; background: #f4f5f6; }
del { text-decoration: line-through; color: #6d7882; }
.dropped { color: #6d7882; font-size: 7.5pt; }
.full { display: block; color: #6d7882; font-size: 7pt; }
"""


@dataclass(frozen=True)
class EntryTally:
    """One entry's 집계표 in a finalized round (the single-entry download's object)."""

    result: RoundResult
    entry: Entry


@dataclass(frozen=True)
class _Receipt:
    """What `sheet()` needs of an entry: its receipt number (rows whose Entry is gone)."""

    receipt_number: str


@dataclass(frozen=True)
class Block:
    """One entry's block: its 집계표 and the round score's full precision where it differs from
    the score shown (the ranking uses the full one)."""

    sheet: Sheet

    @property
    def full(self) -> str:
        score = self.sheet.row.score
        if score.full is None or score.shown is None or Decimal(score.full) == Decimal(score.shown):
            return ""
        return score.full


def finalized_page(result: RoundResult) -> RoundPage:
    """The round page of `result`, read from its snapshot; 404 if it is no longer in force."""
    page = round_page(result.round)
    if page.result is None or page.result.pk != result.pk:
        raise Http404("This result is no longer in force.")
    return page


def round_sheets(page: RoundPage) -> list[Sheet]:
    """Every entry's 집계표, in ranking order (the round page's rows)."""
    out = []
    for row in page.rows:
        found = sheet(page, row.entry or _Receipt(row.receipt))
        if found is not None:
            out.append(found)
    return out


def _render(page: RoundPage, sheets: list[Sheet], title: str) -> bytes:
    result = page.result
    frame = DocumentFrame(title=title, contest_name=page.round.contest.name, digest=result.digest)
    context = {
        "page": page,
        "blocks": [Block(found) for found in sheets],
        "finalized_at": timezone.localtime(result.at).strftime("%Y-%m-%d %H:%M") + " KST",
        "title": title,
    }
    return render_document("reports/pdf/tally.html", context, frame=frame, extra_css=TALLY_CSS)


def build_tally_sheet(result: RoundResult) -> bytes:
    """The round's 집계표: every entry, in ranking order."""
    page = finalized_page(result)
    return _render(page, round_sheets(page), _("Tally sheet"))


def build_entry_tally_sheet(target: EntryTally) -> bytes:
    """One entry's 집계표 (404 when it has no line in the round's result)."""
    page = finalized_page(target.result)
    found = sheet(page, target.entry)
    if found is None:
        raise Http404("This entry has no line in the round's result.")
    title = _("Tally sheet: %(receipt)s") % {"receipt": target.entry.receipt_number}
    return _render(page, [found], title)
