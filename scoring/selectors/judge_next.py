"""The fast path's "next entry": after a judge submits a scorecard, the next entry of the same
round they have not submitted yet, in the order of their list (receipt number, then entry id:
scoring.selectors.judge_board.judge_board), after the one just submitted and wrapping round."""

from django.db.models import Exists, OuterRef

from scoring.models import Assignment, Scorecard
from scoring.selectors.in_effect import assignments_in_effect


def next_unscored(assignment: Assignment) -> int | None:
    """The entry id to open next, or None when every other assigned entry of the round is
    submitted. One query."""
    submitted = Scorecard.objects.filter(
        round=OuterRef("round"),
        judge=OuterRef("judge"),
        entry=OuterRef("entry"),
        status=Scorecard.Status.SUBMITTED,
    )
    rows = (
        assignments_in_effect(judge_id=assignment.judge_id, round_id=assignment.round_id)
        .exclude(entry_id=assignment.entry_id)
        .filter(~Exists(submitted))
        .values_list("entry__receipt_number", "entry_id")
        .order_by()
    )
    order = sorted((receipt or "", entry_id) for receipt, entry_id in rows)
    here = (assignment.entry.receipt_number or "", assignment.entry_id)
    after = [row for row in order if row > here]
    following = (after or order)[:1]
    return following[0][1] if following else None
