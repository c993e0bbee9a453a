"""Reads for a judge's calibration pages: 나의 평가 현황 (every entry of a round with the judge's
own scores, sortable, and the distribution of the judge's submitted totals), the side-by-side
view of two entries, and the judge's private notes.

Everything is the signed-in judge's own: the entries are their assignments in effect
(scoring.selectors.in_effect, as the dashboard lists them), the scores and notes are theirs. A
private note is read here and nowhere else: no organizer page, report or export reads it.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from django.db.models import OuterRef, Subquery
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contests.models import Criterion, Round
from scoring.aggregation import judge_total, mean
from scoring.charts import counts, judge_chart, number
from scoring.models import Assignment, Judge, PrivateNote, Score, Scorecard, scorecard_state
from scoring.outcome import shown
from scoring.selectors.in_effect import assignments_in_effect
from scoring.selectors.judge import (
    SUBMITTED,
    answers_of,
    points,
    rubric_of,
    rubric_total,
    scorecard_of,
    scores_of,
)

EXCERPT = 40  # characters of a note shown in the overview's column
STATE_ORDER = {"not_started": 0, "draft": 1, "submitted": 2}


def judge_round(user, round_pk: int) -> tuple[Judge, Round] | None:
    """The user's judge role in the contest of this round, and the round; None when the user
    does not judge that contest (the caller answers 404)."""
    if not user.is_authenticated:
        return None
    judge = (
        Judge.objects.filter(user=user, contest__rounds__pk=round_pk)
        .select_related("contest", "user")
        .first()
    )
    if judge is None:
        return None
    round_ = Round.objects.get(pk=round_pk)
    round_.contest = judge.contest
    return judge, round_


def _note_text(judge_ref: str = "judge", entry_ref: str = "entry") -> Subquery:
    notes = PrivateNote.objects.filter(judge=OuterRef(judge_ref), entry=OuterRef(entry_ref))
    return Subquery(notes.values("text")[:1])


def assignments_of(judge: Judge, round_: Round, **filters):
    """The judge's assignments in effect in the round (as the dashboard lists them), with the
    entry's category, the scorecard's state and the judge's note (`note_text`)."""
    same_card = Scorecard.objects.filter(
        round=OuterRef("round"), judge=OuterRef("judge"), entry=OuterRef("entry")
    )
    return (
        assignments_in_effect(judge=judge, round=round_, **filters)
        .select_related("entry__category", "entry__agency")
        .annotate(
            card_status=Subquery(same_card.values("status")[:1]),
            card_version=Subquery(same_card.values("version")[:1]),
            note_text=_note_text(),
        )
        .order_by("entry__receipt_number", "entry_id")
    )


# --- 나의 평가 현황 ----------------------------------------------------------------------------


@dataclass
class Row:
    assignment: Assignment
    state: str
    scores: list  # Decimal | None per criterion, in rubric order
    note: str

    @property
    def entry(self):
        return self.assignment.entry

    @property
    def total(self) -> Decimal | None:
        present = {n: v for n, v in enumerate(self.scores) if v is not None}
        return judge_total(present) if present else None

    @property
    def shown_scores(self) -> list[str]:
        return [points(value) for value in self.scores]

    @property
    def shown_total(self) -> str:
        return points(self.total)

    @property
    def excerpt(self) -> str:
        text = " ".join(self.note.split())
        return text if len(text) <= EXCERPT else f"{text[: EXCERPT - 1]}…"


@dataclass
class Column:
    key: str
    label: str
    max_points: str = ""
    state: str = ""  # "ascending" / "descending" on the sorted column (aria-sort)
    next_dir: str = "asc"


COLUMNS = (
    ("receipt", gettext_lazy("Receipt no.")),
    ("title", gettext_lazy("Case title")),
    ("category", gettext_lazy("Category")),
    ("state", gettext_lazy("Status")),
)


