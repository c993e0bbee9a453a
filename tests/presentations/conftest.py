"""The presentation-round scene: the announcements scene (tests/contests/announcements_scene.py)
with both submitted entries advanced into 2차 발표심사 (행정안전부's 2026-001-0001, 서울특별시's
2026-001-0002), one criterion of 100 points, and two judges assigned both entries. English
messages (exact texts asserted)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from scoring.models import Advancement
from tests import factories
from tests.contests.announcements_scene import build_scene

SEOUL = dt.timezone(dt.timedelta(hours=9))
SITE = "https://simsa.example.kr"


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    """An aware datetime on 2026-12-<day> in Korea time."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.SITE_URL = SITE
    with translation.override("en"):
        yield


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    Advancement.objects.create(
        result=scene.result, round=scene.presentation, entry=scene.entries["seoul"]
    )
    scene.criterion = factories.CriterionFactory(
        round=scene.presentation, max_points=Decimal("100"), step=Decimal("0.5")
    )
    scene.judges = [
        factories.JudgeFactory(
            contest=scene.contest, user=factories.UserFactory(name=name, email=email)
        )
        for name, email in (("김심사", "kim@univ.ac.kr"), ("이심사", "lee@univ.ac.kr"))
    ]
    for judge in scene.judges:
        for short in ("mois", "seoul"):
            factories.AssignmentFactory(
                round=scene.presentation, judge=judge, entry=scene.entries[short]
            )
    return scene
