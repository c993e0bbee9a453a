"""The demo contest (2026 정부혁신 우수사례 경진대회): categories, rounds, rubric, awards, the
tie-break chain and its dates (1차 서면심사 open now)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from contests.models import (
    AgencyKind,
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
from scoring.demo.base import Tally, seoul

CONTEST_NAME_KO = "2026 정부혁신 우수사례 경진대회"
CONTEST_NAME_EN = "2026 Government Innovation Best Practice Contest"
CONTEST_DESCRIPTION = (
    "국민의 삶을 바꾼 공공부문의 혁신 사례를 발굴하고 널리 확산하기 위한 경진대회입니다. "
    "중앙행정기관, 지방자치단체, 공공기관·교육청이 부문별로 참여하며, 1차 서면심사와 "
    "2차 발표심사(전문가 심사단·국민심사단·국민투표)를 거쳐 수상 사례를 선정합니다."
)

# (name_ko, name_en, description, the kinds of agency that may enter)
CATEGORIES = [
    (
        "중앙행정기관",
        "Central government agencies",
        "부·처·청 등 중앙행정기관의 혁신 사례",
        [AgencyKind.CENTRAL],
    ),
    (
        "광역·기초자치단체",
        "Metropolitan and local governments",
        "시·도 및 시·군·구의 혁신 사례",
        [AgencyKind.METROPOLITAN, AgencyKind.LOCAL],
    ),
    (
        "공공기관·교육청",
        "Public institutions and offices of education",
        "공공기관과 시·도교육청의 혁신 사례",
        [AgencyKind.PUBLIC, AgencyKind.EDUCATION],
    ),
]

# (name_ko, name_en, max points, description, level descriptions from 매우우수 to 매우미흡)
RUBRIC = [
    (
        "혁신성",
        "Innovation",
        Decimal("30"),
        "기존 방식과 다른 새로운 접근·기술·제도로 문제를 해결했는가",
        (
            "기존에 없던 방식으로 문제를 근본적으로 해결함",
            "새로운 방식을 도입해 뚜렷하게 개선함",
            "기존 방식을 일부 개선함",
            "새로운 요소가 적음",
            "기존 방식과 차이가 거의 없음",
        ),
    ),
    (
        "효과성",
        "Effectiveness",
        Decimal("30"),
        "목표 대비 성과가 명확하고 정량·정성 지표로 객관적으로 입증되는가",
        (
            "성과가 크고 객관적 지표로 충분히 입증됨",
            "성과가 분명하고 대부분 입증됨",
            "성과가 있으나 입증이 부분적임",
            "성과가 작거나 근거가 부족함",
            "성과를 확인하기 어려움",
        ),
    ),
    (
        "확산가능성",
        "Transferability",
        Decimal("20"),
        "다른 기관·지역에서도 적용할 수 있고 지속 가능한가",
        (
            "다른 기관이 바로 도입할 수 있고 확산 계획이 구체적임",
            "약간의 조정으로 다른 기관에 적용할 수 있음",
            "일부 기관에 한해 적용할 수 있음",
            "특수한 여건에서만 가능함",
            "다른 기관에 적용하기 어려움",
        ),
    ),
    (
        "국민체감도",
        "Public impact",
        Decimal("20"),
        "국민이 변화와 혜택을 실제로 느끼며 수요자 참여가 반영되었는가",
        (
            "국민이 생활 속에서 크게 체감하고 만족도가 높음",
            "국민이 체감하는 개선이 분명함",
            "일부 국민이 체감함",
            "체감 효과가 작음",
            "국민이 체감하기 어려움",
        ),
    ),
]
LEVEL_LABELS = ("매우우수", "우수", "보통", "미흡", "매우미흡")
LEVEL_SHARES = (Decimal("1.0"), Decimal("0.8"), Decimal("0.6"), Decimal("0.4"), Decimal("0.2"))

# (name_ko, name_en, count, per category, prize)
AWARD_TIERS = [
    ("대통령상", "Presidential Award", 1, False, "대통령 표창 및 기관 포상금"),
    ("국무총리상", "Prime Minister's Award", 2, False, "국무총리 표창 및 기관 포상금"),
    (
        "행정안전부장관상",
        "Minister of the Interior and Safety Award",
        6,
        False,
        "행정안전부장관 표창",
    ),
    ("우수상", "Excellence Award", 9, False, "행정안전부장관 표창(우수)"),
]

# (label_ko, label_en, guidance, max length). The case name (사례명) is the entry's title.
QUESTIONS = [
    (
        "추진배경",
        "Background",
        "해결하려던 문제와 추진 필요성, 국민이 겪던 불편을 구체적으로 적어 주세요.",
        1000,
    ),
    (
        "주요내용",
        "What was done",
        "무엇을 어떻게 바꾸었는지 추진 과정과 핵심 내용을 적어 주세요. 협업 기관이 있으면 "
        "역할도 함께 적어 주세요.",
        3000,
    ),
    (
        "추진성과",
        "Results",
        "정량 지표(전후 비교)와 정성 성과를 근거와 함께 적어 주세요.",
        2000,
    ),
    (
        "확산가능성",
        "Transferability",
        "다른 기관·지역에 적용할 수 있는 방법과 확산 계획을 적어 주세요.",
        1000,
    ),
]

# Round 2 panels: (name_ko, name_en, weight)
FINAL_PANELS = [
    ("전문가 심사단", "Expert panel", Decimal("50")),
    ("국민심사단", "Citizen panel", Decimal("30")),
    ("국민투표", "Public vote", Decimal("20")),
]


def tie_break_chain(tally: Tally, contest: Contest, criterion: Criterion) -> None:
    """동점자 처리: the higher average on `criterion`, then the higher untrimmed mean."""
    tally.get_or_create(
        TieBreakRule,
        contest=contest,
        order=1,
        defaults={"kind": TieBreakRule.Kind.CRITERION, "criterion": criterion},
    )
    tally.get_or_create(
        TieBreakRule, contest=contest, order=2, defaults={"kind": TieBreakRule.Kind.UNTRIMMED}
    )


def tiers_and_questions(tally: Tally, contest: Contest, tiers: list, questions: list) -> None:
    """Award tiers (name_ko, name_en, count, per category, prize) and entry questions (label_ko,
    label_en, guidance, max length; all required), in the order given."""
    for order, (name_ko, name_en, count, per_category, prize) in enumerate(tiers, 1):
        tally.get_or_create(
            AwardTier,
            contest=contest,
            name_ko=name_ko,
            defaults={
                "name_en": name_en,
                "count": count,
                "per_category": per_category,
                "prize": prize,
                "order": order,
            },
        )
    for order, (label_ko, label_en, guidance, max_length) in enumerate(questions, 1):
        tally.get_or_create(
            EntryQuestion,
            contest=contest,
            label_ko=label_ko,
            defaults={
                "label_en": label_en,
                "guidance": guidance,
                "max_length": max_length,
                "order": order,
                "required": True,
            },
        )


def rubric(tally: Tally, round_: Round, criteria: list) -> None:
    """The round's criteria (name_ko, name_en, max points, description, the five level texts),
    each with the five levels 매우우수…매우미흡 at 100/80/60/40/20 % of its points."""
    for order, (name_ko, name_en, max_points, description, level_texts) in enumerate(criteria, 1):
        criterion = tally.get_or_create(
            Criterion,
            round=round_,
            name_ko=name_ko,
            defaults={
                "name_en": name_en,
                "order": order,
                "description": description,
                "max_points": max_points,
                "step": Decimal("1"),
            },
        )
        levels = zip(LEVEL_LABELS, LEVEL_SHARES, level_texts, strict=True)
        for level_order, (label, share, text) in enumerate(levels, 1):
            tally.get_or_create(
                Level,
                criterion=criterion,
                label=label,
                defaults={
                    "order": level_order,
                    "points": (max_points * share).quantize(Decimal("0.01")),
                    "description": text,
                },
            )


@dataclass(frozen=True)
class Schedule:
    """The contest's dates around `today` (Seoul): entries closed two weeks ago, 1차 서면심사 is
    open now and closes in four days, 2차 발표심사 comes two weeks from now."""

    today: dt.date

    def days(self, n: int, hour: int) -> dt.datetime:
        return seoul(self.today + dt.timedelta(days=n), hour)

    @property
    def contest(self) -> dict:
        opens, closes = self.days(-49, 9), self.days(-14, 18)
        return {"submission_opens_at": opens, "submission_closes_at": closes}

    @property
    def written(self) -> dict:
        return {"opens_at": self.days(-10, 9), "closes_at": self.days(4, 18)}

    @property
    def final(self) -> dict:
        return {"opens_at": self.days(14, 9), "closes_at": self.days(18, 18)}


def _keep_to(schedule: Schedule, contest: Contest, written: Round, final: Round) -> None:
    """Until judging starts, the dates follow today (a demo built earlier, or by an older
    version of this command, is brought to "round 1 open now"); after that they stay."""
    if written.scoring_started_at is not None:
        return
    for obj, dates in ((contest, schedule.contest), (written, schedule.written),
                       (final, schedule.final)):  # fmt: skip
        changed = [name for name, value in dates.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, dates[name])
            obj.save(update_fields=changed)


def build_contest(tally: Tally, *, today: dt.date) -> Contest:
    """The contest: entries closed, 1차 서면심사 open now (see `Schedule`)."""
    schedule = Schedule(today)
    contest = tally.get_or_create(
        Contest,
        name_ko=CONTEST_NAME_KO,
        defaults={
            "name_en": CONTEST_NAME_EN,
            "year": 2026,
            "description": CONTEST_DESCRIPTION,
            **schedule.contest,
            "blind_judging": True,
            "is_published": True,
            "max_entries_per_agency": 3,
        },
    )
    for order, (name_ko, name_en, description, kinds) in enumerate(CATEGORIES, 1):
        tally.get_or_create(
            Category,
            contest=contest,
            name_ko=name_ko,
            defaults={
                "name_en": name_en,
                "description": description,
                "order": order,
                "agency_kinds": [str(kind) for kind in kinds],
            },
        )

    written = tally.get_or_create(
        Round,
        contest=contest,
        name_ko="1차 서면심사",
        defaults={
            "name_en": "Round 1: written review",
            "order": 1,
            **schedule.written,
            "judges_per_entry": 5,
            "method": Round.Method.TRIMMED_MEAN,
            "trim_count": 1,
            "weight": Decimal("30"),
            "advancement": Round.Advancement.TOP_N,
            "advancement_value": Decimal("6"),
        },
    )
    final = tally.get_or_create(
        Round,
        contest=contest,
        name_ko="2차 발표심사",
        defaults={
            "name_en": "Round 2: presentation",
            "order": 2,
            **schedule.final,
            "judges_per_entry": 7,
            "method": Round.Method.MEAN,
            "trim_count": 0,
            "weight": Decimal("70"),
            "advancement": Round.Advancement.NONE,
        },
    )
    _keep_to(schedule, contest, written, final)
    for order, (name_ko, name_en, weight) in enumerate(FINAL_PANELS, 1):
        tally.get_or_create(
            Panel,
            round=final,
            name_ko=name_ko,
            defaults={"name_en": name_en, "weight": weight, "order": order},
        )
    for round_ in (written, final):
        rubric(tally, round_, RUBRIC)
    tie_break_chain(tally, contest, written.criteria.get(name_ko="혁신성"))

    tiers_and_questions(tally, contest, AWARD_TIERS, QUESTIONS)
    return contest
