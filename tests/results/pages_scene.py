"""A contest with two rounds whose results are known by hand, for the organizer's results pages.

Round 1 (서면심사): trimmed mean dropping 1 at each end, weight 40, the top 2 of each category
advance. Criteria 혁신성 (60) and 효과성 (40). Judges 가심사, 나심사, 다심사 score every entry;
라심사 is assigned 2026-0006 too and never submits. Totals (innovation + effect):

    entry      category  가심사      나심사      다심사      trimmed  혁신성 sum
    2026-0001  중앙부처  50+35=85   55+35=90   45+35=80   85       150
    2026-0002  중앙부처  48+32=80   50+30=80   40+30=70   80       138
    2026-0003  중앙부처  43+32=75   45+35=80   50+40=90   80       138
    2026-0004  중앙부처  40+30=70   40+30=70   40+30=70   70       120
    2026-0005  지자체    45+33=78   50+30=80   45+30=75   78       140
    2026-0006  지자체    35+25=60   40+25=65   30+25=55   60       105
    2026-0007  지자체    40+20=60   42+20=62   38+20=58   60       120

The chain has one step, the higher average on 혁신성: it splits 0007 (40) above 0006 (35) but
not 0002 and 0003 (46 each), who share 2nd place in 중앙부처 and overall across the line.

Round 2 (발표심사): mean, weight 60, no advancement; one criterion 발표 (100); 가심사 and 나심사
score: 0001 80, 90 (85); 0003 90, 90 (90); 0005 70, 80 (75); 0007 95, 85 (90). Award tiers:
대상 1 overall, then 우수상 1 per category.
"""

import datetime as dt
import html
import re
from dataclasses import dataclass
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Round, TieBreakRule
from scoring.models import Assignment, ScoreEvent
from scoring.services.results import result_exclude, round_finalize, tie_decide
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories

ON_PAPER = ScoreEvent.Via.ORGANIZER

ROUND1 = {
    "2026-0001": ("central", [(50, 35), (55, 35), (45, 35)]),
    "2026-0002": ("central", [(48, 32), (50, 30), (40, 30)]),
    "2026-0003": ("central", [(43, 32), (45, 35), (50, 40)]),
    "2026-0004": ("central", [(40, 30), (40, 30), (40, 30)]),
    "2026-0005": ("local", [(45, 33), (50, 30), (45, 30)]),
    "2026-0006": ("local", [(35, 25), (40, 25), (30, 25)]),
    "2026-0007": ("local", [(40, 20), (42, 20), (38, 20)]),
}
ROUND2 = {"2026-0001": (80, 90), "2026-0003": (90, 90), "2026-0005": (70, 80),
          "2026-0007": (95, 85)}  # fmt: skip


@dataclass
class Scene:
    contest: object
    organizer: object
    central: object
    local: object
    round1: object
    round2: object
    innovation: object
    effect: object
    talk: object
    judges: list  # 가심사, 나심사, 다심사, 라심사
    entries: dict  # receipt number → Entry
    grand: object  # 대상
    merit: object  # 우수상

    def url(self, name: str, round_=None, entry=None, **query) -> str:
        args = [self.contest.pk]
        if round_ is not None:
            args.append(round_.pk)
        if entry is not None:
            args.append(self.entries[entry].pk)
        url = reverse(f"results:{name}", args=args)
        if query:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        return url

    def fill(self, round_, judge, entry, values: dict, *, submit=True):
        card = scorecard_open(round_=round_, judge=judge, entry=entry)
        return scorecard_fill(
            scorecard=card, values={c.pk: str(v) for c, v in values.items()}, comment=None,
            version=card.version, by=self.organizer, via=ON_PAPER, reason="서명된 평가표",
            submit=submit,
        ).scorecard  # fmt: skip

    def finish_round1(self):
        """Leave out 라심사's card, order 0003 above 0002, finalize."""
        result_exclude(
            round_=self.round1, judge=self.judges[3], entry=self.entries["2026-0006"],
            reason="심사위원 불참", by=self.organizer,
        )  # fmt: skip
        tie_decide(
            round_=self.round1, scope="round", entries=["2026-0003", "2026-0002"],
            reason="심사위원회 의결", by=self.organizer,
        )  # fmt: skip
        return round_finalize(round_=self.round1, by=self.organizer)

    def score_round2(self, changed: dict | None = None):
        """Score the advanced entries: ROUND2, with `changed` ({"2026-0007": (90, 84)})."""
        for receipt, totals in {**ROUND2, **(changed or {})}.items():
            entry = self.entries[receipt]
            for judge, total in zip(self.judges[:2], totals, strict=True):
                Assignment.objects.create(round=self.round2, judge=judge, entry=entry)
                self.fill(self.round2, judge, entry, {self.talk: total})


