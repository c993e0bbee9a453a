"""Entry requirements in the browser (issue 11, item 4): the organizer adds a required PDF slot
(사례요약서) and a document (공고문); the agency sees and downloads the document, is stopped when
submitting without the slot's file, is refused a wrong type at the slot, uploads the PDF and
submits. Every new or changed page is checked with axe in Korean and English."""

import re

from playwright.sync_api import expect

from contests.models import AttachmentSlot, ContestDocument
from submissions.models import Attachment, Entry
from submissions.services.entries import entry_create, entry_update
from tests import factories
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, url
from tests.e2e.steps import PDF_BYTES

SLOT = "사례요약서"
NOTICE = "2026 공고문"


def test_organizer_requires_a_pdf_and_the_agency_meets_it(page, second_page, live_server):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(
        name_ko="2026 정부혁신 우수사례 경진대회", year=2026, organizers=[organizer]
    )
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처")
    question = factories.EntryQuestionFactory(
        contest=contest, label_ko="추진배경", label_en="Background", max_length=3000
    )
    membership = factories.AgencyMembershipFactory(user__name="이담당")
    entry = entry_create(
        contest=contest,
        category=category,
        agency=membership.agency,
        title="찾아라! 119 지름길",
        by=membership.user,
    )
    entry_update(entry=entry, by=membership.user, answers={question.pk: "출동 경로 안내"})

    # 1. The organizer adds a slot: the blank row starts required, with no type ticked.
    login_as(second_page, live_server, organizer)
    second_page.goto(url(live_server, "contests:slots", contest.pk))
    axe_both_languages(second_page, "attachment slots, none yet")
    expect(second_page.locator("#id_rows-0-required")).to_be_checked()
    second_page.locator("#id_rows-0-label_ko").fill(SLOT)
    second_page.locator("#id_rows-0-label_en").fill("Case summary")
    second_page.locator("label[for=id_rows-0-kinds_0]").click()  # PDF
    expect(second_page.locator("#id_rows-0-kinds_0")).to_be_checked()
    second_page.locator("#id_rows-0-max_file_mb").fill("5")
    second_page.locator("main form button.primary").click()
    expect(second_page.locator("main")).to_contain_text("저장되었습니다")
    expect(second_page.locator("#id_rows-0-label_ko")).to_have_value(SLOT)
    expect(second_page.locator("#id_rows-1-required")).to_be_checked()  # the next blank row
    expect(second_page.locator("#id_rows-1-max_file_mb")).to_have_value("5")
    slot = AttachmentSlot.objects.get()
    assert (slot.required, slot.kinds, slot.max_file_mb) == (True, ["pdf"], 5)

    # 2. … and a document (the 공고문), on its own page.
    second_page.goto(url(live_server, "documents:manage", contest.pk))
    axe_both_languages(second_page, "contest documents, empty")
    second_page.locator("#id_title").fill(NOTICE)
    second_page.locator("#id_file").set_input_files(
        files=[{"name": "공고문.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    second_page.locator("main form.app-form button.primary").click()
    expect(second_page.locator("main table")).to_contain_text(NOTICE)
    axe_both_languages(second_page, "contest documents, one added")
    document = ContestDocument.objects.get()

    # 3. The agency sees the document on its entry page and downloads it.
    login_as(page, live_server, membership.user)
    page.goto(url(live_server, "entries:detail", entry.pk))
    link = page.get_by_role("link", name=NOTICE)
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "공고문.pdf"
    slot_box = page.locator(f"#slot-{slot.pk}")
    expect(slot_box).to_contain_text(re.compile(r"PDF\W+\D*5\s?MB"))  # types and limit in words
    axe_both_languages(page, "entry with a slot and a document")

    # 4. Submitting without the slot's file is refused, naming the slot.
    page.locator("button[form=entry-form][formaction]").click()
    expect(page.locator(".app-alert.error")).to_contain_text(SLOT)
    axe_check(page, context="entry refused for a missing file")  # a POST's page: Korean only
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT

    # 5. A wrong type at the slot is refused there, with the types and the limit.
    slot_box = page.locator(f"#slot-{slot.pk}")
    slot_box.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "요약.png",
                "mimeType": "image/png",
                "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 32,
            }
        ]
    )
    slot_box.locator("button[type=submit]").click()
    error = page.locator(f"#slot-{slot.pk}-error")
    expect(error).to_contain_text(re.compile(f"{SLOT}.*요약.png.*PDF.*5"))
    axe_check(page, context="entry with a refused slot file")
    assert Attachment.objects.count() == 0

    # 6. The PDF goes in; submitting now works.
    slot_box = page.locator(f"#slot-{slot.pk}")
    slot_box.locator("input[type=file]").set_input_files(
        files=[{"name": "요약.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    slot_box.locator("button[type=submit]").click()
    expect(page.locator(f"#slot-{slot.pk} .entry-slot-file")).to_contain_text("요약.pdf")
    page.locator("button[form=entry-form][formaction]").click()
    expect(page.locator(".entry-receipt-number")).to_be_visible()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert Attachment.objects.get().slot == slot

    # 7. The public contest page lists the document too.
    page.goto(url(live_server, "contests:detail", contest.pk))
    expect(page.get_by_role("link", name=NOTICE)).to_have_attribute(
        "href", f"/contests/{contest.pk}/documents/{document.pk}/"
    )
    axe_both_languages(page, "contest page with documents and slots")
