"""The Documents section of the contest results page, refusals of a build request, and the report
kinds built in the file's language (tests/reports/documents_section.py says what the section
is)."""

import pytest
from django.urls import reverse
from django.utils import translation

from reports import jobs, kinds
from reports.models import ReportFile
from scoring.models import RoundResult
from scoring.services.results import round_reopen
from tests import factories
from tests.pdftools import pdf_text
from tests.reports.documents_section import (  # noqa: F401  (fixtures)
    BUILD,
    CONTEST,
    build,
    database_tasks_fixture,
    finish,
    page,
    rows,
    scene_fixture,
    section,
    summary,
    text_of,
)
from tests.reports.test_builds import cells, run_worker
from tests.results.pages_scene import flashes

pytestmark = pytest.mark.django_db


def test_a_contest_without_rounds_has_no_section(organizer, organizer_client):
    contest = factories.ContestFactory(organizers=[organizer])
    body = organizer_client.get(reverse("results:index", args=[contest.pk])).content.decode()
    assert section(body) == ""


def test_the_contest_page_builds_report_workbook_and_certificates(
    scene, organizer_client, django_capture_on_commit_callbacks, tmp_path
):
    final = finish(scene)
    url = scene.url("index")
    found = page(organizer_client, url)
    assert summary(found) == [
        ("contest-report", "none", "결과 보고서 (PDF)", "아직 만들지 않음"),
        ("contest-workbook", "none", "결과 엑셀", "아직 만들지 않음"),
        ("certificates", "none", "상장 (PDF)", "아직 만들지 않음"),
    ]
    certificates = reverse("reports:certificates_pdf", args=[scene.contest.pk])
    link = f'<a class="krds-btn small secondary" href="{certificates}" data-k="certificates">'
    assert link in found[2]["actions"]
    for row in found:
        assert f'name="subject" value="contest:{scene.contest.pk}"' in row["actions"]
        build(organizer_client, django_capture_on_commit_callbacks, row, url)
    assert run_worker() == 3
    found = page(organizer_client, url)
    assert [row["state"] for row in found] == ["done"] * 3
    files = {f.kind: f for f in ReportFile.objects.all()}
    assert files["certificates"].digest == final.digest
    assert files["contest_report"].digest == kinds.contest_digest(scene.contest)

    def download(row: dict, kind: str) -> bytes:
        href = reverse("reports:build_download", args=[files[kind].pk])
        assert f'href="{href}" download data-k="{row["key"]}-download"' in row["actions"]
        return b"".join(organizer_client.get(href).streaming_content)

    report = pdf_text(download(found[0], "contest_report"), tmp_path)
    assert CONTEST in report
    assert final.digest in report
    assert list(cells(download(found[1], "contest_workbook")))[:2] == ["요약", "순위"]
    awards = pdf_text(download(found[2], "certificates"), tmp_path)
    assert "상장" in awards
    assert f"{final.digest[:12]}-2026-001" in awards


def test_no_award_no_certificates_to_make(scene, organizer_client):
    type(scene.grand).objects.filter(contest=scene.contest).delete()
    finish(scene)
    certificates = page(organizer_client, scene.url("index"))[2]
    assert (certificates["key"], certificates["text"]) == (
        "certificates", "이 경진대회에는 시상이 정해진 사례가 없습니다."
    )  # fmt: skip
    assert text_of(certificates["actions"]) == "—"


def test_refusals_come_back_with_their_message(
    scene, organizer, organizer_client, django_capture_on_commit_callbacks
):
    index = scene.url("index")
    subject = f"contest:{scene.contest.pk}"
    for kind, message in (
        ("certificates", "마지막 심사 단계를 먼저 확정하십시오. 상장은 그 결과로 만듭니다."),
        ("contest_report", "모든 심사 단계를 먼저 확정하십시오: 2차 발표심사."),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = organizer_client.post(
                BUILD, {"kind": kind, "subject": subject, "next": index}
            )
        assert response["Location"] == index
        assert ("error", message) in flashes(organizer_client.get(index))
    assert ReportFile.objects.count() == 0

    # A file whose snapshot was voided: its status page still opens (withdrawn), and making it
    # again is refused with the reason.
    final = finish(scene)
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(BUILD, {"kind": "certificates", "subject": subject})
    run_worker()
    report = ReportFile.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        round_reopen(round_=scene.round2, by=organizer, reason="점수 정정")
    status_url = reverse("reports:build_status", args=[report.pk])
    response = organizer_client.get(status_url)
    assert response.status_code == 200
    assert 'data-status="withdrawn"' in response.content.decode()
    organizer_client.post(reverse("reports:build_retry", args=[report.pk]))
    assert ("error", "마지막 심사 단계를 먼저 확정하십시오. 상장은 그 결과로 만듭니다.") in (
        flashes(organizer_client.get(status_url))
    )
    voided = f"round_result:{final.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            BUILD, {"kind": "round_report", "subject": voided, "next": index}
        )
    assert ("error", "이 결과는 심사 단계를 다시 열 때 무효가 되었습니다.") in flashes(
        organizer_client.get(index)
    )


def test_kinds_build_in_the_files_language(
    scene, organizer, django_capture_on_commit_callbacks, tmp_path
):
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    kind = jobs.get_kind("round_report")
    with translation.override("ko"):
        report = kind.load(f"round_result:{result.pk}")
        assert (report.language, report.result, report.number) == ("ko", result, 1)
        with django_capture_on_commit_callbacks(execute=True):
            row = jobs.request_build(kind=kind, obj=report, user=organizer, language="en")
    run_worker()
    row.refresh_from_db()
    assert row.status == "done"
    text = pdf_text(row.file.open("rb").read(), tmp_path)
    assert "Results report" in text
    assert "심사 결과 보고서" not in text


def test_the_judge_booklet_kind(scene, organizer, django_capture_on_commit_callbacks):
    kind = jobs.get_kind("judge_booklet")
    judge = scene.judges[0]
    booklet = kind.load(f"round:{scene.round1.pk}/judge:{judge.pk}")
    assert (booklet.round, booklet.judge) == (scene.round1, judge)
    assert kind.key(booklet) == f"round:{scene.round1.pk}/judge:{judge.pk}"
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    assert kind.digest(booklet) == result.digest
    assert kind.digest(kind.load(f"round:{scene.round2.pk}/judge:{judge.pk}")) == ""
    other = factories.JudgeFactory()  # a judge of another contest
    for wrong in (f"round:{scene.round1.pk}/judge:{other.pk}", f"round:{scene.round1.pk}",
                  f"judge:{judge.pk}/round:{scene.round1.pk}/x:1"):  # fmt: skip
        with pytest.raises(jobs.UnknownSubject):
            kind.load(wrong)
    with django_capture_on_commit_callbacks(execute=True):
        row = jobs.request_build(kind=kind, obj=booklet, user=organizer, language="ko")
    run_worker()
    row.refresh_from_db()
    assert (row.status, row.digest) == ("done", result.digest)
    assert row.file.open("rb").read(5) == b"%PDF-"
