"""The pages of a file built in the background: the button on the results pages, the status
page that polls itself with htmx while the build runs (and works without JavaScript), the
download with the exporter's headers, who may do what, and the messages when there is nothing
to build. The worker runs as in tests/reports/test_builds.py; the last test runs the real
`manage.py db_worker --batch` command in a transactional test."""

import datetime as dt
import re
import signal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports.models import ReportFile
from scoring.services.results import round_finalize, round_reopen
from tests.reports.test_builds import DB_BACKEND, cells, run_worker
from tests.results.pages_scene import _text, build_scene, flashes

pytestmark = pytest.mark.django_db

BUILD = reverse("reports:build_request")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DB_BACKEND


def post_build(client, capture, **data):
    with capture(execute=True):
        return client.post(BUILD, data)


def state(markup: str) -> str:
    """The polled region (<div id="build-state" …>…</div>, the partial)."""
    found = re.search(r'<div id="build-state".*?\n  </div>', markup, re.S)
    assert found, markup
    return found.group(0)


def test_round_workbook_from_button_to_download(
    scene, result, organizer_client, django_capture_on_commit_callbacks
):
    page_url = reverse("results:round", args=[scene.contest.pk, scene.round1.pk])
    page = organizer_client.get(page_url).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)" data-k="round-workbook-build">(.*?)'
                     r"</form>", page, re.S)  # fmt: skip
    assert form
    assert form.group(1) == BUILD
    assert 'name="kind" value="round_workbook"' in form.group(2)
    assert f'name="subject" value="round_result:{result.pk}"' in form.group(2)
    assert "만들기" in form.group(2)

    response = post_build(
        organizer_client, django_capture_on_commit_callbacks,
        kind="round_workbook", subject=f"round_result:{result.pk}", next=page_url,
    )  # fmt: skip
    report = ReportFile.objects.get()
    status_url = reverse("reports:build_status", args=[report.pk])
    assert response.status_code == 302
    assert response["Location"] == status_url

    # Queued: the whole page, polling every second, refreshing itself without JavaScript.
    page = organizer_client.get(status_url).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    region = state(page)
    assert 'data-status="queued"' in region
    assert f'hx-get="{status_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in region
    assert '<progress id="build-bar" max="100" value="0">0%</progress>' in region
    assert f'<a class="krds-btn small tertiary" href="{status_url}" data-k="refresh">새로 고침' in (
        region
    )
    assert "차례를 기다리는 중" in region
    assert "2026_정부혁신우수사례경진대회_심사결과_1차.xlsx" in page
    # The htmx request gets the region alone.
    partial = organizer_client.get(status_url, **HTMX).content.decode()
    assert partial.strip().startswith('<div id="build-state"')
    assert "<html" not in partial
    assert 'hx-trigger="every 1s"' in partial

    # Running: still polling, with its progress.
    ReportFile.objects.filter(pk=report.pk).update(status="running", progress=40, stage="집계 중")
    partial = organizer_client.get(status_url, **HTMX).content.decode()
    assert 'data-status="running"' in partial
    assert 'hx-trigger="every 1s"' in partial
    assert '<progress id="build-bar" max="100" value="40">40%</progress>' in partial
    assert "집계 중" in partial
    assert "만드는 중" in partial
    ReportFile.objects.filter(pk=report.pk).update(status="queued", progress=0, stage="")

    run_worker()
    partial = organizer_client.get(status_url, **HTMX).content.decode()
    assert 'data-status="done"' in partial
    assert "hx-get" not in partial
    assert "hx-trigger" not in partial
    download_url = reverse("reports:build_download", args=[report.pk])
    assert f'href="{download_url}" data-k="download">내려받기' in partial
    page = organizer_client.get(status_url).content.decode()
    assert "noscript" not in page

    kept = organizer_client.get(download_url)
    direct = organizer_client.get(
        reverse("reports:round_results_xlsx", args=[scene.contest.pk, scene.round1.pk])
    )
    assert kept.status_code == 200
    for header in ("Content-Type", "Content-Disposition", "Cache-Control",
                   "X-Content-Type-Options"):  # fmt: skip
        assert kept[header] == direct[header]
    assert kept["Cache-Control"] == "private, no-store"
    assert cells(b"".join(kept.streaming_content)) == cells(direct.content)

    # Asking again for the same snapshot goes straight to the kept file.
    again = post_build(
        organizer_client, django_capture_on_commit_callbacks,
        kind="round_workbook", subject=f"round_result:{result.pk}",
    )  # fmt: skip
    assert again["Location"] == status_url
    assert ReportFile.objects.count() == 1


