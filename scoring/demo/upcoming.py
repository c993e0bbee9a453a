"""The demo contest that accepts entries now: 2026 하반기 적극행정 우수사례 경진대회.

Made the way an organizer starts a new year: `contest_copy` of last year's 2025 적극행정 contest
(categories, round, rubric with levels, award tiers, questions and the tie-break chain), then
renamed, dated around today (entries opened ten days ago and close in three weeks; scoring
follows) and published, so the demo agency login has a contest to enter. Built once, found by its
name afterwards.
"""

import datetime as dt

from contests.models import (
    AwardTier,
    Category,
    Contest,
    Criterion,
    EntryQuestion,
    Level,
    Panel,
    Round,
    TieBreakRule,
)
from contests.services.copy import contest_copy
from scoring.demo.base import Tally, seoul

NAME_KO = "2026 하반기 적극행정 우수사례 경진대회"
NAME_EN = "2026 Proactive Administration Best Practice Contest (second half)"
DESCRIPTION = (
    "상반기에 이어 하반기에도 국민의 입장에서 적극적으로 일해 성과를 낸 사례를 찾습니다. "
    "2025년 경진대회와 같은 심사 기준으로 본선 심사를 거쳐 수상 사례를 선정하며, 부문별로 "
    "기관당 2건까지 응모할 수 있습니다."
)


def build_upcoming(tally: Tally, *, source: Contest, organizer, today: dt.date) -> Contest:
    contest = Contest.objects.filter(name_ko=NAME_KO).first()
    if contest is not None:
        return contest
    contest = contest_copy(source=source, by=organizer, year=2026)
    closes = today + dt.timedelta(days=21)
    contest.name_ko, contest.name_en, contest.description = NAME_KO, NAME_EN, DESCRIPTION
    contest.submission_opens_at = seoul(today - dt.timedelta(days=10), 9)
    contest.submission_closes_at = seoul(closes, 18)
    contest.is_published = True
    contest.save()
    Round.objects.filter(contest=contest).update(
        opens_at=seoul(closes + dt.timedelta(days=7), 9),
        closes_at=seoul(closes + dt.timedelta(days=17), 18),
    )
    tally.count(Contest)
    for model, rows in (
        (Category, Category.objects.filter(contest=contest)),
        (Round, Round.objects.filter(contest=contest)),
        (Panel, Panel.objects.filter(round__contest=contest)),
        (Criterion, Criterion.objects.filter(round__contest=contest)),
        (Level, Level.objects.filter(criterion__round__contest=contest)),
        (AwardTier, AwardTier.objects.filter(contest=contest)),
        (EntryQuestion, EntryQuestion.objects.filter(contest=contest)),
        (TieBreakRule, TieBreakRule.objects.filter(contest=contest)),
    ):
        tally.count(model, rows.count())
    return contest
