"""Earlier hostile cases (before issue 7) that need no area fixtures, gathered here by the attack
they cover. Cases that need an area's fixtures live beside this module, one per area:
test_earlier_exports.py, test_earlier_judging.py, test_earlier_control.py,
test_earlier_scorecard.py, test_earlier_entries.py, test_earlier_agencies.py."""

import io

import pytest

from reports.pdf import BlockedURL, StaticOnlyURLFetcher, render_pdf
from submissions.services.filetypes import detect_kind
from tests.entries.conftest import OLE2, SAMPLES, zip_bytes
from tests.entries.test_receipt_pdf import pdf_tool
from tests.hostile.documents_checks import decoded

# ---- PDF rendering: WeasyPrint must fetch nothing but our own static files ----


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://pdf-static.invalid/static/css/app.css",
        "http://pdf-static.invalid/etc/passwd",
        "http://pdf-static.invalid/static/../../etc/passwd",
        "http://pdf-static.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "http://pdf-static.invalid/static/css/missing.css",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.com/x",
    ],
)
def test_pdf_fetcher_refuses_local_files_traversal_and_remote_urls(url):
    with pytest.raises(BlockedURL):
        StaticOnlyURLFetcher().fetch(url)


@pytest.mark.django_db
def test_pdf_cannot_attach_or_embed_etc_passwd(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    # A template that (unlike ours) contains raw links, as if user text had reached the markup.
    (tmp_path / "evil.html").write_text(
        '<link rel="attachment" href="file:///etc/passwd">'
        '<img src="file:///etc/passwd"><p>접수증</p>'
        '<link rel="stylesheet" href="file:///etc/passwd">',
        encoding="utf-8",
    )
    pdf = render_pdf("evil.html", {})
    inflated = decoded(pdf)  # WeasyPrint packs objects in compressed streams
    assert b"root:" not in inflated
    assert b"/EmbeddedFile" not in inflated
    assert b"passwd" not in inflated
    assert pdf_tool("pdfdetach", pdf, tmp_path, "-list").strip() == "0 embedded files"
    assert "접수증" in pdf_tool("pdftotext", pdf, tmp_path)


# ---- uploads: the content decides the kind, never the name ----


@pytest.mark.parametrize(
    "data",
    [
        SAMPLES["exe"],
        b"",
        b"hello, world",
        OLE2 + b"\x00" * 500,  # an old .doc/.xls: OLE2 but no HWP FileHeader
        zip_bytes({"readme.txt": b"hi"}),  # a plain ZIP
        b"PK\x03\x04 but not really a zip",
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_upload_of_an_executable_script_or_fake_archive_is_not_accepted(data):
    assert detect_kind(io.BytesIO(data)) is None
