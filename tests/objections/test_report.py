"""The results report's section "이의신청 처리 결과": every objection by number with the entry,
what it concerns, when it was filed, the outcome and the answer; a kept contest report is
withdrawn when an objection is filed or answered, so the next one lists it."""

import pytest
from django.utils import timezone

from reports.models import ReportFile
from reports.results_report import build_contest_report, contest_report
from scoring.services.objections import objection_answer, objection_file
from tests.pdftools import pdf_text

pytestmark = pytest.mark.django_db


def section(text: str) -> str:
    flat = " ".join(text.split())
    return flat[flat.index("이의신청 처리 결과") :]


def test_the_report_lists_each_objection_and_its_answer(published, tmp_path):
    first = objection_file(
        entry=published.entry("2026-0001"), by=published.member, concern="procedure",
        text="발표 순서가 공지와 달랐습니다.",
    )  # fmt: skip
    objection_answer(objection=first, by=published.scene.organizer, outcome="dismissed",
                     reason="공지한 순서대로 진행했습니다.")  # fmt: skip
    objection_file(entry=published.entry("2026-0002"), by=published.other, concern="other",
                   text="심사위원 구성 문의")  # fmt: skip
    report = contest_report(published.contest, draft=False, language="ko")
    text = section(pdf_text(build_contest_report(report), tmp_path))
    filed = timezone.localtime(first.filed_at).strftime("%Y-%m-%d %H:%M")
    assert "번호 사례 신청 대상 신청 일시 처리 결과 답변" in text
    assert f"#1 2026-0001 사례 1 심사 절차 {filed} 기각 공지한 순서대로 진행했습니다." in text
    assert f"#2 2026-0002 사례 2 기타 {filed[:10]}" in text
    assert "검토 중 아직 답변하지 않았습니다." in text


def test_without_objections_the_section_says_so(published, tmp_path):
    report = contest_report(published.contest, draft=False, language="ko")
    assert section(pdf_text(build_contest_report(report), tmp_path)).startswith(
        "이의신청 처리 결과 접수된 이의신청이 없습니다."
    )


def test_a_kept_contest_report_is_withdrawn_when_an_objection_is_filed(published):
    kept = ReportFile.objects.create(
        kind="contest_report", subject=f"contest:{published.contest.pk}", language="ko",
        digest="d" * 64, status=ReportFile.Status.DONE, file="reports/kept.pdf", size=10,
        requested_by=published.scene.organizer,
    )  # fmt: skip
    objection_file(entry=published.entry("2026-0001"), by=published.member, concern="other",
                   text="문의")  # fmt: skip
    kept.refresh_from_db()
    assert kept.withdrawn_at is not None
    assert kept.withdrawn_reason == "이의신청이 접수되거나 답변되었습니다."
