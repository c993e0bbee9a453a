"""20 threads save scores at once, several on the same scorecards: no save is lost, none lands on
the wrong scorecard, and every scorecard's audit trail is one unbroken chain of old → new.

This is a PostgreSQL test: row locks (SELECT … FOR UPDATE) are what keep concurrent saves apart
in production, and CI runs the suite on PostgreSQL. The embedded SQLite default keeps its test
database in shared memory, where concurrent writers fail with "table is locked" instead of
waiting, so the second CI pass (SQLite) does not run this one test.
"""

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from django.utils import timezone

from scoring.models import Score, Scorecard, ScoreEvent
from scoring.services.scorecards import StaleScorecard, score_save, scorecard_open
from submissions.models import Entry
from tests import factories
from tests.threads import POSTGRES_ONLY, assert_unbroken_chain, run_threads

THREADS = 20
CARDS = 4
SAVES_PER_THREAD = 5


def _setup():
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    criteria = [
        factories.CriterionFactory(round=round_, max_points=Decimal("30"), order=n)
        for n in range(2)
    ]
    entry = factories.EntryFactory(contest=round_.contest, status=Entry.Status.SUBMITTED)
    cards = []
    for _ in range(CARDS):
        assignment = factories.AssignmentFactory(round=round_, entry=entry)
        cards.append(scorecard_open(round_=round_, judge=assignment.judge, entry=entry))
    return cards, criteria


def _values_of(card_index: int) -> list[Decimal]:
    """Each scorecard gets its own range of values, so a mixed-up save would show."""
    return [Decimal(card_index * 6 + k) for k in range(6)]


def _worker(thread: int, cards, criteria):
    card_index = thread % CARDS
    card, criterion = cards[card_index], criteria[(thread // CARDS) % 2]
    values = _values_of(card_index)
    for k in range(SAVES_PER_THREAD):
        value = values[(thread + k) % len(values)]
        while True:  # a stale version means another tab saved first: reload and retry
            version = Scorecard.objects.get(pk=card.pk).version
            try:
                score_save(
                    scorecard=card,
                    criterion_id=criterion.pk,
                    raw=str(value),
                    version=version,
                    by=card.judge.user,
                )
                break
            except StaleScorecard:
                continue


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_lose_nothing_and_mix_nothing():
    cards, criteria = _setup()
    assert run_threads([partial(_worker, t, cards, criteria) for t in range(THREADS)]) == []

    for index, card in enumerate(cards):
        card.refresh_from_db()
        events = list(ScoreEvent.objects.filter(scorecard=card).order_by("id"))
        # Every change bumped the version exactly once and left exactly one event.
        assert card.version == len(events)
        allowed = {str(v) for v in _values_of(index)} | {""}
        for criterion in criteria:
            chain = assert_unbroken_chain(events, criterion.pk)
            assert {e.new for e in chain} <= allowed
            final = Score.objects.filter(scorecard=card, criterion=criterion).first()
            if chain:
                assert final is not None
                assert str(final.value.normalize()) == chain[-1].new
    # 5 threads per scorecard, 5 saves each; a save equal to the stored value records nothing.
    assert ScoreEvent.objects.count() == sum(Scorecard.objects.get(pk=c.pk).version for c in cards)
    assert ScoreEvent.objects.count() > CARDS * 2
