"""The presentation schedule's services (scoring.services.presentations): the clash rules
exactly, auto-fill, publishing and who is emailed, re-publishing only the changes."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from scoring.models import PresentationSchedule, PresentationSlot
from scoring.services.presentations import (
    SlotPlan,
    schedule_autofill,
    schedule_clashes,
    schedule_publish,
    slot_add,
    slot_delete,
    slot_update,
)
from tests import factories
from tests.presentations.conftest import SITE, at

pytestmark = pytest.mark.django_db


def plan(entry_id, order, start, end, room="대회의실", label=None):
    return SlotPlan(entry_id, label or f"사례{entry_id}", order, start, end, room)


# --- the clash rules (pure) -------------------------------------------------------------------


def test_a_clean_schedule_has_no_clash_and_back_to_back_slots_do_not_overlap():
    slots = [plan(1, 1, at(10), at(10, 20)), plan(2, 2, at(10, 20), at(10, 40))]
    assert schedule_clashes(slots) == []


def test_the_same_room_at_overlapping_times_is_a_clash_named_with_both_slots():
    slots = [
        plan(1, 1, at(10), at(10, 20), "세종청사 6동 대회의실"),
        plan(2, 2, at(10, 10), at(10, 30), " 세종청사  6동 대회의실 "),
    ]
    assert schedule_clashes(slots) == [
        "세종청사 6동 대회의실 is booked twice at overlapping times: 사례1 (2026-12-10 "
        "10:00~10:20) and 사례2 (2026-12-10 10:10~10:30)."
    ]


def test_other_rooms_at_the_same_time_do_not_clash():
    slots = [plan(1, 1, at(10), at(10, 20), "A실"), plan(2, 2, at(10), at(10, 20), "B실")]
    assert schedule_clashes(slots) == []


def test_one_slot_inside_another_clashes_and_rooms_ignore_case():
    slots = [plan(1, 1, at(10), at(12), "Hall A"), plan(2, 2, at(10, 30), at(11), "hall a")]
    assert schedule_clashes(slots) == [
        "Hall A is booked twice at overlapping times: 사례1 (2026-12-10 10:00~12:00) and "
        "사례2 (2026-12-10 10:30~11:00)."
    ]


def test_an_entry_twice_an_order_twice_and_an_end_before_the_start():
    slots = [
        plan(1, 1, at(10), at(10, 20), "A실"),
        plan(1, 2, at(11), at(11, 20), "B실"),
        plan(3, 2, at(13), at(12, 50), "C실"),
    ]
    assert schedule_clashes(slots) == [
        "사례3: the end time must be after the start time.",
        "사례1 is in the schedule twice.",
        "Order 2 is given to both 사례1 and 사례3.",
    ]


# --- writes -----------------------------------------------------------------------------------


def _add(scene, short, order, start, end, room="대회의실"):
    return slot_add(
        round_=scene.presentation, entry=scene.entries[short], order=order, starts_at=start,
        ends_at=end, room=room, by=scene.organizer,
    )  # fmt: skip


def test_adding_slots_creates_the_schedule_and_refuses_a_clash_saving_nothing(scene):
    _add(scene, "mois", 1, at(10), at(10, 20))
    with pytest.raises(ValidationError) as refused:
        _add(scene, "seoul", 2, at(10, 15), at(10, 35))
    assert refused.value.messages == [
        "대회의실 is booked twice at overlapping times: 행정안전부 사례 (2026-12-10 "
        "10:00~10:20) and 서울특별시 사례 (2026-12-10 10:15~10:35)."
    ]
    assert list(PresentationSlot.objects.values_list("entry__title", "order")) == [
        ("행정안전부 사례", 1)
    ]


def test_an_entry_gets_one_slot_and_only_advanced_entries_get_one(scene):
    _add(scene, "mois", 1, at(10), at(10, 20))
    with pytest.raises(ValidationError) as twice:
        _add(scene, "mois", 2, at(11), at(11, 20))
    assert twice.value.messages == [
        "행정안전부 사례 already has a slot (order 1): change that slot instead."
    ]
    with pytest.raises(ValidationError) as not_advanced:
        _add(scene, "busan", 2, at(11), at(11, 20))
    assert not_advanced.value.messages == ["부산광역시 사례 does not take part in Presentation."]


def test_an_order_number_twice_is_refused(scene):
    _add(scene, "mois", 1, at(10), at(10, 20))
    with pytest.raises(ValidationError) as refused:
        _add(scene, "seoul", 1, at(11), at(11, 20), room="소회의실")
    assert refused.value.messages == [
        "Order 1 is given to both 행정안전부 사례 and 서울특별시 사례."
    ]


def test_only_the_contests_organizers_write(scene):
    other = factories.OrganizerFactory()
    with pytest.raises(PermissionDenied):
        slot_add(
            round_=scene.presentation, entry=scene.entries["mois"], order=1, starts_at=at(10),
            ends_at=at(10, 20), room="A", by=other,
        )  # fmt: skip
    assert not PresentationSchedule.objects.exists()


def test_autofill_lays_out_the_advanced_entries_in_receipt_order(scene):
    count = schedule_autofill(
        round_=scene.presentation, starts_at=at(14), slot_minutes=20, break_minutes=5,
        room=" 세종청사  6동 대회의실", by=scene.organizer,
    )  # fmt: skip
    assert count == 2
    rows = [
        (s.entry.title, s.order, s.starts_at, s.ends_at, s.room)
        for s in PresentationSlot.objects.select_related("entry")
    ]
    assert rows == [
        ("행정안전부 사례", 1, at(14), at(14, 20), "세종청사 6동 대회의실"),
        ("서울특별시 사례", 2, at(14, 25), at(14, 45), "세종청사 6동 대회의실"),
    ]


def test_autofill_moves_existing_slots_and_is_refused_as_a_whole_on_a_clash(scene):
    _add(scene, "seoul", 1, at(9), at(9, 20))
    schedule_autofill(
        round_=scene.presentation, starts_at=at(14), slot_minutes=20, break_minutes=0,
        room="A실", by=scene.organizer,
    )  # fmt: skip
    assert PresentationSlot.objects.count() == 2
    seoul = PresentationSlot.objects.get(entry=scene.entries["seoul"])
    assert (seoul.order, seoul.starts_at) == (2, at(14, 20))


def test_updating_a_slot_checks_against_the_others(scene):
    first = _add(scene, "mois", 1, at(10), at(10, 20))
    _add(scene, "seoul", 2, at(10, 20), at(10, 40))
    with pytest.raises(ValidationError) as refused:
        slot_update(
            slot=first, order=1, starts_at=at(10, 25), ends_at=at(10, 45), room="대회의실",
            by=scene.organizer,
        )  # fmt: skip
    assert refused.value.messages == [
        "대회의실 is booked twice at overlapping times: 서울특별시 사례 (2026-12-10 "
        "10:20~10:40) and 행정안전부 사례 (2026-12-10 10:25~10:45)."
    ]
    first.refresh_from_db()
    assert first.starts_at == at(10)


# --- publishing -------------------------------------------------------------------------------


def _bodies(to: str) -> list[str]:
    return [m.body for m in mail.outbox if m.to == [to]]


@pytest.fixture
def publish(scene, django_capture_on_commit_callbacks):
    """Publish the scene's schedule, sending its emails (they go once the transaction commits)."""

    def publish_now():
        with django_capture_on_commit_callbacks(execute=True):
            return schedule_publish(round_=scene.presentation, by=scene.organizer)

    return publish_now


