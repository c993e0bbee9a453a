"""The results report (PDF) of a finalized round and of the contest, read back with poppler:
the ranks (공동 for a tie no step splits), scores rounded as the contest says, awards, who
advanced, the method lines with their reasons, the digest and "n / N" on every page, only the
embedded Korean font, and user text as text. Korean words of the report need the catalogue
from /work/translations/resultspdf.po."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from scoring.models import Assignment, RoundResult
from scoring.services.conflicts import conflict_record_challenge
from scoring.services.results import round_finalize
from submissions.models import Entry
from tests import factories
from tests.pdftools import poppler as tool
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db

HOSTILE = "<b>x</b>"


def pages(pdf: bytes, tmp_path) -> int:
    info = tool("pdfinfo", pdf, tmp_path)
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def page_texts(pdf: bytes, tmp_path) -> list[str]:
    """The text of each page (pdftotext -layout, page by page)."""
    return [
        tool("pdftotext", pdf, tmp_path, "-layout", "-f", str(n), "-l", str(n))
        for n in range(1, pages(pdf, tmp_path) + 1)
    ]


def cells(text: str) -> list[list[str]]:
    """The lines of a -layout text, each split into its cells (runs of 2+ spaces apart)."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]


def rows_starting(text: str, receipt_at: int = 1) -> dict[str, list[str]]:
    """Table rows by receipt number (the cell at `receipt_at`), first occurrence each."""
    found: dict[str, list[str]] = {}
    for line in cells(text):
        if len(line) > receipt_at and re.fullmatch(r"2026-\d{4}", line[receipt_at]):
            found.setdefault(line[receipt_at], line)
    return found


def fonts_are_embedded_pretendard(pdf: bytes, tmp_path) -> list[str]:
    lines = tool("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert lines
    return [line for line in lines if "Pretendard-GOV" not in line or " yes yes yes " not in line
            or "Type 3" in line]  # fmt: skip


def add_entry(scene, receipt: str, category, totals: list[tuple[int, int]]) -> Entry:
    entry = factories.EntryFactory(
        contest=scene.contest, category=category, status=Entry.Status.SUBMITTED,
        receipt_number=receipt, submitted_at=timezone.now(), title=f"사례 {receipt[-1]}",
    )  # fmt: skip
    for judge, (a, b) in zip(scene.judges[:3], totals, strict=True):
        Assignment.objects.create(round=scene.round1, judge=judge, entry=entry)
        scene.fill(scene.round1, judge, entry, {scene.innovation: a, scene.effect: b})
    scene.entries[receipt] = entry
    return entry


def report_scene(organizer):
    """tests/results/pages_scene.py's contest, plus 2026-0008 scored exactly as 2026-0004 (a tie
    below the advancement line that no step splits: 공동), an entry titled with markup, and a
    challenge (기피) recorded for 라심사 on 2026-0001."""
    scene = build_scene(organizer)
    add_entry(scene, "2026-0008", scene.central, [(40, 30), (40, 30), (40, 30)])
    entry = scene.entries["2026-0002"]
    entry.title = HOSTILE
    entry.save(update_fields=["title"])
    conflict_record_challenge(
        judge=scene.judges[3], entry=scene.entries["2026-0001"], reason="<i>배우자</i> 근무 기관",
        by=organizer,
    )  # fmt: skip
    return scene


def finish(scene):
    """Both rounds finalized (round 1 with its exclusion and tie decision)."""
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=scene.organizer)
    return scene


@pytest.fixture
def finished(organizer):
    return finish(report_scene(organizer))


def result_of(round_) -> RoundResult:
    return RoundResult.objects.get(round=round_, voided_at=None)


