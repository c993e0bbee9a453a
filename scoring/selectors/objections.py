"""Reads about objections (이의신청): the contest's objection period, the organizer's list and one
objection, what an agency's member sees on the entries page, and the results report's lines.

The period is open while the results are published and the closing time the organizer set has
not passed (`window_open`): one definition, asked by the agency's page and by the service that
files an objection.
"""

from dataclasses import dataclass, field
from datetime import datetime

import rules
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contests.models import Contest, Round
from scoring.models import Objection, ObjectionWindow
from submissions.models import AgencyMembership, Entry

OBJECTION_FIELDS = ("entry__agency", "round", "filed_by", "answered_by")


def window_of(contest: Contest) -> ObjectionWindow | None:
    return ObjectionWindow.objects.filter(contest=contest).first()


def window_open(contest: Contest, window: ObjectionWindow | None, now: datetime | None = None):
    """Whether agencies may file objections now: the results are published and the period the
    organizer set has not closed."""
    now = now or timezone.now()
    return (
        window is not None and contest.results_published_at is not None and now < window.closes_at
    )


def objections_of(contest: Contest, status: str = "") -> QuerySet[Objection]:
    """The contest's objections, by number, with what a row shows; only `status` when given."""
    found = Objection.objects.filter(contest=contest).select_related(*OBJECTION_FIELDS)
    if status in Objection.Status.values:
        found = found.filter(status=status)
    return found.order_by("number")


def status_counts(contest: Contest) -> dict[str, int]:
    counts = dict.fromkeys(Objection.Status.values, 0)
    for status in Objection.objects.filter(contest=contest).values_list("status", flat=True):
        counts[status] += 1
    return counts


def objection_of(contest: Contest, number: int) -> Objection:
    """The contest's objection #number (404 when there is none)."""
    return get_object_or_404(
        Objection.objects.select_related("contest", *OBJECTION_FIELDS),
        contest=contest,
        number=number,
    )


def contest_rounds_of(contest: Contest) -> list[Round]:
    return list(Round.objects.filter(contest=contest).order_by("order", "id"))


def member_entry(user, entry_pk: int) -> Entry:
    """The entry if `user` is a member of its agency (404 otherwise), with its contest."""
    member = AgencyMembership.objects.filter(agency=OuterRef("agency"), user=user)
    return get_object_or_404(
        Entry.objects.filter(Exists(member)).select_related("contest", "agency", "category"),
        pk=entry_pk,
    )


def readable_objection(user, contest_pk: int, number: int) -> Objection:
    """The objection for its contest's organizers or its entry's agency members; 404 otherwise."""
    objection = get_object_or_404(
        Objection.objects.select_related("contest", "entry"), contest_id=contest_pk, number=number
    )
    if not rules.has_perm("scoring.read_objection", user, objection):
        raise Http404
    return objection


# --- the agency's entries page --------------------------------------------------------------


@dataclass
class AgencyEntryRow:
    """One entry of the member's agencies in a contest whose results are published or which
    has objections: whether an objection may be filed now, and its objections, newest first."""

    entry: Entry
    window: ObjectionWindow | None
    can_file: bool
    objections: list[Objection] = field(default_factory=list)


def agency_objection_rows(user) -> list[AgencyEntryRow]:
    """The member's submitted entries of contests with published results (while their period
    is open or they have objections), each with its objections (four queries)."""
    if not user.is_authenticated:
        return []
    member = AgencyMembership.objects.filter(agency=OuterRef("agency"), user=user)
    entries = list(
        Entry.objects.filter(Exists(member), status=Entry.Status.SUBMITTED)
        .filter(contest__results_published_at__isnull=False)
        .select_related("contest")
        .order_by("contest_id", "receipt_number", "id")
    )
    with_objections = list(
        Objection.objects.filter(
            Exists(AgencyMembership.objects.filter(agency=OuterRef("entry__agency"), user=user))
        )
        .select_related("entry__contest", "round")
        .order_by("-filed_at", "-id")
    )
    contest_ids = {e.contest_id for e in entries} | {o.contest_id for o in with_objections}
    windows = {w.contest_id: w for w in ObjectionWindow.objects.filter(contest_id__in=contest_ids)}
    rows = {}
    now = timezone.now()
    for entry in entries:
        window = windows.get(entry.contest_id)
        rows[entry.pk] = AgencyEntryRow(entry, window, window_open(entry.contest, window, now))
    for objection in with_objections:
        entry = objection.entry
        if entry.pk not in rows:
            window = windows.get(entry.contest_id)
            rows[entry.pk] = AgencyEntryRow(entry, window, False)
        rows[entry.pk].objections.append(objection)
    shown = [row for row in rows.values() if row.can_file or row.objections]
    for row in shown:
        row.can_file = row.can_file and not any(
            o.status == Objection.Status.OPEN for o in row.objections
        )
    return shown
