"""bench/load_stack.py for real, at tiny scale: the production stack (config/prod_stack.py) on
free loopback ports against a scratch PostgreSQL database of its own, honest judges autosaving,
an organizer on the progress board and results pages, the bare view, and every kind of bad input.
On SQLite runs too: the stack needs PostgreSQL, so the test uses the shared server with its own
database name, as tests/config/test_prod_stack.py does. Skipped only when PostgreSQL is
unreachable."""

import os
import re
import secrets
import subprocess
import sys
import urllib.parse

import psycopg
import pytest
from psycopg import sql

from config.prod_stack import BASE_DIR

HOST = "127.0.0.1"
KINDS = ("stale", "duplicate submit", "closed window", "malformed")


def server() -> str:
    """The PostgreSQL server of DATABASE_URL, else the machine's (no database in the URL)."""
    url = os.environ.get("DATABASE_URL", "")
    if urllib.parse.urlsplit(url).scheme not in {"postgres", "postgresql"}:
        url = f"postgres://postgres@{HOST}:5432/postgres"
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=""))


def script(*args: str, bench_pg: str, timeout: float) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # fmt: skip
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, "bench/load_stack.py", *args],
        cwd=BASE_DIR, env=env | {"BENCH_PG": bench_pg}, capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip


def databases(admin: str, name: str) -> list[str]:
    with psycopg.connect(f"{admin}/postgres") as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname = %s", [name])
        return [row[0] for row in rows]


@pytest.fixture
def scratch_name():
    admin = server()
    try:
        psycopg.connect(f"{admin}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.fail("PostgreSQL is not reachable at BENCH_PG (127.0.0.1:5432 by default)")
    name = f"simsa_loadstack_{secrets.token_hex(4)}"
    yield admin, name
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:  # after a crash
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def test_load_through_the_stack_refuses_every_bad_input_and_keeps_every_told_score(
    scratch_name,
):
    admin, name = scratch_name
    done = script(
        "--tiny", "--seconds", "6", "--judges", "3", "--organizers", "1",
        "--hostile-clients", "1", "--database", name,
        bench_pg=admin, timeout=420,
    )  # fmt: skip
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert f"database {name}, size tiny (T): 24 entries, 6 judges; 3 honest judges" in out
    assert re.search(r"production stack on http://127\.0\.0\.1:\d+/: gunicorn pid \d+, 2 workers",
                     out)  # fmt: skip
    assert re.search(r"\(a\) bare view alone +[\d.]+/s .* [1-9]\d* ok, 0 failed", out)
    assert re.search(r"\n    autosave +[\d.]+/s .* [1-9]\d* ok, 0 failed", out)
    assert re.search(r"progress board +[\d.]+/s .* [1-9]\d* ok, 0 failed", out)
    assert "failed requests: 0\n" in out
    for kind in KINDS:
        found = re.search(rf"\n    {kind} +(\d+) refused, (\d+) not as they should be", out)
        assert found, out
        assert int(found[1]) > 0, out
        assert found[2] == "0", out
    assert "old version, whole form: 409" in out
    assert "old base, autosave: 409" in out
    assert "'1O': 422" in out
    assert re.search(r"verification: \d+ stored scores on \d+ cards of 6 simulated judges "
                     r"against the last value each was told was saved: OK \(0 mismatches\)",
                     out)  # fmt: skip
    assert re.search(r"verification: [1-9]\d* cards submitted twice at once, each submitted "
                     r"with exactly one submit event: OK", out)  # fmt: skip
    assert out.rstrip().endswith("result: OK")
    assert databases(admin, name) == []  # the scratch database is dropped at the end


def test_refuses_a_database_server_off_loopback():
    done = script("--tiny", bench_pg="postgresql://postgres@10.20.30.40:5432", timeout=60)
    assert done.returncode == 2
    assert "loopback only: the PostgreSQL server is '10.20.30.40'" in done.stderr