def _sort_value(row: Row, key: str, positions: dict[str, int]):
    """The value a column sorts by; None (sorted last either way) when the cell is empty."""
    if key in positions:
        return row.scores[positions[key]]
    values = {
        "receipt": row.entry.receipt_number or None,
        "title": row.entry.title.casefold() or None,
        "category": row.entry.category.name if row.entry.category_id else None,
        "state": STATE_ORDER[row.state],
        "total": row.total,
        "note": row.note.casefold() or None,
    }
    return values[key]


def sort_rows(rows: list[Row], key: str, descending: bool, positions: dict[str, int]) -> list:
    """Rows sorted by one column, empty cells last in both directions; equal values keep the
    receipt number order (the sort is stable)."""
    present = [row for row in rows if _sort_value(row, key, positions) is not None]
    empty = [row for row in rows if _sort_value(row, key, positions) is None]
    present.sort(key=lambda row: _sort_value(row, key, positions), reverse=descending)
    return present + empty


@dataclass
class Distribution:
    count: int
    mean: str = ""
    low: str = ""
    high: str = ""
    sd: str = ""
    chart: str = ""
    bins: list = field(default_factory=list)  # (from, to, count) as printed


def distribution(totals: list[Decimal], *, maximum: Decimal, contest, name: str) -> Distribution:
    """Count, mean, min, max and population SD of the judge's submitted totals (Decimal, shown
    once rounded by the contest's rule), a histogram of 10 bins over 0 … rubric total
    (scoring.charts), and the bins as text."""
    rule = {"decimal_places": contest.decimal_places, "rounding": contest.rounding}
    result = Distribution(count=len(totals))
    scale = float(maximum)
    if totals:
        average = mean(totals)
        with localcontext() as context:
            context.prec = 28
            variance = sum(((t - average) ** 2 for t in totals), Decimal(0)) / len(totals)
            deviation = variance.sqrt()
        result.mean, result.sd = shown(average, rule), shown(deviation, rule)
        result.low, result.high = points(min(totals)), points(max(totals))
    floats = [float(t) for t in totals]
    # Built by scoring.charts with every text escaped.
    chart = judge_chart(
        floats, maximum=scale, name=name, chart_id="overview-chart",
        judge_mean=float(average) if totals else None,
    )  # fmt: skip
    result.chart = mark_safe(chart)
    if scale > 0:
        step = scale / 10
        result.bins = [
            (number(step * i), number(step * (i + 1)), count)
            for i, count in enumerate(counts(floats, scale))
        ]
    return result


@dataclass
class Overview:
    judge: Judge
    round: Round
    criteria: list[Criterion]
    rows: list[Row]
    columns: list[Column]
    sort: str
    descending: bool
    distribution: Distribution


def _scores(judge: Judge, round_: Round) -> dict[int, dict[int, Decimal]]:
    """entry id → {criterion id → the judge's score} in this round, in one query."""
    rows = Score.objects.filter(scorecard__judge=judge, scorecard__round=round_).values_list(
        "scorecard__entry_id", "criterion_id", "value"
    )
    scores: dict[int, dict[int, Decimal]] = {}
    for entry_id, criterion_id, value in rows:
        scores.setdefault(entry_id, {})[criterion_id] = value
    return scores


def _columns(criteria: list[Criterion], sort: str, descending: bool) -> list[Column]:
    columns = [Column(key, str(label)) for key, label in COLUMNS]
    columns += [Column(f"c{c.pk}", c.name, points(c.max_points)) for c in criteria]
    columns += [
        Column("total", _("Total"), points(rubric_total(criteria))),
        Column("note", _("My note")),
    ]
    for column in columns:
        if column.key == sort:
            column.state = "descending" if descending else "ascending"
            column.next_dir = "asc" if descending else "desc"
    return columns


