"""Finalize, advance, lock, reopen, publish and verify, through the services and commands
(the contest of tests/results/pages_scene.py, whose numbers are worked out there by hand)."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.models import Advancement, Assignment, RoundResult, Scorecard, ScoreEvent
from scoring.outcome import compute
from scoring.selectors.in_effect import assignments_in_effect, entries_in_round
from scoring.selectors.results import round_inputs
from scoring.services.results import (
    results_publish,
    round_finalize,
    round_reopen,
)
from scoring.services.scorecards import score_save, scorecard_reopen
from scoring.snapshot import verify
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(organizer):
    return build_scene(organizer)


def numbers(round_):
    return sorted(entries_in_round(round_).values_list("receipt_number", flat=True))


def test_finalizing_advances_the_top_two_of_each_category_into_round_two(scene):
    assert numbers(scene.round2) == []  # gated: nothing advanced yet
    result = scene.finish_round1()
    assert numbers(scene.round2) == ["2026-0001", "2026-0003", "2026-0005", "2026-0007"]
    assert Advancement.objects.filter(result=result).count() == 4
    # An assignment of an entry that did not advance is not in effect in round 2.
    Assignment.objects.create(round=scene.round2, judge=scene.judges[0],
                              entry=scene.entries["2026-0002"])  # fmt: skip
    assert not assignments_in_effect(round=scene.round2).exists()


def test_no_score_changes_after_finalizing_until_reopened_with_a_reason(scene, organizer):
    scene.finish_round1()
    card = Scorecard.objects.get(round=scene.round1, judge=scene.judges[0],
                                 entry=scene.entries["2026-0001"])  # fmt: skip
    events = ScoreEvent.objects.count()
    with pytest.raises(ValidationError, match="결과가 확정되었습니다"):
        scorecard_reopen(scorecard=card, by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="x")
    card.status = Scorecard.Status.DRAFT  # even a draft of a finalized round is frozen
    with pytest.raises(ValidationError, match="결과가 확정되었습니다"):
        score_save(scorecard=card, criterion_id=scene.innovation.pk, raw="10", version=None,
                   by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="x")  # fmt: skip
    assert ScoreEvent.objects.count() == events

    with pytest.raises(ValidationError, match="사유"):
        round_reopen(round_=scene.round1, by=organizer, reason="  ")
    voided = round_reopen(round_=scene.round1, by=organizer, reason="채점 오류 정정")
    assert (voided.void_reason, voided.voided_by) == ("채점 오류 정정", organizer)
    assert numbers(scene.round2) == []  # the advancement went with the result
    scorecard_reopen(scorecard=card, by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="정정")
    assert RoundResult.objects.get().voided_at is not None  # kept, never deleted


def test_the_next_round_scoring_blocks_reopening(scene, organizer):
    scene.finish_round1()
    scene.score_round2()
    with pytest.raises(ValidationError, match="다음 심사 단계"):
        round_reopen(round_=scene.round1, by=organizer, reason="정정")
    assert RoundResult.objects.filter(voided_at=None).count() == 1


def test_final_round_gives_the_contest_ranking_and_publishing_needs_every_round(scene, organizer):
    scene.finish_round1()
    with pytest.raises(ValidationError, match="모든 심사 단계를 확정"):
        results_publish(contest=scene.contest, by=organizer, scores=True, ranks=True)
    scene.score_round2()
    result = round_finalize(round_=scene.round2, by=organizer)
    contest = json.loads(result.snapshot)["results"]["contest"]["entries"]
    # 0.4 * round 1 + 0.6 * round 2: 0003 32+54=86, 0001 34+51=85, 0007 24+54=78,
    # 0005 31.2+45=76.2; 대상 overall, then 우수상 per category.
    grand, merit = f"A{scene.grand.pk}", f"A{scene.merit.pk}"
    assert [(r["entry"], r["shown"], r["rank"], r["award"]) for r in contest] == [
        ("2026-0003", "86.00", 1, grand), ("2026-0001", "85.00", 2, merit),
        ("2026-0007", "78.00", 3, merit), ("2026-0005", "76.20", 4, None),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="이미 확정"):
        round_finalize(round_=scene.round2, by=organizer)
    published = results_publish(contest=scene.contest, by=organizer, scores=True, ranks=False)
    assert published.results_published_at is not None
    assert not published.publish_ranks


def test_snapshot_names_no_judge_and_verifies(scene, tmp_path):
    result = scene.finish_round1()
    for judge in scene.judges:
        assert judge.user.name not in result.snapshot
        assert judge.user.email not in result.snapshot
    body = json.loads(result.snapshot)
    assert sorted(body["inputs"]["judges"]) == ["J1", "J2", "J3", "J4"]
    assert body["digest"] == result.digest
    assert verify(result.snapshot)["ok"] is True

    good = tmp_path / "result.json"
    good.write_text(result.snapshot, encoding="utf-8")
    out = io.StringIO()
    call_command("verify_results", str(good), stdout=out)
    assert out.getvalue().splitlines()[-1] == "OK: the results and the digest match the inputs."


def test_verify_results_says_what_differs_in_a_tampered_file(scene, tmp_path):
    body = json.loads(scene.finish_round1().snapshot)
    body["results"]["entries"][0]["score"] = "95"  # the winner's 85 made 95
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("verify_results", str(tampered), stdout=out)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert "MISMATCH: the digest does not match the file's content." in lines
    assert '  results.entries[0].score: "95" ≠ "85"' in lines

    body["results"]["entries"][0]["score"] = "85"
    body["inputs"]["scores"][0]["total"] = "50"  # an input changed, digest kept
    tampered.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_results", str(tampered), stdout=out)
    assert "MISMATCH: the results differ from those recomputed from the inputs:" in out.getvalue()

    tampered.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("verify_results", str(tampered), stdout=io.StringIO())
    assert raised.value.returncode == 2


def test_results_command_prints_the_engine_output(scene):
    out = io.StringIO()
    call_command("results", str(scene.round1.pk), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == {"finalized": False, "digest": None,
                       **compute(round_inputs(scene.round1).inputs)}  # fmt: skip
    assert printed["entries"][0]["entry"] == "2026-0001"
    assert Decimal(printed["entries"][0]["score"]) == Decimal("85")
    result = scene.finish_round1()
    out = io.StringIO()
    call_command("results", str(scene.round1.pk), stdout=out)
    assert out.getvalue().splitlines()[0].endswith(f"(finalized {result.digest})")


@pytest.mark.parametrize(
    ("stored", "text"),
    [(Decimal("85.00"), "85"), (Decimal("85"), "85"), (Decimal("80.50"), "80.5"),
     (Decimal("100.00"), "100"), (Decimal("0.00"), "0"), (85, "85"), (Decimal("1E+2"), "100"),
     (Decimal("-0.00"), "0"), (Decimal("70.250"), "70.25"), (Decimal("0E-2"), "0")],
)  # fmt: skip
def test_sums_read_the_same_from_every_database(stored, text):
    """PostgreSQL returns "85.00", SQLite 85: the snapshot's text is the same for both."""
    from scoring.selectors.results import points

    assert points(stored) == text
