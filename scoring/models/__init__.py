"""Scoring models: who judges what and their scores (judging), and the results (results)."""

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
from scoring.models.results import (
    Advancement,
    AwardOverride,
    ResultExclusion,
    RoundResult,
    TieDecision,
)

__all__ = [
    "Advancement",
    "Assignment",
    "AwardOverride",
    "Conflict",
    "Judge",
    "JudgeInvitation",
    "ResultExclusion",
    "RoundResult",
    "Score",
    "ScoreEvent",
    "Scorecard",
    "TieDecision",
    "scorecard_state",
]
