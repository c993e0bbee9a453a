"""The Documents section of the organizer's results pages (reports.documents, templates/reports/
builds/_documents.html) and the report kinds it builds (reports.jobs): one row per document with
the state of its file for the results in force and the reader's language, "만들기" through the
worker, "내려받기" once ready, "다시 만들기" after a failure, and the direct "바로 열기" link.
Before finalization, the draft results report only. The worker runs as in
tests/reports/test_builds.py.
"""

import datetime as dt
import html
import re
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from reports import jobs, kinds
from reports.models import ReportFile
from scoring.models import RoundResult
from scoring.services.results import round_finalize, round_reopen
from tests import factories
from tests.reports.test_builds import DB_BACKEND, cells, run_worker
from tests.results.pages_scene import build_scene, english, flashes

pytestmark = pytest.mark.django_db

BUILD = reverse("reports:build_request")
CONTEST = "2026 정부혁신 우수사례 경진대회"


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DB_BACKEND


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    scene.finish_round1()
    return scene


def finish(scene) -> RoundResult:
    scene.score_round2()
    return round_finalize(round_=scene.round2, by=scene.organizer)


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def section(markup: str) -> str:
    found = re.findall(r'<section aria-labelledby="documents-title".*?</section>', markup, re.S)
    assert len(found) <= 1
    return found[0] if found else ""


def rows(markup: str) -> list[dict]:
    """Each row: key, state, title, the state cell's text and the action cell's markup."""
    found = re.findall(
        r'<tr data-document="([^"]+)" data-state="([^"]+)">\s*<th scope="row">(.*?)</th>\s*'
        r'<td data-k="state">(.*?)</td>\s*<td>(.*?)</td>\s*</tr>',
        section(markup),
        re.S,
    )
    return [
        {"key": k, "state": s, "title": _text(t), "text": _text(x), "actions": a}
        for k, s, t, x, a in found
    ]


def page(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return rows(response.content.decode())


def summary(found: list[dict]) -> list[tuple]:
    return [(row["key"], row["state"], row["title"], row["text"]) for row in found]


def build(client, capture, row: dict, next_url: str):
    """Press the row's 만들기 (or 다시 만들기) form as the browser would post it."""
    form = re.search(r'<form method="post" action="([^"]+)" data-k="[^"]+-build">', row["actions"])
    assert form
    assert form.group(1) == BUILD
    fields = dict(re.findall(r'name="(kind|subject|next)" value="([^"]*)"', row["actions"]))
    assert fields["next"] == next_url
    with capture(execute=True):
        return client.post(BUILD, fields)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    args = ["pdftotext", str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


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
        assert _text(actions).startswith(f"만들기 {row['title']} 바로 열기 {row['title']}")
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
    assert "진행 상황 보기" in _text(first["actions"])
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
    assert _text(first["actions"]) == "내려받기 결과 보고서 (PDF) 바로 열기 결과 보고서 (PDF)"
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
    assert _text(second["actions"]) == "다시 만들기 결과 엑셀 바로 열기 결과 엑셀"
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
    assert _text(certificates["actions"]) == "—"


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


def test_the_section_reads_its_files_in_one_query(scene, organizer, organizer_client):
    """As many queries with no file as with a file per row (tests/results/test_pages_queries.py
    compares the pages at two sizes)."""
    final = finish(scene)
    urls = [scene.url("round", scene.round1), scene.url("index")]

    def counts() -> list[int]:
        seen = []
        for url in urls:
            organizer_client.get(url)
            with CaptureQueriesContext(connection) as queries:
                organizer_client.get(url)
            seen.append(len(queries))
        return seen

    before = counts()
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    contest = jobs.subject_key(contest=scene.contest.pk)
    for kind, subject, digest, status in (
        ("round_report", f"round_result:{result.pk}", result.digest, "done"),
        ("round_workbook", f"round_result:{result.pk}", result.digest, "failed"),
        ("tally_sheet", f"round_result:{result.pk}", result.digest, "running"),
        ("contest_report", contest, kinds.contest_digest(scene.contest), "done"),
        ("contest_workbook", contest, kinds.contest_digest(scene.contest), "queued"),
        ("certificates", contest, final.digest, "failed"),
    ):
        ReportFile.objects.create(
            kind=kind, subject=subject, language="ko", digest=digest, status=status,
            file="reports/x.pdf" if status == "done" else "", size=2048, requested_by=organizer,
        )  # fmt: skip
    states = [[row["state"] for row in page(organizer_client, url)] for url in urls]
    assert states == [["done", "failed", "running"], ["done", "queued", "failed"]]
    assert counts() == before
