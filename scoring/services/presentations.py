"""Every write to a round's presentation schedule (2차 발표심사): slots, auto-fill, the slides
deadline, publishing (scoring.models.presentations).

The clash rules, one definition (`schedule_clashes`, pure): a slot ends after it starts; an
entry has one slot; an order number is given once; one room never holds two slots at
overlapping times (a slot ending at 10:20 and the next starting at 10:20 do not overlap; rooms
are compared ignoring case and runs of spaces). Every write checks the whole schedule as it
would be after the write and refuses (ValidationError, nothing saved) when any rule is broken,
with one message per clash.

Only entries in the running for the round (`entries_in_round`: advanced into it by a result in
force) get a slot. The organizer's edits change the working values; agencies and judges see the
values as last published. Publishing copies the changed slots' values and emails the members of
those slots' agencies (each their own slot: time, room, order) and, when anything changed, the
round's judges (the link to their "today's presentations" page). Publishing again after changes
emails only the agencies whose slot changed.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.mail import absolute_url, send_notification
from contests.models import Round
from scoring.models import Judge, PresentationSchedule, PresentationSlot
from scoring.selectors.in_effect import assignments_in_effect, entries_in_round
from submissions.models import AgencyMembership, Entry

AGENCY_SUBJECT = "emails/presentation_agency_subject.txt"
AGENCY_BODY = "emails/presentation_agency_message.txt"
JUDGE_SUBJECT = "emails/presentation_judge_subject.txt"
JUDGE_BODY = "emails/presentation_judge_message.txt"
MAX_AUTOFILL_MINUTES = 8 * 60


@dataclass(frozen=True)
class SlotPlan:
    """One slot as the clash rules see it."""

    entry_id: int
    label: str  # the entry's title, for the messages
    order: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str


def room_key(room: str) -> str:
    return " ".join(room.split()).casefold()


def clean_room(room: str) -> str:
    return " ".join((room or "").split())


def time_span(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """ "2026-12-10 10:00~10:20" in Korea time."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}~{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M}~{end:%Y-%m-%d %H:%M}"


def schedule_clashes(slots: Sequence[SlotPlan]) -> list[str]:
    """Every broken clash rule of a schedule, one message each, in a stable order."""
    problems = []
    for slot in slots:
        if slot.ends_at <= slot.starts_at:
            problems.append(
                _("%(entry)s: the end time must be after the start time.") % {"entry": slot.label}
            )
    seen_entries, seen_orders = set(), {}
    for slot in slots:
        if slot.entry_id in seen_entries:
            problems.append(_("%(entry)s is in the schedule twice.") % {"entry": slot.label})
        seen_entries.add(slot.entry_id)
        first = seen_orders.setdefault(slot.order, slot)
        if first is not slot:
            problems.append(
                _("Order %(order)d is given to both %(first)s and %(second)s.")
                % {"order": slot.order, "first": first.label, "second": slot.label}
            )
    ordered = sorted(slots, key=lambda s: (room_key(s.room), s.starts_at, s.order, s.entry_id))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if room_key(second.room) != room_key(first.room):
                break
            if second.starts_at < first.ends_at and first.starts_at < second.ends_at:
                problems.append(
                    _(
                        "%(room)s is booked twice at overlapping times: %(first)s (%(first_time)s) "
                        "and %(second)s (%(second_time)s)."
                    )
                    % {
                        "room": first.room,
                        "first": first.label,
                        "first_time": time_span(first.starts_at, first.ends_at),
                        "second": second.label,
                        "second_time": time_span(second.starts_at, second.ends_at),
                    }
                )
    return problems


def _plan(slot: PresentationSlot) -> SlotPlan:
    return SlotPlan(
        entry_id=slot.entry_id, label=slot.entry.title, order=slot.order,
        starts_at=slot.starts_at, ends_at=slot.ends_at, room=slot.room,
    )  # fmt: skip


def _ensure_organizer(by: User, round_: Round) -> None:
    if not rules.has_perm("contests.manage_contest", by, round_.contest):
        raise PermissionDenied(_("Only the contest's organizers can do this."))


def _schedule(round_: Round) -> PresentationSchedule:
    """The round's schedule, created on first use and locked for this transaction."""
    PresentationSchedule.objects.get_or_create(round=round_)
    return PresentationSchedule.objects.select_for_update().get(round=round_)


