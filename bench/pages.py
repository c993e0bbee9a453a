"""Every organizer and judge page at sizes S and L against a bare authenticated view (issue 12).

In a scratch PostgreSQL database (created, migrated, dropped at the end unless --keep), builds
the scale contests of `scoring.demo.bench_data` (S: 900 entries, 60 judges, 5 per entry, 8
criteria, mid-judging; L: 2,000 entries, 100 judges, 7 per entry, 10 criteria, fully scored),
publishes each, adds around it the few small objects the permission matrix's world has (a
draft contest, an attachment with its file on the first entry, a judge invitation, an agency
member, invitation and join request, TOTP for the organizer), then VACUUM ANALYZE.

The pages are the permission matrix's (tests/permissions/test_matrix.py with every rows_*.py):
each GET row whose organizer or judge column is 200, its URL built by the matrix's `url_for`
from a world made of the size's objects: the contest, its round, first criterion, first entry
by receipt number, the first judge assigned to that entry and their scorecard (submitted at both
sizes; set back to draft with its scores, as after an organizer's reopen and as the matrix
world's card). Organizer pages are requested as the contest's organizer, judge pages as that
judge; a page open to both is benched as both.

In-process with Django's test client, in production mode (DJANGO_PRODUCTION=1: DEBUG off,
HTTPS requests as from the proxy, manifest static files collected into a temporary directory,
MFA required and set up for the organizer, database cache), for each page:

  1. one request, timed ("first ms": a page that keeps a cache fills it here), its queries
     counted (CaptureQueriesContext) and its bytes read (a streamed file is read to its end);
     if it took over --slow seconds (5 by default), that is the page's figure;
  2. otherwise a second request counts the queries on warm caches, then best of --repeat
     rounds, each one request of the page then three of the bare view; a page of one run gets
     the bare view's best of 3 x --repeat right after it.

The bare view is config/bench_views.py's POST /bench/bare/ (routed with BENCH_URLS=1): the same
client and session, CSRF cookie and header, every middleware, a small JSON answer. Each page's
ratio is against the bare view's best time in the page's own rounds (the same moment of a busy
machine: a change in its load hits both).

Prints a table per size (page [role], kind, first and best time, the bare view's best beside
it, x bare, KB, queries), then the flags: HTML pages over 1 MB or over 20x the bare view at L,
files (PDF, workbooks, ZIP) over 20x, and pages whose query count differs between S and L, and
the line "targets: ...". Exits 0 when targets are missed (a measurement); 1 only when the bench
itself fails. A request still running after --timeout seconds is stopped and reported.

    .venv/bin/python bench/pages.py [--sizes S,L] [--repeat 3] [--only SUBSTRING] [--keep]
        [--slow 5] [--timeout 300] [--markdown]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
"""

import argparse
import hashlib
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common  # noqa: E402
from bench.pages_report import ROLES, Row, report  # noqa: E402

common.use_database("simsa_bench_pages")
BARE = "/bench/bare/"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
HTTPS = {"secure": True, "headers": {"X-Forwarded-Proto": "https"}}


class TimedOut(Exception):
    pass


def production_environment(static_root: str, media_root: str) -> None:
    """Production mode for this process (before Django is set up)."""
    os.environ.pop("DEBUG", None)
    os.environ.update(
        DJANGO_PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL="https://bench.example.kr", ALLOWED_HOSTS="testserver", BENCH_URLS="1",
        STATIC_ROOT=static_root, MEDIA_ROOT=media_root,
    )  # fmt: skip
    os.environ.setdefault("LOG_LEVEL", "ERROR")  # no warning per 404 or 403


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,L", help="comma-separated, of S and L")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds: no repeats above")
    parser.add_argument("--timeout", type=int, default=300, help="seconds for one request")
    parser.add_argument("--markdown", action="store_true", help="also a table for RESULTS.md")
    args = parser.parse_args()
    args.sizes = [size.strip().upper() for size in args.sizes.split(",") if size.strip()]
    if not args.sizes or set(args.sizes) - {"S", "L"}:
        parser.error("--sizes takes S, L or S,L")
    static_root = tempfile.mkdtemp(prefix="simsa-bench-static-")
    media_root = tempfile.mkdtemp(prefix="simsa-bench-media-")
    production_environment(static_root, media_root)
    try:
        with common.scratch(args.keep):
            run(args)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from scoring.demo import bench_data

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    worlds = {size: world_for(size, bench_data.build(size)) for size in args.sizes}
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"PostgreSQL {connection.pg_version // 10000}, database {common.DATABASE}, "
          f"production settings; sizes {', '.join(args.sizes)} built in "
          f"{time.perf_counter() - started:.0f} s; best of {args.repeat} "
          f"(one run above {args.slow:g} s)")  # fmt: skip
    pages, unbuilt = matrix_pages(args.only, next(iter(worlds.values())))
    rows: list[Row] = []
    bares: dict[tuple[str, str], Row] = {}
    for size, world in worlds.items():
        clients = {role: signed_in(world.users[role]) for role in ROLES}
        for role, client in clients.items():
            bares[size, role] = bare_row(size, role, client)
        for name, role in pages:
            row = measure(Row(size, name, role), clients[role], world, args)
            rows.append(row)
            print(f"  {size} {row.label}: {row.seconds * 1000:.0f} ms, {row.status}",
                  file=sys.stderr, flush=True)  # fmt: skip
    report(args, rows, bares, unbuilt)


