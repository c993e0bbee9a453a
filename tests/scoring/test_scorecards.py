"""Scorecard services: validation, versions, audit events, submit and reopen."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from scoring.models import Assignment, Score, Scorecard, ScoreEvent
from scoring.services.scorecards import (
    FieldConflict,
    StaleScorecard,
    comment_save,
    score_save,
    scorecard_open,
    scorecard_reopen,
    scorecard_submit,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Exact messages are asserted in English (the Korean catalogue translates them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def card():
    """An open round with 혁신성 30 (step 1) and 효과성 20 (step 0.5), one assigned scorecard."""
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    factories.CriterionFactory(round=round_, name_ko="혁신성", max_points=Decimal("30"), order=0)
    factories.CriterionFactory(
        round=round_, name_ko="효과성", max_points=Decimal("20"), step=Decimal("0.5"), order=1
    )
    assignment = factories.AssignmentFactory(round=round_)
    return scorecard_open(round_=round_, judge=assignment.judge, entry=assignment.entry)


def _criterion(card, name):
    return card.round.criteria.get(name_ko=name)


def _save(card, name, raw, version=None, **kwargs):
    return score_save(
        scorecard=card,
        criterion_id=_criterion(card, name).pk,
        raw=raw,
        version=card.version if version is None else version,
        by=kwargs.pop("by", card.judge.user),
        **kwargs,
    )


def test_a_valid_score_is_saved_versioned_and_audited(card):
    saved = _save(card, "혁신성", "27")
    assert (saved.changed, saved.scorecard.version) == (True, 1)
    assert Score.objects.get(scorecard=card).value == Decimal("27")
    event = ScoreEvent.objects.get()
    assert (event.field, event.old, event.new, event.via, event.by) == (
        "score",
        "",
        "27",
        "judge",
        card.judge.user,
    )
    card.round.refresh_from_db()
    assert card.round.scoring_started_at is not None
    assert card.round.rubric_locked is True


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31", "At most 30 points."),
        ("-1", "A score cannot be negative."),
        ("abc", "Enter a number."),
        ("NaN", "Enter a number."),
        ("Infinity", "Enter a number."),
        ("1e400", "Enter a number."),
        ("٣", "Enter a number."),
        ("١٢", "Enter a number."),
        ("1_0", "Enter a number."),
        ("+5", "Enter a number."),
        ("\uff12\uff15", "Enter a number."),
        ("27.5", "Use steps of 1 points."),
    ],
)
def test_bad_scores_are_refused_and_change_nothing(card, raw, message):
    _save(card, "혁신성", "20")
    with pytest.raises(ValidationError) as error:
        _save(card, "혁신성", raw, version=1)
    assert error.value.messages == [message]
    card.refresh_from_db()
    assert card.version == 1
    assert Score.objects.get(scorecard=card).value == Decimal("20")
    assert ScoreEvent.objects.count() == 1


def test_half_points_follow_the_criterion_step(card):
    _save(card, "효과성", "17.5")
    assert Score.objects.get(scorecard=card).value == Decimal("17.5")
    with pytest.raises(ValidationError, match=r"steps of 0\.5"):
        _save(card, "효과성", "17.25", version=1)


def test_the_same_value_again_records_nothing(card):
    _save(card, "혁신성", "25")
    saved = _save(card, "혁신성", "25.00", version=1)
    assert (saved.changed, saved.scorecard.version, ScoreEvent.objects.count()) == (False, 1, 1)


def test_a_stale_version_is_refused_and_the_newer_value_is_returned(card):
    _save(card, "혁신성", "25")  # tab A: version 0 -> 1
    with pytest.raises(StaleScorecard) as stale:
        _save(card, "혁신성", "10", version=0)  # tab B still holds version 0
    assert stale.value.scorecard.version == 1
    assert Score.objects.get(scorecard=card).value == Decimal("25")


def test_a_criterion_of_another_round_is_refused(card):
    other = factories.CriterionFactory(max_points=Decimal("30"))
    with pytest.raises(ValidationError, match="not part of this round"):
        score_save(scorecard=card, criterion_id=other.pk, raw="10", version=0, by=card.judge.user)
    assert not Score.objects.exists()


def test_a_closed_window_refuses_judges_but_not_organizers(card):
    card.round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    card.round.opens_at = card.round.closes_at - dt.timedelta(days=2)
    card.round.save()
    with pytest.raises(ValidationError, match="window of this round is closed"):
        _save(card, "혁신성", "10")
    organizer = factories.OrganizerFactory()
    card.round.contest.organizers.add(organizer)
    saved = _save(card, "혁신성", "10", by=organizer, via="organizer", reason="서명된 평가표")
    assert saved.changed is True
    event = ScoreEvent.objects.get()
    assert (event.via, event.by, event.reason) == ("organizer", organizer, "서명된 평가표")


def test_a_withdrawn_assignment_stops_the_judge(card):
    Assignment.objects.filter(judge=card.judge).delete()
    with pytest.raises(PermissionDenied, match="no longer assigned"):
        _save(card, "혁신성", "10")


def test_a_level_sets_its_points(card):
    criterion = _criterion(card, "혁신성")
    level = factories.LevelFactory(criterion=criterion, label="우수", points=Decimal("24"))
    score_save(
        scorecard=card,
        criterion_id=criterion.pk,
        raw="",
        level_id=level.pk,
        version=0,
        by=card.judge.user,
    )
    score = Score.objects.get()
    assert (score.value, score.level) == (Decimal("24"), level)


def test_clearing_a_score_is_a_deliberate_audited_change(card):
    _save(card, "혁신성", "12")
    with pytest.raises(ValidationError) as error:
        _save(card, "혁신성", "", version=1)
    assert error.value.messages == [
        "The box is empty, so the saved score was kept. "
        "To remove the score, use “Remove this score”."
    ]
    assert Score.objects.get().value == Decimal("12")
    saved = _save(card, "혁신성", "", version=1, clear=True)
    assert (saved.changed, saved.scorecard.version) == (True, 2)
    assert not Score.objects.exists()
    assert list(ScoreEvent.objects.values_list("old", "new")) == [("", "12"), ("12", "")]


def test_an_empty_value_where_nothing_is_stored_changes_nothing(card):
    saved = _save(card, "혁신성", "")
    assert (saved.changed, Score.objects.exists(), ScoreEvent.objects.exists()) == (
        False, False, False
    )  # fmt: skip


def test_a_field_save_with_an_outdated_base_is_a_conflict(card):
    def field_save(raw, base):
        return score_save(
            scorecard=card, criterion_id=_criterion(card, "혁신성").pk, raw=raw, version=None,
            by=card.judge.user, base=base,
        )  # fmt: skip

    field_save("25", "")
    with pytest.raises(FieldConflict) as conflict:
        field_save("10", "")
    assert conflict.value.stored == "25"
    assert Score.objects.get().value == Decimal("25")
    # The base the page knew is still stored: saved, whatever the card's version.
    saved = field_save("10", "25.0")
    assert (saved.changed, saved.scorecard.version) == (True, 2)
    # The stored value already is the new one: a success that records nothing.
    saved = field_save("10", "25")
    assert (saved.changed, ScoreEvent.objects.count()) == (False, 2)


def test_a_comment_save_with_an_outdated_base_is_a_conflict(card):
    comment_save(scorecard=card, text="다른 창의 의견", version=None, by=card.judge.user)
    with pytest.raises(FieldConflict) as conflict:
        comment_save(scorecard=card, text="내 의견", version=None, by=card.judge.user, base="")
    assert conflict.value.stored == "다른 창의 의견"
    card.refresh_from_db()
    assert card.comment == "다른 창의 의견"
    saved = comment_save(
        scorecard=card, text="내 의견", version=None, by=card.judge.user, base="다른 창의 의견"
    )
    assert (saved.changed, saved.scorecard.comment) == (True, "내 의견")


def test_comment_changes_are_audited(card):
    comment_save(scorecard=card, text="현장 적용성이 높음", version=0, by=card.judge.user)
    saved = comment_save(scorecard=card, text="현장 적용성이 높음", version=1, by=card.judge.user)
    assert saved.changed is False
    event = ScoreEvent.objects.get()
    assert (event.field, event.old, event.new) == ("comment", "", "현장 적용성이 높음")


def test_submit_needs_every_criterion_then_locks(card):
    _save(card, "혁신성", "28")
    with pytest.raises(ValidationError, match="Score every criterion"):
        scorecard_submit(scorecard=card, version=1, by=card.judge.user)
    _save(card, "효과성", "18.5", version=1)
    submitted = scorecard_submit(scorecard=card, version=2, by=card.judge.user)
    assert (submitted.status, submitted.version) == ("submitted", 3)
    with pytest.raises(ValidationError, match="reopen it"):
        _save(card, "혁신성", "1", version=3)
    assert Score.objects.get(criterion__name_ko="혁신성").value == Decimal("28")


def test_reopen_follows_the_round_setting_and_organizers_give_a_reason(card):
    _save(card, "혁신성", "28")
    _save(card, "효과성", "18", version=1)
    scorecard_submit(scorecard=card, version=2, by=card.judge.user)
    card.round.allow_reopen = False
    card.round.save()
    with pytest.raises(ValidationError, match="cannot reopen"):
        scorecard_reopen(scorecard=card, by=card.judge.user)
    organizer = factories.OrganizerFactory()
    card.round.contest.organizers.add(organizer)
    with pytest.raises(ValidationError) as error:
        scorecard_reopen(scorecard=card, by=organizer, via="organizer", reason=" ")
    assert error.value.message_dict == {"reason": ["Give the reason for reopening."]}
    reopened = scorecard_reopen(
        scorecard=card, by=organizer, via="organizer", reason="심사위원 요청(오기 정정)"
    )
    assert (reopened.status, reopened.submitted_at) == ("draft", None)
    last = ScoreEvent.objects.last()
    assert (last.field, last.old, last.new, last.reason) == (
        "status",
        "submitted",
        "draft",
        "심사위원 요청(오기 정정)",
    )


def test_events_are_append_only(card):
    _save(card, "혁신성", "10")
    event = ScoreEvent.objects.get()
    event.new = "30"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_an_unassigned_entry_has_no_scorecard():
    round_ = factories.RoundFactory()
    judge = factories.JudgeFactory(contest=round_.contest)
    entry = factories.EntryFactory(contest=round_.contest)
    with pytest.raises(PermissionDenied):
        scorecard_open(round_=round_, judge=judge, entry=entry)
    assert not Scorecard.objects.exists()


def test_an_overlong_comment_is_refused_and_the_saved_one_kept(card):
    comment_save(scorecard=card, text="짧은 의견", version=0, by=card.judge.user)
    with pytest.raises(ValidationError) as error:
        comment_save(scorecard=card, text="가" * 5001, version=1, by=card.judge.user)
    assert error.value.messages == ["At most 5000 characters (this comment has 5001)."]
    card.refresh_from_db()
    assert (card.comment, card.version, ScoreEvent.objects.count()) == ("짧은 의견", 1, 1)