def _others(schedule: PresentationSchedule, *, but: int | None = None) -> list[PresentationSlot]:
    slots = PresentationSlot.objects.filter(schedule=schedule).select_related("entry")
    return [slot for slot in slots if slot.entry_id != but]


def _check(plans: list[SlotPlan]) -> None:
    problems = schedule_clashes(plans)
    if problems:
        raise ValidationError(problems, code="clash")


def _ensure_in_round(round_: Round, entry: Entry) -> None:
    if not entries_in_round(round_).filter(pk=entry.pk).exists():
        raise ValidationError(
            _("%(entry)s does not take part in %(round)s.")
            % {"entry": entry.title, "round": round_.name},
            code="not_advanced",
        )


@transaction.atomic
def slot_add(
    *, round_: Round, entry: Entry, order: int, starts_at: dt.datetime, ends_at: dt.datetime,
    room: str, by: User,
) -> PresentationSlot:  # fmt: skip
    """A slot for an entry that has none yet (refused when it has one: change that one)."""
    _ensure_organizer(by, round_)
    schedule = _schedule(round_)
    _ensure_in_round(round_, entry)
    others = _others(schedule)
    existing = next((slot for slot in others if slot.entry_id == entry.pk), None)
    if existing is not None:
        raise ValidationError(
            _("%(entry)s already has a slot (order %(order)d): change that slot instead.")
            % {"entry": entry.title, "order": existing.order},
            code="twice",
        )
    slot = PresentationSlot(
        schedule=schedule, entry=entry, order=order, starts_at=starts_at, ends_at=ends_at,
        room=clean_room(room),
    )  # fmt: skip
    _check([*map(_plan, others), _plan(slot)])
    slot.save()
    return slot


@transaction.atomic
def slot_update(
    *, slot: PresentationSlot, order: int, starts_at: dt.datetime, ends_at: dt.datetime,
    room: str, by: User,
) -> PresentationSlot:  # fmt: skip
    """New working values for a slot (agencies and judges see them once published again)."""
    round_ = slot.schedule.round
    _ensure_organizer(by, round_)
    schedule = _schedule(round_)
    slot = PresentationSlot.objects.select_related("entry").get(pk=slot.pk, schedule=schedule)
    slot.order, slot.starts_at, slot.ends_at = order, starts_at, ends_at
    slot.room = clean_room(room)
    _check([*map(_plan, _others(schedule, but=slot.entry_id)), _plan(slot)])
    slot.save()
    return slot


@transaction.atomic
def slot_delete(*, slot: PresentationSlot, by: User) -> None:
    """Remove a slot never published (a published one is moved, not removed: its agency and the
    judges were told of it)."""
    _ensure_organizer(by, slot.schedule.round)
    slot = PresentationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.is_published:
        raise ValidationError(
            _(
                "This slot was published to its agency and the judges: change its time or room "
                "instead of removing it."
            ),
            code="published",
        )
    slot.delete()


@transaction.atomic
def schedule_autofill(
    *, round_: Round, starts_at: dt.datetime, slot_minutes: int, break_minutes: int, room: str,
    by: User,
) -> int:  # fmt: skip
    """Lay every entry of the round out in receipt order from `starts_at`: each `slot_minutes`
    long, `break_minutes` apart, in `room`, numbered 1, 2, …. Slots the entries have are moved
    (published values kept until the next publication). Returns the number of entries laid out;
    refused when the result clashes (with another slot left in the schedule)."""
    _ensure_organizer(by, round_)
    schedule = _schedule(round_)
    entries = list(entries_in_round(round_).order_by("receipt_number", "pk"))
    if not entries:
        raise ValidationError(
            _("No entry takes part in this round yet: there is nothing to lay out."),
            code="empty",
        )
    existing = {slot.entry_id: slot for slot in _others(schedule)}
    step = dt.timedelta(minutes=slot_minutes + break_minutes)
    length = dt.timedelta(minutes=slot_minutes)
    room = clean_room(room)
    laid_out = []
    for number, entry in enumerate(entries, start=1):
        slot = existing.pop(entry.pk, None) or PresentationSlot(schedule=schedule, entry=entry)
        slot.entry = entry
        slot.order, slot.room = number, room
        slot.starts_at = starts_at + step * (number - 1)
        slot.ends_at = slot.starts_at + length
        laid_out.append(slot)
    _check([*map(_plan, existing.values()), *map(_plan, laid_out)])
    for slot in laid_out:
        slot.save()
    return len(laid_out)


