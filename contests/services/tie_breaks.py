"""Writes of a contest's tie-break chain (동점자 처리): add a step, move it, remove it.

Each step names a rule and, for three of the rules, what it compares: a criterion (higher average
on it), a round (higher score in that round) or a panel (higher score of that panel). The target
must belong to the contest, only the rule that needs a target may have one, and the same step
cannot appear twice. Once the contest's results are published the chain no longer changes.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from contests.models import Contest, Criterion, Panel, Round, TieBreakRule

Kind = TieBreakRule.Kind
TARGET = {Kind.CRITERION: "criterion", Kind.ROUND: "round", Kind.PANEL: "panel"}


def _missing(name: str) -> str:
    return {
        "criterion": _("Choose the criterion whose average decides."),
        "round": _("Choose the round whose score decides."),
        "panel": _("Choose the panel whose score decides."),
    }[name]


def _foreign(name: str) -> str:
    return {
        "criterion": _("Choose a criterion of this contest."),
        "round": _("Choose a round of this contest."),
        "panel": _("Choose a panel of this contest."),
    }[name]


def _contest_of(name: str, target) -> int:
    return target.contest_id if name == "round" else target.round.contest_id


def published_message() -> str:
    return _("The results are published: the tie-break rules can no longer change.")


def check_tie_break(
    *,
    contest: Contest,
    kind: str,
    criterion: Criterion | None = None,
    round_: Round | None = None,
    panel: Panel | None = None,
) -> None:
    """Refuse a step whose rule is unknown, whose target is missing, not needed or of another
    contest, or that is already in the chain (ValidationError, by field where there is one)."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a rule from the list.")}, code="kind")
    needed = TARGET.get(kind)
    targets = {"criterion": criterion, "round": round_, "panel": panel}
    errors = {}
    for name, target in targets.items():
        if name == needed and target is None:
            errors[name] = ValidationError(_missing(name), code="required")
        elif name != needed and target is not None:
            errors[name] = ValidationError(
                _("Leave this empty: the rule “%(rule)s” does not use it.")
                % {"rule": Kind(kind).label},
                code="not_needed",
            )
        elif target is not None and _contest_of(name, target) != contest.pk:
            errors[name] = ValidationError(_foreign(name), code="foreign")
    if errors:
        raise ValidationError(errors)
    if TieBreakRule.objects.filter(
        contest=contest, kind=kind, criterion=criterion, round=round_, panel=panel
    ).exists():
        raise ValidationError(_("This step is already in the chain."), code="duplicate")


def _lock(contest_id: int) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest_id)
    if contest.results_published_at is not None:
        raise ValidationError(published_message(), code="published")
    return contest


@transaction.atomic
def tie_break_add(
    *,
    contest: Contest,
    kind: str,
    criterion: Criterion | None = None,
    round_: Round | None = None,
    panel: Panel | None = None,
) -> TieBreakRule:
    """Append a step at the end of the chain."""
    contest = _lock(contest.pk)
    check_tie_break(contest=contest, kind=kind, criterion=criterion, round_=round_, panel=panel)
    last = TieBreakRule.objects.filter(contest=contest).aggregate(last=Max("order"))["last"]
    return TieBreakRule.objects.create(
        contest=contest,
        order=0 if last is None else last + 1,
        kind=kind,
        criterion=criterion,
        round=round_,
        panel=panel,
    )


def _renumber(steps: list[TieBreakRule]) -> None:
    for position, step in enumerate(steps):
        if step.order != position:
            step.order = position
            step.save(update_fields=["order"])


@transaction.atomic
def tie_break_move(*, rule: TieBreakRule, direction: Literal["up", "down"]) -> None:
    """Swap the step with the one above or below; at either end nothing changes."""
    _lock(rule.contest_id)
    steps = list(TieBreakRule.objects.filter(contest_id=rule.contest_id))
    index = next(i for i, step in enumerate(steps) if step.pk == rule.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    _renumber(steps)


@transaction.atomic
def tie_break_delete(*, rule: TieBreakRule) -> None:
    _lock(rule.contest_id)
    rule.delete()
    _renumber(list(TieBreakRule.objects.filter(contest_id=rule.contest_id)))
