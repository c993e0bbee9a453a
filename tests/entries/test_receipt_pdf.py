import pytest
from django.test import override_settings
from django.urls import reverse

from reports.pdf import PDF_BASE_URL, BlockedURL, StaticOnlyURLFetcher, static_file_for
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_submit, entry_update
from tests import factories
from tests.entries.conftest import upload
from tests.pdftools import poppler as pdf_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(draft, questions, member):
    entry_update(
        entry=draft,
        by=member,
        title="<script>alert(1)</script> 찾아라! 119 지름길",
        answers={questions[0].pk: "출동 시간 단축"},
    )
    attachment_add(entry=draft, upload=upload("우수사례 보고서.pdf"), by=member)
    return entry_submit(entry=draft, by=member)


WORDS = {  # the receipt in the reader's language: title, number label, agency, category
    "ko": ("사례 접수증", "접수번호", "행정안전부", "중앙부처"),
    "en": ("Entry receipt", "Receipt number", "Ministry of the Interior", "Central"),
}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_receipt_pdf_embeds_the_korean_font_and_reads_back(
    login, client_for, member, submitted, tmp_path, language
):
    client = login(member) if language == "ko" else client_for(member)
    response = client.get(reverse("reports:entry_receipt_pdf", args=[submitted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    number = submitted.receipt_number
    assert number == f"2026-{submitted.contest_id:03d}-0001"
    assert response["Content-Disposition"] == f'inline; filename="receipt-{number}.pdf"'
    pdf = response.content
    fonts = pdf_tool("pdffonts", pdf, tmp_path)
    font_lines = fonts.splitlines()[2:]
    assert font_lines, fonts
    assert all("Pretendard-GOV" in line and " yes " in line for line in font_lines), fonts
    text = pdf_tool("pdftotext", pdf, tmp_path)
    title, label, agency, category = WORDS[language]
    assert title in text
    assert f"{label} {number}" in text
    assert "<script>alert(1)</script> 찾아라! 119 지름길" in text  # shown as text
    assert agency in text
    assert category in text
    assert "우수사례 보고서.pdf" in text
    info = pdf_tool("pdfinfo", pdf, tmp_path).splitlines()
    assert "Pages:           1" in info


def test_receipt_pdf_only_for_submitted_and_visible_entries(
    client_for, member, draft, outsider, organizer, site_admin, submitted
):
    url = reverse("reports:entry_receipt_pdf", args=[submitted.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(organizer).get(url).status_code == 404
    submitted.contest.organizers.add(organizer)
    assert client_for(organizer).get(url).status_code == 200
    assert client_for(site_admin).get(url).status_code == 200
    other = factories.EntryFactory(contest=submitted.contest, agency=submitted.agency)
    assert (
        client_for(member).get(reverse("reports:entry_receipt_pdf", args=[other.pk])).status_code
        == 404
    )  # a draft has no receipt


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = StaticOnlyURLFetcher()
    font = fetcher.fetch(PDF_BASE_URL + "static/krds/fonts/PretendardGOV-Regular.subset.woff")
    assert font.read(4) == b"wOFF"
    assert font.content_type == "font/woff"
    data = fetcher.fetch("data:text/plain;base64,7JWI64WV")
    assert data.read().decode() == "안녕"
    assert static_file_for(PDF_BASE_URL + "static/css/app.css").name == "app.css"


def test_receipt_page_shows_the_seoul_time(client_for, member, submitted):
    from django.utils import timezone

    response = client_for(member).get(reverse("entries:receipt", args=[submitted.pk]))
    local = timezone.localtime(submitted.submitted_at, timezone.get_default_timezone())
    assert str(timezone.get_default_timezone()) == "Asia/Seoul"
    assert local.strftime("%Y-%m-%d %H:%M:%S") in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_fetcher_serves_the_two_pdf_fonts_and_nothing_else_under_their_path():
    fetcher = StaticOnlyURLFetcher()
    font = fetcher.fetch(PDF_BASE_URL + "pdf-fonts/PretendardGOV-Bold.woff")
    assert font.read(4) == b"wOFF"
    assert font.content_type == "font/woff"
    for url in (
        "pdf-fonts/PretendardGOV-Black.woff",  # in the folder, not one of ours
        "pdf-fonts/../LICENSE.txt",
        "pdf-fonts/PretendardGOV-Bold.woff?x=1",
    ):
        with pytest.raises(BlockedURL):
            fetcher.fetch(PDF_BASE_URL + url)


def test_every_hangul_syllable_has_a_glyph_in_the_pdf_fonts():
    """No syllable prints as a box: the fonts cover all 11,172 (the web subset has 2,780)."""
    from fontTools.ttLib import TTFont

    from reports.pdf import font_path

    for weight in (400, 700):
        covered = TTFont(font_path(weight)).getBestCmap()
        assert [c for c in range(0xAC00, 0xD7A4) if c not in covered] == []


def test_a_rare_syllable_is_drawn_with_the_embedded_font(tmp_path):
    """갂 and 쓿 are outside the 2,780 syllables of the web subset."""
    from reports.pdf import render_pdf

    template = tmp_path / "rare.html"
    template.write_text("<p>갂쓿 뷁</p>", encoding="utf-8")
    with override_settings(
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [tmp_path]}]
    ):  # fmt: skip
        pdf = render_pdf("rare.html", {})
    fonts = pdf_tool("pdffonts", pdf, tmp_path)
    assert "Pretendard-GOV" in fonts
    assert [line.split()[-5] for line in fonts.splitlines()[2:]] == ["yes"]  # embedded
    assert pdf_tool("pdftotext", pdf, tmp_path).split() == ["갂쓿", "뷁"]