def build_scene(organizer, *, score=True) -> Scene:
    now = timezone.now()
    contest = factories.ContestFactory(
        organizers=[organizer], name_ko="2026 정부혁신 우수사례 경진대회",
        name_en="2026 Innovation", year=2026,
    )  # fmt: skip
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central",
                                        order=0)  # fmt: skip
    local = factories.CategoryFactory(contest=contest, name_ko="지자체", name_en="Local", order=1)
    window = {"opens_at": now - dt.timedelta(days=2), "closes_at": now + dt.timedelta(days=2)}
    round1 = factories.RoundFactory(
        contest=contest, name_ko="1차 서면심사", name_en="Written review", order=0,
        method=Round.Method.TRIMMED_MEAN, trim_count=1, weight=Decimal("40"),
        advancement=Round.Advancement.TOP_N, advancement_value=Decimal("2"), **window,
    )  # fmt: skip
    round2 = factories.RoundFactory(
        contest=contest, name_ko="2차 발표심사", name_en="Presentation", order=1,
        method=Round.Method.MEAN, weight=Decimal("60"), **window,
    )  # fmt: skip
    innovation = factories.CriterionFactory(
        round=round1, name_ko="혁신성", name_en="Innovation", max_points=Decimal("60"), order=0
    )
    effect = factories.CriterionFactory(
        round=round1, name_ko="효과성", name_en="Effect", max_points=Decimal("40"), order=1
    )
    talk = factories.CriterionFactory(
        round=round2, name_ko="발표", name_en="Presentation", max_points=Decimal("100"), order=0
    )
    TieBreakRule.objects.create(contest=contest, order=0, kind="criterion", criterion=innovation)
    grand = factories.AwardTierFactory(contest=contest, name_ko="대상", name_en="Grand prize",
                                       count=1, order=0)  # fmt: skip
    merit = factories.AwardTierFactory(contest=contest, name_ko="우수상", name_en="Merit",
                                       count=1, per_category=True, order=1)  # fmt: skip
    judges = [
        factories.JudgeFactory(
            contest=contest, user=factories.UserFactory(name=name, email=f"j{n}@judge.kr")
        )
        for n, name in enumerate(("가심사", "나심사", "다심사", "라심사"))
    ]
    entries = {}
    for receipt, (kind, _totals) in ROUND1.items():
        entries[receipt] = factories.EntryFactory(
            contest=contest, category=central if kind == "central" else local,
            status=Entry.Status.SUBMITTED, receipt_number=receipt, submitted_at=now,
            title=f"사례 {receipt[-1]}",
        )  # fmt: skip
    scene = Scene(contest, organizer, central, local, round1, round2, innovation, effect, talk,
                  judges, entries, grand, merit)  # fmt: skip
    for receipt in ROUND1:
        for judge in judges[:3]:
            Assignment.objects.create(round=round1, judge=judge, entry=entries[receipt])
    Assignment.objects.create(round=round1, judge=judges[3], entry=entries["2026-0006"])
    if score:
        for receipt, (_kind, totals) in ROUND1.items():
            for judge, (a, b) in zip(judges[:3], totals, strict=True):
                scene.fill(round1, judge, entries[receipt], {innovation: a, effect: b})
    return scene


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def ranking(markup: str) -> list[dict]:
    """The ranking table's rows (`<tr data-entry=…>`), each cell by its data-k, as text."""
    rows = []
    for receipt, body in re.findall(r'<tr data-entry="([^"]+)">(.*?)</tr>', markup, re.S):
        cells = re.findall(r'data-k="(\w+)"[^>]*>(.*?)</t[dh]>', body, re.S)
        rows.append({"entry": receipt, **{k: _text(v) for k, v in cells}})
    return rows


def column(markup: str, name: str) -> list[str]:
    return [row[name] for row in ranking(markup)]


def flashes(response) -> list[tuple[str, str]]:
    """The flash messages the page shows (includes/messages.html): (level, text)."""
    found = re.findall(
        r'<div class="app-alert (\w+)"><p>(.*?)</p></div>', response.content.decode(), re.S
    )
    return [(level, _text(text)) for level, text in found]
