"""The scale contests of issues 10 and 12 (`manage.py bench_data S|L`), for benches and trying.

One contest per size, in the current database, with one open round (scoring opened 10 days ago,
closes in 10 days) and its rubric (criteria of 10 points, three levels each):

- S: 900 entries, 60 judges, 5 judges per entry, 8 criteria, mid-judging: half of the 4,500
  cards submitted, a quarter draft (half of the criteria scored), a quarter not started;
- L: 2,000 entries, 100 judges, 7 judges per entry, 10 criteria, fully scored: 14,000 cards
  submitted, 140,000 scores;
- T (hidden, for tests): 12 entries, 6 judges, 3 per entry, 3 criteria, mid-judging as S.

How it is built: the contest, categories, round, rubric and its levels, award tiers and the
tie-break chain through the organizer's services (contests/services: their checks apply); the
organizer and the judges' users, emails and Judge rows with the ORM (the invitation services
send an email and need each judge to accept); the volume — agencies, submitted and screened entries,
assignments (judge i gets entries in turn, so each has the same load), scorecards and scores —
with bulk_create. The scorecard services are not used for the volume on purpose: they lock the
card, check the window and write an audit event per score (tests/judge/test_save_queries.py: 8
queries a save), so the 140,000 scores of L would take 20 minutes instead of seconds; the rows
made are the ones the services would leave (a submitted card has its total and submitted_at, a
draft card none), without ScoreEvents. Values come from a seeded generator: two builds of a size
hold the same scores.

Refuses to build twice: a second run finds the size's contest and creates nothing. Every user's
password is PASSWORD (hashed once per run).
"""

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from contests.models import AwardTier, Category, Contest, Round, TieBreakRule
from contests.services.contest import Row, contest_create, contest_rows_save, round_save
from contests.services.rubric import criterion_add, levels_save
from contests.services.tie_breaks import tie_break_add
from scoring.models import Assignment, Judge, Score, Scorecard
from submissions.models import Agency, Entry

PASSWORD = "simsa-bench-2026!"  # noqa: S105 - published on purpose, like the demo's
DOMAIN = "bench.example.kr"
BATCH = 5000


@dataclass(frozen=True)
class Size:
    entries: int
    judges: int
    per_entry: int
    criteria: int
    submitted: float  # share of the cards submitted
    draft: float  # share of the cards in draft (half of the criteria scored)


SIZES = {
    "S": Size(entries=900, judges=60, per_entry=5, criteria=8, submitted=0.5, draft=0.25),
    "L": Size(entries=2000, judges=100, per_entry=7, criteria=10, submitted=1.0, draft=0.0),
    "T": Size(entries=12, judges=6, per_entry=3, criteria=3, submitted=0.5, draft=0.25),
}
CATEGORIES = [("중앙행정기관", "Central government"), ("자치단체", "Local government"),
              ("공공기관·교육청", "Public institutions")]  # fmt: skip
LEVELS = [("우수", Decimal(10)), ("보통", Decimal(7)), ("미흡", Decimal(4))]


@dataclass
class Built:
    contest: Contest
    round: Round
    created: bool
    organizer: str
    judges: list[str] = field(default_factory=list)  # emails, in judge order
    counts: dict[str, int] = field(default_factory=dict)


def contest_name(size: str) -> str:
    return f"벤치 대회 {size}"


def judge_email(size: str, n: int) -> str:
    return f"bench-{size.lower()}-judge{n:03d}@{DOMAIN}"


def organizer_email(size: str) -> str:
    return f"bench-{size.lower()}-organizer@{DOMAIN}"


def build(size: str, *, seed: int = 10, entries: int | None = None) -> Built:
    """The contest of `size` ("S", "L" or "T"), built unless it is there already; `entries`
    changes the size's number of entries (the benches' --entries)."""
    spec = SIZES[size] if entries is None else replace(SIZES[size], entries=entries)
    existing = Contest.objects.filter(name_ko=contest_name(size)).first()
    if existing is not None:
        return Built(
            contest=existing, round=existing.rounds.get(), created=False,
            organizer=organizer_email(size),
            judges=[judge_email(size, n) for n in range(1, spec.judges + 1)],
        )  # fmt: skip
    with transaction.atomic():
        return _build(size, spec, random.Random(seed))  # noqa: S311 - repeatable data, not secrets


