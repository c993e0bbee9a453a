"""Conflict services: challenges (기피), recusals (회피) and the organizer's list."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from scoring.models import Assignment, Conflict, Judge, Scorecard
from scoring.selectors.assignments import conflicts_for_organizer, round_plan
from scoring.services.conflicts import conflict_declare_recusal, conflict_record_challenge
from tests.judging.conftest import scored

pytestmark = pytest.mark.django_db


# --- Conflicts ---------------------------------------------------------------------------------


def test_challenge_withdraws_assignment(world, organizer):
    ga = world.judges[0]
    Assignment.objects.create(round=world.round, judge=ga, entry=world.entries[1])
    conflict = conflict_record_challenge(
        judge=ga, entry=world.entries[1], reason=" 공동연구자 ", by=organizer
    )
    assert (conflict.kind, conflict.reason, conflict.recorded_by) == (
        "challenge",
        "공동연구자",
        organizer,
    )
    assert Assignment.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        conflict_record_challenge(judge=ga, entry=world.entries[1], reason="again", by=organizer)
    assert error.value.messages == ["This conflict of interest is already recorded."]


def test_challenge_refused_once_scored_and_needs_reason_and_organizer(world, organizer):
    ga, _na, da = world.judges
    scored(world, ga, world.entries[1])
    with pytest.raises(ValidationError) as error:
        conflict_record_challenge(judge=ga, entry=world.entries[1], reason="x", by=organizer)
    assert error.value.code == "scored"
    with pytest.raises(ValidationError) as error:
        conflict_record_challenge(judge=da, entry=world.entries[1], reason="  ", by=organizer)
    assert error.value.message_dict == {"reason": ["Give the reason."]}
    with pytest.raises(PermissionDenied):
        conflict_record_challenge(judge=da, entry=world.entries[1], reason="x", by=da.user)
    assert Conflict.objects.count() == 0
    assert Assignment.objects.count() == 1


def test_recusal_after_scoring_is_a_request_that_keeps_everything(
    world, organizer, django_capture_on_commit_callbacks
):
    ga = world.judges[0]
    card = scored(world, ga, world.entries[1])
    with pytest.raises(PermissionDenied):
        conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="x", by=organizer)
    with pytest.raises(ValidationError):
        conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="", by=ga.user)
    with django_capture_on_commit_callbacks(execute=True):
        conflict = conflict_declare_recusal(
            judge=ga, entry=world.entries[1], reason="지인", by=ga.user
        )
    assert (conflict.kind, conflict.status, conflict.recorded_by) == ("recusal", "pending", ga.user)
    assert Assignment.objects.count() == 1
    assert Scorecard.objects.filter(pk=card.pk).exists()
    assert [m.to for m in mail.outbox] == [[organizer.email]]
    with pytest.raises(ValidationError) as error:
        conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="x", by=ga.user)
    assert error.value.messages == ["This conflict of interest is already recorded."]
    # While pending, the pair is never planned again.
    assert all(pair != (ga.pk, world.entries[1].pk) for pair in round_plan(world.round).new)


def test_recusal_before_scoring_takes_effect_at_once(world):
    ga = world.judges[0]
    Assignment.objects.create(round=world.round, judge=ga, entry=world.entries[1])
    conflict = conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="지인", by=ga.user)
    assert conflict.status == "in_effect"
    assert Assignment.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="x", by=ga.user)
    assert error.value.messages == ["This entry is not assigned to you."]
    assert all(pair != (ga.pk, world.entries[1].pk) for pair in round_plan(world.round).new)


def test_conflict_list_marks_needs_reassignment_and_automatic_exclusions(world, organizer):
    ga, na, da = world.judges
    Assignment.objects.create(round=world.round, judge=ga, entry=world.entries[1])
    Assignment.objects.create(round=world.round, judge=da, entry=world.entries[1])
    Assignment.objects.create(round=world.round, judge=ga, entry=world.entries[2])
    Assignment.objects.create(round=world.round, judge=da, entry=world.entries[2])
    conflict_declare_recusal(judge=ga, entry=world.entries[1], reason="지인", by=ga.user)
    rows = conflicts_for_organizer(world.contest)
    assert [(r.kind, r.judge, r.entry, r.needs_reassignment) for r in rows] == [
        ("recusal", ga, world.entries[1], True),
        ("exclusion", na, world.entries[0], False),
    ]
    assert rows[1].reason == "Own agency: Ministry of the Interior"
    assert rows[1].by is None
    Assignment.objects.create(round=world.round, judge=na, entry=world.entries[1])
    assert conflicts_for_organizer(world.contest)[0].needs_reassignment is False
    assert Judge.objects.count() == 3
