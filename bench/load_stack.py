"""Load through the production stack (issue 12, item 3, and "Bad input"): honest judges
autosaving, organizers on their pages, the bare view and hostile clients, all in one run.

In a scratch PostgreSQL database (created, dropped at the end, also on Ctrl+C or a failure)
starts `./run prod` (config/prod_stack.py: migrate, gunicorn, WhiteNoise, the db_worker, a local
S3 endpoint) on free loopback ports with the bench's bare view routed (BENCH_URLS=1), then builds
`manage.py bench_data` size S (--size L; --tiny: a small world for tests) and a second small
contest whose window this run closes (bench/load_stack_world.py), before any request. Then:

  (a) the bare authenticated view alone (POST /bench/bare/: session, user, CSRF, every
      middleware, a small JSON answer) from the --judges clients, for --bare-seconds;
  (b) for --seconds, at once: --judges judges autosaving their unsubmitted cards (the page's
      exact request), --organizers organizers going round the progress board, its htmx
      self-refresh, the results index, the round's results and the judges' analysis, one client
      on the bare view, and (--hostile, on by default) the bad-input clients of
      bench/load_stack_hostile.py: stale versions, duplicate submits, saves after the second
      contest's window is closed a third of the way in, malformed values.

Prints autosave throughput and its ratio to (a), p50/p95 of every page, failed requests (must be
0), each hostile kind's refusals (each must be refused as it should be, and happen), then checks
every stored score of every driven card against the last value its judge was told was saved,
and that each card submitted twice at once was submitted once. Exits 1 on any failure.

    .venv/bin/python bench/load_stack.py [--size S|L] [--tiny] [--seconds 30] [--judges 50]
        [--organizers 3] [--hostile-clients 2] [--no-hostile] [--workers 2] [--threads 4]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth (BENCH_PG overrides the server URL: it
must be on loopback, as everything here). Stops by itself after (a) and (b); a bad-input kind
not refused once by the end of (b) (a slow machine) goes on until it is, at most 30 s more.
"""

import argparse
import asyncio
import ipaddress
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common, load_common  # noqa: E402
from bench import load_stack_hostile as hostile_clients  # noqa: E402
from bench import load_stack_world as world_data  # noqa: E402
from bench.load_common import HOST, Phase  # noqa: E402
from bench.load_stack_http import (  # noqa: E402
    Client,
    bare_client,
    form,
    headers_of,
    honest_saver,
    organizer,
)

KINDS = ("stale", "duplicate submit", "closed window", "malformed")
STACK_ENV_DROPPED = {"AWS_S3_ENDPOINT_URL", "STATIC_ROOT", "MEDIA_STORAGE", "SECRET_KEY"}


def options(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("S", "L"), default="S")
    parser.add_argument("--tiny", action="store_true", help="a small world (tests)")
    parser.add_argument("--entries", type=int, help="change the size's number of entries")
    parser.add_argument("--seconds", type=float, default=30.0, help="phase (b)")
    parser.add_argument("--bare-seconds", type=float, help="phase (a); half of (b) by default")
    parser.add_argument("--judges", type=int, default=50, help="honest judges autosaving")
    parser.add_argument("--organizers", type=int, default=3)
    parser.add_argument("--hostile", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--hostile-clients", type=int, default=2, help="per hostile kind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default="simsa_bench_stack")
    parser.add_argument("--start-timeout", type=float, default=240.0)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and _")
    if not 1 <= args.seconds <= 600 or args.judges < 1 or args.hostile_clients < 1:
        parser.error("--seconds 1..600, --judges and --hostile-clients at least 1")
    server = urllib.parse.urlsplit(common.SERVER).hostname or ""
    if not _loopback(server) or not _loopback(HOST):
        parser.error(f"loopback only: the PostgreSQL server is {server!r}")
    args.bare_seconds = args.bare_seconds or max(2.0, args.seconds / 2)
    return args


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def main() -> None:
    args = options()
    common.use_database(args.database)
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # the stack's too: sessions made here
    failed = True
    try:
        with common.scratch(args.keep):
            failed = run(args)
    except KeyboardInterrupt:
        print("interrupted: the stack stopped, scratch database dropped")
    sys.exit(1 if failed else 0)


