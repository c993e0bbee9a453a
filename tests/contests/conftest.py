"""Fixtures for the contest set-up tests: English messages, a fixed clock-independent schedule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests import factories as f

SEOUL = dt.timezone(dt.timedelta(hours=9))


def at(month: int, day: int, hour: int = 9, year: int = 2026) -> dt.datetime:
    """An aware datetime in Korea time."""
    return dt.datetime(year, month, day, hour, 0, tzinfo=SEOUL)


def local_input(value: dt.datetime) -> str:
    """How a datetime-local input posts `value` (Korea time)."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    # Factories hash a password for every user; the default hasher makes that ~0.3 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def contest(organizer):
    """A published contest of `organizer`: submissions 2 March to 30 April, no rounds yet."""
    return f.ContestFactory(
        organizers=[organizer],
        year=2026,
        name_ko="2026 정부혁신 우수사례 경진대회",
        name_en="2026 Government Innovation Contest",
        submission_opens_at=at(3, 2),
        submission_closes_at=at(4, 30, 18),
    )


@pytest.fixture
def draft(organizer):
    return f.ContestFactory(organizers=[organizer], is_published=False)


@pytest.fixture
def round1(contest):
    return f.RoundFactory(
        contest=contest,
        order=0,
        name_ko="1차 서면심사",
        name_en="",
        opens_at=at(5, 1),
        closes_at=at(5, 15, 18),
        weight=Decimal("30"),
        judges_per_entry=5,
        trim_count=1,
    )


@pytest.fixture
def other_organizer(db):
    return f.OrganizerFactory(name="박타기관", email="other-organizer@example.kr")


@pytest.fixture
def plain_user(db):
    return f.UserFactory(name="일반", email="plain@example.kr")


@pytest.fixture
def agency_member(db):
    return f.AgencyMembershipFactory(user__email="member@example.kr").user


@pytest.fixture
def judge_user(contest):
    return f.JudgeFactory(contest=contest, user__email="judge@example.kr").user


def messages_of(error) -> dict:
    """A ValidationError's messages per field, as plain strings."""
    return {key: [str(m) for m in value] for key, value in error.message_dict.items()}
