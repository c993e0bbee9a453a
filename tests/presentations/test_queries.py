"""The 2차 발표심사 pages read the same number of queries whatever the number of entries,
judges, slots, slides and scores (the permission world has no schedule: this one has)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scoring.models import Advancement, PresentationSlides, Scorecard
from scoring.services.presentations import schedule_autofill, schedule_publish
from scoring.services.scorecards import scorecard_open
from submissions.models import Entry
from tests import factories
from tests.presentations.conftest import at

pytestmark = pytest.mark.django_db


def grow(scene, n: int, start: int) -> None:
    """`n` more advanced entries (every other one 행정안전부's), assigned to a new judge and the
    scene's; slides for every other one; a submitted scorecard per entry and judge."""
    judges = [*scene.judges, factories.JudgeFactory(contest=scene.contest)]
    for index in range(start, start + n):
        agency = scene.agencies["mois"] if index % 2 else factories.AgencyFactory()
        entry = factories.EntryFactory(
            contest=scene.contest, agency=agency, status=Entry.Status.SUBMITTED,
            receipt_number=f"2026-002-{index:04d}", submitted_at=timezone.now(),
        )  # fmt: skip
        Advancement.objects.create(result=scene.result, round=scene.presentation, entry=entry)
        for judge in judges:
            factories.AssignmentFactory(round=scene.presentation, judge=judge, entry=entry)
            card = scorecard_open(round_=scene.presentation, judge=judge, entry=entry)
            Scorecard.objects.filter(pk=card.pk).update(
                status=Scorecard.Status.SUBMITTED, total=Decimal("80"), version=1
            )
        if index % 2:
            PresentationSlides.objects.create(
                round=scene.presentation, entry=entry, file="presentations/x.pdf",
                original_name="x.pdf", kind="pdf", size=1, sha256="0" * 64,
                uploaded_at=timezone.now(),
            )  # fmt: skip
    schedule_autofill(
        round_=scene.presentation, starts_at=at(9), slot_minutes=10, break_minutes=0,
        room="대회의실", by=scene.organizer,
    )  # fmt: skip
    schedule_publish(round_=scene.presentation, by=scene.organizer)


def _pages(scene):
    round_pk, mois = scene.presentation.pk, scene.entries["mois"].pk
    return {
        "schedule": (scene.organizer, reverse("presentations:schedule", args=[round_pk])),
        "live": (scene.organizer, reverse("presentations:live", args=[round_pk])),
        "today": (scene.judges[0].user, reverse("presentations:today", args=[round_pk])),
        "slides": (scene.members["이담당"], reverse("presentations:slides", args=[round_pk, mois])),
        "entries": (scene.members["이담당"], reverse("entries:list")),
    }


def _measure(scene, login) -> dict[str, tuple[int, int, int]]:
    found = {}
    for name, (user, url) in _pages(scene).items():
        client = login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        found[name] = (response.status_code, len(queries), len(response.content))
    return found


def test_every_page_reads_as_many_queries_with_more_data(scene, login):
    grow(scene, 2, start=1)
    small = _measure(scene, login)
    grow(scene, 6, start=10)
    big = _measure(scene, login)
    assert {name: (s[0], s[1]) for name, s in small.items()} == {
        name: (b[0], b[1]) for name, b in big.items()
    }
    assert all(big[name][2] > small[name][2] for name in ("schedule", "live", "today"))
    assert {status for status, _, _ in big.values()} == {200}


def test_the_judges_page_lists_every_published_slot(scene, login):
    grow(scene, 3, start=1)
    client = login(scene.judges[0].user)
    page = client.get(reverse("presentations:today", args=[scene.presentation.pk]))
    assert [row.slot.published_order for row in page.context["view"].rows] == [1, 2, 3, 4, 5]
    assert page.context["view"].rows[0].slot.published_starts_at == at(9)
    assert page.context["view"].rows[4].slot.published_ends_at == at(9) + dt.timedelta(minutes=50)
