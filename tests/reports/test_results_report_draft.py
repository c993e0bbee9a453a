"""Results reports of rounds not finalized: refused (404, as the results workbooks) unless the
organizer asks for a draft (`?draft=1`), built from the live inputs with DRAFT on every page and
no digest; and the report in English when the organizer reads the site in English."""

import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from tests.reports.test_results_report import (
    HOSTILE,
    agency,
    contest_url,
    finish,
    flat,
    get_pdf,
    has_row,
    page_texts,
    page_with,
    report_scene,
    result_of,
    round_url,
    tool,
)
from tests.results.pages_scene import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(organizer):
    """Round 1 scored, not finalized (see tests/reports/test_results_report.py)."""
    return report_scene(organizer)


@pytest.fixture
def finished(scene):
    return finish(scene)


DIGEST = re.compile(r"\b[0-9a-f]{64}\b")


def draft_marked(pdf: bytes, tmp_path) -> list[str]:
    """Each page's text, after checking that every page carries DRAFT and no digest."""
    texts = page_texts(pdf, tmp_path)
    for number, text in enumerate(texts, 1):
        drawn = tool("pdftotext", pdf, tmp_path, "-raw", "-f", str(number), "-l", str(number))
        assert gettext("DRAFT") in drawn, number  # drawn at a slant: -layout splits it
        assert gettext("Not a finalized result") in text, number
        assert re.search(rf"{number}\s*/\s*{len(texts)}\s*$", text, re.M), number
    return texts


def test_a_live_round_is_refused_without_draft(scene, organizer_client):
    assert organizer_client.get(round_url(scene, scene.round1)).status_code == 404
    assert organizer_client.get(round_url(scene, scene.round1, draft=0)).status_code == 404
    assert organizer_client.get(contest_url(scene)).status_code == 404
    scene.finish_round1()
    assert organizer_client.get(round_url(scene, scene.round2)).status_code == 404
    assert organizer_client.get(contest_url(scene)).status_code == 404


def test_a_draft_of_a_live_round(scene, organizer_client, tmp_path):
    response = get_pdf(organizer_client, round_url(scene, scene.round1, draft=1))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="2026_results_report_round1_draft.pdf"; '
    )
    assert response["Content-Disposition"].endswith(
        "%EC%8B%AC%EC%82%AC%EA%B2%B0%EA%B3%BC%EB%B3%B4%EA%B3%A0%EC%84%9C_1%EC%B0%A8_"
        "%EC%B4%88%EC%95%88.pdf"  # 심사결과보고서_1차_초안.pdf
    )
    pdf = response.content
    texts = draft_marked(pdf, tmp_path)
    assert not DIGEST.search("\n".join(texts))
    ranking = page_with(texts, "순위표")
    # live: no decision yet, so 0002 and 0003 share 2nd place across the line
    for rank, receipt, title, score, advanced in [
        ("1위", "2026-0001", "사례 1", "85.00", "진출"),
        ("공동 2위", "2026-0002", HOSTILE, "80.00", "미진출"),
        ("공동 2위", "2026-0003", "사례 3", "80.00", "미진출"),
        ("공동 5위", "2026-0004", "사례 4", "70.00", "미진출"),
        ("공동 5위", "2026-0008", "사례 8", "70.00", "미진출"),
    ]:
        assert has_row(ranking, rank, receipt, title, agency(scene, receipt), "중앙부처", score,
                       advanced), receipt  # fmt: skip
    everything = flat(tool("pdftotext", pdf, tmp_path, "-raw"))
    assert "확정 확정 전: 현재 점수로 만든 초안" in everything
    assert "제출되지 않음: 라심사, 2026-0006 사례 6" in everything
    assert (
        f"중앙부처 부문에서 2026-0002 {HOSTILE}, 2026-0003 사례 3 사례가 진출 경계에서 동점입니다."
    ) in everything


def test_a_draft_of_a_finalized_round_is_the_final_report(finished, organizer_client, tmp_path):
    response = get_pdf(organizer_client, round_url(finished, finished.round1, draft=1))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="2026_results_report_round1.pdf"; '
    )
    texts = page_texts(response.content, tmp_path)
    digest = result_of(finished.round1).digest
    assert all(digest in text and gettext("DRAFT") not in text for text in texts)


def test_a_draft_of_the_contest(scene, organizer_client, tmp_path):
    """Round 1 finalized, round 2 scored and live: its numbers and the contest ranking are live;
    round 1's digest is on the cover, none at the foot of the pages."""
    scene.finish_round1()
    scene.score_round2()
    response = get_pdf(organizer_client, contest_url(scene, draft=1))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="2026_results_report_draft.pdf"; '
    )
    texts = draft_marked(response.content, tmp_path)
    cover = flat(tool("pdftotext", response.content, tmp_path, "-raw", "-l", "1"))
    assert f"다이제스트(SHA-256) {result_of(scene.round1).digest}" in cover
    assert "심사 단계 2. 2차 발표심사 확정 확정 전: 현재 점수로 만든 초안" in cover
    assert len(DIGEST.findall("\n".join(texts))) == 1
    awards = page_with(texts, "시상 내역")
    assert has_row(awards, "대상", "1위", "2026-0003", "사례 3", agency(scene, "2026-0003"),
                   "중앙부처", "86.00")  # fmt: skip


def test_the_report_in_english(finished, organizer_client, tmp_path):
    response = get_pdf(english(organizer_client), round_url(finished, finished.round1))
    texts = page_texts(response.content, tmp_path)
    everything = flat("\n".join(texts))
    assert "2026 Innovation Results report" in flat(texts[0])
    assert "심사 결과 보고서" not in everything
    assert "순위" not in everything
    ranking = page_with(texts, "Tied 5")
    english_name = {r: e.agency.name_en for r, e in finished.entries.items()}
    for rank, receipt, title, category, score, advanced in [
        ("1", "2026-0001", "사례 1", "Central", "85.00", "Yes"),
        ("Tied 5", "2026-0004", "사례 4", "Central", "70.00", "No"),
        ("Tied 5", "2026-0008", "사례 8", "Central", "70.00", "No"),
    ]:
        assert has_row(ranking, rank, receipt, title, english_name[receipt], category, score,
                       advanced), receipt  # fmt: skip
    assert "Trimmed mean (drop highest and lowest): 1 dropped at each end" in everything
    assert "Round half up (사사오입), 2 decimal places, applied once to what is shown" in everything
    at = timezone.localtime(result_of(finished.round1).at).strftime("%Y-%m-%d %H:%M")
    assert f"Finalized {at} by 김주관" in everything
