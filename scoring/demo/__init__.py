"""A realistic Korean demo, built idempotently by `manage.py demo_data`.

Every role has something to do at once:
- 2026 정부혁신 우수사례 경진대회 (scoring.demo.contest, .submitted, .judging): entries closed,
  1차 서면심사 open now and nearly done; judge01 has a few scorecards left, and then the organizer
  records the decision the top-6 line needs, finalizes and sees who advances;
- 2025 적극행정 우수사례 경진대회 (scoring.demo.past): finished, finalized and published, so the
  public, the agencies (행정안전부 among the winners) and its judges see results; its objection
  period is over, with 행정안전부's objection answered and another one for the organizer to
  answer (scoring.demo.objections);
- 2026 하반기 적극행정 우수사례 경진대회 (scoring.demo.upcoming): accepting entries now.

`build_demo()` creates what is missing and nothing else: every object is found by its natural key
(contest name, agency code, user email, and names within their parent) before it is created.
Entries, scores and results are made through the same services the pages use.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from contests.models import Contest
from scoring.demo.announcements import build_announcements
from scoring.demo.base import SEOUL, Tally
from scoring.demo.contest import build_contest
from scoring.demo.judging import DEMO_JUDGE, build_judging
from scoring.demo.objections import build_objections
from scoring.demo.past import build_past_contest, finish_past_contest
from scoring.demo.people import DEMO_PASSWORD, DemoUsers, Login, build_people, load_agencies
from scoring.demo.submitted import build_entries
from scoring.demo.upcoming import build_upcoming
from scoring.selectors.results import result_in_force, round_inputs


@dataclass(frozen=True)
class DemoResult:
    logins: list[Login]
    created: dict[str, int]
    notes: list[str] = field(default_factory=list)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


@transaction.atomic
def build_demo(*, today: dt.date | None = None) -> DemoResult:
    today = today or timezone.now().astimezone(SEOUL).date()
    tally = Tally()
    past = build_past_contest(tally)
    contest = build_contest(tally, today=today)
    agencies = load_agencies(tally)
    logins = build_people(tally, contest=contest, agencies=agencies)
    organizer = contest.organizers.order_by("pk").first()
    users = DemoUsers(tally)
    upcoming = build_upcoming(tally, source=past, organizer=organizer, today=today)
    build_entries(tally, contest=contest, agencies=agencies, users=users, organizer=organizer)
    build_judging(tally, contest=contest, organizer=organizer)
    finish_past_contest(tally, contest=past, agencies=agencies, users=users, organizer=organizer)
    build_objections(tally, contest=past, users=users, organizer=organizer)
    build_announcements(tally, contest=contest, organizer=organizer)
    notes = demo_notes(contest, past, upcoming)
    return DemoResult(logins=logins, created=dict(tally.created), notes=notes)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")


def demo_notes(contest: Contest, past: Contest, upcoming: Contest) -> list[str]:
    """One line per contest saying what each role can do in it now."""
    written = contest.rounds.order_by("order", "id").first()
    data = round_inputs(written)
    left = [entry for judge, entry in data.unsubmitted if judge.user.email.startswith(DEMO_JUDGE)]
    notes = [
        f"{contest.name_ko}: {written.name_ko} closes {_local(written.closes_at)} KST; "
        f"{len(data.unsubmitted)} scorecards not submitted yet ({DEMO_JUDGE}: {len(left)})."
    ]
    result = result_in_force(past.rounds.order_by("order", "id").last())
    if past.results_published_at and result:
        notes.append(f"{past.name_ko}: results published, snapshot digest {result.digest[:16]}…")
    notes.append(
        f"{upcoming.name_ko}: accepting entries until {_local(upcoming.submission_closes_at)} KST."
    )
    return notes


__all__ = ["DEMO_PASSWORD", "DemoResult", "Login", "build_demo"]