def test_publishing_emails_each_agency_its_own_slot_and_every_judge_the_order(scene, publish):
    _add(scene, "mois", 1, at(10), at(10, 20), "세종청사 6동 대회의실")
    _add(scene, "seoul", 2, at(10, 20), at(10, 40), "세종청사 6동 대회의실")
    mail.outbox.clear()
    published = publish()
    assert (published.first, len(published.changed), published.judges_told) == (True, 2, 2)
    # 행정안전부: 박기관, 이담당, 윤겸직; 서울특별시: 최담당, 윤겸직 (both agencies: two emails)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([
        "park@mois.go.kr", "lee@mois.go.kr", "yoon@mois.go.kr", "choi@seoul.go.kr",
        "yoon@mois.go.kr", "kim@univ.ac.kr", "lee@univ.ac.kr",
    ])  # fmt: skip
    park = _bodies("park@mois.go.kr")[0]
    assert "Entry: 행정안전부 사례\nOrder: 1\nTime: 2026-12-10 10:00~10:20 (Korea time)\n" in park
    assert "Room: 세종청사 6동 대회의실" in park
    assert "서울특별시 사례" not in park
    assert f"\n{SITE}/entries/#presentations\n" in park
    kim = _bodies("kim@univ.ac.kr")[0]
    assert "1. 2026-12-10 10:00~10:20 · 세종청사 6동 대회의실 · 행정안전부 사례\n" in kim
    assert "2. 2026-12-10 10:20~10:40 · 세종청사 6동 대회의실 · 서울특별시 사례\n" in kim
    assert f"\n{SITE}/presentations/rounds/{scene.presentation.pk}/today/\n" in kim
    assert "서울특별시" not in kim.replace("서울특별시 사례", "")  # no agency under blind judging


