"""Report files built by the task on the real database backend (django-tasks-db), run by the
worker's own code: a request queues one row, the worker builds it into a kept file whose cells
equal the synchronous workbook's; the same snapshot is never built twice; a failing, killed or
voided build never leaves a file that is offered; retries make a new attempt.

How the worker runs here: `run_worker()` takes every ready task result of the database backend
and has django-tasks-db's `Worker.run_task` run it, exactly as `manage.py db_worker` does for
each task it claims (its polling loop closes the database connection between tasks, which would
end the test's transaction; tests/reports/test_builds_pages.py runs the command itself once, in
a transactional test). On-commit callbacks, which enqueue the build, are run with pytest-django's
`django_capture_on_commit_callbacks`.
"""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from contests.models import Contest
from reports import jobs, kinds
from reports.catalog import ROUND_WORKBOOK
from reports.exporters import XLSX_TYPE, Exporter
from reports.models import ReportFile
from reports.results_workbook import build_contest_workbook, build_round_workbook
from scoring.models import RoundResult
from scoring.services.results import round_finalize, round_reopen

pytestmark = pytest.mark.django_db

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ENGLISH_ROUND = ["Summary", "Ranking", "Tally sheet", "Raw scores", "Judge statistics",
                 "By category"]  # fmt: skip


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DB_BACKEND


def run_worker() -> int:
    """Run every ready task as db_worker does; how many ran."""
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    count = 0
    while (ready := DBTaskResult.objects.ready().first()) is not None:
        ready.claim(worker.worker_id)
        worker.run_task(ready)
        count += 1
    return count


def cells(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def stored(report: ReportFile) -> bytes:
    with report.file.open("rb") as handle:
        return handle.read()


def request(capture, result, user, language="ko") -> ReportFile:
    with capture(execute=True):
        return jobs.request_build(kind="round_workbook", obj=result, user=user, language=language)


def test_request_queues_then_the_worker_builds_the_kept_file(
    result, organizer, django_capture_on_commit_callbacks
):
    report = request(django_capture_on_commit_callbacks, result, organizer)
    report.refresh_from_db()
    assert (report.status, report.progress, report.file.name) == ("queued", 0, "")
    assert (report.kind, report.subject, report.language) == (
        "round_workbook", f"round_result:{result.pk}", "ko"
    )  # fmt: skip
    assert (report.digest, report.sources) == (result.digest, result.digest)
    assert report.requested_by == organizer
    task = DBTaskResult.objects.get()
    assert str(task.id) == report.task_id
    assert task.args_kwargs == {"args": [report.pk], "kwargs": {}}

    assert run_worker() == 1
    report.refresh_from_db()
    assert (report.status, report.progress, report.error) == ("done", 100, "")
    assert report.file.name.startswith("reports/")
    assert report.file.name.endswith(".xlsx")
    data = stored(report)
    assert report.size == len(data)
    assert report.started_at <= report.finished_at
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert DBTaskResult.objects.get().return_value == "done"
    with translation.override("ko"):
        assert cells(data) == cells(build_round_workbook(result))
    assert list(cells(data))[:2] == ["요약", "순위"]
    # No temporary file is left beside it.
    assert [p.name for p in Path(report.file.path).parent.iterdir()] == [
        Path(report.file.name).name
    ]


def test_the_same_snapshot_is_built_once(result, organizer, django_capture_on_commit_callbacks):
    first = request(django_capture_on_commit_callbacks, result, organizer)
    again = request(django_capture_on_commit_callbacks, result, organizer)  # still queued
    assert again.pk == first.pk
    run_worker()
    later = request(django_capture_on_commit_callbacks, result, organizer)  # done: kept
    assert later.pk == first.pk
    assert ReportFile.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    # Another language is another file.
    english = request(django_capture_on_commit_callbacks, result, organizer, "en")
    assert english.pk != first.pk
    assert english.language == "en"
    # The database itself refuses a second kept row for the same snapshot.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFile.objects.create(
            kind="round_workbook", subject=first.subject, language="ko", digest=first.digest
        )


def test_english_builds_english_sheets(result, organizer, django_capture_on_commit_callbacks):
    report = request(django_capture_on_commit_callbacks, result, organizer, "en")
    run_worker()
    report.refresh_from_db()
    assert list(cells(stored(report))) == ENGLISH_ROUND
    assert translation.get_language() == "ko"  # the worker left the language as it was