def overview(judge: Judge, round_: Round, *, sort: str = "", direction: str = "") -> Overview:
    """나의 평가 현황: one row per assignment in effect. Five queries, whatever the size."""
    criteria = rubric_of(round_)
    positions = {f"c{c.pk}": n for n, c in enumerate(criteria)}
    keys = {key for key, _label in COLUMNS} | set(positions) | {"total", "note"}
    if sort not in keys:
        sort, direction = "receipt", "asc"
    descending = direction == "desc"
    scores = _scores(judge, round_)
    rows = []
    for assignment in assignments_of(judge, round_):
        mine = scores.get(assignment.entry_id, {})
        rows.append(
            Row(
                assignment=assignment,
                state=scorecard_state(assignment.card_status, assignment.card_version),
                scores=[mine.get(c.pk) for c in criteria],
                note=assignment.note_text or "",
            )
        )
    totals = [row.total for row in rows if row.state == SUBMITTED and row.total is not None]
    return Overview(
        judge=judge,
        round=round_,
        criteria=criteria,
        rows=sort_rows(rows, sort, descending, positions),
        columns=_columns(criteria, sort, descending),
        sort=sort,
        descending=descending,
        distribution=distribution(
            totals, maximum=rubric_total(criteria), contest=round_.contest, name=judge.user.name
        ),
    )


# --- side by side ------------------------------------------------------------------------------


@dataclass
class Side:
    """One entry of the side-by-side view with the judge's own scores and note."""

    assignment: Assignment
    state: str
    scores: dict
    note: str
    answers: dict = field(default_factory=dict)  # question id → Answer
    files: list = field(default_factory=list)  # the attachments as the judge sees them (views)

    @property
    def entry(self):
        return self.assignment.entry

    @property
    def total(self) -> str:
        values = {criterion_id: score.value for criterion_id, score in self.scores.items()}
        return points(judge_total(values)) if values else ""


def pair_of(judge: Judge, round_: Round, a: int, b: int) -> list[Side] | None:
    """The two entries, in the order asked, when both are the judge's assignments in effect in
    the round; else None (the caller answers 404)."""
    found = {x.entry_id: x for x in assignments_of(judge, round_, entry_id__in=[a, b])}
    if a not in found or b not in found:
        return None
    sides = []
    for entry_id in (a, b):
        assignment = found[entry_id]
        assignment.round, assignment.judge = round_, judge
        card = scorecard_of(assignment)
        sides.append(
            Side(
                assignment=assignment,
                state=scorecard_state(assignment.card_status, assignment.card_version),
                scores=scores_of(card),
                note=assignment.note_text or "",
                answers={answer.question_id: answer for answer in answers_of(assignment.entry)},
            )
        )
    return sides


def question_rows(sides: list[Side]) -> list[dict]:
    """The questions either entry answered, in the contest's order, with each side's answer
    (aligned question by question)."""
    questions = {}
    for side in sides:
        for answer in side.answers.values():
            questions[answer.question_id] = answer.question
    ordered = sorted(questions.values(), key=lambda q: (q.order, q.pk))
    return [{"question": q, "answers": [side.answers.get(q.pk) for side in sides]} for q in ordered]


def score_rows(criteria: list[Criterion], sides: list[Side]) -> list[dict]:
    return [
        {
            "criterion": criterion,
            "max_points": points(criterion.max_points),
            "values": [
                points(side.scores[criterion.pk].value) if criterion.pk in side.scores else ""
                for side in sides
            ],
        }
        for criterion in criteria
    ]


# --- private notes -----------------------------------------------------------------------------


def note_of(judge_id: int, entry_id: int) -> PrivateNote | None:
    """The judge's own note on the entry, if any (shown on that judge's pages only)."""
    return PrivateNote.objects.filter(judge_id=judge_id, entry_id=entry_id).first()


@dataclass
class NoteState:
    """What the note form shows: the text, when it was saved, a refusal, or that it was deleted."""

    text: str = ""
    saved_at: dt.datetime | None = None
    error: str = ""
    deleted: bool = False


def note_state(judge_id: int, entry_id: int) -> NoteState:
    note = note_of(judge_id, entry_id)
    return NoteState(note.text, note.updated_at) if note else NoteState()
