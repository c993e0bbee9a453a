"""A large scored round built with bulk_create, for the query-count test and bench/results.py.

This bypasses the scorecard services on purpose (they write one score at a time, with an audit
row each): only the rows the results read are made — agencies, submitted entries, assignments,
submitted scorecards and their scores. Judges, criteria and the round are made by the caller.
Every value is drawn from a seeded generator, so two builds with the same arguments hold the same
scores.
"""

import random
from decimal import Decimal

from django.utils import timezone

from contests.models import Category, Criterion, Round
from scoring.models import Assignment, Judge, Score, Scorecard
from submissions.models import Agency, Entry

BATCH = 5000


def scored_entries(
    round_: Round,
    categories: list[Category],
    judges: list[Judge],
    criteria: list[Criterion],
    count: int,
    *,
    per_entry: int = 7,
    start: int = 1,
    seed: int = 8,
) -> list[Entry]:
    """`count` submitted entries (receipt numbers start..start+count-1, categories in turn), each
    assigned to `per_entry` judges taken in turn from `judges`, each judge's scorecard submitted
    with a whole-point score on every criterion: a draw around 70% of the maximum, shifted by a
    per-judge leniency of -1..+1 point, clipped to 0..max."""
    rng = random.Random(seed)
    contest = round_.contest
    now = timezone.now()
    lean = {judge.pk: rng.choice((-1, 0, 0, 1)) for judge in judges}
    agencies = Agency.objects.bulk_create(
        Agency(code=f"B{contest.pk}-{start + i}", name_ko=f"기관 {start + i}",
               name_en=f"Agency {start + i}", kind=Agency.Kind.CENTRAL)
        for i in range(count)
    )  # fmt: skip
    entries = Entry.objects.bulk_create(
        (
            Entry(contest=contest, category=categories[i % len(categories)], agency=agency,
                  title=f"사례 {start + i}", status=Entry.Status.SUBMITTED, submitted_at=now,
                  receipt_number=f"{contest.year}-{contest.pk:03d}-{start + i:05d}")
            for i, agency in enumerate(agencies)
        ),
        batch_size=BATCH,
    )  # fmt: skip
    pairs = [
        (entry, judges[(i * per_entry + t) % len(judges)])
        for i, entry in enumerate(entries)
        for t in range(per_entry)
    ]
    Assignment.objects.bulk_create(
        (Assignment(round=round_, judge=judge, entry=entry) for entry, judge in pairs),
        batch_size=BATCH,
    )
    drawn_scores = []  # per pair, per criterion
    for _entry, judge in pairs:
        quality = rng.uniform(0.5, 0.9)
        values = []
        for criterion in criteria:
            top = int(criterion.max_points)
            drawn = round(top * quality + rng.uniform(-1.5, 1.5)) + lean[judge.pk]
            values.append(Decimal(min(top, max(0, drawn))))
        drawn_scores.append(values)
    cards = Scorecard.objects.bulk_create(
        (
            Scorecard(round=round_, judge=judge, entry=entry, status=Scorecard.Status.SUBMITTED,
                      version=len(criteria) + 1, submitted_at=now, total=sum(values))
            for (entry, judge), values in zip(pairs, drawn_scores, strict=True)
        ),
        batch_size=BATCH,
    )  # fmt: skip
    scores = [
        Score(scorecard=card, criterion=criterion, value=value)
        for card, values in zip(cards, drawn_scores, strict=True)
        for criterion, value in zip(criteria, values, strict=True)
    ]
    Score.objects.bulk_create(scores, batch_size=BATCH)
    return entries
