"""Every write to contests goes through these functions (keyword-only, atomic)."""

from contests.services.checks import RubricLocked
from contests.services.contest import (
    Row,
    contest_create,
    contest_rows_save,
    contest_update,
    round_delete,
    round_save,
)
from contests.services.copy import contest_copy
from contests.services.rubric import (
    criterion_add,
    criterion_delete,
    criterion_move,
    criterion_update,
    levels_fill_standard,
    levels_save,
)

__all__ = [
    "Row",
    "RubricLocked",
    "contest_copy",
    "contest_create",
    "contest_rows_save",
    "contest_update",
    "criterion_add",
    "criterion_delete",
    "criterion_move",
    "criterion_update",
    "levels_fill_standard",
    "levels_save",
    "round_delete",
    "round_save",
]
