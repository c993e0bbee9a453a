"""The fault tests (issue 12, item 4) run the app in child processes against a private
PostgreSQL cluster (tests/faults/cluster.py), on both test runs (SQLite and PostgreSQL): the
machine's shared server is never restarted. One cluster per test session, with a migrated
template database that each test copies."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.faults.cluster import Cluster, postgres_bin
from tests.production import BASE_DIR

TEMPLATE = "simsa_faults_template"


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of the app's processes: this one's with the cluster's database, DEBUG
    off, tasks queued in the database, and nothing of the browser tests' settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "MEDIA_STORAGE", "AWS_S3_ENDPOINT_URL"}
        and not key.startswith("GUNICORN_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        TASK_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120, stdin: str | None = None):
    """`manage.py *args` in a child process; fails the test with its output when it fails."""
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, input=stdin,
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        output = f"{done.stdout}\n{done.stderr}"
        pytest.fail(f"manage.py {args[0]} failed ({done.returncode}):\n{output}")
    return done


@pytest.fixture(scope="session")
def cluster():
    bindir = postgres_bin()
    if bindir is None:
        pytest.fail("initdb is missing: ./run setup installs Debian's postgresql package")
    cluster = Cluster(bindir)
    try:
        cluster.init()
        url = cluster.create_database(TEMPLATE)
        manage("migrate", "--noinput", "-v0", env=child_env(url), timeout=300)
        manage("createcachetable", env=child_env(url))
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def fresh_database(cluster):
    """A new migrated database on the private cluster (a copy of the template)."""
    return cluster.create_database(f"simsa_faults_{secrets.token_hex(4)}", template=TEMPLATE)
