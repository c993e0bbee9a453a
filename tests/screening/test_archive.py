"""The ZIP of a contest's attachments: exact names and bytes, streamed in pieces."""

import io
import os
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from reports.archive import MISSING_LIST_NAME, READ_SIZE, stream_attachments_zip
from submissions.selectors.screening import archive_attachments
from submissions.services.filetypes import safe_filename
from tests.screening.conftest import attach

pytestmark = pytest.mark.django_db


def zip_url(world):
    return reverse("reports:attachments_zip", args=[world.contest.pk])


def contents(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return {info.filename: archive.read(info) for info in archive.infolist()}


def test_zip_holds_submitted_entries_files_with_exact_names(world, org):
    attach(world.shortcut, "사업 설명서.pdf", b"%PDF shortcut")
    attach(world.shortcut, "사업 설명서.pdf", b"%PDF shortcut v2")
    attach(world.shortcut, "사업 설명서.PDF", b"%PDF upper")
    attach(world.bus, "../../etc/passwd", b"not a path", kind="png")
    attach(world.onestop, "발표.pptx", b"PK pptx", kind="pptx")
    attach(world.draft, "초안.pdf", b"draft only")
    attach(world.withdrawn, "철회.pdf", b"withdrawn")

    response = org.get(zip_url(world))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)
    assert contents(data) == {
        "2026-0001_행정안전부/사업 설명서.pdf": b"%PDF shortcut",
        "2026-0001_행정안전부/사업 설명서 (2).pdf": b"%PDF shortcut v2",
        "2026-0001_행정안전부/사업 설명서 (3).PDF": b"%PDF upper",
        "2026-0002_서울특별시/passwd": b"not a path",
        "2026-0003_강남구/발표.pptx": b"PK pptx",
    }
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert info.flag_bits & 0x800  # UTF-8 names


def test_zip_filename_and_permissions(world, org, roles, login):
    response = org.get(zip_url(world))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2026_attachments.zip\"; filename*=utf-8''"
        "2026_%EC%A0%95%EB%B6%80%ED%98%81%EC%8B%A0%EC%9A%B0%EC%88%98%EC%82%AC%EB%A1%80"
        "%EA%B2%BD%EC%A7%84%EB%8C%80%ED%9A%8C_%EC%B2%A8%EB%B6%80%ED%8C%8C%EC%9D%BC.zip"
    )
    assert Client().get(zip_url(world)).status_code == 302
    for who in ["plain", "member", "agency_admin", "judge", "other_organizer"]:
        assert login(roles[who]).get(zip_url(world)).status_code == 403, who


def test_empty_contest_gives_an_empty_valid_zip(world, org):
    data = b"".join(org.get(zip_url(world)).streaming_content)
    assert contents(data) == {}


def test_streamed_in_many_small_pieces(world):
    big = [os.urandom(1024 * 1024 + n) for n in range(3)]  # ~3 MB, incompressible
    for n, blob in enumerate(big):
        attach(world.shortcut, f"자료{n}.pdf", blob)
    chunks = list(stream_attachments_zip(archive_attachments(world.contest).iterator()))
    assert len(chunks) >= 3 * (1024 * 1024 // READ_SIZE)
    assert max(len(chunk) for chunk in chunks) <= 2 * READ_SIZE
    files = contents(b"".join(chunks))
    assert [files[f"2026-0001_행정안전부/자료{n}.pdf"] for n in range(3)] == big


def test_a_file_missing_from_storage_is_listed_not_fatal(world, org):
    kept = attach(world.shortcut, "있음.pdf", b"here")
    lost = attach(world.bus, "없음.pdf", b"gone")
    lost.file.storage.delete(lost.file.name)
    data = b"".join(org.get(zip_url(world)).streaming_content)
    assert contents(data) == {
        "2026-0001_행정안전부/있음.pdf": b"here",
        MISSING_LIST_NAME: "2026-0002_서울특별시/없음.pdf\n".encode(),
    }
    assert kept.pk


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("보고서\x00\n.pdf", "보고서.pdf"),  # control characters dropped
        ("a:b*c?.hwp", "a_b_c_.hwp"),
        ("..", "fallback"),
        ("  ", "fallback"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_safe_filename(raw, expected):
    assert safe_filename(raw, fallback="fallback") == expected
