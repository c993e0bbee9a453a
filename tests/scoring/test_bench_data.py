"""`manage.py bench_data` at the hidden test size T: exact counts, the states of the cards, the
logins, and a second run that creates nothing."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone

from contests.models import Contest, Criterion, Level
from scoring.demo.bench_data import PASSWORD
from scoring.models import Assignment, Judge, Score, Scorecard
from submissions.models import Entry

pytestmark = pytest.mark.django_db


def _run(size: str = "T") -> str:
    out = StringIO()
    call_command("bench_data", size, stdout=out)
    return out.getvalue()


def test_the_test_size_has_exact_counts_and_a_mid_judging_state():
    output = _run()
    assert output.splitlines()[0].startswith(
        "벤치 대회 T: 12 entries, 6 judges, 36 assignments, 27 scorecards, 63 scores ("
    )
    contest = Contest.objects.get(name_ko="벤치 대회 T")
    round_ = contest.rounds.get()
    now = timezone.now()
    assert round_.opens_at < now < round_.closes_at
    assert round_.scoring_started_at is not None
    assert Entry.objects.filter(contest=contest, status=Entry.Status.SUBMITTED).count() == 12
    assert Criterion.objects.filter(round=round_).count() == 3
    assert Level.objects.filter(criterion__round=round_).count() == 9
    assert Judge.objects.filter(contest=contest).count() == 6
    # Every judge has the same load: 12 entries x 3 judges / 6 judges.
    loads = Assignment.objects.filter(round=round_).values("judge").annotate(n=Count("id"))
    assert sorted(row["n"] for row in loads) == [6] * 6
    assert Assignment.objects.filter(round=round_).values("entry").distinct().count() == 12
    cards = Scorecard.objects.filter(round=round_)
    submitted = cards.filter(status=Scorecard.Status.SUBMITTED)
    drafts = cards.filter(status=Scorecard.Status.DRAFT)
    assert (submitted.count(), drafts.count()) == (18, 9)
    assert not drafts.exclude(total=None).exists()
    assert not submitted.filter(submitted_at=None).exists()
    scores = Score.objects.filter(scorecard__round=round_)
    assert scores.filter(scorecard__status="submitted").count() == 18 * 3
    assert scores.filter(scorecard__status="draft").count() == 9 * 1
    # A submitted card's total is the sum of its scores; every score within 0..10.
    for card in submitted.annotate(summed=Sum("scores__value")):
        assert card.total == card.summed
    assert not scores.filter(value__gt=Decimal(10)).exists()
    assert not scores.filter(value__lt=0).exists()


def test_it_prints_the_logins_and_they_sign_in():
    output = _run()
    assert f"Logins (one password for everyone): {PASSWORD}" in output
    assert "  organizer  bench-t-organizer@bench.example.kr" in output
    judges = [line.split()[-1] for line in output.splitlines() if line.startswith("  judge ")]
    assert judges == [f"bench-t-judge{n:03d}@bench.example.kr" for n in range(1, 7)]
    user = authenticate(email=judges[0], password=PASSWORD)
    assert user is not None
    assert user.email == judges[0]


def test_a_second_run_creates_nothing():
    _run()
    counts = (Entry.objects.count(), Scorecard.objects.count(), Score.objects.count())
    output = _run()
    assert output.splitlines()[0] == "벤치 대회 T is already there: nothing created."
    assert (Entry.objects.count(), Scorecard.objects.count(), Score.objects.count()) == counts
    assert "  judge      bench-t-judge006@bench.example.kr" in output


def test_the_sizes_are_the_issues():
    from scoring.demo.bench_data import SIZES

    assert (SIZES["S"].entries, SIZES["S"].judges, SIZES["S"].per_entry, SIZES["S"].criteria) == (
        900, 60, 5, 8,
    )  # fmt: skip
    assert (SIZES["L"].entries, SIZES["L"].judges, SIZES["L"].per_entry, SIZES["L"].criteria) == (
        2000, 100, 7, 10,
    )  # fmt: skip
    assert (SIZES["L"].submitted, SIZES["L"].draft) == (1.0, 0.0)


def test_a_judge_can_autosave_on_a_draft_card(client):
    """The data is usable as built: the round is open and a draft card takes a save."""
    from django.urls import reverse

    _run()
    card = Scorecard.objects.filter(status=Scorecard.Status.DRAFT).order_by("pk").first()
    criterion = card.round.criteria.order_by("order").last()
    client.force_login(card.judge.user)
    response = client.post(
        reverse("judge:save", args=[card.round_id, card.entry_id]),
        {f"score-{criterion.pk}": "6", "base": ""},
        HTTP_ACCEPT="application/json",
    )
    assert (response.status_code, response.json()["value"]) == (200, "6")
    assert Score.objects.get(scorecard=card, criterion=criterion).value == Decimal(6)