def world_for(size: str, built) -> SimpleNamespace:
    """What tests/permissions/test_matrix.url_for reads from its World, made of the size's
    contest, with the few small objects the bench data has none of."""
    import datetime as dt

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from accounts.models import User
    from contests.models import Contest, ContestDocument
    from contests.services.contest import contest_create
    from scoring.demo import bench_data
    from scoring.models import Assignment, JudgeInvitation, Objection, Scorecard
    from submissions.models import (
        AgencyInvitation,
        AgencyMembership,
        Attachment,
        Entry,
        JoinRequest,
    )

    tag, now = size.lower(), timezone.now()
    contest, round_ = built.contest, built.round
    Contest.objects.filter(pk=contest.pk).update(is_published=True)  # as the matrix's world
    contest.refresh_from_db()
    organizer = User.objects.get(email=built.organizer)
    TOTP.activate(organizer, generate_totp_secret())  # production asks organizers for it
    entry = Entry.objects.filter(contest=contest).order_by("receipt_number").first()
    judge = (
        Assignment.objects.filter(round=round_, entry=entry)
        .select_related("judge__user").order_by("judge_id").first().judge
    )  # fmt: skip
    attachment = Attachment(entry=entry, original_name="추진성과.pdf", kind=Attachment.Kind.PDF,
                            size=len(PDF), sha256=hashlib.sha256(PDF).hexdigest())  # fmt: skip
    attachment.file.save("bench.pdf", ContentFile(PDF))
    draft = contest_create(by=organizer, data={
        "name_ko": f"벤치 초안 {size}", "name_en": f"Bench draft {size}", "year": now.year,
        "submission_opens_at": now + dt.timedelta(days=10),
        "submission_closes_at": now + dt.timedelta(days=40),
    })  # fmt: skip

    def user(kind: str) -> User:
        return User.objects.create(email=f"bench-{tag}-{kind}@{bench_data.DOMAIN}",
                                   name=f"벤치 {kind}", password="!")  # noqa: S106 # fmt: skip

    document = ContestDocument(contest=contest, title="공고문", original_name="공고문.pdf",
                               kind="pdf", size=len(PDF))  # fmt: skip
    document.file.save("bench-notice.pdf", ContentFile(PDF))
    member_ship = AgencyMembership.objects.create(agency=entry.agency, user=user("member"))
    Objection.objects.create(  # objection #1 (objections:detail), as the matrix's world
        contest=contest, number=1, entry=entry, concern=Objection.Concern.PROCEDURE,
        text="발표 순서가 공지와 달랐습니다.", filed_by=member_ship.user,
    )  # fmt: skip
    card = Scorecard.objects.get(round=round_, judge=judge, entry=entry)
    # Back to draft, its scores kept (an organizer's reopen), as the matrix world's card: the
    # judge's editable scorecard and its submit page are benched.
    Scorecard.objects.filter(pk=card.pk).update(
        status=Scorecard.Status.DRAFT, submitted_at=None, total=None
    )
    return SimpleNamespace(
        contest=contest, draft=draft, round=round_,
        criterion=round_.criteria.order_by("order").first(), agency=entry.agency, entry=entry,
        attachment=attachment, judge=judge,
        scorecard=card,
        member_ship=member_ship, document=document,
        invitation=JudgeInvitation.objects.create(
            contest=contest, email=f"bench-{tag}-invited@{bench_data.DOMAIN}", name="초대 심사위원",
            token=f"bench-{tag}-judge-invitation", invited_by=organizer),
        agency_invitation=AgencyInvitation.objects.create(
            agency=entry.agency, email=f"bench-{tag}-colleague@{bench_data.DOMAIN}",
            name="초대 동료", token=f"bench-{tag}-agency-invitation"),
        join_request=JoinRequest.objects.create(user=user("asker"), agency=entry.agency,
                                                position="주무관"),
        users={"organizer": organizer, "judge": judge.user},
    )  # fmt: skip


