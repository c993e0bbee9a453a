"""50 judges autosaving under gunicorn on PostgreSQL (issue 10, "Speed"), against a bare
authenticated view in the same run.

In a scratch PostgreSQL database (created, migrated, dropped at the end, also on Ctrl+C or a
failure), builds size L with `scoring.demo.bench_data` (2,000 entries, 100 judges, 7 per entry,
10 criteria, 140,000 scores, bulk-created), sets the cards of the judges who will autosave back
to draft (as an organizer's reopen would: the round stays open), VACUUM ANALYZE, counts the
queries of one save in-process (the number tests/judge/test_save_queries.py pins), makes
signed-in sessions directly (no password posts) and starts gunicorn on 127.0.0.1 (config/
gunicorn.py: gthread, 2 workers x 4 threads by default, DEBUG off, BENCH_URLS=1). Then, for the
same duration and concurrency, in alternating turns, each of the --clients judges a keep-alive
connection sending the scorecard page's request (url-encoded form, X-CSRFToken, Accept:
application/json) one after the other:

  (a) the bare authenticated view (config/bench_views.py, POST /bench/bare/): session, user,
      CSRF and every middleware, then a small JSON answer;
  (b) the autosave (judge:save): each judge picks one of its cards and a criterion, sends a new
      whole-point value with the `base` the last answer gave, and records the value the server
      said it saved.

and prints saves/s against requests/s, (b)/(a) against the limit 0.5x, p50/p95, errors, and the
CPU shares of the client (this process), gunicorn, PostgreSQL and the machine. Afterwards every
score of the driven judges' cards must equal the last value the judge was told was saved (or the
built one if never touched). Exits nonzero on any error or mismatch.

    .venv/bin/python bench/load_autosave.py [--seconds 20] [--rounds 2] [--clients 50]
        [--workers 2] [--threads 4] [--entries 2000] [--keep]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
Loopback only; stops by itself (--rounds turns of (a) then (b), --seconds each: 80 s by
default, after the build). Turns alternate so that a change in the machine's load hits both.
"""

import argparse
import asyncio
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common, load_common  # noqa: E402
from bench.load_common import Phase  # noqa: E402

common.use_database("simsa_bench_load")
LIMIT = 0.5
BARE = "/bench/bare/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--seconds", type=float, default=20.0, help="each phase's duration")
    parser.add_argument("--clients", type=int, default=50, help="concurrent judges")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="turns of (a) then (b)")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    failed = True
    try:
        with common.scratch(args.keep):
            failed = run(args)
    except KeyboardInterrupt:
        print("interrupted: gunicorn stopped, scratch database dropped")
    sys.exit(1 if failed else 0)


class Judge:
    """One simulated judge: its session, its cards, what it was told is stored."""

    def __init__(self, login, cards: list[tuple[int, int]], criteria: list[int], known: dict):
        self.login = login
        self.cards = cards  # (scorecard id, entry id)
        self.criteria = criteria
        self.known: dict[tuple[int, int], str] = known  # (card, criterion) -> stored points
        self.unsure: dict[tuple[int, int], set[str]] = {}  # a save without an answer


