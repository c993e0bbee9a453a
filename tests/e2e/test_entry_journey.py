"""Journey: an approved agency member creates a draft, types (autosave), reloads, uploads a PDF,
submits, sees the receipt, reopens, edits and resubmits with the same receipt number. Every page
visited is checked with axe in Korean and English."""

import re

from playwright.sync_api import Page, expect

from submissions.models import Answer, Entry
from tests import factories
from tests.e2e.conftest import axe_check, login_as, switch_language, url

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _check_both_languages(page: Page, what: str) -> None:
    axe_check(page, context=what)
    switch_language(page, "en")
    axe_check(page, context=what)
    switch_language(page, "ko")


def test_agency_member_drafts_submits_reopens_and_resubmits(page, live_server):
    contest = factories.ContestFactory(name_ko="2026 정부혁신 우수사례 경진대회", year=2026)
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    background = factories.EntryQuestionFactory(
        contest=contest,
        label_ko="추진배경",
        label_en="Background",
        max_length=100,
        guidance="문제와 원인을 구체적으로 쓰세요.",
    )
    agency = factories.AgencyFactory(name_ko="행정안전부", name_en="Ministry of the Interior")
    member = factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=member)
    login_as(page, live_server, member)

    # 1. My entries: none yet, the open contest offers a "new entry" button per category.
    page.goto(url(live_server, "entries:list"))
    _check_both_languages(page, "entry list (empty)")
    page.locator(f"a[href$='?category={category.pk}']").click()
    _check_both_languages(page, "new entry")
    page.fill("#id_title", "찾아라! 119 지름길")
    page.locator("main form button[type=submit]").click()
    entry = Entry.objects.get()
    expect(page.locator("h1")).to_have_text("찾아라! 119 지름길")
    _check_both_languages(page, "entry edit")

    # 2. Typing saves by itself; the status shows the time; a reload keeps the text.
    answer = page.locator(f"#id_q_{background.pk}")
    answer.click()
    answer.press_sequentially("출동 경로를 실시간으로 안내했다.", delay=20)
    status = page.locator(f"#status-q_{background.pk}")
    expect(status).to_have_text(re.compile(r"\d{2}:\d{2}:\d{2}"))
    expect(page.locator(f"#count-q_{background.pk}")).to_contain_text("18 / 100")
    assert (
        Answer.objects.get(entry=entry, question=background).text
        == "출동 경로를 실시간으로 안내했다."
    )
    page.reload()
    expect(page.locator(f"#id_q_{background.pk}")).to_have_value("출동 경로를 실시간으로 안내했다.")

    # Too long: refused with a message in the field, the saved text unchanged.
    page.locator(f"#id_q_{background.pk}").fill("가" * 101)
    expect(page.locator(f"#status-q_{background.pk}")).to_contain_text("101")
    expect(page.locator(f"#count-q_{background.pk}")).to_have_class(re.compile("is-over"))
    assert (
        Answer.objects.get(entry=entry, question=background).text
        == "출동 경로를 실시간으로 안내했다."
    )
    page.locator(f"#id_q_{background.pk}").fill("출동 경로를 실시간으로 안내했다.")
    expect(page.locator(f"#status-q_{background.pk}")).to_have_text(
        re.compile(r"\d{2}:\d{2}:\d{2}")
    )

    # 3. Upload a PDF (htmx list update).
    page.locator("#id_file").set_input_files(
        files=[{"name": "우수사례 보고서.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("form.entry-upload button[type=submit]").click()
    expect(page.locator("#entry-attachments table")).to_contain_text("우수사례 보고서.pdf")
    _check_both_languages(page, "entry edit with attachment")

    # 4. Submit: the receipt shows the first number of the contest.
    page.locator("form.entry-form button[formaction]").click()
    expect(page.locator(".entry-receipt-number")).to_have_text("2026-0001")
    expect(page.locator("main")).to_contain_text("우수사례 보고서.pdf")
    _check_both_languages(page, "receipt")

    # 5. Reopen, edit, resubmit: the same number.
    page.goto(url(live_server, "entries:detail", entry.pk))
    _check_both_languages(page, "submitted entry")
    page.locator("form.entry-reopen button").click()
    title = page.locator("#id_title")
    title.fill("찾아라! 119 지름길 (보완)")
    expect(page.locator("#status-title")).to_have_text(re.compile(r"\d{2}:\d{2}:\d{2}"))
    page.locator("form.entry-form button[formaction]").click()
    expect(page.locator(".entry-receipt-number")).to_have_text("2026-0001")
    entry.refresh_from_db()
    assert (entry.title, entry.status, entry.receipt_number) == (
        "찾아라! 119 지름길 (보완)",
        "submitted",
        "2026-0001",
    )

    # 6. My entries now lists it with its number.
    page.goto(url(live_server, "entries:list"))
    expect(page.locator("table.entries-table tbody tr")).to_contain_text("2026-0001")
    _check_both_languages(page, "entry list")