def matrix_pages(only: str, world) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(URL name, role) of every GET row of the matrix open (200) to the organizer or the judge,
    and the names whose URL cannot be built from the world, with why. Prints the GET rows left
    out (neither column 200), with those two columns."""
    from tests.permissions.test_matrix import MATRIX, METHOD, project_url_names, url_for

    pages, unbuilt, closed = [], {}, []
    for name, statuses in sorted(MATRIX.items()):
        if METHOD.get(name, "GET") != "GET" or only not in name:
            continue
        roles = [role for role, column in ROLES.items() if statuses[column] == 200]
        if not roles:
            closed.append(f"{name} {statuses[ROLES['organizer']]}/{statuses[ROLES['judge']]}")
            continue
        try:
            url_for(name, world)
        except Exception as exc:  # reported, not raised
            unbuilt[name] = f"{type(exc).__name__}: {exc}"
            continue
        pages += [(name, role) for role in roles]
    if closed:
        print(
            "GET rows left out (organizer/judge in the matrix, neither 200): " + ", ".join(closed)
        )
    for name in sorted(project_url_names() - set(MATRIX) - {"bench_bare"}):
        if only in name:
            unbuilt[name] = "no permission-matrix row (its roles are unknown)"
    return pages, unbuilt


def signed_in(user):
    """A client signed in as `user` (a session in the database), with a CSRF cookie whose
    secret the bare view's POST sends back in X-CSRFToken, as the pages' scripts do."""
    from django.conf import settings
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.csrf = secrets.token_hex(16)
    client.cookies[settings.CSRF_COOKIE_NAME] = client.csrf
    return client


def fetch(client, url: str) -> tuple[int, int, str]:
    """GET `url` over HTTPS as from the proxy: (status, bytes, content type); a streamed body
    is read to its end (that is where a file is made)."""
    response = client.get(url, **HTTPS)
    if response.streaming:
        body = sum(len(chunk) for chunk in response.streaming_content)
    else:
        body = len(response.content)
    response.close()
    return response.status_code, body, response.get("Content-Type", "")


def post_bare(client) -> int:
    headers = {**HTTPS["headers"], "X-CSRFToken": client.csrf, "Origin": "https://testserver",
               "Accept": "application/json"}  # fmt: skip
    response = client.post(BARE, secure=True, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"the bare view answered {response.status_code}")
    return len(response.content)


def counted(fn):
    """fn() with its queries counted: (result, queries, seconds)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    return result, len(ctx.captured_queries), seconds


def bare_row(size: str, role: str, client) -> Row:
    """The bare view's bytes and queries for `role`'s session, and its best of 30 (warm)."""
    for _ in range(5):  # warm: the session, the user, the middleware, the connection
        post_bare(client)
    size_bytes, queries, _seconds = counted(lambda: post_bare(client))
    best = bare_best(client, 30)
    return Row(size, "bare POST " + BARE, role, status=200, kind="json", size_bytes=size_bytes,
               queries=queries, seconds=best, first=best, bare=best, runs=30)  # fmt: skip


def bare_best(client, runs: int) -> float:
    return min(common.best_of({"bare": lambda: post_bare(client)}, runs).values())


def kind_of(content_type: str) -> str:
    if content_type.startswith("text/html"):
        return "html"
    known = {"pdf": "pdf", "spreadsheetml": "xlsx", "zip": "zip", "csv": "csv", "json": "json"}
    return next((kind for key, kind in known.items() if key in content_type), content_type)


def measure(row: Row, client, world, args) -> Row:
    """One timed request with its queries counted (within --timeout); if it was quicker than
    --slow, the queries again on warm caches, then best of --repeat rounds of the page and the
    bare view thrice; else the bare view's best of 3 x --repeat after it."""
    from django.db import connection

    from tests.permissions.test_matrix import url_for

    url = url_for(row.name, world)

    def alarm(_signum, _frame):
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(args.timeout)
    try:
        (row.status, row.size_bytes, ctype), row.queries, row.seconds = counted(
            lambda: fetch(client, url)
        )
    except TimedOut:
        connection.close()
        row.seconds, row.note = float(args.timeout), f"stopped after {args.timeout} s"
        return row
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    row.kind, row.runs, row.first = kind_of(ctype), 1, row.seconds
    if row.status != 200:
        row.note = f"status {row.status}"
        return row
    if row.seconds > args.slow:
        row.note = f"one run (over {args.slow:g} s)"
        row.bare = bare_best(client, 3 * args.repeat)
        return row
    _result, row.queries, _seconds = counted(lambda: fetch(client, url))
    cases = {"page": lambda: fetch(client, url)}
    cases |= {f"bare {n}": lambda: post_bare(client) for n in range(3)}
    best = common.best_of(cases, args.repeat)
    row.seconds, row.runs = best.pop("page"), args.repeat
    row.bare = min(best.values())
    return row


if __name__ == "__main__":
    main()