def test_contest_button_and_an_unfinalized_contest(
    scene, organizer_client, django_capture_on_commit_callbacks
):
    index = reverse("results:index", args=[scene.contest.pk])
    assert "contest-workbook-build" not in organizer_client.get(index).content.decode()
    data = {"kind": "contest_workbook", "subject": f"contest:{scene.contest.pk}"}
    # With the page to go back to: the message there. Without: a page saying it (409).
    response = post_build(organizer_client, django_capture_on_commit_callbacks, **data, next=index)
    assert response.status_code == 302
    assert response["Location"] == index
    message = "모든 심사 단계를 먼저 확정하십시오: 2차 발표심사."
    assert ("error", message) in flashes(organizer_client.get(index))
    response = post_build(organizer_client, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert ReportFile.objects.count() == 0
    # An address elsewhere is not followed.
    response = post_build(
        organizer_client, django_capture_on_commit_callbacks, **data, next="https://evil.example/"
    )
    assert response.status_code == 409


def test_refusals(scene, result, organizer_client, login, django_capture_on_commit_callbacks):
    judge = login(scene.judges[0].user)
    subject = f"round_result:{result.pk}"
    assert judge.post(BUILD, {"kind": "round_workbook", "subject": subject}).status_code == 403
    response = organizer_client.post(BUILD, {"kind": "nothing", "subject": subject})
    assert response.status_code == 404
    assert "“nothing” 종류의 문서는 없습니다." in _text(response.content.decode())
    response = organizer_client.post(BUILD, {"kind": "round_workbook", "subject": "round:1"})
    assert response.status_code == 404
    assert "이 문서의 대상이 없습니다." in response.content.decode()
    assert organizer_client.get(BUILD).status_code == 405

    post_build(organizer_client, django_capture_on_commit_callbacks,
               kind="round_workbook", subject=subject)  # fmt: skip
    report = ReportFile.objects.get()
    status_url = reverse("reports:build_status", args=[report.pk])
    download_url = reverse("reports:build_download", args=[report.pk])
    retry_url = reverse("reports:build_retry", args=[report.pk])
    response = organizer_client.get(download_url)  # not built yet
    assert response.status_code == 404
    assert "이 파일은 아직 준비되지 않았습니다." in response.content.decode()
    run_worker()
    for url in (status_url, download_url):
        assert judge.get(url).status_code == 403
    assert judge.post(retry_url).status_code == 403
    missing = reverse("reports:build_status", args=[report.pk + 1])
    assert organizer_client.get(missing).status_code == 404


def test_withdrawn_and_failed_files(
    scene, result, organizer, organizer_client, django_capture_on_commit_callbacks
):
    post_build(organizer_client, django_capture_on_commit_callbacks,
               kind="round_workbook", subject=f"round_result:{result.pk}")  # fmt: skip
    run_worker()
    report = ReportFile.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        round_reopen(round_=scene.round1, by=organizer, reason="점수 정정")
    download = organizer_client.get(reverse("reports:build_download", args=[report.pk]))
    assert download.status_code == 404
    assert "이 파일은 회수되었습니다: 점수 정정" in download.content.decode()
    status_url = reverse("reports:build_status", args=[report.pk])
    region = state(organizer_client.get(status_url).content.decode())
    assert 'data-status="withdrawn"' in region
    assert "hx-trigger" not in region
    assert "점수 정정" in region
    assert "유효한 결과로 다시 만들기" in region
    # Making it again from the voided result is refused with the reason, on the status page.
    response = organizer_client.post(reverse("reports:build_retry", args=[report.pk]))
    assert response["Location"] == status_url
    assert ("error", "이 결과는 심사 단계를 다시 열 때 무효가 되었습니다.") in flashes(
        organizer_client.get(status_url)
    )

    # A failed build offers a retry, which makes a new attempt.
    fresh = round_finalize(round_=scene.round1, by=organizer)
    post_build(organizer_client, django_capture_on_commit_callbacks,
               kind="round_workbook", subject=f"round_result:{fresh.pk}")  # fmt: skip
    failed = ReportFile.objects.get(withdrawn_at=None)
    ReportFile.objects.filter(pk=failed.pk).update(status="failed", error="디스크 가득 참")
    failed_url = reverse("reports:build_status", args=[failed.pk])
    region = state(organizer_client.get(failed_url).content.decode())
    assert 'data-status="failed"' in region
    assert "디스크 가득 참" in region
    assert "hx-trigger" not in region
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(reverse("reports:build_retry", args=[failed.pk]))
    newest = ReportFile.objects.get(withdrawn_at=None, status="queued")
    assert response["Location"] == reverse("reports:build_status", args=[newest.pk])
    run_worker()
    newest.refresh_from_db()
    assert newest.status == "done"


def test_a_killed_build_is_shown_failed_with_a_retry(
    result, organizer_client, django_capture_on_commit_callbacks
):
    post_build(organizer_client, django_capture_on_commit_callbacks,
               kind="round_workbook", subject=f"round_result:{result.pk}")  # fmt: skip
    report = ReportFile.objects.get()
    started = timezone.now() - dt.timedelta(minutes=16)
    ReportFile.objects.filter(pk=report.pk).update(status="running", started_at=started)
    status_url = reverse("reports:build_status", args=[report.pk])
    partial = organizer_client.get(status_url, **HTMX).content.decode()
    assert 'data-status="failed"' in partial
    assert "hx-trigger" not in partial
    assert "파일을 만드는 데 너무 오래 걸려 중단되었습니다." in partial
    assert 'data-k="retry"' in partial
    download = organizer_client.get(reverse("reports:build_download", args=[report.pk]))
    assert download.status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(reverse("reports:build_retry", args=[report.pk]))
    again = ReportFile.objects.get(status="queued")
    assert response["Location"] == reverse("reports:build_status", args=[again.pk])
    run_worker()
    again.refresh_from_db()
    assert again.status == "done"


@pytest.mark.django_db(transaction=True)
def test_the_db_worker_command_builds_the_file(organizer, organizer_client):
    """The real command, as ./run starts it (here in batch mode: it stops once the queue is
    empty). On-commit callbacks run at once outside a test transaction."""
    scene = build_scene(organizer)
    result = scene.finish_round1()
    organizer_client.post(BUILD, {"kind": "round_workbook", "subject": f"round_result:{result.pk}"})
    report = ReportFile.objects.get()
    assert report.status == "queued"
    assert DBTaskResult.objects.get().status == "READY"
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    report.refresh_from_db()
    assert (report.status, report.progress) == ("done", 100)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    download = organizer_client.get(reverse("reports:build_download", args=[report.pk]))
    assert download.status_code == 200
    assert list(cells(b"".join(download.streaming_content)))[:3] == ["요약", "순위", "집계표"]
