"""The demo entry texts fit the demo contest, so the entries issue can load them as they are."""

from collections import Counter

import pytest

from contests.models import Contest
from scoring.demo.entries import ENTRIES, QUESTION_LABELS
from scoring.demo.entries.base import entry
from scoring.demo.people import AGENCY_CODES

REAL_TITLES = {
    "장애인 고용 무지개": "KEAD",
    "전자통관시스템 유니패스 해외 수출": "KCS",
    "빅데이터로 살고 싶은 집 찾기": "KOSTAT",
    "찾아라! 119 지름길": "NFA",
    "전자정부 업무 클라우드 통합": "MOIS",
}


def test_sixty_entries_with_unique_titles_across_the_three_categories():
    assert len(ENTRIES) == 60
    assert len({e.title for e in ENTRIES}) == 60
    assert Counter(e.category for e in ENTRIES) == {
        "중앙행정기관": 24,
        "광역·기초자치단체": 22,
        "공공기관·교육청": 14,
    }


def test_real_case_titles_are_included_with_their_agencies():
    by_title = {e.title: e.agency_code for e in ENTRIES}
    assert {title: by_title.get(title) for title in REAL_TITLES} == REAL_TITLES


def test_every_entry_belongs_to_a_demo_agency_within_the_per_category_limit():
    assert {e.agency_code for e in ENTRIES} <= set(AGENCY_CODES)
    per_agency_category = Counter((e.agency_code, e.category) for e in ENTRIES)
    assert max(per_agency_category.values()) == 3


def test_answers_match_the_demo_contest_questions_and_length_limits(demo):
    contest = Contest.objects.get(name_ko="2026 정부혁신 우수사례 경진대회")
    limits = dict(contest.questions.values_list("label_ko", "max_length"))
    categories = set(contest.categories.values_list("name_ko", flat=True))
    assert tuple(limits) == QUESTION_LABELS
    for demo_entry in ENTRIES:
        assert demo_entry.category in categories
        assert tuple(demo_entry.answers) == QUESTION_LABELS
        for label, text in demo_entry.answers.items():
            assert 20 <= len(text) <= limits[label], (demo_entry.title, label)


def test_entry_helper_rejects_a_missing_answer():
    with pytest.raises(ValueError, match="expected 4 answers, got 3"):
        entry("central", "MOIS", "제목", "가", "나", "다")
