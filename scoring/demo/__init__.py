"""A realistic Korean demo, built idempotently by `manage.py demo_data`.

`build_demo()` creates what is missing and nothing else: every object is found by its natural key
(contest name, agency code, user email, and names within their parent) before it is created.
Entries are made through the agency services (scoring.demo.submitted) from the texts in
`scoring.demo.entries`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from scoring.demo.base import SEOUL, Tally
from scoring.demo.contest import build_contest
from scoring.demo.judging import build_judging
from scoring.demo.people import DEMO_PASSWORD, DemoUsers, Login, build_people, load_agencies
from scoring.demo.submitted import build_entries


@dataclass(frozen=True)
class DemoResult:
    logins: list[Login]
    created: dict[str, int]

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


@transaction.atomic
def build_demo(*, today: dt.date | None = None) -> DemoResult:
    today = today or timezone.now().astimezone(SEOUL).date()
    tally = Tally()
    contest = build_contest(tally, today=today)
    agencies = load_agencies(tally)
    logins = build_people(tally, contest=contest, agencies=agencies)
    organizer = contest.organizers.order_by("pk").first()
    build_entries(
        tally, contest=contest, agencies=agencies, users=DemoUsers(tally), organizer=organizer
    )
    build_judging(tally, contest=contest, organizer=organizer)
    return DemoResult(logins=logins, created=dict(tally.created))


__all__ = ["DEMO_PASSWORD", "DemoResult", "Login", "build_demo"]
