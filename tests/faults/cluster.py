"""A private PostgreSQL cluster for the fault tests: initdb into a temporary directory, started
on a free loopback port with trust authentication, restarted and stopped at will, and removed
at the end. The machine's shared PostgreSQL (127.0.0.1:5432) is never touched.

PostgreSQL refuses to run as root: when the tests run as root the cluster's directory belongs to
the `postgres` system user and its programs run as that user (setpriv).
"""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

HOST = "127.0.0.1"


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb (Debian's layout)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Cluster:
    """One private cluster. `url(name)` is a database's URL on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="simsa-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.user = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)

    def _run(self, program: str, *args: str, timeout: float = 60) -> None:
        command = [str(self.bindir / program), *args]
        if self.user is not None:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                       "--init-groups", "--", *command]  # fmt: skip
        done = subprocess.run(  # noqa: S603 - PostgreSQL's own programs, fixed arguments
            command, cwd=self.root, capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{program} {' '.join(args)} failed:\n{done.stderr}\n{log}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        self.start()

    def _options(self) -> str:
        # Loopback only, its own socket directory, and a small footprint beside the other tests.
        return (f"-p {self.port} -c listen_addresses={HOST} -k {self.root} "
                "-c shared_buffers=16MB -c max_connections=60 -c fsync=on")  # fmt: skip

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", self._options(),
                  "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def restart(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", self._options(),
                  "-m", mode, "-w", "-t", "30", "restart")  # fmt: skip

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

    def connect(self, name: str = "postgres", **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url(name), connect_timeout=5, **kwargs)

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.connect(autocommit=True) as conn:
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            conn.execute(statement)
        return self.url(name)

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def database_name(url: str) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path.lstrip("/"))


def wait_for(check, what: str, seconds: float = 30, every: float = 0.1):
    """The first truthy result of `check()` within `seconds`, else the test fails."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"{what} within {seconds:.0f} s")
