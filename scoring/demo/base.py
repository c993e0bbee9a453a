"""Small helpers shared by the demo builders."""

import datetime as dt
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

SEOUL = ZoneInfo("Asia/Seoul")


def seoul(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at the given Seoul wall-clock time."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


def stable(*parts: object) -> int:
    """A number taken from a hash of `parts`: the same on every run and every machine (unlike
    Python's `hash`), so that the demo's 'random' choices never change."""
    text = "|".join(str(part) for part in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def between(start: dt.datetime, end: dt.datetime, share: float) -> dt.datetime:
    """The moment `share` (0…1) of the way from `start` to `end`, to the minute."""
    moment = start + (end - start) * share
    return moment.replace(second=0, microsecond=0)


@contextmanager
def submission_open(contest):
    """Agencies' services refuse entries outside the submission window: while the demo makes the
    entries of a contest whose window is past, the window is open for that moment only, then
    put back as it was (in the same transaction)."""
    saved = (contest.submission_opens_at, contest.submission_closes_at)
    now = timezone.now()
    if saved[0] <= now < saved[1]:
        yield contest
        return
    contest.submission_opens_at = now - dt.timedelta(minutes=1)
    contest.submission_closes_at = now + dt.timedelta(hours=1)
    contest.save(update_fields=["submission_opens_at", "submission_closes_at"])
    try:
        yield contest
    finally:
        contest.submission_opens_at, contest.submission_closes_at = saved
        contest.save(update_fields=["submission_opens_at", "submission_closes_at"])


@contextmanager
def scoring_open(round_):
    """Judges save only inside the round's window: the same, for a round whose window is past."""
    saved = (round_.opens_at, round_.closes_at)
    now = timezone.now()
    if saved[0] <= now < saved[1]:
        yield round_
        return
    round_.opens_at = now - dt.timedelta(minutes=1)
    round_.closes_at = now + dt.timedelta(hours=1)
    round_.save(update_fields=["opens_at", "closes_at"])
    try:
        yield round_
    finally:
        round_.opens_at, round_.closes_at = saved
        round_.save(update_fields=["opens_at", "closes_at"])


@dataclass
class Tally:
    """Counts what a demo run created, per model, so a second run can show it created nothing."""

    created: dict[str, int] = field(default_factory=dict)

    def get_or_create(self, model, defaults: dict | None = None, **keys):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **keys)
        if created:
            self.count(model)
        return obj

    def count(self, model_or_name, number: int = 1) -> None:
        if not number:
            return
        if isinstance(model_or_name, str):
            name = model_or_name
        else:
            with translation.override("en"):
                name = str(model_or_name._meta.verbose_name_plural)
        self.created[name] = self.created.get(name, 0) + number

    @property
    def total(self) -> int:
        return sum(self.created.values())
