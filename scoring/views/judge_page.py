"""Building the scorecard page: the entry beside the rubric, in any state (editable, submitted,
closed), with values and messages per field. Used by the views in scoring.views.judge."""

from dataclasses import dataclass, field
from decimal import Decimal

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.ids import parse_id
from contests.models import Criterion
from scoring.aggregation import SCORE_PATTERN
from scoring.forms.scorecard import COMMENT, ccomment_name, clear_name, level_name, score_name
from scoring.models import Assignment, Scorecard
from scoring.selectors.judge import (
    answers_of,
    assignment_of,
    attachments_of,
    checked_level,
    judge_file_name,
    last_status_event,
    points,
    rubric_of,
    rubric_total,
    scorecard_of,
    scores_of,
    time_left_text,
)
from scoring.services.scorecard_comments import stored_ccomments
from scoring.services.scorecards import empty_score_message, score_error_message, window_open

TEMPLATE = "judge/scorecard.html"


def assignment_or_404(request: HttpRequest, round_pk: int, entry_pk: int) -> Assignment:
    """The signed-in judge's own assignment; 404 for anyone else (existence is private)."""
    assignment = assignment_of(request.user, round_pk, entry_pk)
    if not rules.has_perm("scoring.score_entry", request.user, assignment):
        raise Http404
    return assignment


@dataclass
class Row:
    """One criterion on the page: what the input shows, which level is checked, messages."""

    criterion: Criterion
    value: str = ""
    checked_level_id: int | None = None
    error: str = ""
    note: str = ""
    stored: str = ""  # the saved value: the `base` the page sends with an autosave
    focus: bool = False  # the first field to fix (autofocus)
    ccomment: str = ""  # the comment on this criterion (rounds that ask for one)
    stored_ccomment: str = ""

    @property
    def ccomment_name(self) -> str:
        return ccomment_name(self.criterion.pk)

    @property
    def has_guide(self) -> bool:
        """Some level has a descriptor (shown on demand under "Show the levels")."""
        return any(level.description for level in self.levels)

    @property
    def clear_name(self) -> str:
        return clear_name(self.criterion.pk)

    @property
    def messages(self) -> dict[str, str]:
        """The refusal messages, for the page's own check before sending (same words)."""
        codes = ("number", "negative", "max", "step")
        return {code: score_error_message(code, self.criterion) for code in codes}

    @property
    def score_name(self) -> str:
        return score_name(self.criterion.pk)

    @property
    def level_name(self) -> str:
        return level_name(self.criterion.pk)

    @property
    def levels(self):
        return self.criterion.level_list

    @property
    def level_label(self) -> str:
        return next((lv.label for lv in self.levels if lv.pk == self.checked_level_id), "")

    @property
    def max_points(self) -> str:
        return points(self.criterion.max_points)

    @property
    def step(self) -> str:
        return points(self.criterion.step)


