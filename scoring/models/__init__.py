"""Scoring models: who judges what and their scores (judging), and the results (results)."""

from scoring.models.announcements import Announcement
from scoring.models.judge_aids import CriterionComment, JudgeNotice, PrivateNote
from scoring.models.judging import (
    Assignment,
    Conflict,
    Judge,
    JudgeInvitation,
    Score,
    Scorecard,
    ScoreEvent,
    scorecard_state,
)
from scoring.models.objections import Objection, ObjectionWindow
from scoring.models.presentations import (
    PresentationSchedule,
    PresentationSlides,
    PresentationSlot,
)
from scoring.models.results import (
    Advancement,
    AwardOverride,
    ResultExclusion,
    RoundResult,
    TieDecision,
)

__all__ = [
    "Advancement",
    "Announcement",
    "Assignment",
    "AwardOverride",
    "Conflict",
    "CriterionComment",
    "Judge",
    "JudgeInvitation",
    "JudgeNotice",
    "Objection",
    "ObjectionWindow",
    "PresentationSchedule",
    "PresentationSlides",
    "PresentationSlot",
    "PrivateNote",
    "ResultExclusion",
    "RoundResult",
    "Score",
    "ScoreEvent",
    "Scorecard",
    "TieDecision",
    "scorecard_state",
]