def test_contest_workbook_kind(scene, organizer, django_capture_on_commit_callbacks):
    contest = scene.contest
    with pytest.raises(jobs.NotFinalized, match="2차 발표심사"):
        jobs.request_build(kind="contest_workbook", obj=contest, user=organizer, language="ko")
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        report = jobs.request_build(
            kind="contest_workbook", obj=contest, user=organizer, language="ko"
        )
    digests = list(
        RoundResult.objects.filter(round__contest=contest, voided_at=None)
        .order_by("round__order")
        .values_list("digest", flat=True)
    )
    assert report.subject == f"contest:{contest.pk}"
    assert report.sources == " ".join(digests)
    assert report.digest == kinds.contest_digest(contest)
    assert len(report.digest) == 64
    run_worker()
    report.refresh_from_db()
    assert report.status == "done"
    with translation.override("ko"):
        assert cells(stored(report)) == cells(build_contest_workbook(contest))


# --- failures, timeouts, withdrawal ----------------------------------------------------------


class Flaky:
    """A build that fails the first time, reporting progress before it does."""

    def __init__(self):
        self.calls = 0
        self.seen: list[tuple[int, str]] = []

    def __call__(self, contest: Contest, *, progress) -> bytes:
        self.calls += 1
        progress(50, "절반")
        row = ReportFile.objects.get(status="running")
        self.seen.append((row.progress, row.stage))
        if self.calls == 1:
            raise RuntimeError("disk full")
        return b"contest " + str(contest.pk).encode()


@pytest.fixture
def flaky(monkeypatch) -> Flaky:
    build = Flaky()
    kind = jobs.ReportKind(
        exporter=Exporter[Contest](
            name="flaky_test", permission="contests.manage_contest", content_type=XLSX_TYPE,
            filename=lambda contest: f"flaky-{contest.pk}.txt", build=build,
        ),
        load=jobs.load_one(Contest.objects.all(), "contest"),
        key=lambda contest: jobs.subject_key(contest=contest.pk),
    )  # fmt: skip
    monkeypatch.setitem(jobs.KINDS, "flaky_test", kind)
    return build


def test_a_build_that_raises_fails_without_a_file_and_retry_works(
    scene, organizer, flaky, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.request_build(
            kind="flaky_test", obj=scene.contest, user=organizer, language="ko"
        )
    assert first.digest == ""
    assert first.sources == ""
    run_worker()
    first.refresh_from_db()
    assert (first.status, first.file.name, first.size) == ("failed", "", None)
    assert first.error == "파일을 만들지 못했습니다(RuntimeError). 다시 시도하십시오."
    assert first.progress == 50
    assert not first.offered
    assert flaky.seen == [(50, "절반")]  # 10 + 80 * 50%
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    assert task.exception_class_path == "builtins.RuntimeError"
    folder = Path(settings.MEDIA_ROOT) / "reports"
    assert not folder.exists() or not any(folder.iterdir())

    with django_capture_on_commit_callbacks(execute=True):
        second = jobs.retry(report_file=first, user=organizer)
    assert second.pk != first.pk
    assert second.status == "queued"
    run_worker()
    second.refresh_from_db()
    assert second.status == "done"
    assert stored(second) == f"contest {scene.contest.pk}".encode()
    assert jobs.retry(report_file=second, user=organizer).pk == second.pk  # nothing to retry
    # No snapshot: asking again builds afresh and the earlier file gives way.
    with django_capture_on_commit_callbacks(execute=True):
        third = jobs.request_build(
            kind="flaky_test", obj=scene.contest, user=organizer, language="ko"
        )
    second.refresh_from_db()
    assert third.pk != second.pk
    assert second.withdrawn_at is not None
    assert second.file.name == ""
    assert second.withdrawn_reason == "더 새로운 파일을 요청했습니다."


def test_a_killed_build_counts_as_failed_after_the_timeout(
    result, organizer, settings, django_capture_on_commit_callbacks
):
    report = request(django_capture_on_commit_callbacks, result, organizer)
    # The worker claimed it, then died: the row is left running.
    started = timezone.now() - dt.timedelta(minutes=16)
    ReportFile.objects.filter(pk=report.pk).update(status="running", started_at=started)
    report.refresh_from_db()
    assert report.timed_out
    assert report.shown_status == "failed"
    assert report.finished
    assert not report.offered
    settings.REPORT_BUILD_TIMEOUT = 20 * 60
    assert not report.timed_out
    assert report.shown_status == "running"
    settings.REPORT_BUILD_TIMEOUT = 15 * 60
    # A new request does not wait on it: it is marked failed, and a new attempt is made.
    with django_capture_on_commit_callbacks(execute=True):
        again = jobs.retry(report_file=report, user=organizer)
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.error.startswith("15분 안에 파일을 다 만들지 못했습니다.")
    assert again.pk != report.pk
    assert run_worker() == 2  # the dead build's task is skipped, the new one builds
    again.refresh_from_db()
    assert again.status == "done"
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True)) == [
        "done", "skipped"
    ]  # fmt: skip
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.file.name == ""