@transaction.atomic
def schedule_settings(
    *, round_: Round, slides_deadline: dt.datetime | None, by: User
) -> PresentationSchedule:
    """Set (or clear) the round's slides deadline."""
    _ensure_organizer(by, round_)
    schedule = _schedule(round_)
    schedule.slides_deadline = slides_deadline
    schedule.save(update_fields=["slides_deadline", "updated_at"])
    return schedule


@dataclass(frozen=True)
class Published:
    first: bool  # the schedule's first publication
    changed: list[PresentationSlot]  # the slots whose agencies were told (in order)
    judges_told: int


@transaction.atomic
def schedule_publish(*, round_: Round, by: User) -> Published:
    """Show the schedule to the entries' agencies and the round's judges and email those whose
    slot is new or changed (see the module's docstring)."""
    _ensure_organizer(by, round_)
    schedule = _schedule(round_)
    slots = sorted(_others(schedule), key=lambda s: (s.order, s.starts_at, s.pk))
    if not slots:
        raise ValidationError(_("There is no slot to publish yet."), code="empty")
    _check([_plan(slot) for slot in slots])
    first = schedule.published_at is None
    changed = [slot for slot in slots if slot.changed]
    for slot in changed:
        slot.published_order, slot.published_room = slot.order, slot.room
        slot.published_starts_at, slot.published_ends_at = slot.starts_at, slot.ends_at
        slot.save()
    if changed or first:
        schedule.published_at, schedule.published_by = timezone.now(), by
        schedule.save(update_fields=["published_at", "published_by", "updated_at"])
    _tell_agencies(schedule, changed)
    judges = _tell_judges(schedule, changed, first=first) if changed else 0
    return Published(first=first, changed=changed, judges_told=judges)


def _slot_context(slot: PresentationSlot) -> dict:
    return {
        "order": slot.published_order,
        "when": time_span(slot.published_starts_at, slot.published_ends_at),
        "room": slot.published_room,
        "title": slot.entry.title,
    }


def _deadline_text(schedule: PresentationSchedule) -> str:
    if schedule.slides_deadline is None:
        return ""
    return timezone.localtime(schedule.slides_deadline).strftime("%Y-%m-%d %H:%M")


def _tell_agencies(schedule: PresentationSchedule, changed: list[PresentationSlot]) -> None:
    """Each member of a changed slot's agency gets that slot (one email per slot and person)."""
    if not changed:
        return
    round_ = schedule.round
    agency_ids = {slot.entry.agency_id for slot in changed}
    members = (
        AgencyMembership.objects.filter(agency_id__in=agency_ids, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "agency")
        .order_by("user__name", "user_id")
    )
    by_agency: dict[int, list[AgencyMembership]] = {}
    for membership in members:
        by_agency.setdefault(membership.agency_id, []).append(membership)
    url = absolute_url(f"{reverse('entries:list')}#presentations")
    for slot in changed:
        for membership in by_agency.get(slot.entry.agency_id, []):
            send_notification(
                to=[membership.user.email],
                subject_template=AGENCY_SUBJECT,
                body_template=AGENCY_BODY,
                context={
                    "name": membership.user.display_name,
                    "agency_name": membership.agency.name_ko,
                    "contest_name": round_.contest.name_ko,
                    "round_name": round_.name_ko,
                    "slot": _slot_context(slot),
                    "deadline": _deadline_text(schedule),
                    "url": url,
                },
            )


def round_judges(round_: Round) -> list[Judge]:
    """The judges with an assignment in effect in the round, by name."""
    judge_ids = assignments_in_effect(round=round_).values("judge_id")
    judges = Judge.objects.filter(pk__in=judge_ids).select_related("user")
    return list(judges.order_by("user__name", "pk"))


def _tell_judges(schedule: PresentationSchedule, changed: list[PresentationSlot], *, first: bool):
    """Every judge of the round: the link to the order of presentations and the slots told."""
    round_ = schedule.round
    judges = [judge for judge in round_judges(round_) if judge.user.email]
    url = absolute_url(reverse("presentations:today", kwargs={"round_pk": round_.pk}))
    slots = [_slot_context(slot) for slot in changed]
    for judge in judges:
        send_notification(
            to=[judge.user.email],
            subject_template=JUDGE_SUBJECT,
            body_template=JUDGE_BODY,
            context={
                "name": judge.user.display_name,
                "contest_name": round_.contest.name_ko,
                "round_name": round_.name_ko,
                "first": first,
                "slots": slots,
                "url": url,
            },
        )
    return len(judges)