@dataclass
class CardState:
    """What the page needs about the scorecard, read once."""

    assignment: Assignment
    card: Scorecard | None
    criteria: list
    scores: dict = field(default_factory=dict)
    ccomments: dict = field(default_factory=dict)  # criterion id → the judge's comment on it

    @classmethod
    def load(cls, assignment: Assignment) -> "CardState":
        card = scorecard_of(assignment)
        commented = assignment.round.criterion_comments
        ccomments = stored_ccomments(card) if commented else {}
        return cls(assignment, card, rubric_of(assignment.round), scores_of(card), ccomments)

    @property
    def version(self) -> int:
        return self.card.version if self.card else 0

    @property
    def comment(self) -> str:
        return self.card.comment if self.card else ""

    @property
    def submitted(self) -> bool:
        return self.card is not None and self.card.status == Scorecard.Status.SUBMITTED

    @property
    def total(self) -> Decimal:
        return sum((s.value for s in self.scores.values()), Decimal("0"))

    def checked(self) -> dict[int, int | None]:
        return {c.pk: checked_level(c, self.scores.get(c.pk)) for c in self.criteria}

    def rows(self, posted=None, errors=None, notes=None) -> list[Row]:
        """Rows with the stored values, or with what was posted (kept after a refusal)."""
        errors, notes, rows = errors or {}, notes or {}, []
        for criterion in self.criteria:
            score = self.scores.get(criterion.pk)
            value = points(score.value if score else None)
            row = Row(criterion, value, checked_level(criterion, score), stored=value)
            row.ccomment = row.stored_ccomment = self.ccomments.get(criterion.pk, "")
            if posted is not None:
                row.value = posted.get(row.score_name, row.value)
                row.ccomment = posted.get(row.ccomment_name, row.ccomment)
                chosen = parse_id(posted.get(row.level_name))
                if chosen is not None:
                    row.checked_level_id = chosen
            row.error = " ".join(errors.get(row.score_name, []) + errors.get(row.level_name, []))
            row.note = notes.get(row.score_name, "")
            rows.append(row)
        return rows

    def missing(self) -> list[Criterion]:
        return [c for c in self.criteria if c.pk not in self.scores]


def missing_check(state: CardState) -> dict:
    """A submit refused for unscored criteria, as render_scorecard's arguments: a message beside
    each of them, the page's problem, and the first of them focused. Empty when none is missing."""
    missing = state.missing()
    if not missing or state.submitted:
        return {}
    return {
        "errors": {score_name(c.pk): [_("Score this criterion.")] for c in missing},
        "problems": [_("Score every criterion before submitting.")],
        "focus": score_name(missing[0].pk),
    }


def attachment_items(assignment: Assignment) -> list[dict]:
    blind = assignment.round.contest.blind_judging
    return [
        {
            "number": number,
            "attachment": attachment,
            "name": judge_file_name(attachment, number, blind=blind),
            "is_pdf": attachment.kind == "pdf",
        }
        for number, attachment in enumerate(attachments_of(assignment.entry), start=1)
    ]


def render_scorecard(
    request: HttpRequest,
    state: CardState,
    *,
    posted=None,
    errors=None,
    notes=None,
    comment_error: str = "",
    problems: list[str] | None = None,
    focus: str = "",
    status: int = 200,
) -> HttpResponse:
    assignment = state.assignment
    rows = state.rows(posted, errors, notes)
    for row in rows:
        row.focus = row.score_name == focus
    round_ = assignment.round
    is_open = window_open(round_)
    readable = timezone.now() >= round_.opens_at  # entries are read from the round's opening
    first_empty = next((row for row in rows if row.value == ""), None)
    context = {
        "assignment": assignment,
        "round": round_,
        "entry": assignment.entry,
        "contest": round_.contest,
        "blind": round_.contest.blind_judging,
        "card": state.card,
        "version": state.version,
        "rows": rows,
        "comment": posted.get(COMMENT, state.comment) if posted is not None else state.comment,
        "stored_comment": state.comment,
        "score_pattern": SCORE_PATTERN,
        "empty_message": empty_score_message(),
        "comment_error": comment_error,
        "comment_note": (notes or {}).get(COMMENT, ""),
        "total": points(state.total) or "0",
        "rubric_total": points(rubric_total(state.criteria)),
        "submitted": state.submitted,
        "state": "submitted" if state.submitted else ("draft" if state.scores else "not_started"),
        "is_open": is_open,
        "not_yet_open": not readable,
        "editable": is_open and not state.submitted,
        "can_reopen": rules.has_perm("scoring.reopen_own_scorecard", request.user, state.card),
        "commented": round_.criterion_comments,
        "first_empty": None if focus else first_empty,  # the keyboard path starts there
        "told": last_status_event(state.card),
        "answers": answers_of(assignment.entry) if readable else [],
        "attachments": attachment_items(assignment) if readable else [],
        "time_left": time_left_text(round_, timezone.now()),
        "problems": problems or [],
    }
    return render(request, TEMPLATE, context, status=status)