def run(args) -> bool:
    """True when something failed."""
    from django.db import connections
    from django.urls import reverse

    started = time.perf_counter()
    with production_stack(args) as (port, master, output):  # it migrates the scratch database
        print(f"started in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        world = world_data.build(args)
        texts, pages = world_data.texts(), _pages(world, reverse)
        dashboard = reverse("judge:dashboard")
        connections.close_all()
        size = "tiny (T)" if args.tiny else args.size
        print(f"database {common.DATABASE}, size {size}: {world.counts['entries']} entries, "
              f"{world.counts['judges']} judges; {len(world.honest)} honest judges drive "
              f"{world.counts['cards']} unsubmitted cards ({world.counts['scores']} scores); "
              f"built in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
        hostile = hostile_clients.Hostile(port, texts, dashboard)
        asyncio.run(_warm_up(world, port, pages))
        bare = Phase("(a) bare view alone")
        asyncio.run(load_common.drive(
            [bare_client(actor.login, port, bare) for actor in world.honest], args.bare_seconds
        ))  # fmt: skip
        bare.wall = args.bare_seconds
        phases, clients = _mixed(args, world, port, pages, hostile)
        before = load_common.cpu_ticks(master, common.DATABASE)
        wall = asyncio.run(load_common.drive(clients, args.seconds))
        cpu = load_common.cpu_shares(before, load_common.cpu_ticks(master, common.DATABASE), wall)
        for phase in phases:  # what started before the deadline, over the phase's time
            phase.wall = args.seconds
        stack_text = output.text()
    actors = world.honest + world.stale_own + world.submit_own + world.closed
    wrong = world_data.mismatches(actors)
    double = world_data.submits_recorded(hostile.submitted)
    return report(args, bare, phases, hostile, cpu, wrong, double, actors, stack_text)


def _pages(world, reverse) -> list[tuple[str, str, dict]]:
    contest, round_ = world.contest_pk, world.round_pk
    board = f"{reverse('control:progress', args=[contest])}?round={round_}"
    return [
        ("progress board", board, {}),
        ("progress board refresh (htmx)", board, {"HX-Request": "true",
                                                   "HX-Target": "progress-board"}),
        ("results index", reverse("results:index", args=[contest]), {}),
        ("round results", reverse("results:round", args=[contest, round_]), {}),
        ("analysis: judges", reverse("analysis:judges", args=[contest, round_]), {}),
    ]  # fmt: skip


async def _warm_up(world, port: int, pages) -> None:
    """Each page once (the other organizers: the board) and a bare request from a few judges
    (imports, connections, caches)."""
    client = Client(port)
    for n, login in enumerate(world.organizers):
        for name, path, extra in pages if n == 0 else pages[:1]:
            reply = await client.send("GET", path, headers_of(login, port, script=False) | extra)
            if reply.status != 200:
                raise RuntimeError(f"{name} answered {reply.status}: {reply.body[:300]!r}")
    for actor in world.honest[:8]:
        extra, body = form({"csrfmiddlewaretoken": actor.login.csrf})
        reply = await client.send(
            "POST", "/bench/bare/", headers_of(actor.login, port) | extra, body
        )
        if reply.status != 200:
            raise RuntimeError(f"the bare view answered {reply.status}: {reply.body[:300]!r}")
    client.close()


def _mixed(args, world, port: int, pages, hostile):
    """Phase (b)'s clients and their phases."""
    rng = random.Random(args.seed)
    saves, probe = Phase("autosave"), Phase("bare view (1 client)")
    page_phases = [Phase(name) for name, _path, _extra in pages]
    visits = [(phase, path, extra) for phase, (_n, path, extra) in zip(page_phases, pages,
                                                                        strict=True)]  # fmt: skip
    clients = [honest_saver(actor, port, saves, rng.randrange(1 << 30)) for actor in world.honest]
    for n, who in enumerate(world.organizers):  # each starts elsewhere in the round of pages
        first = n * len(visits) // len(world.organizers)
        clients.append(organizer(who, port, visits[first:] + visits[:first]))
    clients.append(bare_client(world.honest[0].login, port, probe))
    if args.hostile:
        k, h = args.hostile_clients, hostile_clients
        clients += [h.stale_form(hostile, world.honest, rng.randrange(1 << 30)) for _ in range(k)]
        clients += [h.malformed(hostile, world.honest, rng.randrange(1 << 30)) for _ in range(k)]
        clients += [h.stale_field(hostile, a, rng.randrange(1 << 30)) for a in world.stale_own]
        clients += [h.duplicate_submit(hostile, a, rng.randrange(1 << 30))
                    for a in world.submit_own]  # fmt: skip
        clients += [h.closed_window(hostile, a, rng.randrange(1 << 30)) for a in world.closed]
        close = world_data.close_window
        clients.append(h.closer(hostile, args.seconds / 3, lambda: close(world.closed_round_pk)))
    return [saves, probe, *page_phases], clients


class Output:
    """The stack's output, read by a thread so that its pipe never fills."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process) -> None:
        for line in process.stdout:
            self.lines.append(line.decode(errors="replace"))

    def text(self) -> str:
        return "".join(self.lines)


@contextmanager
def production_stack(args):
    """`python -m config.prod_stack` on free loopback ports against the scratch database;
    yields (port, gunicorn master pid, its output); stopped (SIGTERM, then SIGKILL) whatever
    happened."""
    port, s3_port = load_common.free_port(), load_common.free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in STACK_ENV_DROPPED and not key.startswith("GUNICORN_")}  # fmt: skip
    env |= {
        "DATABASE_URL": f"{common.SERVER}/{common.DATABASE}",
        "BENCH_URLS": "1",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "GUNICORN_THREADS": str(args.threads),
    }
    launcher = subprocess.Popen(  # noqa: S603 - our own launcher, fixed arguments
        [sys.executable, "-m", "config.prod_stack", "--port", str(port), "--s3-port",
         str(s3_port), "--workers", str(args.workers)],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    output = Output(launcher)
    try:
        deadline = time.monotonic() + args.start_timeout
        while "Running (Ctrl+C stops everything)" not in output.text():
            if launcher.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the production stack did not start:\n{output.text()}")
            time.sleep(0.2)
        time.sleep(0.3)  # the rest of the block
        master = int(re.search(r"gunicorn pid (\d+)", output.text())[1])
        print(f"production stack on http://{HOST}:{port}/: gunicorn pid {master}, "
              f"{args.workers} workers x {args.threads} threads, db_worker, S3 (moto) on "
              f"{s3_port}, DEBUG off", flush=True)  # fmt: skip
        yield port, master, output
    finally:
        if launcher.poll() is None:
            launcher.send_signal(signal.SIGTERM)
        try:
            launcher.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()


def _line(phase: Phase) -> str:
    failed = sum(phase.errors.values())
    return (
        f"    {phase.name:32}{phase.rate:8.1f}/s  p50 {phase.percentile(0.5) * 1000:7.1f} ms"
        f"  p95 {phase.percentile(0.95) * 1000:7.1f} ms  {phase.done} ok, {failed} failed"
    )


def report(args, bare, phases, hostile, cpu, wrong, double, actors, stack_text) -> bool:
    saves = phases[0]
    print(f"(a) bare view alone, {args.judges} clients, {bare.wall:.0f} s:")
    print(_line(bare))
    print(
        f"(b) all at once, {phases[0].wall:.0f} s; CPU shares of all {os.cpu_count()} cores: "
        + ", ".join(f"{name} {share:.0%}" for name, share in cpu.items())
    )
    for phase in phases:
        print(_line(phase))
    ratio = saves.rate / bare.rate if bare.rate else 0.0
    print(
        f"autosave throughput {saves.rate:.1f}/s = {ratio:.2f}x the bare view alone "
        f"({bare.rate:.1f}/s)"
    )
    failed = sum(sum(phase.errors.values()) for phase in [bare, *phases])
    print(f"failed requests: {failed}")
    for phase in [bare, *phases]:
        for kind, number in sorted(phase.errors.items())[:5]:
            print(f"    {phase.name}: {number} x {kind}")
    problems = failed
    if args.hostile:
        print("bad input (each must be refused as it should be):")
        for kind in KINDS:
            tally = hostile.tally(kind)
            reasons = "; ".join(f"{reason} {n}" for reason, n in sorted(tally.by_reason.items()))
            print(f"    {kind:18}{tally.refused:6} refused, {len(tally.failures)} not as they "
                  f"should be ({reasons})")  # fmt: skip
            for text in tally.failures[:5]:
                print(f"        {text}")
            problems += len(tally.failures) + (tally.refused == 0)
    scores = sum(len(actor.known) for actor in actors)
    cards = sum(len(actor.entries) for actor in actors)
    verdict = "OK" if not wrong else "MISMATCH"
    print(f"verification: {scores} stored scores on {cards} cards of {len(actors)} simulated "
          f"judges against the last value each was told was saved: {verdict} "
          f"({len(wrong)} mismatches)")  # fmt: skip
    for text in wrong[:20]:
        print(f"    {text}")
    if args.hostile:
        verdict = "OK" if not double else "WRONG"
        print(f"verification: {len(hostile.submitted)} cards submitted twice at once, each "
              f"submitted with exactly one submit event: {verdict}")  # fmt: skip
        for text in double[:20]:
            print(f"    {text}")
    problems += len(wrong) + len(double)
    if problems:
        print("the stack's last output lines:\n" + "".join(stack_text.splitlines(True)[-30:]))
    print(f"result: {'FAILED' if problems else 'OK'}")
    return bool(problems)


if __name__ == "__main__":
    main()
