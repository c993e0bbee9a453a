"""The HTTP side of bench/load_stack.py: a keep-alive HTTP/1.1 client that also reads the answer's
headers (redirects, Set-Cookie), the per-kind tallies, and the honest clients (judges autosaving,
organizers opening their pages, the bare view). The hostile clients are in
bench/load_stack_hostile.py.

Every client is an asyncio coroutine run until the deadline by load_common.drive; one process,
one thread, so the client costs little CPU next to the stack on a 2-core machine.
"""

import asyncio
import json
import random
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.load_common import HOST, Login, Phase

NETWORK_ERRORS = (OSError, asyncio.IncompleteReadError, ValueError)  # TimeoutError is an OSError
TIMEOUT = 120.0  # seconds for one answer: the run stops even if the server hangs


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes
    seconds: float

    def json(self) -> dict:
        try:
            return json.loads(self.body)
        except ValueError:
            return {}


class Client:
    """One keep-alive connection to HOST:port (reopened when the server closes it)."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, method: str, path: str, headers: dict[str, str], body=b"") -> Reply:
        if self.reader is not None and self.reader.at_eof():  # closed by the server while idle
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        length = f"Content-Length: {len(body)}\r\n" if method == "POST" else ""
        request = (f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n{head}{length}"
                   "\r\n").encode() + body  # fmt: skip
        started = time.perf_counter()
        try:
            self.writer.write(request)
            reply = await asyncio.wait_for(self._answer(), TIMEOUT)
        except NETWORK_ERRORS:
            self.close()
            raise
        reply.seconds = time.perf_counter() - started
        if reply.headers.get("connection", "").lower() == "close":
            self.close()
        return reply

    async def _answer(self) -> Reply:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status, headers, cookies = int(lines[0].split()[1]), {}, {}
        for line in lines[1:]:
            if ":" in line:
                name, value = (part.strip() for part in line.split(":", 1))
                headers[name.lower()] = value
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    cookies[pair.split("=", 1)[0]] = pair.split("=", 1)[-1]
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return Reply(status, headers, cookies, body, 0.0)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def headers_of(who: Login, port: int, *, script: bool = True, cookies: str = "") -> dict:
    """A signed-in browser's headers: the page script's fetch (JSON, X-CSRFToken) or a plain
    form/page request."""
    found = {
        "Cookie": f"sessionid={who.session}; csrftoken={who.csrf}{cookies}",
        "Origin": f"http://{HOST}:{port}",
        "X-CSRFToken": who.csrf,
        "Accept": "application/json" if script else "text/html",
    }
    return found


def form(fields: dict[str, str]) -> tuple[dict[str, str], bytes]:
    body = urllib.parse.urlencode(fields).encode()
    return {"Content-Type": "application/x-www-form-urlencoded"}, body


# --- tallies ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """A hostile kind's counts: each refused as it must be, and everything else (failures)."""

    name: str
    refused: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def ok(self, reason: str) -> None:
        self.refused += 1
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1

    def fail(self, text: str) -> None:
        self.failures.append(text)


# --- the simulated judges --------------------------------------------------------------------


@dataclass
class Actor:
    """One simulated judge (or one hostile client's share of a judge's cards): its session, the
    round, the entries of its cards with each card's version at the start (0: not started), and
    what it was told is stored per (entry, criterion)."""

    login: Login
    round_pk: int
    entries: dict[int, int]  # entry id -> version at the start
    criteria: list[int]
    known: dict[tuple[int, int], str] = field(default_factory=dict)
    unsure: dict[tuple[int, int], set[str]] = field(default_factory=dict)

    def save_path(self, entry: int) -> str:
        return f"/judge/rounds/{self.round_pk}/entries/{entry}/save/"

    def card_path(self, entry: int) -> str:
        return f"/judge/rounds/{self.round_pk}/entries/{entry}/"

    async def save(self, client: Client, port: int, entry: int, criterion: int, value: str,
                   base: str) -> Reply:  # fmt: skip
        """One autosave as the page's script sends it; records what the answer says is stored
        (a save without an answer may have gone either way)."""
        key = (entry, criterion)
        extra, body = form({"csrfmiddlewaretoken": self.login.csrf,
                            f"score-{criterion}": value, "base": base})  # fmt: skip
        try:
            reply = await client.send("POST", self.save_path(entry),
                                      headers_of(self.login, port) | extra, body)  # fmt: skip
        except NETWORK_ERRORS:
            self.unsure.setdefault(key, {self.known.get(key, "")}).add(value)
            raise
        told = reply.json().get("value") if reply.status in (200, 409, 422) else None
        if isinstance(told, str):
            self.known[key] = told
            self.unsure.pop(key, None)
        return reply


def honest_saver(actor: Actor, port: int, phase: Phase, seed: int):
    """A judge autosaving whole-point values on its own unsubmitted cards, one after another."""

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        client = Client(port)
        entries = list(actor.entries)
        while time.perf_counter() < deadline:
            entry, criterion = mine.choice(entries), mine.choice(actor.criteria)
            base = actor.known.get((entry, criterion), "")
            value = str(mine.choice([n for n in range(11) if str(n) != base]))
            try:
                reply = await actor.save(client, port, entry, criterion, value, base)
            except NETWORK_ERRORS as error:
                phase.error(type(error).__name__)
                continue
            if reply.status == 200 and reply.json().get("value") == value:
                phase.latencies.append(reply.seconds)
            else:
                phase.error(f"HTTP {reply.status}: {reply.body[:120]!r}")
        client.close()

    return loop


def bare_client(who: Login, port: int, phase: Phase):
    """The bare authenticated view (config/bench_views.py), one request after another."""

    async def loop(deadline: float) -> None:
        client = Client(port)
        while time.perf_counter() < deadline:
            extra, body = form({"csrfmiddlewaretoken": who.csrf})
            await _timed(client, phase, "POST", "/bench/bare/", headers_of(who, port) | extra, body)
        client.close()

    return loop


def organizer(who: Login, port: int, pages: list[tuple[Phase, str, dict]]):
    """An organizer going round its pages (each a Phase, a path and extra headers: the progress
    board's own htmx refresh sends HX-Request), one after another."""

    async def loop(deadline: float) -> None:
        client = Client(port)
        while time.perf_counter() < deadline:
            for phase, path, extra in pages:
                if time.perf_counter() >= deadline:
                    break
                headers = headers_of(who, port, script=False) | extra
                await _timed(client, phase, "GET", path, headers)
        client.close()

    return loop


async def _timed(client: Client, phase: Phase, method: str, path: str, headers, body=b""):
    try:
        reply = await client.send(method, path, headers, body)
    except NETWORK_ERRORS as error:
        phase.error(type(error).__name__)
        return
    if reply.status == 200:
        phase.latencies.append(reply.seconds)
    else:
        phase.error(f"HTTP {reply.status} {path}: {reply.body[:120]!r}")
