"""What the database benchmarks share (bench/results.py, bench/workbook.py, bench/pdf.py): a
scratch PostgreSQL database of their own, created, migrated and dropped at the end; the large
round they time (2,000 entries x 7 judges x 10 criteria, 100 judges, 3 categories, trimmed mean
k=1, award tiers, a tie-break chain), built with bulk_create (a bench fixture, not the scorecard
services) then VACUUM ANALYZE; best-of-N timing; cProfile's top entries.

A script calls `use_database(name)` before Django is set up (it sets DATABASE_URL), adds its own
options to `options(__doc__, repeat=N)` and hands them with its `run(args)` to `main`, which runs
it inside `scratch(keep)`, where Django is set up on the fresh database.

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parents[1]
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
DATABASE = ""  # set by use_database


def use_database(name: str) -> None:
    """Point Django at the scratch database `name` on SERVER (before django.setup)."""
    global DATABASE
    DATABASE = name
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def options(doc: str, *, repeat: int) -> argparse.ArgumentParser:
    """The options of every database benchmark: --entries, --repeat, --keep."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--keep", action="store_true", help=f"keep the {DATABASE} database")
    return parser


def main(parser: argparse.ArgumentParser, run: Callable) -> None:
    """Parse the options, then `run(args)` in the scratch database (dropped unless --keep)."""
    args = parser.parse_args()
    with scratch(args.keep):
        run(args)


@contextmanager
def scratch(keep: bool = False) -> Iterator[None]:
    """The database created afresh and Django set up on it; dropped at the end unless `keep`."""
    recreate_database()
    import django

    django.setup()
    try:
        yield
    finally:
        if not keep:
            drop_database()


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


def migrated_round(entries: int):
    """Migrate the scratch database and build the round in it, then VACUUM ANALYZE, as
    autovacuum would soon after such a load (without statistics the planner expects one row per
    table and picks nested loops). Returns the round."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    round_ = build(entries)
    with connection.cursor() as cursor:  # what autovacuum does to freshly loaded tables
        cursor.execute("VACUUM ANALYZE")
    return round_


def finalized_round(args):
    """migrated_round(args.entries), finalized through scoring.services.results.round_finalize;
    prints the database, the size and how long it took."""
    from django.db import connection

    from accounts.models import User
    from scoring.services.results import round_finalize

    started = time.perf_counter()
    round_ = migrated_round(args.entries)
    organizer = User.objects.create(email="organizer@bench.kr", name="주관")
    round_finalize(round_=round_, by=organizer)
    print(f"PostgreSQL {connection.pg_version // 10000}, database {DATABASE}: "
          f"{args.entries} entries, finalized, built in {time.perf_counter() - started:.1f} s;"
          f" best of {args.repeat}")  # fmt: skip
    return round_


def best_of(cases: dict[str, Callable], repeat: int) -> dict[str, float]:
    """Each case's best time over `repeat` rounds; every round runs all the cases one after the
    other, so a change in the machine's load hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, fn in cases.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: min(values) for name, values in times.items()}


def print_profile(fn: Callable, cumulative: int, tottime: int) -> None:
    """cProfile's top entries for one run of `fn`: by cumulative time, then by own time."""
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(cumulative)
    stats.sort_stats("tottime").print_stats(tottime)
    print(out.getvalue())