def test_publishing_again_tells_only_the_agency_whose_slot_changed(scene, publish):
    first = _add(scene, "mois", 1, at(10), at(10, 20))
    _add(scene, "seoul", 2, at(10, 20), at(10, 40))
    publish()
    slot_update(
        slot=first, order=1, starts_at=at(9, 30), ends_at=at(9, 50), room="소회의실",
        by=scene.organizer,
    )  # fmt: skip
    first.refresh_from_db()
    # Until it is published again, agencies and judges see the published values.
    assert (first.published_starts_at, first.published_room) == (at(10), "대회의실")
    mail.outbox.clear()
    published = publish()
    assert (published.first, [s.entry.title for s in published.changed]) == (
        False, ["행정안전부 사례"],
    )  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kim@univ.ac.kr", "lee@mois.go.kr", "lee@univ.ac.kr", "park@mois.go.kr", "yoon@mois.go.kr",
    ]  # fmt: skip
    judge_mail = _bodies("kim@univ.ac.kr")[0]
    assert "changed the order of presentations of 2차 발표심사. The changed presentations:" in (
        judge_mail
    )
    assert "1. 2026-12-10 09:30~09:50 · 소회의실 · 행정안전부 사례" in judge_mail
    assert "서울특별시 사례" not in judge_mail
    mail.outbox.clear()
    again = publish()
    assert (again.changed, mail.outbox) == ([], [])


def test_publishing_nothing_is_refused_and_a_published_slot_is_not_removed(scene):
    with pytest.raises(ValidationError) as empty:
        schedule_publish(round_=scene.presentation, by=scene.organizer)
    assert empty.value.messages == ["There is no slot to publish yet."]
    slot = _add(scene, "mois", 1, at(10), at(10, 20))
    schedule_publish(round_=scene.presentation, by=scene.organizer)
    with pytest.raises(ValidationError) as kept:
        slot_delete(slot=slot, by=scene.organizer)
    assert kept.value.messages == [
        "This slot was published to its agency and the judges: change its time or room instead "
        "of removing it."
    ]
    draft = _add(scene, "seoul", 2, at(11), at(11, 20))
    slot_delete(slot=draft, by=scene.organizer)
    assert list(PresentationSlot.objects.values_list("order", flat=True)) == [1]


def test_the_published_at_is_kept_when_nothing_changed(scene):
    _add(scene, "mois", 1, at(10), at(10, 20))
    schedule_publish(round_=scene.presentation, by=scene.organizer)
    stamp = PresentationSchedule.objects.get().published_at
    schedule_publish(round_=scene.presentation, by=scene.organizer)
    assert PresentationSchedule.objects.get().published_at == stamp
    assert isinstance(stamp, dt.datetime)
