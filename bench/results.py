"""Results plus statistics of a large round (issue 8, "Speed"), against fetching its score rows.

On PostgreSQL, in a scratch database made for the run (created, migrated, dropped at the end),
builds one final round of 2,000 entries x 7 judges x 10 criteria (140,000 scores; 100 judges,
3 categories, trimmed mean k=1, award tiers and a tie-break chain, every scorecard submitted) with
bulk_create — a bench fixture, not the scorecard services — then VACUUM ANALYZE, as autovacuum
would soon after such a load (without statistics the planner expects one row per table and picks
nested loops: the round's queries took 2.5 s instead of 0.6 s). Then times, best of N rounds
that each run every case in turn (so that a change in the machine's load hits them alike):

  (a) baseline: the 140,000 score rows fetched as Python tuples (scorecard, criterion, value);
  (b) round_inputs(round) + outcome.compute(inputs) + reliability.round_statistics(inputs):
      everything the organizer's results and judge-statistics pages compute.

and prints (b)/(a) against the limit 1.0x, with the queries (b) makes and each part of (b);
robustness(inputs) (every method, and leave each judge out) is timed once and reported on its
own line without a limit. --profile adds cProfile's top entries for one run of (b).

    .venv/bin/python bench/results.py [--entries 2000] [--repeat 5] [--profile] [--keep]
        [--inputs-out FILE]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
DATABASE = "simsa_bench_results"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
LIMIT = 1.0


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def build(entries: int):
    """The contest, judges, rubric and the scored round; returns the round."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import User
    from contests.models import AwardTier, Category, Contest, Criterion, Round, TieBreakRule
    from scoring.models import Judge
    from tests.results.bulk import scored_entries

    now = timezone.now()
    contest = Contest.objects.create(
        name_ko="벤치 대회", name_en="Bench contest", year=2026,
        submission_opens_at=now - dt.timedelta(days=30),
        submission_closes_at=now - dt.timedelta(days=20),
    )  # fmt: skip
    categories = [
        Category.objects.create(contest=contest, name_ko=f"부문{i}", name_en=f"Category {i}",
                                order=i)
        for i in range(3)
    ]  # fmt: skip
    round_ = Round.objects.create(
        contest=contest, name_ko="본심사", name_en="Final", order=1,
        opens_at=now - dt.timedelta(days=10), closes_at=now + dt.timedelta(days=10),
        judges_per_entry=7, method=Round.Method.TRIMMED_MEAN, trim_count=1,
        weight=Decimal(100), advancement=Round.Advancement.NONE,
    )  # fmt: skip
    criteria = [
        Criterion.objects.create(round=round_, name_ko=f"항목{i}", name_en=f"Criterion {i}",
                                 max_points=Decimal(10), order=i)
        for i in range(10)
    ]  # fmt: skip
    users = [User(email=f"judge{i}@bench.kr", name=f"심사위원{i}") for i in range(100)]
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users)
    judges = Judge.objects.bulk_create(Judge(contest=contest, user=user) for user in users)
    for order, (name, count, per_category) in enumerate(
        [("대상", 1, False), ("최우수상", 3, True), ("우수상", 5, True)]
    ):
        AwardTier.objects.create(contest=contest, name_ko=name, name_en=name, count=count,
                                 per_category=per_category, order=order)  # fmt: skip
    TieBreakRule.objects.create(contest=contest, order=0, kind="criterion", criterion=criteria[0])
    TieBreakRule.objects.create(contest=contest, order=1, kind="untrimmed")
    scored_entries(round_, categories, judges, criteria, entries)
    return round_


def best_of(cases: dict, repeat: int) -> dict[str, float]:
    """Each case's best time over `repeat` rounds; every round runs all the cases one after the
    other, so a change in the machine's load hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, fn in cases.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: min(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile (b) once")
    parser.add_argument("--keep", action="store_true", help=f"keep the {DATABASE} database")
    parser.add_argument("--inputs-out", type=Path, help="write the round's inputs (for core.py)")
    args = parser.parse_args()

    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scoring import outcome
    from scoring.models import Score
    from scoring.reliability import round_statistics
    from scoring.selectors.results import round_inputs

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        round_ = build(args.entries)
        with connection.cursor() as cursor:  # what autovacuum does to freshly loaded tables
            cursor.execute("VACUUM ANALYZE")
        built = time.perf_counter() - started
        scores = Score.objects.filter(scorecard__round=round_)
        count = scores.count()
        print(f"PostgreSQL {connection.pg_version // 10000}, database {DATABASE}: "
              f"{args.entries} entries, {count} scores, built and migrated in {built:.1f} s; "
              f"best of {args.repeat}")  # fmt: skip

        def fetch():
            return list(scores.order_by().values_list("scorecard_id", "criterion_id", "value"))

        def fetch_ordered():  # with Score's default ordering (criterion order): for reference
            return list(scores.values_list("scorecard_id", "criterion_id", "value"))

        def results():
            data = round_inputs(round_)
            return data, outcome.compute(data.inputs), round_statistics(data.inputs)

        data, result, _stats = results()  # also warms up: connection, query plans, imports
        if args.inputs_out:
            args.inputs_out.write_text(json.dumps(data.inputs), encoding="utf-8")
        assert len(fetch()) == count
        assert len(result["entries"]) == args.entries
        assert not result["problems"], result["problems"]
        with CaptureQueriesContext(connection) as queries:
            results()
        labels = {
            "base": f"(a) fetch {count} score rows (no ORDER BY)",
            "ordered": "    same, with Score's default ordering",
            "total": "(b) results + statistics",
            "inputs": "    round_inputs(round)",
            "compute": "    outcome.compute(inputs)",
            "statistics": "    reliability.round_statistics(inputs)",
        }
        times = best_of(
            {
                "base": fetch,
                "ordered": fetch_ordered,
                "total": results,
                "inputs": lambda: round_inputs(round_),
                "compute": lambda: outcome.compute(data.inputs),
                "statistics": lambda: round_statistics(data.inputs),
            },
            args.repeat,
        )
        base, ratio = times["base"], times["total"] / times["base"]
        for name, seconds in times.items():
            line = f"{labels[name]:50}{seconds * 1000:9.1f} ms {seconds / base:6.2f}x"
            if name == "total":
                verdict = "OK" if ratio <= LIMIT else "OVER"
                line += f" (limit {LIMIT:.1f}x: {verdict}); {len(queries.captured_queries)} queries"
            print(line)
        try:
            from scoring.robustness import robustness
        except ImportError:
            print("robustness: scoring/robustness.py not there yet, not measured")
        else:
            started = time.perf_counter()
            robustness(data.inputs)
            seconds = time.perf_counter() - started
            print(f"{'robustness(inputs), once (reported, no limit)':50}{seconds * 1000:9.1f} ms "
                  f"{seconds / base:6.2f}x")  # fmt: skip
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(results)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(25)
            stats.sort_stats("tottime").print_stats(15)
            print(out.getvalue())
    finally:
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
