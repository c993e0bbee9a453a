"""Issue 9: the organizer's documents, in a real browser, from the Documents section of the
results pages (templates/reports/builds/_documents.html).

The contest is tests/results/pages_scene.py's: round 1 finalized, round 2 scored. On round 2's
page, still live, the section offers the draft results report only, opened at once. Round 2 is
then finalized; on round 1's page the organizer makes the results report, the results workbook
and the 집계표, each through "만들기": the status page shows the build (the live server runs
tasks with Django's immediate backend, so it is finished by the time the page shows: 100%,
ready), "돌아가기" returns to the section, which now offers "내려받기"; the file downloaded is
checked (a PDF names the contest and carries the snapshot's digest; the workbook has its 순위
sheet).
The same for the contest page's report, workbook and 상장. axe in Korean and English on the
results pages with the section.
"""

import io
import subprocess
from pathlib import Path

from django.conf import settings
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from reports.models import ReportFile
from scoring.models import RoundResult
from scoring.services.results import round_finalize
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.results.pages_scene import build_scene

CONTEST = "2026 정부혁신 우수사례 경진대회"
ROUND_DOCUMENTS = {"round-report": "pdf", "round-workbook": "xlsx", "tally-pdf": "pdf"}
CONTEST_DOCUMENTS = {"contest-report": "pdf", "contest-workbook": "xlsx", "certificates": "pdf"}


def pdf_text(path: Path) -> str:
    args = ["pdftotext", str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def check_file(path: Path, kind: str, digest: str, *, certificates: bool = False) -> None:
    data = path.read_bytes()
    if kind == "xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        assert "순위" in book.sheetnames
        return
    assert data.startswith(b"%PDF")
    text = pdf_text(path)
    assert CONTEST in text
    # 상장 carry a verification number made of the digest's first 12 digits.
    assert (digest[:12] if certificates else digest) in text


def documents(page: Page):
    return page.locator("section[data-k=documents]")


def make_and_download(page: Page, key: str, page_url: str) -> Path:
    """만들기 → the status page (finished: 100%, ready) → 돌아가기 → 내려받기."""
    row = documents(page).locator(f"tr[data-document='{key}']")
    expect(row).to_have_attribute("data-state", "none")
    expect(row.locator("[data-k=state]")).to_have_text("아직 만들지 않음")
    row.locator(f"form[data-k='{key}-build'] button").click()
    page.wait_for_url("**/reports/builds/*/")
    state = page.locator("#build-state")
    expect(state).to_have_attribute("data-status", "done")
    expect(state.locator("progress")).to_have_attribute("value", "100")
    expect(state).to_contain_text("100%")
    expect(state).to_contain_text("준비됨")
    expect(state.locator("a[data-k=download]")).to_be_visible()
    page.locator("main a", has_text="돌아가기").click()
    page.wait_for_url(page_url)
    row = documents(page).locator(f"tr[data-document='{key}']")
    expect(row).to_have_attribute("data-state", "done")
    expect(row.locator("[data-k=state]")).to_contain_text("준비됨")
    link = row.locator(f"a[data-k='{key}-download']")
    with page.expect_download() as download:
        link.click()
    link.blur()  # see the draft's download in the test below
    return Path(download.value.path())


def test_the_organizer_makes_and_downloads_every_document(page: Page, live_server, tmp_path):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    scene = build_scene(organizer)
    first = scene.finish_round1()
    scene.score_round2()
    login_as(page, live_server, organizer)

    # Round 2 is live: the draft report only, made on the spot.
    page.goto(url(live_server, "results:round", scene.contest.pk, scene.round2.pk))
    rows = documents(page).locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_have_text("결과 보고서 초안 (PDF)")
    expect(documents(page).locator("form")).to_have_count(0)
    link = rows.first.locator("a[data-k=round-report-draft]")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("_draft.pdf") or (
        "초안" in download.value.suggested_filename
    )
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    # A download leaves the page with the link focused: KRDS paints a focused secondary button
    # with its pressed fill (4.26:1), which axe would report for the page at rest.
    link.blur()
    axe_both_languages(page, "round results, live, documents: the draft")

    final = round_finalize(round_=scene.round2, by=organizer)
    round_url = url(live_server, "results:round", scene.contest.pk, scene.round1.pk)
    page.goto(round_url)
    expect(documents(page).locator("tbody tr")).to_have_count(3)
    axe_both_languages(
        page,
        "round results, finalized, documents",
        in_english=lambda: expect(documents(page).locator("h2")).to_have_text("Documents"),
    )
    for key, kind in ROUND_DOCUMENTS.items():
        check_file(make_and_download(page, key, round_url), kind, first.digest)
    axe_both_languages(page, "round results, every document ready")

    index_url = url(live_server, "results:index", scene.contest.pk)
    page.goto(index_url)
    expect(documents(page).locator("tbody tr")).to_have_count(3)
    axe_both_languages(page, "contest results, documents")
    for key, kind in CONTEST_DOCUMENTS.items():
        path = make_and_download(page, key, index_url)
        check_file(path, kind, final.digest, certificates=key == "certificates")
    axe_both_languages(page, "contest results, every document ready")

    made = ReportFile.objects.filter(requested_by=organizer, status="done", language="ko")
    assert sorted(made.values_list("kind", flat=True)) == sorted(
        ["round_report", "round_workbook", "tally_sheet", "contest_report", "contest_workbook",
         "certificates"]
    )  # fmt: skip
    assert RoundResult.objects.filter(voided_at=None).count() == 2
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
