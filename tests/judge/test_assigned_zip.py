"""The judge's ZIP of a round (judge:files_zip): every file of every entry assigned to the judge
(in effect), one folder per entry, the names the judge sees; nothing before the round opens."""

import datetime as dt
import io
import zipfile
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Conflict
from submissions.models import Entry
from tests import factories
from tests.judge.conftest import attach, submitted_entry

pytestmark = pytest.mark.django_db

HWP = b"HWP Document File fake bytes"
PNG = b"\x89PNG\r\n\x1a\nfake"


@pytest.fixture
def files(setup):
    """Entry 0001 (setup's, 행정안전부): a PDF and an HWP named after the agency; entry 0002: a
    PNG; entry 0003 conflicted and 0004 withdrawn, each with a file the ZIP must leave out."""
    first_pdf = attach(setup.entry, "행정안전부_추진성과.pdf")
    first_hwp = attach(setup.entry, "행정안전부 발표자료.hwp", kind="hwp", data=HWP)
    second = submitted_entry(setup.contest, 2, agency=setup.agency, title="두 번째: 사례?")
    attach(second, "사진.png", kind="png", data=PNG)
    conflicted = submitted_entry(setup.contest, 3, title="기피된 사례")
    withdrawn = submitted_entry(setup.contest, 4, title="철회된 사례")
    Entry.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    for entry in (second, conflicted, withdrawn):
        factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entry)
        if entry is not second:
            attach(entry, "제외.pdf")
    Conflict.objects.create(judge=setup.judge, entry=conflicted, kind="challenge", reason="x")
    # Another judge's entry in the same round.
    other = submitted_entry(setup.contest, 5, title="남의 사례")
    attach(other, "남의.pdf")
    factories.AssignmentFactory(round=setup.round, entry=other)
    setup.zip_url = reverse("judge:files_zip", args=[setup.round.pk])
    return setup, first_pdf, first_hwp


def _archive(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_blind_zip_holds_every_assigned_file_under_numbered_names(files):
    setup, _pdf, _hwp = files
    response = setup.client().get(setup.zip_url)
    archive = _archive(response)
    assert archive.namelist() == [
        "2026-0001/첨부1.pdf",
        "2026-0001/첨부2.hwp",
        "2026-0002/첨부1.png",
    ]
    assert archive.read("2026-0001/첨부1.pdf").startswith(b"%PDF-1.4")
    assert archive.read("2026-0001/첨부2.hwp") == HWP
    assert archive.read("2026-0002/첨부1.png") == PNG
    assert response["Content-Type"] == "application/zip"
    name = f"{setup.contest.year}_1차 서면심사_첨부파일.zip"
    fallback = f"{setup.contest.year}_round{setup.round.pk}_files.zip"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{fallback}\"; filename*=utf-8''{quote(name)}"
    )
    assert response["Cache-Control"] == "private, no-store"
    # No agency name anywhere: not in a folder, a file name or the download's name.
    everything = " ".join(archive.namelist()) + response["Content-Disposition"]
    assert "행정안전부" not in everything
    assert quote("행정안전부") not in everything


def test_without_blind_judging_folders_carry_the_title_and_files_their_names(files):
    setup, _pdf, _hwp = files
    type(setup.contest).objects.filter(pk=setup.contest.pk).update(blind_judging=False)
    archive = _archive(setup.client().get(setup.zip_url))
    assert archive.namelist() == [
        "2026-0001_찾아라! 119 지름길/행정안전부_추진성과.pdf",
        "2026-0001_찾아라! 119 지름길/행정안전부 발표자료.hwp",
        "2026-0002_두 번째_ 사례_/사진.png",
    ]


def test_a_file_missing_from_storage_is_listed_not_fatal(files):
    setup, pdf, _hwp = files
    pdf.file.storage.delete(pdf.file.name)
    archive = _archive(setup.client().get(setup.zip_url))
    assert archive.namelist() == [
        "2026-0001/첨부2.hwp",
        "2026-0002/첨부1.png",
        "_missing_files.txt",
    ]
    assert archive.read("_missing_files.txt") == "2026-0001/첨부1.pdf\n".encode()


def test_only_from_the_rounds_opening(files):
    setup, _pdf, _hwp = files
    now = timezone.now()
    round_model = type(setup.round)
    round_model.objects.filter(pk=setup.round.pk).update(opens_at=now + dt.timedelta(minutes=5))
    assert setup.client().get(setup.zip_url).status_code == 404
    # After the close the files stay available to the judge (the past rounds section).
    round_model.objects.filter(pk=setup.round.pk).update(
        opens_at=now - dt.timedelta(days=5), closes_at=now - dt.timedelta(days=1)
    )
    assert len(_archive(setup.client().get(setup.zip_url)).namelist()) == 3


def test_nobody_else_gets_the_zip(files):
    setup, _pdf, _hwp = files
    unassigned = factories.JudgeFactory(contest=setup.contest)
    assert setup.client(unassigned.user).get(setup.zip_url).status_code == 404
    assert setup.client(factories.UserFactory()).get(setup.zip_url).status_code == 404
    assert setup.client(setup.organizer).get(setup.zip_url).status_code == 404
    missing = reverse("judge:files_zip", args=[setup.round.pk + 999])
    assert setup.client().get(missing).status_code == 404
    anonymous = setup.client()
    anonymous.logout()
    assert anonymous.get(setup.zip_url).status_code == 302