def test_voiding_the_snapshot_withdraws_its_files(
    scene, result, organizer, django_capture_on_commit_callbacks
):
    report = request(django_capture_on_commit_callbacks, result, organizer)
    run_worker()
    report.refresh_from_db()
    path = Path(report.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        round_reopen(round_=scene.round1, by=organizer, reason="점수 정정")
    report.refresh_from_db()
    assert report.withdrawn_at is not None
    assert report.withdrawn_reason == "점수 정정"
    assert (report.file.name, report.size, report.offered) == ("", None, False)
    assert report.shown_status == "withdrawn"
    assert not path.exists()
    # The voided result is refused, and a retry says why.
    result.refresh_from_db()
    with pytest.raises(jobs.NotFinalized, match="무효"):
        jobs.request_build(kind="round_workbook", obj=result, user=organizer, language="ko")
    with pytest.raises(jobs.NotFinalized):
        jobs.retry(report_file=report, user=organizer)


def test_a_build_voided_while_it_waits_is_never_built(
    scene, result, organizer, django_capture_on_commit_callbacks
):
    report = request(django_capture_on_commit_callbacks, result, organizer)
    with django_capture_on_commit_callbacks(execute=True):
        round_reopen(round_=scene.round1, by=organizer, reason="점수 정정")
    run_worker()
    report.refresh_from_db()
    assert (report.status, report.file.name) == ("queued", "")  # withdrawn before it started
    assert report.withdrawn_reason == "점수 정정"
    assert DBTaskResult.objects.get().return_value == "skipped"


def test_voiding_a_round_withdraws_the_contest_workbook(
    scene, organizer, django_capture_on_commit_callbacks
):
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        contest_file = jobs.request_build(
            kind="contest_workbook", obj=scene.contest, user=organizer, language="ko"
        )
        round_file = jobs.request_build(
            kind="round_workbook", obj=RoundResult.objects.get(round=scene.round1),
            user=organizer, language="ko",
        )  # fmt: skip
    run_worker()
    with django_capture_on_commit_callbacks(execute=True):
        round_reopen(round_=scene.round2, by=organizer, reason="발표 점수 정정")
    contest_file.refresh_from_db()
    round_file.refresh_from_db()
    assert contest_file.withdrawn_reason == "발표 점수 정정"
    assert round_file.withdrawn_at is None
    assert round_file.offered


def test_the_kind_registry(result):
    assert {"round_workbook", "contest_workbook"} <= set(jobs.KINDS)
    kind = jobs.get_kind("round_workbook")
    assert kind.exporter is ROUND_WORKBOOK
    assert kind.key(result) == f"round_result:{result.pk}"
    assert kind.load(f"round_result:{result.pk}") == result
    assert jobs.subject_parts("round:5/judge:7") == {"round": 5, "judge": 7}
    assert jobs.subject_key(round=5, judge=7) == "round:5/judge:7"
    for bad in ("round_result:0", "round_result:x", "contest:1", "round_result", "a:1/a:2", ""):
        with pytest.raises(jobs.UnknownSubject):
            kind.load(bad)
    with pytest.raises(jobs.UnknownKind):
        jobs.get_kind("nothing")
    with pytest.raises(ValueError, match="Two report kinds"):
        jobs.register_kind(kinds.round_result_kind(ROUND_WORKBOOK))
