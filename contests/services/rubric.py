"""Writes of a round's rubric: criteria and their level descriptors.

Every function refuses with `RubricLocked` once `round.scoring_started_at` is set; the round row is
locked (`select_for_update`) first so that a change cannot race the first saved score.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from contests.models import Criterion, Level, Round
from contests.rules import is_rubric_open
from contests.services import checks
from contests.services.contest import Row, save_ordered_rows

CRITERION_FIELDS = ("name_ko", "name_en", "description", "max_points", "step")
STANDARD_LEVELS = (
    ("매우우수", Decimal("1.0")),
    ("우수", Decimal("0.8")),
    ("보통", Decimal("0.6")),
    ("미흡", Decimal("0.4")),
    ("매우미흡", Decimal("0.2")),
)


def _lock_round(round_id: int) -> Round:
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if not is_rubric_open(None, round_):
        raise checks.RubricLocked(round_)
    return round_


def _renumber(round_id: int) -> None:
    for position, criterion in enumerate(Criterion.objects.filter(round_id=round_id)):
        if criterion.order != position:
            criterion.order = position
            criterion.save(update_fields=["order"])


@transaction.atomic
def criterion_add(*, round_: Round, data: dict) -> Criterion:
    _lock_round(round_.pk)
    checks.check_criterion(max_points=data.get("max_points"), step=data.get("step"))
    last = Criterion.objects.filter(round=round_).aggregate(last=Max("order"))["last"]
    criterion = Criterion(round=round_, order=0 if last is None else last + 1)
    for name in CRITERION_FIELDS:
        if name in data:
            setattr(criterion, name, data[name])
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, data: dict) -> Criterion:
    _lock_round(criterion.round_id)
    checks.check_criterion(
        max_points=data.get("max_points", criterion.max_points),
        step=data.get("step", criterion.step),
        levels=list(criterion.levels.all()),
    )
    for name in CRITERION_FIELDS:
        if name in data:
            setattr(criterion, name, data[name])
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    _lock_round(criterion.round_id)
    round_id = criterion.round_id
    criterion.delete()
    _renumber(round_id)


@transaction.atomic
def criterion_move(*, criterion: Criterion, direction: Literal["up", "down"]) -> None:
    """Swap the criterion with its neighbour above or below; at either end nothing changes."""
    _lock_round(criterion.round_id)
    criteria = list(Criterion.objects.filter(round_id=criterion.round_id))
    index = next(i for i, c in enumerate(criteria) if c.pk == criterion.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(criteria):
        criteria[index], criteria[other] = criteria[other], criteria[index]
    for position, item in enumerate(criteria):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])


@transaction.atomic
def levels_save(*, criterion: Criterion, rows: Sequence[Row]) -> None:
    """Replace the criterion's level descriptors with the given ordered rows."""
    _lock_round(criterion.round_id)
    errors = []
    for row in rows:
        if row.delete:
            continue
        try:
            checks.check_level_points(
                points=row.values["points"], max_points=criterion.max_points, step=criterion.step
            )
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    save_ordered_rows(
        rows, model=Level, parent_field="criterion", parent=criterion,
        foreign=_("That level belongs to another criterion."),
    )  # fmt: skip


def standard_level_points(*, max_points: Decimal, step: Decimal) -> list[Decimal]:
    """100/80/60/40/20 % of max points, each snapped to the nearest step (half up)."""
    points = []
    for _label, share in STANDARD_LEVELS:
        steps = (max_points * share / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        points.append(min(max(steps * step, Decimal(0)), max_points))
    return points


@transaction.atomic
def levels_fill_standard(*, criterion: Criterion) -> list[Level]:
    """Replace the levels with the standard five.

    매우우수/우수/보통/미흡/매우미흡 at 100/80/60/40/20 % of max points, snapped to the step.
    """
    _lock_round(criterion.round_id)
    criterion.levels.all().delete()
    points = standard_level_points(max_points=criterion.max_points, step=criterion.step)
    return Level.objects.bulk_create(
        Level(criterion=criterion, label=label, points=value, order=position)
        for position, ((label, _share), value) in enumerate(
            zip(STANDARD_LEVELS, points, strict=True)
        )
    )
