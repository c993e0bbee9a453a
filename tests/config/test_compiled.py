"""config.compiled: a read compiled once gives exactly what its queryset gives, for any ids; the
one-row update and the insert store exactly what save() and bulk_create would."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.compiled import Batch, CompiledQuery, insert_rows, pipelined, update_row
from contests.models import Criterion
from scoring.models import Score, Scorecard, ScoreEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _criteria(round_id: int, order: int):
    return (
        Criterion.objects.filter(round_id=round_id, order__gte=order)
        .values_list("pk", "name_ko", "max_points")
        .order_by("order")
    )


def test_a_compiled_read_gives_what_its_queryset_gives_for_any_ids():
    rounds = [factories.RoundFactory() for _ in range(2)]
    for round_ in rounds:
        for n in range(3):
            factories.CriterionFactory(round=round_, order=n, max_points=Decimal(10 + n))
    compiled = CompiledQuery(_criteria)
    for round_ in rounds:
        for order in (0, 2, 5):
            assert compiled.rows(round_id=round_.pk, order=order) == list(
                _criteria(round_.pk, order)
            )
    [row] = compiled.rows(round_id=rounds[1].pk, order=2)
    assert row[2] == Decimal("12")  # the field's converter ran: a Decimal, as the ORM gives


def test_an_id_the_sql_does_not_take_as_a_parameter_is_refused():
    compiled = CompiledQuery(lambda round_id, unused: _criteria(round_id, 0))
    with pytest.raises(ValueError, match="unused"):
        compiled.rows(round_id=1, unused=2)


def _card():
    round_ = factories.RoundFactory()
    criterion = factories.CriterionFactory(round=round_, max_points=Decimal("30"))
    judge = factories.JudgeFactory(contest=round_.contest)
    entry = factories.EntryFactory(contest=round_.contest)
    card = Scorecard.objects.create(round=round_, judge=judge, entry=entry, version=1)
    return card, criterion, judge


def test_update_row_stores_the_fields_and_sets_auto_now():
    card, criterion, _judge = _card()
    before = Scorecard.objects.get(pk=card.pk).updated_at
    card.version, card.comment = 7, "다시 봄"
    update_row(card, ["version", "comment", "updated_at"])
    stored = Scorecard.objects.get(pk=card.pk)
    assert (stored.version, stored.comment) == (7, "다시 봄")
    assert stored.updated_at >= before
    assert stored.updated_at == card.updated_at  # set on the object too, as save() does
    score = Score.objects.create(scorecard=card, criterion=criterion, value=Decimal("20"))
    score.value = Decimal("27.5")
    update_row(score, ["value", "level"])
    assert Score.objects.get(pk=score.pk).value == Decimal("27.50")


def test_insert_rows_takes_a_relation_saved_after_the_object_was_made():
    card, criterion, judge = _card()
    entry = factories.EntryFactory(contest=card.round.contest)
    fresh = Scorecard(round=card.round, judge=judge, entry=entry)
    events = [
        ScoreEvent(
            scorecard=fresh, field="score", criterion=criterion, old="", new=str(n), by=judge.user
        )
        for n in range(3)
    ]
    fresh.save()  # the card gets its id after the events were made
    names = [f.name for f in ScoreEvent._meta.concrete_fields if not f.primary_key]
    with pipelined():
        insert_rows(events, names)
    stored = list(ScoreEvent.objects.filter(scorecard=fresh).order_by("id"))
    assert [(e.new, e.criterion_id, e.by_id) for e in stored] == [
        (str(n), criterion.pk, judge.user.pk) for n in range(3)
    ]
    assert all(abs(e.at - timezone.now()) < dt.timedelta(minutes=1) for e in stored)


def test_a_batch_writes_every_part_and_is_one_statement_on_postgresql():
    card, criterion, judge = _card()
    other = factories.CriterionFactory(round=card.round, max_points=Decimal("30"), order=1)
    scores = [
        Score.objects.create(scorecard=card, criterion=c, value=Decimal(n))
        for n, c in ((1, criterion), (2, other))
    ]
    card.version, card.comment = 9, "묶어서"
    scores[0].value, scores[1].value = Decimal("11"), Decimal("12")
    event = ScoreEvent(scorecard=card, field="score", criterion=criterion, old="1", new="11")
    event.by = judge.user
    batch = Batch()
    update_row(card, ["version", "comment"], batch)
    for score in scores:
        update_row(score, ["value"], batch)
    names = [f.name for f in ScoreEvent._meta.concrete_fields if not f.primary_key]
    insert_rows([event], names, batch)
    with CaptureQueriesContext(connection) as ctx:
        batch.send()
    sent = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "postgresql":
        assert len(sent) == 1
        assert sent[0].startswith('WITH w0 AS (UPDATE "scoring_scorecard"')
        assert ', w2 AS (UPDATE "scoring_score"' in sent[0]
        assert ') INSERT INTO "scoring_scoreevent"' in sent[0]
    else:
        assert [sql.split()[0] for sql in sent] == ["UPDATE", "UPDATE", "UPDATE", "INSERT"]
    stored = Scorecard.objects.get(pk=card.pk)
    assert (stored.version, stored.comment) == (9, "묶어서")
    assert sorted(Score.objects.filter(scorecard=card).values_list("value", flat=True)) == [
        Decimal("11.00"),
        Decimal("12.00"),
    ]
    assert list(ScoreEvent.objects.filter(scorecard=card).values_list("old", "new")) == [
        ("1", "11")
    ]
    with CaptureQueriesContext(connection) as ctx:
        batch.send()  # sent once: nothing is left to send
    assert ctx.captured_queries == []
