"""A small judging world: a contest of the `organizer` fixture with two categories, a round,
agencies, submitted entries and judges."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from scoring.models import Assignment, Score, Scorecard
from submissions.models import Entry
from tests import factories


@pytest.fixture(autouse=True)
def _english():
    """Exact messages are asserted in English (the Korean catalogue translates them)."""
    with translation.override("en"):
        yield


def submitted_entry(contest, category, agency, n, **kwargs):
    return factories.EntryFactory(
        contest=contest,
        category=category,
        agency=agency,
        title=kwargs.pop("title", f"사례 {n}"),
        status=Entry.Status.SUBMITTED,
        receipt_number=f"2026-{n:04d}",
        submitted_at=timezone.now(),
        **kwargs,
    )


@dataclass
class World:
    contest: object
    central: object
    local: object
    round: object
    mois: object
    seoul: object
    entries: list
    judges: list


def open_round(contest, **kwargs):
    now = timezone.now()
    return factories.RoundFactory(
        contest=contest,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
        **kwargs,
    )


@pytest.fixture
def world(organizer):
    contest = factories.ContestFactory(organizers=[organizer])
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    local = factories.CategoryFactory(contest=contest, name_ko="지자체", name_en="Local")
    round_ = open_round(contest, judges_per_entry=2)
    mois = factories.AgencyFactory(
        code="1741000", name_ko="행정안전부", name_en="Ministry of the Interior"
    )
    seoul = factories.AgencyFactory(code="6110000", name_ko="서울특별시", name_en="Seoul")
    entries = [
        submitted_entry(contest, central, mois, 1),
        submitted_entry(contest, central, seoul, 2),
        submitted_entry(contest, local, seoul, 3),
    ]
    judges = [
        factories.JudgeFactory(
            contest=contest, user=factories.UserFactory(name="가심사", email="ga@example.kr")
        ),
        factories.JudgeFactory(
            contest=contest,
            user=factories.UserFactory(name="나심사", email="na@example.kr"),
            affiliation=mois,
        ),
        factories.JudgeFactory(
            contest=contest, user=factories.UserFactory(name="다심사", email="da@example.kr")
        ),
    ]
    return World(contest, central, local, round_, mois, seoul, entries, judges)


def english(client):
    """Pin the page language to English so assertions read the msgids, not a translation."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def organizer_client(organizer_client):
    return english(organizer_client)


@pytest.fixture
def admin_client_(admin_client_):
    return english(admin_client_)


@pytest.fixture
def client(client):
    return english(client)


@pytest.fixture
def login(login):
    return lambda user: english(login(user))


def scored(world, judge, entry):
    """Assign the entry to the judge and give the scorecard one score."""
    Assignment.objects.create(round=world.round, judge=judge, entry=entry)
    card = Scorecard.objects.create(round=world.round, judge=judge, entry=entry)
    criterion = factories.CriterionFactory(round=world.round)
    Score.objects.create(scorecard=card, criterion=criterion, value=10)
    return card