def round_url(scene, round_, **query) -> str:
    url = reverse("reports:round_results_pdf", args=[scene.contest.pk, round_.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def contest_url(scene, **query) -> str:
    url = reverse("reports:contest_results_pdf", args=[scene.contest.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def foot() -> str:
    """The words before the digest at the foot of a page (reports/pdf/base.html), as a pattern."""
    return re.escape(gettext("Snapshot SHA-256"))


def flat(text: str) -> str:
    """Text with every run of white space made one space."""
    return " ".join(text.split())


def has_row(text: str, *values: str) -> bool:
    """A line of the -layout text reads `values`, in order, and nothing else."""
    pattern = r"\s+".join(re.escape(v) for v in values)
    return re.search(rf"^\s*{pattern}\s*$", text, re.M) is not None


def page_with(texts: list[str], heading: str) -> str:
    """The first page whose text has `heading`."""
    return next(text for text in texts if heading in text)


def agency(scene, receipt: str) -> str:
    return scene.entries[receipt].agency.name_ko


def get_pdf(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


# The finalized round ----------------------------------------------------------------------

ROUND1_RANKING = [
    ("1위", "2026-0001", "사례 1", "중앙부처", "85.00", "진출"),
    ("2위", "2026-0003", "사례 3", "중앙부처", "80.00", "진출"),
    ("3위", "2026-0002", HOSTILE, "중앙부처", "80.00", "미진출"),
    ("4위", "2026-0005", "사례 5", "지자체", "78.00", "진출"),
    ("공동 5위", "2026-0004", "사례 4", "중앙부처", "70.00", "미진출"),
    ("공동 5위", "2026-0008", "사례 8", "중앙부처", "70.00", "미진출"),
    ("7위", "2026-0007", "사례 7", "지자체", "60.00", "진출"),
    ("8위", "2026-0006", "사례 6", "지자체", "60.00", "미진출"),
]


def test_round_report_ranks_scores_and_words(finished, organizer_client, tmp_path):
    response = get_pdf(organizer_client, round_url(finished, finished.round1))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2026_results_report_round1.pdf\"; filename*=utf-8''"
        "2026_%EC%A0%95%EB%B6%80%ED%98%81%EC%8B%A0%EC%9A%B0%EC%88%98%EC%82%AC%EB%A1%80"
        "%EA%B2%BD%EC%A7%84%EB%8C%80%ED%9A%8C_%EC%8B%AC%EC%82%AC%EA%B2%B0%EA%B3%BC"
        "%EB%B3%B4%EA%B3%A0%EC%84%9C_1%EC%B0%A8.pdf"
    )
    texts = page_texts(response.content, tmp_path)
    ranking = page_with(texts, "순위표")
    for rank, receipt, title, category, score, advanced in ROUND1_RANKING:
        assert has_row(
            ranking, rank, receipt, title, agency(finished, receipt), category, score, advanced
        ), receipt
    order = [m.group(1) for m in re.finditer(r"^\s*(?:공동 )?\d+위\s+(2026-\d{4})", ranking, re.M)]
    assert order == [row[1] for row in ROUND1_RANKING]
    packed = "".join(ranking.split())  # the split lines wrap in the title's cell
    assert packed.count("동점처리:주관기관결정") == 2  # 0003 above 0002, decided
    assert packed.count("동점처리:1단계:혁신성평균점수가높은순") == 2  # 0007 above 0006
    by_category = page_with(texts, "부문별 순위")
    for rank, receipt, title in [
        ("1위", "2026-0001", "사례 1"), ("2위", "2026-0003", "사례 3"),
        ("3위", "2026-0002", HOSTILE), ("공동 4위", "2026-0004", "사례 4"),
        ("공동 4위", "2026-0008", "사례 8"), ("1위", "2026-0005", "사례 5"),
        ("2위", "2026-0007", "사례 7"), ("3위", "2026-0006", "사례 6"),
    ]:  # fmt: skip
        line = next(r for r in ROUND1_RANKING if r[1] == receipt)
        assert has_row(by_category, rank, receipt, title, agency(finished, receipt), *line[4:])
    advanced = page_with(texts, "2차 발표심사 진출 사례")
    assert "4개 사례가 2차 발표심사에 진출했습니다." in advanced
    for category, rank, receipt, score in [
        ("중앙부처", "1위", "2026-0001", "85.00"), ("중앙부처", "2위", "2026-0003", "80.00"),
        ("지자체", "1위", "2026-0005", "78.00"), ("지자체", "2위", "2026-0007", "60.00"),
    ]:  # fmt: skip
        title = f"사례 {receipt[-1]}"
        assert has_row(advanced, category, rank, receipt, title, agency(finished, receipt), score)


def test_round_report_method_lines(finished, organizer_client, tmp_path):
    pdf = get_pdf(organizer_client, round_url(finished, finished.round1)).content
    method = flat(page_with(page_texts(pdf, tmp_path), "심사 방법"))
    for line in [
        "반올림 규칙 반올림(사사오입), 소수점 이하 2자리, 표시하는 값에 한 번만 적용",
        "동점자 처리 기준 1. 혁신성 평균 점수가 높은 순",
        "집계 방식 최고·최저점 제외 평균: 양 끝에서 각 1개 제외",
        "최고·최저점 제외 개수(양쪽 각각) 1",
        "심사위원단과 가중치 전체 심사위원",
        "최종 점수 반영 비율 40%",
        "다음 단계 진출 부문별 상위 2개 사례가 2차 발표심사에 진출합니다.",
        "집계에서 제외한 평가표 • 라심사 — 2026-0006 사례 6: 심사위원 불참",
        f"동점 처리 결정 • 심사 단계 순위: 2026-0003 사례 3 > 2026-0002 {HOSTILE} — "
        "심사위원회 의결",
    ]:
        assert line in method, line
    assert "심사 단계별 반영 비율" not in method  # the contest's weights: the final round's


def test_every_page_has_the_digest_and_its_number(finished, organizer_client, tmp_path):
    pdf = get_pdf(organizer_client, round_url(finished, finished.round1)).content
    digest = result_of(finished.round1).digest
    texts = page_texts(pdf, tmp_path)
    assert len(texts) == pages(pdf, tmp_path) == 6
    for number, text in enumerate(texts, 1):
        assert re.search(rf"^{foot()} {digest}\s+{number}\s*/\s*6$", text, re.M), number
    cover = flat(texts[0])
    assert "2026 정부혁신 우수사례 경진대회 심사 결과 보고서" in cover
    assert "심사 단계 1. 1차 서면심사" in cover
    assert f"다이제스트(SHA-256) {digest}" in cover
    at = timezone.localtime(result_of(finished.round1).at).strftime("%Y-%m-%d %H:%M")
    assert f"확정 {at}, 김주관" in cover


def test_only_the_embedded_korean_font(finished, organizer_client, tmp_path):
    pdf = get_pdf(organizer_client, round_url(finished, finished.round1)).content
    assert fonts_are_embedded_pretendard(pdf, tmp_path) == []
    pdf = get_pdf(organizer_client, contest_url(finished)).content
    assert fonts_are_embedded_pretendard(pdf, tmp_path) == []


def test_user_text_stays_text(finished, organizer_client, tmp_path):
    pdf = get_pdf(organizer_client, round_url(finished, finished.round1)).content
    text = tool("pdftotext", pdf, tmp_path)
    assert text.count(HOSTILE) == 3  # the ranking, the ranking by category, the tie decision
    assert "<i>배우자</i>" in text  # the challenge's reason


def test_the_contest_report(finished, organizer_client, tmp_path):
    response = get_pdf(organizer_client, contest_url(finished))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="2026_results_report.pdf"; '
    )
    texts = page_texts(response.content, tmp_path)
    final = result_of(finished.round2).digest
    first = result_of(finished.round1).digest
    for number, text in enumerate(texts, 1):
        assert re.search(rf"^{foot()} {final}\s+{number}\s*/\s*{len(texts)}$", text, re.M)
    cover = flat(texts[0])
    assert "심사 단계 1. 1차 서면심사 확정" in cover
    assert "심사 단계 2. 2차 발표심사 확정" in cover
    assert f"다이제스트(SHA-256) {first}" in cover
    assert f"다이제스트(SHA-256) {final}" in cover
    method = flat(page_with(texts, "심사 방법"))
    assert "심사 단계별 반영 비율 1차 서면심사 40%, 2차 발표심사 60%" in method
    assert "시상 등급 대상: 1건 우수상: 부문별 1건" in method
    assert "집계 방식 평균" in method
    awards = page_with(texts, "시상 내역")
    for tier, rank, receipt, category, score in [
        ("대상", "1위", "2026-0003", "중앙부처", "86.00"),
        ("우수상", "2위", "2026-0001", "중앙부처", "85.00"),
        ("우수상", "3위", "2026-0007", "지자체", "78.00"),
    ]:
        title = f"사례 {receipt[-1]}"
        assert has_row(awards, tier, rank, receipt, title, agency(finished, receipt), category,
                       score)  # fmt: skip
    ranking = page_with(texts, "최종 순위")
    for rank, receipt, category, first_round, second, score, award in [
        ("1위", "2026-0003", "중앙부처", "80.00", "90.00", "86.00", "대상"),
        ("2위", "2026-0001", "중앙부처", "85.00", "85.00", "85.00", "우수상"),
        ("3위", "2026-0007", "지자체", "60.00", "90.00", "78.00", "우수상"),
        ("4위", "2026-0005", "지자체", "78.00", "75.00", "76.20", ""),
    ]:
        title = f"사례 {receipt[-1]}"
        values = [rank, receipt, title, agency(finished, receipt), category, first_round, second,
                  score, *([award] if award else [])]  # fmt: skip
        assert has_row(ranking, *values), receipt
    advanced = flat(page_with(texts, "2차 발표심사 진출 사례 (1차 서면심사)"))
    assert "4개 사례가 2차 발표심사에 진출했습니다." in advanced
    assert "심사위원 통계: 1차 서면심사" in flat("\n".join(texts))
    assert "심사위원 통계: 2차 발표심사" in flat("\n".join(texts))


def test_the_note_on_finalizing_is_on_the_cover(organizer, organizer_client, tmp_path):
    scene = report_scene(organizer)
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=scene.organizer, note="심사위원회 의결(11. 30.)")
    pdf = get_pdf(organizer_client, round_url(scene, scene.round2)).content
    cover = flat(page_texts(pdf, tmp_path)[0])
    assert "확정 메모 심사위원회 의결(11. 30.)" in cover
    round1 = flat(page_texts(get_pdf(organizer_client, round_url(scene, scene.round1)).content,
                             tmp_path)[0])  # fmt: skip
    assert "확정 메모" not in round1  # finalized without a note: no line
