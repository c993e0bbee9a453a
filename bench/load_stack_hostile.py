"""The bad-input clients of bench/load_stack.py (issue 12, "Bad input"), sending while the honest
judges save. Each kind must be refused with its status and the judge's-language message, and
counted; anything else is a failure:

- stale: (1) the whole scorecard form (the page without JavaScript) posted on an honest judge's
  card, from that judge's session, with a `version` older than the card's at the start (versions
  only grow): 409 and "changed in another window … nothing was saved"; (2) an autosave whose `base`
  is no longer the stored value (a second window of a hostile judge, on its own card): 409,
  state "conflict", the stored value back;
- duplicate submits: a hostile judge fills one of its cards, then sends the confirmed submit twice
  at once on two connections: one goes to the dashboard, the other back to the card, whose page
  says why (stale, or already submitted); each such card gets exactly one "submitted" event
  (checked afterwards);
- closed window: judges of a second contest autosave while bench/load_stack.py closes that
  round's window through contests.services.contest.round_save; a save sent after the close
  answered must be 422 with "the scoring window … is closed";
- malformed values on honest judges' cards, from their sessions: "1O" (typo), "11" (over the
  maximum), "7.25" (more decimals than the step), "-1": 422 with the criterion's message.
"""

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.load_stack_http import (
    NETWORK_ERRORS,
    Actor,
    Client,
    Tally,
    form,
    headers_of,
)

GRACE = 30.0
MALFORMED = [("1O", "number"), ("11", "max"), ("7.25", "step"), ("-1", "negative")]


@dataclass
class Hostile:
    port: int
    texts: dict[str, str]  # what the answers must say (Korean, as the pages escape it for HTML)
    dashboard: str
    tallies: dict[str, Tally] = field(default_factory=dict)
    closed_at: float | None = None  # when the close of the second round's window was answered
    # (round, judge's user, entry) of each card submitted twice at once
    submitted: list[tuple[int, int, int]] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        return self.tallies.setdefault(kind, Tally(kind))


def going(tally: Tally, deadline: float) -> bool:
    """Until the deadline, and on a slow machine past it until the kind's first refusal (at most
    GRACE seconds more): each kind must have been tried."""
    now = time.perf_counter()
    return now < deadline or (tally.refused == 0 and now < deadline + GRACE)


def stale_form(hostile: Hostile, honest: list[Actor], seed: int):
    """The whole form with an old version on honest judges' existing cards."""
    tally = hostile.tally("stale")

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        cards = [(a, e, v) for a in honest for e, v in a.entries.items() if v >= 1]
        client = Client(hostile.port)
        while cards and going(tally, deadline):
            actor, entry, version = mine.choice(cards)
            fields = {"csrfmiddlewaretoken": actor.login.csrf, "version": str(version - 1),
                      "comment": "", **{f"score-{c}": "5" for c in actor.criteria}}  # fmt: skip
            extra, body = form(fields)
            headers = headers_of(actor.login, hostile.port, script=False) | extra
            try:
                reply = await client.send("POST", actor.card_path(entry), headers, body)
            except NETWORK_ERRORS as error:
                tally.fail(f"stale form: {type(error).__name__}")
                continue
            if reply.status == 409 and hostile.texts["stale_form"].encode() in reply.body:
                tally.ok("old version, whole form: 409")
            else:
                tally.fail(f"stale form {entry}: HTTP {reply.status}")
        client.close()

    return loop


def stale_field(hostile: Hostile, actor: Actor, seed: int):
    """A judge's second window: a save, then one with the `base` from before it."""
    tally = hostile.tally("stale")

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        client, port = Client(hostile.port), hostile.port
        while going(tally, deadline):
            entry, criterion = mine.choice(list(actor.entries)), mine.choice(actor.criteria)
            old = actor.known.get((entry, criterion), "")
            first, late = mine.sample([str(n) for n in range(11) if str(n) != old], 2)
            try:
                reply = await actor.save(client, port, entry, criterion, first, old)
                if reply.status != 200:
                    tally.fail(f"stale field, first save: HTTP {reply.status} {reply.body[:80]}")
                    continue
                reply = await actor.save(client, port, entry, criterion, late, old)
            except NETWORK_ERRORS as error:
                tally.fail(f"stale field: {type(error).__name__}")
                continue
            answer = reply.json()
            said = (reply.status, answer.get("state"), answer.get("value"), answer.get("message"))
            if said == (409, "conflict", first, hostile.texts["conflict"]):
                tally.ok("old base, autosave: 409")
            else:
                tally.fail(f"stale field: HTTP {reply.status} {reply.body[:120]!r}")
        client.close()

    return loop


