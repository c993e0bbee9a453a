"""Every download URL, requested by a user who may have it: status, Content-Type,
Content-Disposition (a Korean name always with an ASCII fallback), cache and sniffing headers."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.exporters import EXPORTERS

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def korean(disposition: str, fallback: str, name: str) -> str:
    return f"{disposition}; filename=\"{fallback}\"; filename*=utf-8''{quote(name)}"


def expected(downloads) -> dict[str, tuple[str, str, str]]:
    """exporter → (role, Content-Type, Content-Disposition)."""
    w = downloads.world
    year = w.contest.year
    short = "2026_정부혁신우수사례경진대회"
    digest = downloads.result.digest[:12]
    return {
        "entries_workbook": (
            "organizer",
            XLSX,
            korean("attachment", f"{year}_entries.xlsx", f"{short}_접수목록.xlsx"),
        ),
        "attachments_zip": (
            "organizer",
            "application/zip",
            korean("attachment", f"{year}_attachments.zip", f"{short}_첨부파일.zip"),
        ),
        "entry_receipt": (
            "agency_member",
            "application/pdf",
            'inline; filename="receipt-2026-0001.pdf"',
        ),
        "entry_attachment": (
            "agency_member",
            "application/pdf",
            korean("attachment", f"attachment-{w.attachment.pk}.pdf", "추진성과.pdf"),
        ),
        "score_template": (
            "organizer",
            XLSX,
            f'attachment; filename="scores-contest{w.contest.pk}-round{w.round.pk}.xlsx"',
        ),
        "agency_template": ("organizer", XLSX, 'attachment; filename="agencies-template.xlsx"'),
        # Blind judging: "첨부1.pdf", never the uploaded name; PDFs open inline.
        "judge_attachment": (
            "judge",
            "application/pdf",
            "inline; filename=\"attachment-1.pdf\"; filename*=utf-8''%EC%B2%A8%EB%B6%801.pdf",
        ),
        # Requested in tests/judge/test_assigned_zip.py (the world's round has not opened yet:
        # before its opening the judge's ZIP is a 404).
        "judge_files_zip": (
            "judge",
            "application/zip",
            korean(
                "attachment",
                f"{year}_round{w.round.pk}_files.zip",
                f"{year}_{w.round.name_ko}_첨부파일.zip",
            ),
        ),
        # Requested in tests/objections/test_views.py (the world's objection has no file).
        "objection_file": (
            "agency_member",
            "application/pdf",
            korean("attachment", "objection-1.pdf", "산정근거.pdf"),
        ),
        # Requested in tests/presentations/test_views.py (the world's round has no slides).
        "presentation_slides": (
            "agency_member",
            "application/pdf",
            korean("attachment", f"slides-{w.entry.pk}.pdf", "발표자료.pdf"),
        ),
        "round_snapshot": (
            "organizer",
            "application/json",
            f'attachment; filename="result-2026-round1-{digest}.json"',
        ),
        # Requested in test_results_workbook.py, on a round finalized for real (this world's
        # snapshot is a stand-in that cannot be built into a workbook).
        "round_workbook": (
            "organizer",
            XLSX,
            korean("attachment", f"{year}_results_round1.xlsx", f"{short}_심사결과_1차.xlsx"),
        ),
        "contest_workbook": (
            "organizer",
            XLSX,
            korean("attachment", f"{year}_results.xlsx", f"{short}_심사결과.xlsx"),
        ),
        # The results reports (PDF): requested in test_results_report*.py, on rounds finalized
        # for real.
        "round_report": (
            "organizer",
            "application/pdf",
            korean(
                "attachment", f"{year}_results_report_round1.pdf", f"{short}_심사결과보고서_1차.pdf"
            ),
        ),
        "contest_report": (
            "organizer",
            "application/pdf",
            korean("attachment", f"{year}_results_report.pdf", f"{short}_심사결과보고서.pdf"),
        ),
        # The printed judging documents (PDF, opened to print): requested in
        # test_evaluation_sheets.py, test_tally_pdf.py and test_feedback_pdf.py (only a submitted
        # scorecard has a sheet; the 집계표 needs a round finalized for real).
        "evaluation_sheet": (
            "judge",
            "application/pdf",
            korean(
                "inline",
                f"{year}_evaluation_sheet_round1_2026-0001.pdf",
                f"{short}_평가표_1차_2026-0001_{w.judge.user.name}.pdf",
            ),
        ),
        "judge_booklet": (
            "judge",
            "application/pdf",
            korean(
                "inline",
                f"{year}_judge_booklet_round1_judge{w.judge.pk}.pdf",
                f"{short}_평가표모음_1차_{w.judge.user.name}.pdf",
            ),
        ),
        "tally_sheet": (
            "organizer",
            "application/pdf",
            korean("inline", f"{year}_tally_round1.pdf", f"{short}_집계표_1차.pdf"),
        ),
        "entry_tally_sheet": (
            "organizer",
            "application/pdf",
            korean(
                "inline", f"{year}_tally_round1_2026-0001.pdf", f"{short}_집계표_1차_2026-0001.pdf"
            ),
        ),
        "feedback_report": (
            "organizer",
            "application/pdf",
            korean(
                "inline", f"{year}_feedback_2026-0001.pdf", f"{short}_심사결과안내_2026-0001.pdf"
            ),
        ),
        "certificates": (
            "organizer",
            "application/pdf",
            korean("inline", f"{year}_certificates.pdf", f"{short}_상장.pdf"),
        ),
        "entry_certificate": (
            "organizer",
            "application/pdf",
            korean("inline", f"{year}_certificate_2026-0001.pdf", f"{short}_상장_2026-0001.pdf"),
        ),
    }


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_every_exporter_is_requested_here(downloads):
    assert set(expected(downloads)) == set(EXPORTERS)


@pytest.mark.parametrize(
    "name",
    [
        "entries_workbook",
        "attachments_zip",
        "entry_receipt",
        "entry_attachment",
        "score_template",
        "agency_template",
        "judge_attachment",
        "round_snapshot",
        "judge_booklet",
    ],
)
def test_download_headers(downloads, name):
    role, content_type, disposition = expected(downloads)[name]
    if name == "judge_attachment":  # judges read an entry's files from the round's opening
        round_ = downloads.world.round
        round_.opens_at = timezone.now() - dt.timedelta(hours=1)
        round_.save(update_fields=["opens_at"])
    response = downloads.client(role).get(downloads.url(name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = content(response)
    magic = {XLSX: b"PK\x03\x04", "application/zip": b"PK", "application/pdf": b"%PDF-"}
    assert body.startswith(magic.get(content_type, b"{"))


def test_the_public_snapshot_is_the_same_download(downloads):
    w = downloads.world
    w.contest.results_published_at = timezone.now()
    w.contest.save(update_fields=["results_published_at"])
    url = reverse("public:snapshot", args=[w.contest.pk, w.round.pk])
    response = downloads.client("anonymous").get(url)
    organizer = downloads.client("organizer").get(downloads.url("round_snapshot"))
    assert response.status_code == 200
    for header in ("Content-Type", "Content-Disposition", "Cache-Control"):
        assert response[header] == organizer[header]
    assert response.content == downloads.result.snapshot.encode()


def test_the_attachment_download_has_its_length_and_bytes(downloads):
    response = downloads.client("organizer").get(downloads.url("entry_attachment"))
    body = content(response)
    assert response["Content-Length"] == str(len(body)) == str(downloads.world.attachment.size)


def test_a_file_missing_from_storage_is_a_404(downloads):
    attachment = downloads.world.attachment
    attachment.file.storage.delete(attachment.file.name)
    assert downloads.client("organizer").get(downloads.url("entry_attachment")).status_code == 404
    assert downloads.client("judge").get(downloads.url("judge_attachment")).status_code == 404
