"""A contest for the announcement tests: two rounds (the first advances its top entries into the
second), four agencies in four situations and their members.

- 행정안전부: a submitted entry advanced into 2차 발표심사 (members 박기관 admin, 이담당);
- 서울특별시: a submitted entry that did not advance (member 최담당);
- 부산광역시: only a draft (member 정담당);
- 대전광역시: no entry (member 한담당);
- 윤겸직 is a member of both 행정안전부 and 서울특별시.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from contests.models import Round
from scoring.models import Advancement, RoundResult
from submissions.models import Entry
from tests import factories


@dataclass
class Scene:
    organizer: object
    contest: object
    written: object  # 1차 서면심사: top 1 per category advances
    presentation: object  # 2차 발표심사: only advanced entries take part
    agencies: dict  # short name → Agency
    members: dict  # name → User
    entries: dict  # short name → Entry
    result: object  # the written round's result in force


def build_scene(organizer=None) -> Scene:
    now = timezone.now()
    organizer = organizer or factories.OrganizerFactory(name="김주관", email="organizer@mois.kr")
    contest = factories.ContestFactory(
        organizers=[organizer], name_ko="2026 정부혁신 우수사례 경진대회",
        name_en="2026 Government Innovation Contest",
    )  # fmt: skip
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    written = factories.RoundFactory(
        contest=contest, name_ko="1차 서면심사", name_en="Written review", order=1,
        opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(days=1),
        advancement=Round.Advancement.TOP_N, advancement_value=1,
    )  # fmt: skip
    presentation = factories.RoundFactory(
        contest=contest, name_ko="2차 발표심사", name_en="Presentation", order=2,
        opens_at=now + dt.timedelta(days=5), closes_at=now + dt.timedelta(days=6),
    )  # fmt: skip
    agencies = {
        short: factories.AgencyFactory(name_ko=name, name_en=english)
        for short, name, english in (
            ("mois", "행정안전부", "Ministry of the Interior and Safety"),
            ("seoul", "서울특별시", "Seoul"),
            ("busan", "부산광역시", "Busan"),
            ("daejeon", "대전광역시", "Daejeon"),
        )
    }
    members = {}
    for name, email, short, admin in (
        ("박기관", "park@mois.go.kr", "mois", True),
        ("이담당", "lee@mois.go.kr", "mois", False),
        ("최담당", "choi@seoul.go.kr", "seoul", False),
        ("정담당", "jung@busan.go.kr", "busan", False),
        ("한담당", "han@daejeon.go.kr", "daejeon", False),
        ("윤겸직", "yoon@mois.go.kr", "mois", False),
    ):
        members[name] = factories.UserFactory(name=name, email=email)
        factories.AgencyMembershipFactory(
            agency=agencies[short], user=members[name], is_admin=admin
        )
    factories.AgencyMembershipFactory(agency=agencies["seoul"], user=members["윤겸직"])

    def entry(short, number, status=Entry.Status.SUBMITTED):
        submitted = status == Entry.Status.SUBMITTED
        return factories.EntryFactory(
            contest=contest, category=category, agency=agencies[short], status=status,
            title=f"{agencies[short].name_ko} 사례",
            receipt_number=f"2026-001-{number:04d}" if submitted else None,
            submitted_at=now - dt.timedelta(days=5) if submitted else None,
        )  # fmt: skip

    entries = {
        "mois": entry("mois", 1),
        "seoul": entry("seoul", 2),
        "busan": entry("busan", 3, Entry.Status.DRAFT),
    }
    result = RoundResult.objects.create(
        round=written, snapshot="{}", digest="0" * 64, by=organizer, reason=""
    )
    Advancement.objects.create(result=result, round=presentation, entry=entries["mois"])
    return Scene(organizer, contest, written, presentation, agencies, members, entries, result)
