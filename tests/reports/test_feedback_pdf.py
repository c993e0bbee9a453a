"""An entry's feedback report (심사결과 안내서) as PDF: what its agency sees on its own published
result page, for the entry's agency members after publication (never another agency's entry) and
for the contest's organizers (a DRAFT preview before publication). The scene and its hand
computation are tests/results/test_public.py's."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from scoring.models import RoundResult, Scorecard
from scoring.services.results import results_publish
from tests import factories as f
from tests.reports.test_evaluation_sheets import fonts_embedded, page_lines, pages, pdf_tool
from tests.results.test_public import JUDGES, build, entry_url

pytestmark = pytest.mark.django_db


def client_for(user, language: str = "ko") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def feedback_url(scene, number: str) -> str:
    return reverse("reports:feedback_pdf", args=[scene.entries[number].pk])


def snapshot_label() -> str:
    """The label of a digest, in the active language (the page frame's words)."""
    return gettext("Snapshot SHA-256")


def digest(round_) -> str:
    return RoundResult.objects.get(round=round_, voided_at=None).digest


def body(pdf: bytes, tmp_path) -> list[str]:
    """Every line of every page without the frame's head and foot."""
    return [line for page in page_lines(pdf, tmp_path) for line in page[1:-1]]


def draft_mark(pdf: bytes, tmp_path) -> bool:
    """The page frame's DRAFT mark: drawn rotated, pdftotext reads it back letter by letter."""
    lines = set(pdf_tool("pdftotext", pdf, tmp_path).splitlines())
    return set("DRAFT") <= lines


def test_the_agency_prints_what_its_result_page_shows(tmp_path):
    scene = build()
    Scorecard.objects.filter(
        round=scene.rounds[1], entry=scene.entries["2025-0001"], judge=scene.judges[1]
    ).update(comment="<b>x</b> 발표가 간결했습니다.")
    response = client_for(scene.member).get(feedback_url(scene, "2025-0001"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'inline; filename="2025_feedback_2025-0001.pdf"'
    )
    pdf = response.content
    assert fonts_embedded(pdf, tmp_path)
    assert pages(pdf, tmp_path) == 1
    head = page_lines(pdf, tmp_path)[0][0]
    assert head == "2025 적극행정 경진대회 심사결과 안내서"
    lines = body(pdf, tmp_path)
    r1, r2 = digest(scene.rounds[0]), digest(scene.rounds[1])
    assert lines[:-1] == [
        "심사결과 안내서",
        "경진대회 2025 적극행정 경진대회",
        "사례 제목 민원 처리 자동화",
        "접수번호 2025-0001 부문 중앙행정기관",
        "기관 행정안전부",
        "최종 점수 88.80 순위 1위 (부문 내 순위 1위)",
        "시상 대상",
        "1차 서면심사",
        "점수 84.00",
        "순위 2위",
        "부문 내 순위 1위",
        "다음 단계 진출",
        "평가항목 평균 배점",
        "혁신성 52.00 60",
        "효과성 32.00 40",
        f"{snapshot_label()} {r1}",
        "심사위원 의견",
        "• 성과 지표가 명확합니다.",  # shortest first, no names
        "• 현장 적용성이 뛰어나고 다른 기관으로 확산할 가능성이 큽니다.",
        "2차 발표심사",
        "점수 92.00",
        "순위 1위",
        "부문 내 순위 1위",
        "평가항목 평균 배점",
        "발표 92.00 100",
        f"{snapshot_label()} {r2}",
        "심사위원 의견",
        "• <b>x</b> 발표가 간결했습니다.",  # user text stays literal
        "심사위원 의견은 이름 없이 짧은 것부터 보여 줍니다.",
    ]
    assert lines[-1].startswith("발급일 ")
    foot = page_lines(pdf, tmp_path)[0][-1]
    assert foot.endswith(f"SHA-256 {r2} 1/1")  # the last round's snapshot
    assert "서울시 사례에 대한 의견입니다." not in " ".join(lines)
    for name in JUDGES:
        assert name not in " ".join(lines)


def test_no_rank_when_ranks_are_private_and_an_entry_that_did_not_advance(tmp_path):
    scene = build(ranks=False)
    lines = body(client_for(scene.member).get(feedback_url(scene, "2025-0003")).content, tmp_path)
    assert lines[:14] == [
        "심사결과 안내서",
        "경진대회 2025 적극행정 경진대회",
        "사례 제목 종이 없는 회의",
        "접수번호 2025-0003 부문 중앙행정기관",
        "기관 행정안전부",
        "이 사례는 최종 심사 단계에 오르지 못했습니다.",
        "1차 서면심사",
        "점수 63.00",
        "다음 단계 진출하지 못함",
        "평가항목 평균 배점",
        "혁신성 40.33 60",
        "효과성 22.67 40",
        f"{snapshot_label()} {digest(scene.rounds[0])}",
        "심사위원 의견",
    ]
    assert lines[14] == "의견이 없습니다."
    assert not [line for line in lines if "순위" in line]


def test_only_the_entrys_agency_after_publication_and_the_organizers(tmp_path, site_admin):
    scene = build(publish=False)
    url = feedback_url(scene, "2025-0001")
    assert client_for(scene.member).get(url).status_code == 404  # not published yet
    preview = client_for(scene.organizer, "en").get(url)
    assert preview.status_code == 200
    assert draft_mark(preview.content, tmp_path)
    assert client_for(site_admin).get(url).status_code == 200
    results_publish(contest=scene.contest, by=scene.organizer, scores=False, ranks=True)
    assert client_for(scene.member).get(url).status_code == 200
    final = client_for(scene.organizer, "en").get(url)
    assert not draft_mark(final.content, tmp_path)
    # never another agency's entry; the outsider's own entry is theirs
    assert client_for(scene.outsider).get(url).status_code == 404
    assert client_for(scene.outsider).get(feedback_url(scene, "2025-0004")).status_code == 200
    assert client_for(scene.judges[0].user).get(url).status_code == 404
    assert client_for(f.OrganizerFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_nothing_to_report_before_a_round_is_finalized(organizer):
    entry = f.EntryFactory(contest=f.ContestFactory(organizers=[organizer]))
    url = reverse("reports:feedback_pdf", args=[entry.pk])
    assert client_for(organizer).get(url).status_code == 404


def test_english_report_has_english_headings(tmp_path):
    scene = build()
    lines = body(client_for(scene.member, "en").get(feedback_url(scene, "2025-0001")).content,
                 tmp_path)  # fmt: skip
    for line in ("Feedback report", "Contest 2025 Proactive Administration Contest",
                 "Case title 민원 처리 자동화",
                 "Receipt number 2025-0001 Category Central agencies",
                 "Agency Ministry of the Interior and Safety", "Award Grand Prize",
                 "Written review", "Score 84.00", "Next round Advanced",
                 "Criterion Average Max points", "Innovation 52.00 60",
                 "Judges' comments"):  # fmt: skip
        assert line in lines, line
    assert lines[-1].startswith("Issued on ")


def test_link_on_the_agency_result_page():
    scene = build()
    html = client_for(scene.member).get(entry_url(scene, "2025-0001")).content.decode()
    assert feedback_url(scene, "2025-0001") in html


def test_query_count_does_not_grow_with_the_data():
    counts = []
    for extra in (0, 4):
        with transaction.atomic():
            scene = build(extra=extra)
            client = client_for(scene.member)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(feedback_url(scene, "2025-0001")).status_code == 200
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]
