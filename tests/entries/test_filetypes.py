import io

import pytest

from submissions.services.filetypes import clean_filename, detect_kind, kind_from_name
from tests.entries.conftest import SAMPLES, zip_bytes


@pytest.mark.parametrize("kind", ["pdf", "png", "jpg", "hwp", "hwpx", "docx", "pptx", "xlsx"])
def test_each_accepted_kind_is_detected_from_content(kind):
    assert detect_kind(io.BytesIO(SAMPLES[kind])) == kind


def test_hwpx_is_told_by_its_contents_dir_without_mimetype():
    assert detect_kind(io.BytesIO(zip_bytes({"Contents/header.xml": b"<x/>"}))) == "hwpx"


def test_detect_kind_leaves_the_file_at_its_start():
    handle = io.BytesIO(SAMPLES["docx"])
    handle.seek(5)
    assert detect_kind(handle) == "docx"
    assert handle.tell() == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("보고서.PDF", "pdf"),
        ("사진.jpeg", "jpg"),
        ("사진.JPG", "jpg"),
        ("발표.pptx", "pptx"),
        ("문서.hwp", "hwp"),
        ("문서.hwpx", "hwpx"),
        ("setup.exe", None),
        ("noextension", None),
        ("archive.zip", None),
        ("page.html", None),
    ],
)
def test_kind_from_name(name, kind):
    assert kind_from_name(name) == kind


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\kim\\바탕화면\\우수사례 보고서.pdf", "우수사례 보고서.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/home/kim/사례.hwp", "사례.hwp"),
        ("bad\x00na\x1bme\n.pdf", "badname.pdf"),
        ("evil\u202egpj.pdf", "evilgpj.pdf"),  # right-to-left override removed
        ("  ..hidden.pdf  ", "hidden.pdf"),
        ("\u1112\u1161\u11ab\u1100\u1173\u11af.pdf", "한글.pdf"),  # decomposed Hangul (macOS)
        ("", "file"),
        ("///", "file"),
    ],
)
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_clean_filename_shortens_the_stem_and_keeps_the_extension():
    cleaned = clean_filename("가" * 300 + ".pdf")
    assert cleaned == "가" * 116 + ".pdf"
    assert len(cleaned) == 120
