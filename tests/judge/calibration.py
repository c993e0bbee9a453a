"""A judge's round for the calibration pages (나의 평가 현황, side by side, private notes).

An open round of contest "2026 정부혁신" (blind judging) with 혁신성 (30) and 효과성 (20, step
0.5), categories 중앙부처 and 지자체, and the judge 김심사 assigned `n` submitted entries
2026-0001 … (titles "사례 01" …). `score` fills and optionally submits the judge's scorecard
through the judge's services. One more entry is assigned to 김심사 with a conflict in effect
(기피): it never shows. Another judge, 이심사, scores 2026-0001 too.
"""

import datetime as dt
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from scoring.models import Assignment, Conflict, ScoreEvent
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories


class Scene:
    def __init__(self, n: int = 4, *, blind: bool = True, year: int = 2026):
        self.year = year
        now = timezone.now()
        self.organizer = factories.OrganizerFactory()
        self.contest = factories.ContestFactory(
            organizers=[self.organizer], name_ko="2026 정부혁신", blind_judging=blind
        )
        self.round = factories.RoundFactory(
            contest=self.contest, opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=3),
        )  # fmt: skip
        self.innovation = factories.CriterionFactory(
            round=self.round, name_ko="혁신성", name_en="Innovation", max_points=Decimal("30"),
            order=0,
        )  # fmt: skip
        self.effect = factories.CriterionFactory(
            round=self.round, name_ko="효과성", name_en="Effect", max_points=Decimal("20"),
            step=Decimal("0.5"), order=1,
        )  # fmt: skip
        self.central = factories.CategoryFactory(contest=self.contest, name_ko="중앙부처")
        self.local = factories.CategoryFactory(contest=self.contest, name_ko="지자체")
        self.question = factories.EntryQuestionFactory(
            contest=self.contest, label_ko="추진배경", label_en="Background", order=0
        )
        self.agency = factories.AgencyFactory(name_ko="행정안전부", name_en="Ministry of Interior")
        self.judge = factories.JudgeFactory(
            contest=self.contest, user=factories.UserFactory(name="김심사")
        )
        self.other = factories.JudgeFactory(
            contest=self.contest, user=factories.UserFactory(name="이심사")
        )
        self.entries = [self.add_entry(i) for i in range(1, n + 1)]
        self.conflicted = self.add_entry(n + 1)
        Conflict.objects.create(
            judge=self.judge, entry=self.conflicted, kind=Conflict.Kind.CHALLENGE, reason="공동연구"
        )
        Assignment.objects.create(round=self.round, judge=self.other, entry=self.entries[0])

    def add_entry(self, i: int) -> Entry:
        entry = factories.EntryFactory(
            contest=self.contest, agency=self.agency, status=Entry.Status.SUBMITTED,
            receipt_number=f"{self.year}-{i:04d}", title=f"사례 {i:02d}",
            category=self.central if i % 2 else self.local,
        )  # fmt: skip
        factories.AnswerFactory(entry=entry, question=self.question, text=f"배경 {i}")
        Assignment.objects.create(round=self.round, judge=self.judge, entry=entry)
        return entry

    def score(self, entry, innovation=None, effect=None, *, submit=False, judge=None):
        judge = judge or self.judge
        card = scorecard_open(round_=self.round, judge=judge, entry=entry)
        values = {self.innovation.pk: innovation, self.effect.pk: effect}
        return scorecard_fill(
            scorecard=card, values={k: str(v) for k, v in values.items() if v is not None},
            comment=None, version=None, by=judge.user, via=ScoreEvent.Via.JUDGE, reason="",
            submit=submit,
        ).scorecard  # fmt: skip

    def client(self, user=None, language="ko") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user or self.judge.user)
        return client
