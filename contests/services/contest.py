"""Writes of a contest's basic fields, its simple child rows and its rounds."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from contests.models import Contest, Panel, Round
from contests.services import checks

CONTEST_FIELDS = (
    "name_ko",
    "name_en",
    "year",
    "description",
    "submission_opens_at",
    "submission_closes_at",
    "blind_judging",
    "is_published",
    "max_entries_per_agency",
    "attachment_max_file_mb",
    "attachment_max_total_mb",
    "max_attachments_per_entry",
    "rounding",
    "decimal_places",
)
ROUND_FIELDS = (
    "name_ko",
    "name_en",
    "opens_at",
    "closes_at",
    "judges_per_entry",
    "method",
    "trim_count",
    "weight",
    "advancement",
    "advancement_value",
    "allow_reopen",
    "criterion_comments",
)


@dataclass
class Row:
    """One row of an ordered child list: an existing instance (or None for a new one), its values,
    and whether it is to be removed. Rows are saved in the order given."""

    instance: models.Model | None
    values: dict[str, Any] = field(default_factory=dict)
    delete: bool = False


def _assign(obj, data: dict, fields: Sequence[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def contest_create(*, by, data: dict) -> Contest:
    contest = Contest()
    _assign(contest, data, CONTEST_FIELDS)
    checks.check_submission_window(
        contest=None, opens_at=contest.submission_opens_at, closes_at=contest.submission_closes_at
    )
    if contest.is_published:
        checks.check_publishable(contest)
    contest.full_clean()
    contest.save()
    contest.organizers.add(by)
    return contest


@transaction.atomic
def contest_update(*, contest: Contest, data: dict) -> Contest:
    _assign(contest, data, CONTEST_FIELDS)
    checks.check_submission_window(
        contest=contest,
        opens_at=contest.submission_opens_at,
        closes_at=contest.submission_closes_at,
    )
    if contest.is_published:
        checks.check_publishable(contest)
    contest.full_clean()
    contest.save()
    return contest


def save_ordered_rows(
    rows: Sequence[Row], *, model: type[models.Model], parent_field: str, parent: models.Model,
    foreign: str,
) -> None:  # fmt: skip
    """Save the ordered child rows of `parent`: removed rows are deleted first, the others get
    `order` 0, 1, 2… in the given order. A row of another parent is refused with `foreign`."""
    parent_id = f"{parent_field}_id"
    if any(r.instance is not None and getattr(r.instance, parent_id) != parent.pk for r in rows):
        raise ValidationError(foreign)
    for row in rows:
        if not row.delete or row.instance is None:
            continue
        try:
            with transaction.atomic():
                row.instance.delete()
        except (ProtectedError, RestrictedError):
            raise ValidationError(
                _("%(name)s cannot be removed because other records use it.")
                % {"name": row.instance}
            ) from None
    kept = (row for row in rows if not row.delete)
    for position, row in enumerate(kept):
        obj = row.instance if row.instance is not None else model(**{parent_field: parent})
        for name, value in row.values.items():
            setattr(obj, name, value)
        obj.order = position
        obj.full_clean()
        obj.save()


@transaction.atomic
def contest_rows_save(*, contest: Contest, model: type[models.Model], rows: Sequence[Row]) -> None:
    """Save an ordered list of a contest's child rows (categories, award tiers, questions).

    Removed rows are deleted, the others get `order` 0, 1, 2… in the given order.
    """
    save_ordered_rows(
        rows, model=model, parent_field="contest", parent=contest,
        foreign=_("That row belongs to another contest."),
    )  # fmt: skip


def _check_round(contest: Contest, round_: Round | None, data: dict) -> Any:
    checks.check_round_schedule(
        contest=contest, round_=round_, opens_at=data["opens_at"], closes_at=data["closes_at"]
    )
    checks.check_aggregation(
        method=data["method"],
        judges_per_entry=data["judges_per_entry"],
        trim_count=data["trim_count"],
    )
    checks.check_round_weight(contest=contest, round_=round_, weight=data["weight"])
    return checks.clean_advancement(
        advancement=data["advancement"], value=data.get("advancement_value")
    )


@transaction.atomic
def round_save(
    *, contest: Contest, round_: Round | None = None, data: dict, panels: Sequence[Row] = ()
) -> Round:
    """Create (round_=None) or update a round and replace its panels.

    Checks: the window is ordered and fits between its neighbours, the trimmed mean leaves scores,
    the round weights stay at or below 100, the advancement value fits the rule, and the panel
    weights add up to exactly 100 when the round has panels.
    """
    Contest.objects.select_for_update().filter(pk=contest.pk).first()
    data = dict(data)
    data["advancement_value"] = _check_round(contest, round_, data)
    checks.check_panel_weights(row.values["weight"] for row in panels if not row.delete)
    if round_ is None:
        last = contest.rounds.aggregate(last=Max("order"))["last"]
        round_ = Round(contest=contest, order=0 if last is None else last + 1)
    elif round_.contest_id != contest.pk:
        raise ValidationError(_("That round belongs to another contest."))
    _assign(round_, data, ROUND_FIELDS)
    round_.full_clean()
    round_.save()
    save_ordered_rows(
        panels, model=Panel, parent_field="round", parent=round_,
        foreign=_("That panel belongs to another round."),
    )  # fmt: skip
    return round_


@transaction.atomic
def round_delete(*, round_: Round) -> None:
    locked = (
        Round.objects.select_for_update()
        .filter(pk=round_.pk)
        .values_list("scoring_started_at", flat=True)
        .first()
    )
    if locked is not None:
        raise ValidationError(_("Scoring has started in this round, so it cannot be removed."))
    try:
        round_.delete()
    except (ProtectedError, RestrictedError):
        raise ValidationError(
            _("This round cannot be removed because other records use it.")
        ) from None