def duplicate_submit(hostile: Hostile, actor: Actor, seed: int):
    """Fill a card, then the confirmed submit twice at once; next card, until none is left."""
    tally = hostile.tally("duplicate submit")

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        port = hostile.port
        for entry in list(actor.entries):
            if not going(tally, deadline):
                break
            first = Client(port)  # a fresh page per card: never a connection left idle
            try:
                version = await _fill(actor, first, port, entry, mine)
                if version is None:
                    tally.fail(f"duplicate submit: card {entry} could not be filled")
                    continue
                extra, body = form({"csrfmiddlewaretoken": actor.login.csrf, "confirm": "1",
                                    "version": str(version)})  # fmt: skip
                headers = headers_of(actor.login, port, script=False) | extra
                path = f"{actor.card_path(entry)}submit/"
                tabs = [Client(port), Client(port)]  # two windows of the judge, at once
                replies = await asyncio.gather(
                    *(tab.send("POST", path, headers, body) for tab in tabs)
                )
                for tab in tabs:
                    tab.close()
                await _judge_pair(hostile, tally, actor, entry, replies, first)
            except NETWORK_ERRORS as error:
                tally.fail(f"duplicate submit: {type(error).__name__}")
            finally:
                first.close()

    return loop


async def _fill(actor: Actor, client: Client, port: int, entry: int, mine) -> int | None:
    """Every criterion of the card saved; the card's version after the last save."""
    version = None
    for criterion in actor.criteria:
        old = actor.known.get((entry, criterion), "")
        value = str(mine.choice([n for n in range(11) if str(n) != old]))
        reply = await actor.save(client, port, entry, criterion, value, old)
        if reply.status != 200:
            return None
        version = reply.json().get("version")
    return version


async def _judge_pair(hostile, tally, actor: Actor, entry: int, replies, client: Client) -> None:
    """One answer sends the judge to the dashboard, the other back to the card, which says why."""
    card = actor.card_path(entry)
    where = sorted((reply.status, reply.headers.get("location", "")) for reply in replies)
    if where != sorted([(302, hostile.dashboard), (302, card)]):
        tally.fail(f"duplicate submit {entry}: {where}")
        return
    hostile.submitted.append((actor.round_pk, actor.login.user_id, entry))
    refused = next(reply for reply in replies if reply.headers["location"] == card)
    cookie = "".join(f"; {name}={value}" for name, value in refused.cookies.items()
                     if name == "messages")  # fmt: skip
    page = await client.send("GET", card, headers_of(actor.login, hostile.port, script=False,
                                                     cookies=cookie))  # fmt: skip
    reasons = {"dup_stale": "changed meanwhile", "dup_submitted": "already submitted"}
    said = [reason for key, reason in reasons.items() if hostile.texts[key].encode() in page.body]
    if page.status == 200 and said:
        tally.ok(f"second submit refused ({said[0]})")
    else:
        tally.fail(f"duplicate submit {entry}: the card page ({page.status}) gave no reason")


def closed_window(hostile: Hostile, actor: Actor, seed: int):
    """A judge of the second contest saving before and after its window is closed."""
    tally = hostile.tally("closed window")

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        client = Client(hostile.port)
        while going(tally, deadline):
            entry, criterion = mine.choice(list(actor.entries)), mine.choice(actor.criteria)
            old = actor.known.get((entry, criterion), "")
            value = str(mine.choice([n for n in range(11) if str(n) != old]))
            sent = time.perf_counter()
            try:
                reply = await actor.save(client, hostile.port, entry, criterion, value, old)
            except NETWORK_ERRORS as error:
                tally.fail(f"closed window: {type(error).__name__}")
                continue
            answer = reply.json()
            closed = hostile.closed_at is not None and sent > hostile.closed_at
            refused = (reply.status, answer.get("message"), answer.get("value")) == (
                422, hostile.texts["closed"], old)  # fmt: skip
            if refused and closed:
                tally.ok("save after the close: 422")
            elif not closed and (reply.status == 200 or refused):
                continue  # before the close (or crossing it): saved, or refused as closed
            else:
                tally.fail(f"closed window: HTTP {reply.status} {reply.body[:120]!r}")
        client.close()

    return loop


def closer(hostile: Hostile, after: float, close: Callable[[], None]):
    """Closes the second round's window `after` seconds into the phase (through the service, in
    a thread: the ORM does not run inside the event loop)."""

    async def run(deadline: float) -> None:
        await asyncio.sleep(max(0.0, min(after, deadline - time.perf_counter() - 1)))
        await asyncio.to_thread(close)
        hostile.closed_at = time.perf_counter()

    return run


def malformed(hostile: Hostile, honest: list[Actor], seed: int):
    """Typos, values over the maximum, off the step, negative, on honest judges' cards."""
    tally = hostile.tally("malformed")

    async def loop(deadline: float) -> None:
        mine = random.Random(seed)
        client = Client(hostile.port)
        while going(tally, deadline):
            actor = mine.choice(honest)
            entry, criterion = mine.choice(list(actor.entries)), mine.choice(actor.criteria)
            value, code = mine.choice(MALFORMED)
            extra, body = form({"csrfmiddlewaretoken": actor.login.csrf,
                                f"score-{criterion}": value, "base": ""})  # fmt: skip
            headers = headers_of(actor.login, hostile.port) | extra
            try:
                reply = await client.send("POST", actor.save_path(entry), headers, body)
            except NETWORK_ERRORS as error:
                tally.fail(f"malformed: {type(error).__name__}")
                continue
            answer = reply.json()
            if (reply.status, answer.get("state"), answer.get("message")) == (
                    422, "error", hostile.texts[code]):  # fmt: skip
                tally.ok(f"{value!r}: 422")
            else:
                tally.fail(f"malformed {value!r}: HTTP {reply.status} {reply.body[:120]!r}")
        client.close()

    return loop
