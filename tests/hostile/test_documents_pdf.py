"""Every PDF exporter of reports.exporters.EXPORTERS from the hostile contest
(tests/hostile/documents_world.py), through its real view in Korean and in English: the payload
is shown as text and nothing else — no embedded file, no /etc/passwd, no file:// link or fetch,
every font embedded. And the other side: what the fetcher refuses had markup got through."""

import logging

import pytest

import reports.catalog  # noqa: F401  (registers every exporter)
from reports.exporters import EXPORTERS, PDF_TYPE
from reports.pdf import render_pdf
from tests.hostile.documents_checks import assert_shown_as_text, check_pdf, decoded, poppler
from tests.hostile.documents_world import PASSWD, payload

pytestmark = pytest.mark.django_db

PDFS = sorted(n for n, e in EXPORTERS.items() if e.content_type == PDF_TYPE)


@pytest.mark.parametrize("name", PDFS)
def test_a_pdf_shows_hostile_text_as_text_and_nothing_else(name, built, settings, tmp_path, caplog):
    assert_shown_as_text(name, built, settings, tmp_path, caplog)


def test_what_markup_would_fetch_is_refused_and_seen(tmp_path, settings, caplog):
    """The other side of the checks above: had a payload reached the markup, the fetcher would
    refuse each file:// URL (WeasyPrint logs it; nothing is embedded), and the link would be
    in the PDF, which `check_pdf` would see."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "unescaped.html").write_text("<p>사례</p>{{ text|safe }}", encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="weasyprint")
    pdf = render_pdf("unescaped.html", {"text": payload("raw")})
    refused = [r.getMessage() for r in caplog.records if "not allowed" in r.getMessage()]
    blocked = "BlockedURL: PDF resource not allowed: file:///etc/passwd"
    assert sorted(refused) == [
        f"Failed to load attachment: {blocked}",
        f"Failed to load image at 'file:///etc/passwd': {blocked}",
    ]
    assert poppler("pdfdetach", pdf, tmp_path, "-list").strip() == "0 embedded files"
    assert [t for t in PASSWD if t.encode() in decoded(pdf)] == []
    assert b"/URI (file:///etc/passwd)" in decoded(pdf)
    with pytest.raises(AssertionError, match="URI"):
        check_pdf(pdf, tmp_path, {})
