"""The Documents section of a round's results page (tests/reports/documents_section.py says
what the section is): the finalized round's three documents, making one through the worker,
failures, language and results in force, and the draft report before finalization."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import jobs
from reports.models import ReportFile
from scoring.models import RoundResult
from scoring.services.results import round_finalize, round_reopen
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
from tests.reports.test_builds import run_worker
from tests.results.pages_scene import english

pytestmark = pytest.mark.django_db


def test_a_finalized_round_lists_its_three_documents(scene, organizer_client):
    url = scene.url("round", scene.round1)
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    found = page(organizer_client, url)
    assert summary(found) == [
        ("round-report", "none", "결과 보고서 (PDF)", "아직 만들지 않음"),
        ("round-workbook", "none", "결과 엑셀", "아직 만들지 않음"),
        ("tally-pdf", "none", "집계표 (PDF)", "아직 만들지 않음"),
    ]
    args = [scene.contest.pk, scene.round1.pk]
    direct = {
        "round-report": (" download", reverse("reports:round_results_pdf", args=args)),
        "round-workbook": (" download", reverse("reports:round_results_xlsx", args=args)),
        "tally-pdf": ("", reverse("reports:tally_pdf", args=args)),
    }
    kinds = {"round-report": "round_report", "round-workbook": "round_workbook",
             "tally-pdf": "tally_sheet"}  # fmt: skip
    for row in found:
        key, actions = row["key"], row["actions"]
        assert f'data-k="{key}-build"' in actions
        assert f'name="kind" value="{kinds[key]}"' in actions
        assert f'name="subject" value="round_result:{result.pk}"' in actions
        assert text_of(actions).startswith(f"만들기 {row['title']} 바로 열기 {row['title']}")
        how, href = direct[key]
        assert f'<a class="krds-btn small secondary" href="{href}" data-k="{key}"{how}>' in actions
    body = organizer_client.get(url).content.decode()
    hint = "\u2018만들기\u2019는 파일을 뒤에서 만들어 이 결과가 유효한 동안 보관합니다."
    assert hint in section(body)
    # Each direct link once, in the section: the old row of buttons is gone.
    for _how, href in direct.values():
        assert body.count(f'href="{href}"') == 1


def test_from_make_to_download(scene, organizer_client, django_capture_on_commit_callbacks,
                               tmp_path):  # fmt: skip
    url = scene.url("round", scene.round1)
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    response = build(organizer_client, django_capture_on_commit_callbacks,
                     page(organizer_client, url)[0], url)  # fmt: skip
    report = ReportFile.objects.get()
    assert (report.kind, report.subject, report.digest) == (
        "round_report", f"round_result:{result.pk}", result.digest
    )  # fmt: skip
    status_url = reverse("reports:build_status", args=[report.pk])
    assert response["Location"] == status_url

    first = page(organizer_client, url)[0]
    assert (first["state"], first["text"]) == ("queued", "대기 중")
    progress = (
        f'<a class="krds-btn small primary" href="{status_url}" data-k="round-report-status">'
    )
    assert progress in first["actions"]
    assert "진행 상황 보기" in text_of(first["actions"])
    assert "<form" not in first["actions"]
    ReportFile.objects.filter(pk=report.pk).update(status="running", progress=40)
    first = page(organizer_client, url)[0]
    assert (first["state"], first["text"]) == ("running", "만드는 중 40%")

    ReportFile.objects.filter(pk=report.pk).update(status="queued", progress=0)
    assert run_worker() == 1
    report.refresh_from_db()
    assert report.status == "done"
    first = page(organizer_client, url)[0]
    made = timezone.localtime(report.finished_at).strftime("%Y-%m-%d %H:%M")
    size = f"{report.size / 1024:.1f}".replace(".0", "")
    assert first["state"] == "done"
    assert first["text"] == f"준비됨 {made} · {size} KB"
    download_url = reverse("reports:build_download", args=[report.pk])
    link = f'<a class="krds-btn small primary" href="{download_url}" download data-k="round-report-download">'  # noqa: E501
    assert link in first["actions"]
    assert text_of(first["actions"]) == "내려받기 결과 보고서 (PDF) 바로 열기 결과 보고서 (PDF)"
    data = b"".join(organizer_client.get(download_url).streaming_content)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert CONTEST in text
    assert result.digest in text
    # The other rows did not move.
    assert [row["state"] for row in page(organizer_client, url)] == ["done", "none", "none"]


def test_a_failed_build_offers_to_make_it_again(
    scene, organizer_client, django_capture_on_commit_callbacks
):
    url = scene.url("round", scene.round1)
    build(organizer_client, django_capture_on_commit_callbacks, page(organizer_client, url)[1], url)
    report = ReportFile.objects.get()
    ReportFile.objects.filter(pk=report.pk).update(status="failed", error="디스크 가득 참")
    second = page(organizer_client, url)[1]
    assert (second["state"], second["text"]) == ("failed", "실패 디스크 가득 참")
    assert text_of(second["actions"]) == "다시 만들기 결과 엑셀 바로 열기 결과 엑셀"
    build(organizer_client, django_capture_on_commit_callbacks, second, url)
    newest = ReportFile.objects.exclude(pk=report.pk).get()
    assert (newest.kind, newest.status) == ("round_workbook", "queued")
    # A build killed past the timeout is shown failed.
    started = timezone.now() - dt.timedelta(minutes=16)
    ReportFile.objects.filter(pk=newest.pk).update(status="running", started_at=started)
    second = page(organizer_client, url)[1]
    assert second["state"] == "failed"
    assert second["text"] == "실패 파일을 만드는 데 너무 오래 걸려 중단되었습니다."
    run_worker()  # the stale row is skipped


def test_only_the_readers_language_and_the_results_in_force(
    scene, organizer, organizer_client, django_capture_on_commit_callbacks
):
    url = scene.url("round", scene.round1)
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.request_build(kind="tally_sheet", obj=result, user=organizer, language="en")
    run_worker()
    assert page(organizer_client, url)[2]["state"] == "none"
    in_english = page(english(organizer_client), url)
    assert [(row["title"], row["state"]) for row in in_english] == [
        ("Results report (PDF)", "none"),
        ("Results workbook (Excel)", "none"),
        ("Tally sheet (PDF)", "done"),
    ]
    assert in_english[2]["text"].startswith("Ready ")
    # Reopened and finalized again: a new snapshot, nothing made for it yet.
    round_reopen(round_=scene.round1, by=organizer, reason="점수 정정")
    round_finalize(round_=scene.round1, by=organizer)
    assert [row["state"] for row in page(english(organizer_client), url)] == ["none"] * 3


def test_before_finalization_the_draft_report_only(scene, organizer_client, tmp_path):
    found = page(organizer_client, scene.url("round", scene.round2))
    draft = reverse("reports:round_results_pdf", args=[scene.contest.pk, scene.round2.pk])
    assert summary(found) == [(
        "round-report-draft", "none", "결과 보고서 초안 (PDF)",
        "열 때 현재 점수로 만듭니다. 확정 전이며 다이제스트가 없습니다.",
    )]  # fmt: skip
    link = f'<a class="krds-btn small secondary" href="{draft}?draft=1" data-k="round-report-draft" download>'  # noqa: E501
    assert link in found[0]["actions"]
    assert "<form" not in found[0]["actions"]
    response = organizer_client.get(f"{draft}?draft=1")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "_draft.pdf" in response["Content-Disposition"]
    assert "확정되지 않은 결과" in pdf_text(response.content, tmp_path)
    # The contest page, while round 2 is live: its draft report.
    found = page(organizer_client, scene.url("index"))
    contest_draft = reverse("reports:contest_results_pdf", args=[scene.contest.pk])
    assert [row["key"] for row in found] == ["contest-report-draft"]
    assert f'href="{contest_draft}?draft=1" data-k="contest-report-draft"' in found[0]["actions"]
    assert organizer_client.get(f"{contest_draft}?draft=1").status_code == 200
