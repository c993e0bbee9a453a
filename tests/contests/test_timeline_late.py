"""The timeline's later stages (scoring.selectors.timeline_late): a round's presentation schedule
(2차 발표심사) on its stage, and the objection stage (이의신청) through the period's life; both
in a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scoring.models import Objection, ObjectionWindow
from scoring.selectors.timeline import contest_timeline
from scoring.services.objections import objection_answer, objection_file
from scoring.services.presentation_slides import slides_upload
from scoring.services.presentations import (
    schedule_autofill,
    schedule_publish,
    schedule_settings,
    slot_update,
)
from tests import factories as f
from tests.contests.test_timeline import md, rows, timeline_scene, url
from tests.objections.scene import PDF, build_published

pytestmark = pytest.mark.django_db


def _stage(contest, key):
    return next(s for s in contest_timeline(contest) if s.key == key)


def _details(stage):
    return [(d.text, d.url) for d in stage.details]


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _member(entry, name, email):
    user = f.UserFactory(name=name, email=email)
    f.AgencyMembershipFactory(agency=entry.agency, user=user)
    return user


def test_round_two_shows_its_presentation_schedule_from_planning_to_slides(organizer):
    scene = timeline_scene(organizer)
    contest, round2 = scene.contest, scene.round2
    schedule = reverse("presentations:schedule", args=[round2.pk])
    # Waiting for round 1's result: nothing to plan yet.
    assert _details(_stage(contest, "round-2")) == []

    scene.finish_round1()  # four entries advance
    stage = _stage(contest, "round-2")
    assert _details(stage) == [("No presentation schedule yet.", schedule)]

    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=3)
    schedule_autofill(round_=round2, starts_at=start, slot_minutes=20, break_minutes=5,
                      room="세종청사 대회의실", by=organizer)  # fmt: skip
    stage = _stage(contest, "round-2")
    assert _details(stage) == [
        ("Presentation schedule: 4 slots, not published · Slides received 0/4", schedule)
    ]
    assert ("The presentation schedule is not published yet.", schedule) in rows([stage])[0][3]

    deadline = timezone.now() + dt.timedelta(days=1)
    schedule_settings(round_=round2, slides_deadline=deadline, by=organizer)
    published = schedule_publish(round_=round2, by=organizer)
    entry = scene.entries["2026-0001"]
    member = _member(entry, "이담당", "lee@mois.go.kr")
    slides_upload(round_=round2, entry=entry, by=member, upload=_pdf("발표자료.pdf"))
    slot = published.changed[1]
    slot_update(slot=slot, order=slot.order, starts_at=slot.starts_at, ends_at=slot.ends_at,
                room="세종청사 소회의실", by=organizer)  # fmt: skip
    round2.refresh_from_db()
    stage = _stage(contest, "round-2")
    shown = md(round2.presentation_schedule.published_at)
    assert _details(stage) == [
        (f"Presentation schedule: 4 slots, published {shown} · Slides received 1/4 · "
         f"slides due {md(deadline)}", schedule),
    ]  # fmt: skip
    changed = ("1 slot was changed after the schedule was published.", schedule)
    assert changed in rows([stage])[0][3]
    late = "3 entries did not upload their slides by the deadline."
    assert late not in str(rows([stage]))

    # The deadline passes: the entries without slides are missing.
    later = contest_timeline(contest, now=deadline + dt.timedelta(minutes=1))
    assert (late, schedule) in rows(later)[6][3]

    # Round 2 scored: its stage is done; the schedule's line stays, nothing is listed missing.
    scene.score_round2()
    stage = _stage(contest, "round-2")
    assert (stage.state, stage.missing, len(stage.details)) == ("done", [], 1)


def test_a_one_round_contest_has_no_schedule_line(organizer):
    contest = f.ContestFactory(organizers=[organizer])
    f.RoundFactory(contest=contest)
    assert [s.details for s in contest_timeline(contest)] == [[]] * 10


def test_the_objection_stage_from_the_period_to_the_last_answer(organizer):
    published = build_published(organizer)
    contest, window = published.contest, published.window
    objections = url("objections:list", contest)
    under_review = url("objections:list", contest, query="?status=open")
    until = f"open until {md(window.closes_at)}"
    assert rows([_stage(contest, "objection")]) == [
        ("objection", "current", f"Filed 0 · Under review 0 · Answered 0, {until}", [],
         ("See the objections", objections)),
    ]  # fmt: skip

    first = objection_file(entry=published.entry("2026-0001"), by=published.member,
                           concern="scores", text="합산 오류",
                           round_=published.scene.round2)  # fmt: skip
    second = objection_file(entry=published.entry("2026-0002"), by=published.other,
                            concern="procedure", text="절차 문제")  # fmt: skip
    waiting = ("2 objections are waiting for an answer.", under_review)
    assert rows([_stage(contest, "objection")]) == [
        ("objection", "current", f"Filed 2 · Under review 2 · Answered 0, {until}", [waiting],
         ("Answer the objections", under_review)),
    ]  # fmt: skip

    objection_answer(objection=second, by=organizer, outcome="dismissed", reason="절차 적법")
    ObjectionWindow.objects.filter(pk=window.pk).update(closes_at=timezone.now())
    closed = f"closed {md(ObjectionWindow.objects.get().closes_at)}"
    stage = _stage(contest, "objection")
    assert (stage.state, stage.summary) == (
        "current",
        f"Filed 2 · Under review 1 · Answered 1, {closed}",
    )
    assert rows([stage])[0][3] == [("1 objection is waiting for an answer.", under_review)]

    # Upholding a scores objection withdraws the publication: the announcement is to be done
    # again, the objections wait with it.
    objection_answer(objection=first, by=organizer, outcome="upheld", reason="합산 오류 확인")
    contest.refresh_from_db()
    stages = {s.key: s for s in contest_timeline(contest)}
    assert stages["announcement"].summary == "Not published yet."
    assert rows([stages["objection"]]) == [
        ("objection", "upcoming",
         "Filed 2 · Under review 0 · Answered 2, opens with the results, closes "
         f"{md(ObjectionWindow.objects.get().closes_at)}", [], None),
    ]  # fmt: skip
    assert Objection.objects.filter(status="open").count() == 0


def test_published_results_after_the_period_with_every_answer_given_are_done(organizer):
    published = build_published(organizer)
    contest = published.contest
    objection = objection_file(entry=published.entry("2026-0001"), by=published.member,
                               concern="other", text="기타")  # fmt: skip
    objection_answer(objection=objection, by=organizer, outcome="dismissed", reason="사유 없음")
    later = published.window.closes_at + dt.timedelta(hours=1)
    stage = contest_timeline(contest, now=later)[-1]
    assert rows([stage]) == [
        ("objection", "done",
         f"Filed 1 · Under review 0 · Answered 1, closed {md(published.window.closes_at)}", [],
         None),
    ]  # fmt: skip


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_schedules_and_objections_add_a_fixed_number_of_queries(organizer):
    published = build_published(organizer)
    contest, round2 = published.contest, published.scene.round2
    start = timezone.now() + dt.timedelta(days=3)
    schedule_autofill(round_=round2, starts_at=start, slot_minutes=20, break_minutes=5,
                      room="대회의실", by=organizer)  # fmt: skip
    schedule_settings(round_=round2, slides_deadline=start, by=organizer)
    small = _queries(lambda: contest_timeline(contest))
    schedule_publish(round_=round2, by=organizer)
    for receipt, member in (("2026-0001", published.member), ("2026-0002", published.other)):
        entry = published.entry(receipt)
        if receipt == "2026-0001":
            slides_upload(round_=round2, entry=entry, by=member, upload=_pdf("a.pdf"))
        objection_file(entry=entry, by=member, concern="other", text="이의")
    f.RoundFactory(contest=contest, order=5, weight=Decimal("0"))
    # 13 without a presentation schedule (tests/contests/test_timeline.py), 15 with one: its
    # slots and its slides are counted in one aggregate query each.
    assert _queries(lambda: contest_timeline(contest)) == small == 15