def _build(size: str, spec: Size, rng: random.Random) -> Built:
    now = timezone.now()
    password = make_password(PASSWORD)
    organizer = User.objects.create(
        email=organizer_email(size), name=f"벤치 주관 {size}", password=password, is_organizer=True
    )
    contest = contest_create(by=organizer, data={
        "name_ko": contest_name(size), "name_en": f"Bench contest {size}", "year": now.year,
        "submission_opens_at": now - dt.timedelta(days=40),
        "submission_closes_at": now - dt.timedelta(days=20),
    })  # fmt: skip
    contest_rows_save(contest=contest, model=Category, rows=[
        Row(None, {"name_ko": ko, "name_en": en}) for ko, en in CATEGORIES
    ])  # fmt: skip
    categories = list(contest.categories.order_by("order"))
    round_ = round_save(contest=contest, data={
        "name_ko": "1차 서면심사", "name_en": "Round 1",
        "opens_at": now - dt.timedelta(days=10), "closes_at": now + dt.timedelta(days=10),
        "judges_per_entry": spec.per_entry, "method": Round.Method.TRIMMED_MEAN,
        "trim_count": 1, "weight": Decimal(100), "advancement": Round.Advancement.NONE,
    })  # fmt: skip
    criteria = []
    for i in range(spec.criteria):
        criterion = criterion_add(round_=round_, data={
            "name_ko": f"평가항목 {i + 1}", "name_en": f"Criterion {i + 1}",
            "max_points": Decimal(10), "step": Decimal(1),
        })  # fmt: skip
        levels_save(criterion=criterion, rows=[
            Row(None, {"label": label, "points": points}) for label, points in LEVELS
        ])  # fmt: skip
        criteria.append(criterion)
    contest_rows_save(contest=contest, model=AwardTier, rows=[
        Row(None, {"name_ko": name, "name_en": name, "count": count, "per_category": per})
        for name, count, per in [("대상", 1, False), ("최우수상", 3, True), ("우수상", 5, True)]
    ])  # fmt: skip
    tie_break_add(contest=contest, kind=TieBreakRule.Kind.CRITERION, criterion=criteria[0])
    tie_break_add(contest=contest, kind=TieBreakRule.Kind.UNTRIMMED)
    # Scoring has started (the first save would mark it; the cards below are made in bulk).
    Round.objects.filter(pk=round_.pk).update(scoring_started_at=now)

    users = User.objects.bulk_create(
        User(email=judge_email(size, n), name=f"벤치 심사위원 {n}", password=password)
        for n in range(1, spec.judges + 1)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True)
        for user in [organizer, *users]
    )
    judges = Judge.objects.bulk_create(Judge(contest=contest, user=user) for user in users)

    entries = _entries(contest, categories, spec.entries, now)
    pairs = [
        (entry, judges[(i * spec.per_entry + t) % len(judges)])
        for i, entry in enumerate(entries)
        for t in range(spec.per_entry)
    ]
    Assignment.objects.bulk_create(
        (Assignment(round=round_, judge=judge, entry=entry, method=Assignment.Method.AUTOMATIC)
         for entry, judge in pairs),
        batch_size=BATCH,
    )  # fmt: skip
    cards, scores = _cards(round_, criteria, pairs, spec, rng, now)
    return Built(
        contest=contest, round=round_, created=True, organizer=organizer.email,
        judges=[user.email for user in users],
        counts={"entries": len(entries), "judges": len(judges), "assignments": len(pairs),
                "scorecards": cards, "scores": scores},
    )  # fmt: skip


def _entries(contest, categories, count: int, now) -> list[Entry]:
    """`count` agencies, each with one submitted, screened-eligible entry."""
    agencies = Agency.objects.bulk_create(
        (Agency(code=f"BENCH{contest.pk}-{n}", name_ko=f"벤치 기관 {n}",
                name_en=f"Bench agency {n}", kind=Agency.Kind.CENTRAL)
         for n in range(1, count + 1)),
        batch_size=BATCH,
    )  # fmt: skip
    return Entry.objects.bulk_create(
        (
            Entry(contest=contest, category=categories[i % len(categories)], agency=agency,
                  title=f"벤치 사례 {i + 1}", status=Entry.Status.SUBMITTED, submitted_at=now,
                  eligibility=Entry.Eligibility.ELIGIBLE,
                  receipt_number=f"{contest.year}-{contest.pk:03d}-{i + 1:05d}")
            for i, agency in enumerate(agencies)
        ),
        batch_size=BATCH,
    )  # fmt: skip


def _cards(round_, criteria, pairs, spec: Size, rng: random.Random, now) -> tuple[int, int]:
    """The scorecards: the first `submitted` share of the pairs submitted with every criterion
    scored, the next `draft` share in draft with the first half of the criteria scored, the
    rest not started (no card). A score is a draw around 70% of 10 shifted by the judge's
    leniency (-1..+1), clipped to 0..10. Returns the numbers of cards and scores made."""
    lean = {judge.pk: rng.choice((-1, 0, 0, 1)) for _entry, judge in pairs}
    submitted = round(len(pairs) * spec.submitted)
    drafts = round(len(pairs) * spec.draft)
    rows, values = [], []
    for n, (entry, judge) in enumerate(pairs[: submitted + drafts]):
        done = n < submitted
        scored = criteria if done else criteria[: len(criteria) // 2]
        quality = rng.uniform(0.5, 0.9)
        drawn = [
            Decimal(min(10, max(0, round(10 * quality + rng.uniform(-1.5, 1.5)) + lean[judge.pk])))
            for _criterion in scored
        ]
        rows.append(
            Scorecard(round=round_, judge=judge, entry=entry, version=len(scored) + 1,
                      status=Scorecard.Status.SUBMITTED if done else Scorecard.Status.DRAFT,
                      submitted_at=now if done else None, total=sum(drawn) if done else None)
        )  # fmt: skip
        values.append(list(zip(scored, drawn, strict=True)))
    cards = Scorecard.objects.bulk_create(rows, batch_size=BATCH)
    scores = Score.objects.bulk_create(
        (Score(scorecard=card, criterion=criterion, value=value)
         for card, scored in zip(cards, values, strict=True) for criterion, value in scored),
        batch_size=BATCH,
    )  # fmt: skip
    return len(cards), len(scores)
