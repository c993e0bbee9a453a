"""Many windows of one judge autosave the same scorecard at once, through the save URL: the card
is created once (several first saves race), no save is lost or half-made, every answer is the
truth (a 200 names the value stored, a 409 the value that won), and each field's audit trail is
one unbroken chain old → new ending at the stored value.

PostgreSQL only, like tests/scoring/test_concurrency.py: the row lock (SELECT … FOR UPDATE OF the
card) and the unique index on the card are what keep concurrent saves apart in production.
"""

import datetime as dt
import threading
from decimal import Decimal
from functools import partial

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scoring.models import RoundResult, Score, Scorecard, ScoreEvent
from submissions.models import Entry
from tests import factories
from tests.threads import POSTGRES_ONLY, assert_unbroken_chain, run_threads, start_thread

WINDOWS = 12
CRITERIA = 3
SAVES = 6
JSON = "application/json"


def _world():
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    criteria = [
        factories.CriterionFactory(round=round_, max_points=Decimal("100"), order=n)
        for n in range(CRITERIA)
    ]
    entry = factories.EntryFactory(contest=round_.contest, status=Entry.Status.SUBMITTED)
    judge = factories.JudgeFactory(contest=round_.contest)
    factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    return round_, criteria, entry, judge


def _window(number, url, criteria, client, start, answers, errors):
    """One browser window: saves its criterion with the value it last knew as `base`; after a
    409 it takes the stored value as its base (the judge chose "keep mine") and sends again."""
    criterion = criteria[number % CRITERIA]
    name, base = f"score-{criterion.pk}", ""
    start.wait()
    for k in range(SAVES):
        value = str(number + k * WINDOWS)  # every window sends its own values
        for _attempt in range(50):
            response = client.post(url, {name: value, "base": base}, HTTP_ACCEPT=JSON)
            body = response.json()
            answers.append((criterion.pk, response.status_code, body))
            if response.status_code == 409:
                base = body["value"]
                continue
            assert response.status_code == 200, body
            assert body["value"] == value
            base = value
            break
        else:
            errors.append(f"window {number} never saved {value}")


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_windows_racing_on_one_card_lose_nothing():
    round_, criteria, entry, judge = _world()
    url = reverse("judge:save", args=[round_.pk, entry.pk])
    clients = []
    for _ in range(WINDOWS):
        client = Client()
        client.force_login(judge.user)
        clients.append(client)
    start, answers, errors = threading.Barrier(WINDOWS), [], []
    works = [
        partial(_window, n, url, criteria, clients[n], start, answers, errors)
        for n in range(WINDOWS)
    ]
    errors += run_threads(works)
    assert errors == []

    card = Scorecard.objects.get()  # created once, by whichever first save won
    events = list(ScoreEvent.objects.filter(scorecard=card).order_by("id"))
    assert card.version == len(events) == WINDOWS * SAVES  # every value differs: all changes
    for criterion in criteria:
        chain = assert_unbroken_chain(events, criterion.pk)
        stored = Score.objects.get(scorecard=card, criterion=criterion).value
        assert f"{stored.normalize():f}" == chain[-1].new
    # Every answer told the truth: the version it gave is unique to one change.
    saved = [body["version"] for _pk, status, body in answers if status == 200]
    assert sorted(saved) == list(range(1, WINDOWS * SAVES + 1))


def _finalize_holding_the_lock(card_pk, locked, release):
    """What round_finalize does first: lock the round's cards, then record the result."""
    with transaction.atomic():
        card = Scorecard.objects.select_for_update().get(pk=card_pk)
        RoundResult.objects.create(
            round_id=card.round_id, snapshot="{}", digest="0" * 64, by=card.judge.user
        )
        locked.set()
        release.wait(timeout=30)


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_save_waiting_for_a_finalize_is_refused_once_it_is_finalized():
    """The save waits for the card's lock; what it checks after the lock is read afresh, so the
    result committed meanwhile refuses it (round_finalize locks the cards for this)."""
    round_, criteria, entry, judge = _world()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(judge.user)
    url = reverse("judge:save", args=[round_.pk, entry.pk])
    name = f"score-{criteria[0].pk}"
    assert client.post(url, {name: "10", "base": ""}, HTTP_ACCEPT=JSON).status_code == 200
    card = Scorecard.objects.get()
    locked, release, errors, answers = threading.Event(), threading.Event(), [], []
    finalize = start_thread(partial(_finalize_holding_the_lock, card.pk, locked, release), errors)
    assert locked.wait(timeout=30)

    def save():
        answers.append(client.post(url, {name: "20", "base": "10"}, HTTP_ACCEPT=JSON))

    saving = start_thread(save, errors)
    saving.join(timeout=1)
    assert saving.is_alive()  # waiting for the card's lock
    release.set()
    finalize.join(timeout=30)
    saving.join(timeout=30)
    assert errors == []
    assert answers[0].status_code == 422
    assert answers[0].json()["message"].startswith("This round's result is finalized")
    assert [str(v) for v in Score.objects.values_list("value", flat=True)] == ["10.00"]
