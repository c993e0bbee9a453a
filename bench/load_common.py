"""What the load benches share: gunicorn started on loopback (and always stopped), sessions made
directly in the database (no password posts), a small asyncio HTTP/1.1 keep-alive client (stdlib
only: one process, one thread, so it costs little CPU next to the server on a 2-core machine) and
CPU readings from /proc (the client's own share, gunicorn's, PostgreSQL's, the machine's).
"""

import asyncio
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
TICK = os.sysconf("SC_CLK_TCK")


# --- sessions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    user_id: int
    session: str
    csrf: str


def login(user) -> Login:
    """A signed-in session for `user`, stored the way django.contrib.auth.login stores it, and
    a CSRF secret for the cookie and the X-CSRFToken header (as a page's script sends it)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return Login(user_id=user.pk, session=store.session_key, csrf=secrets.token_hex(16))


# --- gunicorn ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, port: int, *, workers: int, threads: int, ready_path: str):
    """gunicorn (config/gunicorn.py) on HOST:port with DEBUG off and the bench URLs on; waits
    until `ready_path` answers; killed (its whole process group) on the way out, whatever
    happened. Yields the master's pid."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url, "DEBUG": "0", "BENCH_URLS": "1",
        "ALLOWED_HOSTS": HOST, "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(workers), "GUNICORN_THREADS": str(threads),
        "LOG_LEVEL": "ERROR",
    }  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "config/gunicorn.py"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_ready(process, port, ready_path)
        yield process.pid
    finally:
        _stop(process)


def _wait_ready(process: subprocess.Popen, port: int, path: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1) as sock:
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
                             .encode())  # fmt: skip
                if sock.recv(64).startswith(b"HTTP/1.1 "):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


# --- CPU --------------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int]:
    """(command name, parent pid, user+system ticks) of `pid` from /proc."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2 :].split()
    return name, int(rest[1]), int(rest[11]) + int(rest[12])


def cpu_ticks(master: int, database: str) -> dict[str, dict[int, int]]:
    """CPU ticks used so far, per process: gunicorn (the master and its workers), the
    PostgreSQL backends connected to `database` (not other sessions' databases on the same
    server), this process, and the whole machine (busy, all cores; under pid 0)."""
    found: dict[str, dict[int, int]] = {"gunicorn": {}, "postgres": {}}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            name, parent, ticks = _stat(pid)
            if pid == master or parent == master:
                found["gunicorn"][pid] = ticks
            elif name.startswith("postgres") and _connected_to(pid, database):
                found["postgres"][pid] = ticks
        except (OSError, ValueError, IndexError):
            continue
    found["client"] = {os.getpid(): _stat(os.getpid())[2]}
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    idle = int(fields[3]) + int(fields[4])
    found["machine"] = {0: sum(int(value) for value in fields[:8]) - idle}
    return found


def _connected_to(pid: int, database: str) -> bool:
    """A backend's title reads "postgres: <user> <database> <client> <state>"."""
    title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    return f" {database} " in title


def cpu_shares(before: dict, after: dict, wall: float) -> dict[str, float]:
    """Each reading's CPU over the phase as a share of the machine's cores (1.0 = all). Per
    process: a backend that started during the phase (CONN_MAX_AGE renews connections) counts
    from zero; one that ended is left out."""
    cores = os.cpu_count() or 1
    return {
        name: sum(ticks - before[name].get(pid, 0) for pid, ticks in after[name].items())
        / TICK
        / wall
        / cores
        for name in before
    }


# --- the HTTP client --------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float


class Connection:
    """One keep-alive HTTP/1.1 connection to HOST:port (reopened when the server closes it)."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        request = (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n{head}"
                   f"Content-Length: {len(body)}\r\n\r\n").encode() + body  # fmt: skip
        started = time.perf_counter()
        try:
            self.writer.write(request)
            status, close, answer = await self._answer()
        except (OSError, asyncio.IncompleteReadError, ValueError):
            self.close()
            raise
        if close:
            self.close()
        return Answer(status, answer, time.perf_counter() - started)

    async def _answer(self) -> tuple[int, bool, bytes]:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, headers.get("connection", "").lower() == "close", body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def form_body(fields: dict[str, str]) -> tuple[str, bytes]:
    """A url-encoded form body (what fetch sends for the page's URLSearchParams)."""
    return "application/x-www-form-urlencoded", urllib.parse.urlencode(fields).encode()


def script_headers(who: Login, port: int, content_type: str) -> dict[str, str]:
    """The headers of the scorecard page's fetch (static/js/scorecard-queue.js)."""
    return {
        "Cookie": f"sessionid={who.session}; csrftoken={who.csrf}",
        "X-CSRFToken": who.csrf,
        "Accept": "application/json",
        "Origin": f"http://{HOST}:{port}",
        "Content-Type": content_type,
    }


@dataclass
class Phase:
    """What one phase measured: every answer's latency, the statuses, the wall time."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)

    def add_cpu(self, shares: dict[str, float], wall: float) -> None:
        """A turn's CPU shares and wall time, averaged with the earlier turns' by time."""
        total = self.wall + wall
        self.cpu = {
            name: (self.cpu.get(name, 0.0) * self.wall + share * wall) / total
            for name, share in shares.items()
        }
        self.wall = total

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def done(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.done / self.wall if self.wall else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def drive(clients: list[Callable[[float], Awaitable[None]]], seconds: float) -> float:
    """Run every client (a coroutine function given the deadline) at once; the wall time."""
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(client(deadline) for client in clients))
    return time.perf_counter() - started
