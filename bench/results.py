"""Results plus statistics of a large round (issue 8, "Speed"), against fetching its score rows.

On PostgreSQL, in a scratch database made for the run (created, migrated, dropped at the end),
builds one final round of 2,000 entries x 7 judges x 10 criteria (140,000 scores; 100 judges,
3 categories, trimmed mean k=1, award tiers and a tie-break chain, every scorecard submitted) with
bulk_create (bench/common.py: a bench fixture, not the scorecard services), then VACUUM
ANALYZE, as autovacuum would soon after such a load (without statistics the planner expects one
row per table and picks nested loops: the round's queries took 2.5 s instead of 0.6 s). Then
times, best of N rounds that each run every case in turn (so that a change in the machine's load
hits them alike):

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

import json
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common  # noqa: E402

common.use_database("simsa_bench_results")
LIMIT = 1.0


def main() -> None:
    parser = common.options(__doc__, repeat=5)
    parser.add_argument("--profile", action="store_true", help="cProfile (b) once")
    parser.add_argument("--inputs-out", type=Path, help="write the round's inputs (for core.py)")
    common.main(parser, run)


def run(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scoring import outcome
    from scoring.models import Score
    from scoring.reliability import round_statistics
    from scoring.selectors.results import round_inputs

    started = time.perf_counter()
    round_ = common.migrated_round(args.entries)
    built = time.perf_counter() - started
    scores = Score.objects.filter(scorecard__round=round_)
    count = scores.count()
    print(f"PostgreSQL {connection.pg_version // 10000}, database {common.DATABASE}: "
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
    times = common.best_of(
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
        common.print_profile(results, 25, 15)


if __name__ == "__main__":
    main()
