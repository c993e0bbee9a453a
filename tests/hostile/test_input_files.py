"""Issue 7, hostile input (items 19, 20): decompression bombs, too many attachments."""

import io
import os
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from submissions.models import Entry
from submissions.services.attachments import attachment_add
from submissions.services.filetypes import detect_kind
from submissions.sheets import MAX_UPLOAD_BYTES, SheetError, open_first_sheet
from tests.bombs import MB, workbook, zip_of
from tests.permissions.world import PDF, build_world

# --- Item 19: decompression bombs ------------------------------------------------------------

BOMB_MB = 80  # what the bomb's one part unpacks to


@pytest.fixture(scope="module")
def hwpx_bomb() -> bytes:
    return zip_of({"mimetype": BOMB_MB, "Contents/section0.xml": b"<x/>"})


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": BOMB_MB})


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    """A valid workbook whose shared strings unpack to BOMB_MB."""
    return workbook(BOMB_MB)


def _peak_growth(action) -> tuple[object, int]:
    """(what `action()` returned, the peak of memory it allocated in bytes)."""
    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.mark.parametrize("bomb", ["hwpx_bomb", "docx_bomb"])
def test_item_19_a_zip_bomb_document_is_not_a_document(bomb, request):
    data = request.getfixturevalue(bomb)
    assert len(data) < 1 * MB
    kind, peak = _peak_growth(lambda: detect_kind(io.BytesIO(data)))
    assert kind is None
    assert peak < 50 * MB


def test_item_19_a_zip_with_a_huge_table_of_contents_is_not_read():
    data = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"} | {
        f"word/media/{n:06d}": b"" for n in range(25_000)
    })  # fmt: skip
    kind, peak = _peak_growth(lambda: detect_kind(io.BytesIO(data)))
    assert kind is None
    assert peak < 5 * MB


def test_item_19_real_documents_are_still_recognized():
    hwpx = zip_of({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<x/>" * 1000})
    docx = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": os.urandom(2 * MB)})
    assert detect_kind(io.BytesIO(hwpx)) == "hwpx"
    assert detect_kind(io.BytesIO(docx)) == "docx"


@pytest.mark.django_db
def test_item_19_a_zip_bomb_attachment_is_refused_with_a_message(hwpx_bomb):
    world = build_world()
    Entry.objects.filter(pk=world.entry.pk).update(status=Entry.Status.DRAFT)
    client = world.client("agency_member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    upload = SimpleUploadedFile("사례.hwpx", hwpx_bomb)
    url = reverse("entries:attachment_upload", args=[world.entry.pk])
    response, peak = _peak_growth(lambda: client.post(url, {"file": upload}))
    assert response.status_code == 200
    assert "사례.hwpx does not look like a HWPX file" in response.content.decode()
    assert peak < 50 * MB
    assert world.entry.attachments.count() == 1  # only the world's own PDF


def test_item_19_an_xlsx_bomb_is_refused_before_it_is_parsed(xlsx_bomb):
    assert len(xlsx_bomb) < MAX_UPLOAD_BYTES

    def read():
        with pytest.raises(SheetError) as refused, translation.override("ko"):
            open_first_sheet(io.BytesIO(xlsx_bomb))
        return refused.value.errors

    errors, peak = _peak_growth(read)
    assert errors == [
        f"이 엑셀 파일은 압축을 풀면 {BOMB_MB}.0\xa0MB로, 읽을 수 있는 한도(50.0\xa0MB)를 "
        "넘습니다. 가져올 시트만 남기고 이미지를 뺀 뒤 다시 시도하십시오."
    ]
    assert peak < 50 * MB


@pytest.mark.django_db
def test_item_19_the_agency_import_refuses_an_xlsx_bomb(xlsx_bomb, organizer_client):
    organizer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    upload = SimpleUploadedFile("agencies.xlsx", xlsx_bomb)
    url = reverse("submissions:agency_import")
    response, peak = _peak_growth(lambda: organizer_client.post(url, {"file": upload}))
    assert response.status_code == 200
    assert "The workbook unpacks to" in response.content.decode()
    assert peak < 50 * MB


# --- Item 20: files per entry ----------------------------------------------------------------


@pytest.mark.django_db
def test_item_20_the_eleventh_attachment_is_refused():
    world = build_world()
    entry = world.entry
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.DRAFT)
    member = world.users["agency_member"]
    assert world.contest.max_attachments_per_entry == 10
    for n in range(9):  # the world's entry has one file already
        attachment_add(entry=entry, upload=SimpleUploadedFile(f"{n}.pdf", PDF), by=member)
    client = world.client("agency_member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("entries:attachment_upload", args=[entry.pk])
    response = client.post(url, {"file": SimpleUploadedFile("11.pdf", PDF)})
    assert response.status_code == 200
    assert "11.pdf was not added: this entry already has 10 files" in response.content.decode()
    assert entry.attachments.count() == 10