def build(args):
    """Size L in the scratch database, the driven judges' cards set back to draft, VACUUM
    ANALYZE; returns the round, the driven judges (Judge rows) and the organizer."""
    from django.core.management import call_command
    from django.db import connection

    from scoring.demo import bench_data
    from scoring.models import Scorecard

    call_command("migrate", verbosity=0)
    round_ = bench_data.build("L", seed=args.seed, entries=args.entries).round
    judges = list(round_.contest.judges.select_related("user").order_by("pk")[: args.clients])
    Scorecard.objects.filter(round=round_, judge__in=judges).update(
        status=Scorecard.Status.DRAFT, submitted_at=None, total=None
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return round_, judges, round_.contest.organizers.get()


def simulated(round_, judges) -> list[Judge]:
    """One simulated judge per Judge row: its cards and what is stored on them now."""
    from scoring.models import Scorecard

    criteria = list(round_.criteria.order_by("order").values_list("pk", flat=True))
    cards: dict[int, list[tuple[int, int]]] = {judge.pk: [] for judge in judges}
    rows = Scorecard.objects.filter(round=round_, judge__in=judges)
    for card, judge, entry in rows.values_list("pk", "judge_id", "entry_id"):
        cards[judge].append((card, entry))
    known = stored(round_, judges)
    driven = []
    for judge in judges:
        ids = {card for card, _entry in cards[judge.pk]}
        mine = {key: value for key, value in known.items() if key[0] in ids}
        driven.append(Judge(load_common.login(judge.user), cards[judge.pk], criteria, mine))
    return driven


def stored(round_, judges) -> dict[tuple[int, int], str]:
    from scoring.models import Score

    rows = Score.objects.filter(scorecard__round=round_, scorecard__judge__in=judges)
    return {
        (card, criterion): points(value)
        for card, criterion, value in rows.values_list("scorecard_id", "criterion_id", "value")
    }


def points(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def queries_per_save(round_, judge, card: tuple[int, int], criterion: int) -> list[int]:
    """The statements of three saves of one field, in-process (Django's test client, the same
    middleware), without the transaction's own markers: what test_save_queries pins."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from scoring.models import Score

    client = Client()
    client.force_login(judge.user)
    url = reverse("judge:save", args=[round_.pk, card[1]])
    found = Score.objects.filter(scorecard_id=card[0], criterion_id=criterion).first()
    counts, base = [], points(found.value) if found else ""
    for value in ("3", "4", "5"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(url, {f"score-{criterion}": value, "base": base},
                                   HTTP_ACCEPT="application/json")  # fmt: skip
        assert response.status_code == 200, response.content
        base = response.json()["value"]
        marks = ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT", "ROLLBACK")
        counts.append(sum(not q["sql"].startswith(marks) for q in ctx.captured_queries))
    return counts


def run(args) -> bool:
    """True when something failed: an error or a mismatch (the ratio and the query count are
    verdicts printed, as in the other benches)."""
    from django.db import connection

    started = time.perf_counter()
    round_, judges, organizer = build(args)
    first = round_.scorecards.filter(judge=judges[0]).order_by("pk").first()
    last_criterion = round_.criteria.order_by("order").last()
    counts = queries_per_save(round_, judges[0], (first.pk, first.entry_id), last_criterion.pk)
    driven = simulated(round_, judges)  # read after those saves
    load_common.login(organizer)  # the organizer's session (for the pages bench to come)
    known = sum(len(judge.known) for judge in driven)
    cards = sum(len(judge.cards) for judge in driven)
    print(f"PostgreSQL {connection.pg_version // 10000}, database {common.DATABASE}: "
          f"{args.entries} entries, {known} scores on {cards} draft cards of "
          f"{len(driven)} judges; built in {time.perf_counter() - started:.1f} s")  # fmt: skip
    connection.close()
    port = load_common.free_port()
    url = f"{common.SERVER}/{common.DATABASE}"
    with load_common.gunicorn(url, port, workers=args.workers, threads=args.threads,
                              ready_path=BARE) as master:  # fmt: skip
        rng = random.Random(args.seed)
        asyncio.run(warm_up(port, driven))
        bare, saves = Phase("(a) bare view"), Phase("(b) autosave")
        for _ in range(args.rounds):  # a, b, a, b…: a change in the machine's load hits both
            asyncio.run(measure(bare, master, args, bare_clients(port, driven)))
            asyncio.run(measure(saves, master, args, save_clients(port, driven, round_.pk, rng)))
    mismatches = verify(round_, judges, driven)
    return report(args, bare, saves, counts, mismatches)


async def warm_up(port: int, driven: list[Judge]) -> None:
    """A bare request from 8 judges (each thread's database connection and imports)."""
    for judge in driven[:8]:
        content_type, body = load_common.form_body({"csrfmiddlewaretoken": judge.login.csrf})
        connection = load_common.Connection(port)
        headers = load_common.script_headers(judge.login, port, content_type)
        answer = await connection.post(BARE, headers, body)
        assert answer.status == 200, (answer.status, answer.body[:300])
        connection.close()


async def measure(phase: Phase, master: int, args, clients) -> None:
    """One turn of `phase` (its figures add up over the turns)."""
    print(f"{phase.name}: {args.seconds:.0f} s, gunicorn pid {master}", flush=True)
    before = load_common.cpu_ticks(master, common.DATABASE)
    wall = await load_common.drive([client(phase) for client in clients], args.seconds)
    after = load_common.cpu_ticks(master, common.DATABASE)
    phase.add_cpu(load_common.cpu_shares(before, after, wall), wall)


def bare_clients(port: int, driven: list[Judge]):
    def client(judge: Judge):
        def bound(phase: Phase):
            async def loop(deadline: float) -> None:
                connection = load_common.Connection(port)
                form = {"csrfmiddlewaretoken": judge.login.csrf}
                while time.perf_counter() < deadline:
                    content_type, body = load_common.form_body(form)
                    headers = load_common.script_headers(judge.login, port, content_type)
                    try:
                        answer = await connection.post(BARE, headers, body)
                    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                        phase.error(type(error).__name__)
                        continue
                    if answer.status == 200:
                        phase.latencies.append(answer.seconds)
                    else:
                        phase.error(f"HTTP {answer.status}")
                connection.close()

            return loop

        return bound

    return [client(judge) for judge in driven]


def save_clients(port: int, driven: list[Judge], round_pk: int, rng: random.Random):
    def client(judge: Judge, seed: int):
        def bound(phase: Phase):
            async def loop(deadline: float) -> None:
                mine = random.Random(seed)
                connection = load_common.Connection(port)
                while time.perf_counter() < deadline:
                    card, entry = mine.choice(judge.cards)
                    criterion = mine.choice(judge.criteria)
                    key = (card, criterion)
                    base = judge.known.get(key, "")
                    value = str(mine.choice([n for n in range(11) if str(n) != base]))
                    content_type, body = load_common.form_body({
                        "csrfmiddlewaretoken": judge.login.csrf,
                        f"score-{criterion}": value, "base": base,
                    })  # fmt: skip
                    headers = load_common.script_headers(judge.login, port, content_type)
                    path = f"/judge/rounds/{round_pk}/entries/{entry}/save/"
                    try:
                        answer = await connection.post(path, headers, body)
                    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                        phase.error(type(error).__name__)
                        judge.unsure.setdefault(key, {base}).add(value)
                        continue
                    told = _told(answer)
                    if told is not None:
                        judge.known[key] = told
                        judge.unsure.pop(key, None)
                    if answer.status == 200 and told == value:
                        phase.latencies.append(answer.seconds)
                    else:
                        phase.error(f"HTTP {answer.status}: {answer.body[:120]!r}")
                connection.close()

            return loop

        return bound

    return [client(judge, rng.randrange(1 << 30)) for judge in driven]


def _told(answer) -> str | None:
    """The stored value the answer reports (200, 409 and 422 all say it), else None."""
    if answer.status not in (200, 409, 422):
        return None
    try:
        return json.loads(answer.body)["value"]
    except (ValueError, KeyError):
        return None


def verify(round_, judges, driven: list[Judge]) -> list[str]:
    """Every score of the driven judges' cards against what each judge was told (a save that
    got no answer may have gone either way)."""
    now = stored(round_, judges)
    mismatches = []
    for judge in driven:
        for card, _entry in judge.cards:
            for criterion in judge.criteria:
                key = (card, criterion)
                expected = judge.unsure.get(key) or {judge.known.get(key, "")}
                if now.get(key, "") not in expected:
                    mismatches.append(f"card {card} criterion {criterion}: stored "
                                      f"{now.get(key, '')!r}, told {sorted(expected)}")  # fmt: skip
    return mismatches


def cpu_per_answer(phase: Phase) -> tuple[float, float]:
    """gunicorn's and PostgreSQL's CPU milliseconds per answer in `phase`."""
    cores = os.cpu_count() or 1
    per = phase.wall * cores * 1000 / max(1, phase.done + sum(phase.errors.values()))
    return phase.cpu["gunicorn"] * per, phase.cpu["postgres"] * per


def report(args, bare: Phase, saves: Phase, counts: list[int], mismatches: list[str]) -> bool:
    print(f"gunicorn gthread {args.workers} workers x {args.threads} threads, {args.clients} "
          f"clients, {args.rounds} x {args.seconds:.0f} s per phase; CPU shares of all "
          f"{os.cpu_count()} cores (postgres: the scratch database's backends)")  # fmt: skip
    for phase in (bare, saves):
        cpu = ", ".join(f"{name} {share:.0%}" for name, share in phase.cpu.items())
        print(f"{phase.name:16}{phase.rate:8.1f}/s  p50 {phase.percentile(0.5) * 1000:6.1f} ms  "
              f"p95 {phase.percentile(0.95) * 1000:6.1f} ms  {phase.done} ok, "
              f"{sum(phase.errors.values())} errors; CPU: {cpu}")  # fmt: skip
        for kind, number in sorted(phase.errors.items())[:10]:
            print(f"    {number} x {kind}")
    ratio = saves.rate / bare.rate if bare.rate else 0.0
    verdict = "OK" if ratio >= LIMIT else "UNDER"
    print(f"(b)/(a) {ratio:.2f}x (limit {LIMIT}x: {verdict}); queries per save {counts} "
          f"(limit 8)")  # fmt: skip
    # CPU per answer: what each request costs, whatever else the machine runs meanwhile.
    cost = {phase.name: cpu_per_answer(phase) for phase in (bare, saves)}
    (bare_app, bare_db), (save_app, save_db) = cost[bare.name], cost[saves.name]
    print(f"CPU per answer: (a) gunicorn {bare_app:.1f} ms + PostgreSQL {bare_db:.1f} ms; "
          f"(b) gunicorn {save_app:.1f} ms + PostgreSQL {save_db:.1f} ms; "
          f"(a)/(b) {(bare_app + bare_db) / (save_app + save_db):.2f}x")  # fmt: skip
    print(f"stored scores checked against what each judge was told: {len(mismatches)} mismatches")
    for line in mismatches[:20]:
        print(f"    {line}")
    errors = sum(bare.errors.values()) + sum(saves.errors.values())
    return bool(errors or mismatches)


if __name__ == "__main__":
    main()
