"""평가표 (evaluation sheets) as PDF: one judge's submitted scorecard of one entry, and a judge's
booklet of a round (a first page listing the entries, then every submitted sheet on its own page).

A sheet prints the rubric (criteria with their max points), the judge's score per criterion (and
the level chosen, if any), the total stored at submission, the comment, the submission time in
Asia/Seoul and a signature line with the judge's name. Only scorecards that count are printed:
submitted, of an assignment in effect (`counted_cards`, the condition the results and the
judge's own pages use). With blind judging the agency is never printed on a sheet, whoever
prints it: the sheet is the judge's document and is signed by them.

The page frame carries the snapshot digest of the round's result in force; before the round is
finalized it carries none (the frame then says "Not a finalized result"): the sheets are valid
before finalization. Queries: a fixed number per document, whatever the number of sheets.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from contests.models import Criterion, Round
from reports.pdf import DocumentFrame, render_document
from scoring.models import Judge, Score, Scorecard
from scoring.models.judge_aids import CriterionComment
from scoring.selectors.in_effect import counted_scorecards
from scoring.selectors.judge import checked_level, points, rubric_of, rubric_total
from scoring.selectors.results import result_in_force

SHEET_CSS = """
.sheet-title { text-align: center; font-size: 20pt; margin: 2mm 0 7mm; }
table.facts th { width: 24mm; }
table.facts { margin-bottom: 6mm; }
table.scores { margin-bottom: 5mm; }
table.scores td.no, table.scores th.no { width: 9mm; text-align: center; }
table.scores .points { width: 22mm; }
table.scores tr.total th, table.scores tr.total td { background: #f4f5f6; font-weight: 700; }
.level { color: #464c53; font-size: 8pt; }
.comment { border: 0.5pt solid #8a949e; padding: 2.5mm 3mm; min-height: 28mm; font-size: 9.5pt;
           white-space: pre-wrap; word-wrap: break-word; }
.pledge { margin: 7mm 0 2mm; text-align: center; }
.submitted { text-align: center; color: #464c53; font-size: 9pt; margin: 0 0 8mm; }
.signature { text-align: right; font-size: 12pt; margin-top: 6mm; }
.signature .name { font-weight: 700; }
.sheet-page { break-before: page; }
.cover h1 { text-align: center; font-size: 20pt; margin: 4mm 0 8mm; }
table.list td.no { width: 9mm; text-align: center; }
table.list .when { white-space: nowrap; }
"""

DATETIME = "%Y-%m-%d %H:%M"


def counted_cards(**filters) -> QuerySet[Scorecard]:
    """The scorecards the results count (scoring.selectors.in_effect.counted_scorecards), with
    what a sheet prints already joined."""
    return counted_scorecards(**filters).select_related(
        "round__contest", "judge__user", "judge__contest", "entry__category", "entry__agency"
    )


def seoul_time(moment: dt.datetime | None) -> str:
    """A moment as printed: Asia/Seoul (the site's time zone), to the minute."""
    return timezone.localtime(moment).strftime(DATETIME) + " KST" if moment else "—"


@dataclass
class SheetLine:
    number: int
    name: str
    max_points: str
    score: str
    level: str
    comment: str = ""  # the judge's comment on the criterion (rounds that ask for one)


@dataclass
class EvaluationSheet:
    card: Scorecard
    lines: list[SheetLine]
    rubric_total: str
    agency: str  # "" under blind judging

    @property
    def entry(self):
        return self.card.entry

    @property
    def judge_name(self) -> str:
        return self.card.judge.user.name

    @property
    def total(self) -> str:
        return points(self.card.total)

    @property
    def submitted_at(self) -> str:
        return seoul_time(self.card.submitted_at)


def _sheets(cards: list[Scorecard], criteria: list[Criterion]) -> list[EvaluationSheet]:
    """Each card as a sheet (one query for every card's scores)."""
    scores: dict[int, dict[int, Score]] = {card.pk: {} for card in cards}
    for score in Score.objects.filter(scorecard__in=[card.pk for card in cards]):
        scores[score.scorecard_id][score.criterion_id] = score
    comments = {
        (row.scorecard_id, row.criterion_id): row.text
        for row in CriterionComment.objects.filter(scorecard__in=[card.pk for card in cards])
    }
    top = points(rubric_total(criteria))
    sheets = []
    for card in cards:
        lines = []
        for number, criterion in enumerate(criteria, start=1):
            score = scores[card.pk].get(criterion.pk)
            level_id = checked_level(criterion, score)
            level = next((lv.label for lv in criterion.level_list if lv.pk == level_id), "")
            lines.append(
                SheetLine(
                    number=number,
                    name=criterion.name,
                    max_points=points(criterion.max_points),
                    score=points(score.value) if score else "—",
                    level=level,
                    comment=comments.get((card.pk, criterion.pk), ""),
                )
            )
        blind = card.round.contest.blind_judging
        sheets.append(EvaluationSheet(card, lines, top, "" if blind else card.entry.agency.name))
    return sheets


def _digest(round_: Round) -> str:
    """The digest of the round's result in force; "" before finalization."""
    result = result_in_force(round_)
    return result.digest if result is not None else ""


# --- one sheet -------------------------------------------------------------------------------


def build_evaluation_sheet(card: Scorecard) -> bytes:
    """The 평가표 of one submitted scorecard (from counted_cards)."""
    round_ = card.round
    sheet = _sheets([card], rubric_of(round_))[0]
    frame = DocumentFrame(
        title=_("Evaluation sheet"), contest_name=round_.contest.name, digest=_digest(round_)
    )
    context = {"sheet": sheet, "round": round_, "blind": round_.contest.blind_judging}
    return render_document(
        "reports/pdf/evaluation_sheet.html", context, frame=frame, extra_css=SHEET_CSS
    )


# --- a judge's booklet -----------------------------------------------------------------------


@dataclass(frozen=True)
class JudgeRound:
    """A judge's submitted sheets of one round (the booklet's object)."""

    round: Round
    judge: Judge


@dataclass
class Booklet:
    round: Round
    judge: Judge
    sheets: list[EvaluationSheet] = field(default_factory=list)
    printed_at: str = ""


def booklet(target: JudgeRound) -> Booklet:
    round_, judge = target.round, target.judge
    cards = list(counted_cards(round=round_, judge=judge).order_by("entry__receipt_number", "pk"))
    return Booklet(round_, judge, _sheets(cards, rubric_of(round_)), seoul_time(timezone.now()))


def booklet_title(judge: Judge) -> str:
    return _("Evaluation sheets of %(judge)s") % {"judge": judge.user.name}


def build_judge_booklet(target: JudgeRound) -> bytes:
    """The booklet: a first page listing the entries, then one sheet per page."""
    book = booklet(target)
    round_ = target.round
    frame = DocumentFrame(
        title=booklet_title(target.judge),
        contest_name=round_.contest.name,
        digest=_digest(round_),
    )
    context = {"book": book, "round": round_, "blind": round_.contest.blind_judging}
    return render_document("reports/pdf/booklet.html", context, frame=frame, extra_css=SHEET_CSS)
