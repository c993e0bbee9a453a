"""Validation of the organizer's set-up forms (the rules themselves are in services.checks)."""

from contests.forms.contest import (
    AwardTierFormSet,
    CategoryFormSet,
    ContestForm,
    CopyForm,
    EntryQuestionFormSet,
)
from contests.forms.requirements import AttachmentSlotFormSet
from contests.forms.rounds import PanelFormSet, RoundForm
from contests.forms.rubric import CriterionForm, LevelFormSet

__all__ = [
    "AttachmentSlotFormSet",
    "AwardTierFormSet",
    "CategoryFormSet",
    "ContestForm",
    "CopyForm",
    "CriterionForm",
    "EntryQuestionFormSet",
    "LevelFormSet",
    "PanelFormSet",
    "RoundForm",
]
