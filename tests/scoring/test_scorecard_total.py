"""The total stored on a submitted scorecard (Scorecard.total): written by scorecard_submit in the
same locked transaction, cleared by scorecard_reopen, held to "exactly when submitted" by a
database constraint, and filled for existing scorecards by migration 0005. Results read it
instead of summing scores (scoring.selectors.results), so it must equal the sum of the scores
whenever it is there."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from scoring.models import Scorecard
from scoring.selectors.results import round_inputs
from scoring.services.scorecards import (
    score_save,
    scorecard_fill,
    scorecard_open,
    scorecard_reopen,
    scorecard_submit,
)
from tests import factories


def _round():
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    innovation = factories.CriterionFactory(round=round_, max_points=Decimal(30), order=0)
    effect = factories.CriterionFactory(
        round=round_, max_points=Decimal(20), step=Decimal("0.5"), order=1
    )
    return round_, innovation, effect


def _card(round_):
    assignment = factories.AssignmentFactory(round=round_)
    return scorecard_open(round_=round_, judge=assignment.judge, entry=assignment.entry)


@pytest.mark.django_db
def test_submit_stores_the_sum_and_reopen_clears_it_and_a_new_submit_stores_the_new_sum():
    round_, innovation, effect = _round()
    card = _card(round_)
    judge = card.judge.user
    score_save(scorecard=card, criterion_id=innovation.pk, raw="28", version=0, by=judge)
    score_save(scorecard=card, criterion_id=effect.pk, raw="18.5", version=1, by=judge)
    assert Scorecard.objects.get(pk=card.pk).total is None  # a draft has none
    scorecard_submit(scorecard=card, version=2, by=judge)
    assert Scorecard.objects.get(pk=card.pk).total == Decimal("46.5")
    organizer = factories.OrganizerFactory()
    round_.contest.organizers.add(organizer)
    scorecard_reopen(scorecard=card, by=organizer, via="organizer", reason="오기 정정")
    assert Scorecard.objects.get(pk=card.pk).total is None
    scorecard_fill(
        scorecard=card, values={effect.pk: "12"}, comment=None, version=None, by=organizer,
        via="organizer", reason="오기 정정", submit=True,
    )  # fmt: skip
    stored = Scorecard.objects.get(pk=card.pk)
    assert (stored.status, stored.total) == ("submitted", Decimal("40"))
    number = card.entry.receipt_number
    scores = round_inputs(round_).inputs["scores"]
    assert scores == [{"entry": number, "judge": "J1", "total": "40"}]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "total"), [("submitted", None), ("draft", Decimal("10"))], ids=["no-total", "draft"]
)
def test_the_database_refuses_a_total_that_does_not_match_the_status(status, total):
    round_, _innovation, _effect = _round()
    card = _card(round_)
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.objects.filter(pk=card.pk).update(status=status, total=total)
    assert Scorecard.objects.filter(pk=card.pk).values_list("status", "total").get() == (
        "draft",
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_the_sum_on_submitted_scorecards_only():
    before = [("scoring", "0004_results")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    old = {name: apps.get_model("scoring", name) for name in ("Scorecard", "Score")}
    round_, innovation, effect = _round()
    made = {}
    for status, values in [("submitted", ["28", "18.5"]), ("draft", ["3"])]:
        assignment = factories.AssignmentFactory(round=round_)
        card = old["Scorecard"].objects.create(
            round_id=round_.pk, judge_id=assignment.judge_id, entry_id=assignment.entry_id,
            status=status,
        )  # fmt: skip
        for criterion, value in zip([innovation, effect], values, strict=False):
            old["Score"].objects.create(
                scorecard_id=card.pk, criterion_id=criterion.pk, value=Decimal(value)
            )
        made[status] = card.pk
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    totals = dict(Scorecard.objects.values_list("pk", "total"))
    assert totals == {made["submitted"]: Decimal("46.5"), made["draft"]: None}
