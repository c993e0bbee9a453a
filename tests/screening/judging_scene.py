"""The screening world (tests/screening/conftest.py) being judged: an open round, two judges and
agency contacts, for the bulk screening, its emails and the judges' side.

- 김심사 is assigned 119 지름길 (2026-0001, 행정안전부) with a saved score, and 스마트 버스정류장
  (2026-0002, 서울특별시); 이심사 is assigned 119 지름길 only.
- 행정안전부 has two contacts (이담당, 박기관), 서울특별시 one (최담당), 강남구 none.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from scoring.models import Assignment
from scoring.services.scorecards import score_save, scorecard_open
from tests import factories as f


@pytest.fixture
def judging(world):
    now = timezone.now()
    round_ = f.RoundFactory(
        contest=world.contest,
        name_ko="1차 서면심사",
        name_en="Written review",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
    )
    criterion = f.CriterionFactory(round=round_, name_ko="혁신성", name_en="Innovation")
    kim = f.JudgeFactory(
        contest=world.contest, user=f.UserFactory(name="김심사", email="kim@judge.kr")
    )
    lee = f.JudgeFactory(
        contest=world.contest, user=f.UserFactory(name="이심사", email="lee@judge.kr")
    )
    for judge, entries in ((kim, [world.shortcut, world.bus]), (lee, [world.shortcut])):
        for entry in entries:
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
    card = scorecard_open(round_=round_, judge=kim, entry=world.shortcut)
    score_save(
        scorecard=card, criterion_id=criterion.pk, raw="20", version=card.version, by=kim.user
    )
    contacts = {}
    for agency, name, email in (
        (world.mois, "이담당", "lee@mois.go.kr"),
        (world.mois, "박기관", "park@mois.go.kr"),
        (world.seoul, "최담당", "choi@seoul.go.kr"),
    ):
        contacts[name] = f.UserFactory(name=name, email=email)
        f.AgencyMembershipFactory(agency=agency, user=contacts[name])
    return SimpleNamespace(round=round_, criterion=criterion, kim=kim, lee=lee, contacts=contacts)
