"""The demo's contests are complete enough to be published (publishing an incomplete contest is
refused), and the contest page's timeline tells where each of them stands."""

import pytest
from django.utils import translation

from contests.models import Contest
from contests.services.checks import publication_gaps
from scoring.selectors.timeline import contest_timeline

GOV = "2026 정부혁신 우수사례 경진대회"
PAST = "2025 적극행정 우수사례 경진대회"
NEXT = "2026 하반기 적극행정 우수사례 경진대회"


@pytest.mark.parametrize("name", [GOV, PAST, NEXT])
def test_every_demo_contest_is_published_with_a_complete_set_up(demo, name):
    contest = Contest.objects.get(name_ko=name)
    assert contest.is_published is True
    assert publication_gaps(contest) == []


def _states(name: str) -> list[tuple[str, str]]:
    with translation.override("ko"):
        return [(s.name, s.state) for s in contest_timeline(Contest.objects.get(name_ko=name))]


def test_the_timelines_of_the_demo_contests(demo):
    done, current, upcoming, na = "done", "current", "upcoming", "not_applicable"
    assert _states(GOV) == [
        ("공고", done), ("접수", done), ("검토", done), ("배정", done), ("1차 심사", current),
        ("진출 확정", upcoming), ("2차 심사", upcoming), ("결과 확정", upcoming),
        ("발표", upcoming), ("이의신청", upcoming),
    ]  # fmt: skip
    assert _states(PAST) == [
        ("공고", done), ("접수", done), ("검토", done), ("배정", done), ("1차 심사", done),
        ("진출 확정", na), ("2차 심사", na), ("결과 확정", done), ("발표", done),
        ("이의신청", current),  # one objection still under review (scoring.demo.objections)
    ]  # fmt: skip
    assert _states(NEXT)[:4] == [
        ("공고", done), ("접수", current), ("검토", upcoming), ("배정", upcoming),
    ]  # fmt: skip
    with translation.override("ko"):
        round1 = contest_timeline(Contest.objects.get(name_ko=GOV))[4]
    assert round1.summary.startswith("제출된 평가표 266/270, 마감 ")
