"""The results pages in Korean, the default language: shared ranks read 공동 n위 and every refusal
shows its Korean message (needs the catalogue from /work/translations/results-pages.po)."""

import pytest

from scoring.models import RoundResult
from tests.results.pages_scene import build_scene, flashes, ranking


@pytest.fixture
def scene(organizer):
    return build_scene(organizer)


def test_shared_ranks_and_problems_in_korean(scene, organizer_client):
    html = organizer_client.get(scene.url("round", scene.round1)).content.decode()
    rows = {row["entry"]: row for row in ranking(html)}
    assert [rows[r]["rank"] for r in ("2026-0001", "2026-0002", "2026-0003")] == [
        "1위", "공동 2위", "공동 2위"
    ]  # fmt: skip
    assert rows["2026-0006"]["split"] == "1단계: 혁신성 평균 점수가 높은 순"
    assert rows["2026-0001"]["category"] == "중앙부처"
    assert [rows[r]["advanced"] for r in ("2026-0001", "2026-0002")] == ["진출", "미진출"]
    assert (
        "중앙부처 부문에서 2026-0002 사례 2, 2026-0003 사례 3 사례가 진출 경계에서 동점입니다."
        in html
    )
    assert "부문별 상위 2개 사례가 2차 발표심사에 진출합니다." in html
    sheet = organizer_client.get(scene.url("sheet", scene.round1, "2026-0002")).content.decode()
    assert 'data-k="rank">공동 2위</dd>' in sheet
    assert "최고·최저점 제외" in sheet


def test_refusals_in_korean(scene, organizer_client):
    client = organizer_client
    finalize = scene.url("finalize", scene.round1)
    response = client.post(finalize, {"confirm": "yes"}, follow=True)
    assert flashes(response) == [
        ("error", "배정된 평가표 1건이 제출되지 않았습니다. 제출을 기다리거나, 각각 사유를 "
                  "입력하여 집계에서 제외하십시오.")
    ]  # fmt: skip
    assert not RoundResult.objects.exists()

    response = client.post(scene.url("publish"), follow=True)
    assert flashes(response) == [("error", "결과를 공개하려면 먼저 모든 심사 단계를 확정하십시오.")]

    scene.finish_round1()
    response = client.post(finalize, {"confirm": "yes"}, follow=True)
    assert flashes(response) == [("error", "이미 확정된 심사 단계입니다.")]
    response = client.post(scene.url("reopen", scene.round1), {"reason": ""}, follow=True)
    assert flashes(response) == [("error", "사유를 입력해 주십시오.")]
    assert RoundResult.objects.get().voided_at is None
