"""Composable browser steps for the agency journeys (sign up, join, approve, draft, upload, submit,
reopen, screen). Each step starts where the previous one left the page, does what a person would
do through the real pages, asserts what they should see (and what the database should then hold),
and runs axe in Korean and English on every page it visits.

A test strings the steps together, e.g. tests/e2e/test_agency_case_journey.py:

    officer = sign_up(page, live_server, "정신청", "jung@mois.go.kr")
    join_request = ask_to_join(
        page, mois, user=officer, search="행정", options_before=4, options_after=2
    )
    login_as(second_page, live_server, organizer)
    approve_join_request(second_page, live_server, join_request)
    entry = draft_entry(page, live_server, category, "찾아라! 119 지름길")
    ...
"""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from submissions.models import Agency, AgencyMembership, Answer, Entry, JoinRequest
from tests.e2e.conftest import axe_both_languages, url

SIGNUP_PASSWORD = "Gongmuwon-2027!"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAVED_AT = re.compile(r"\d{2}:\d{2}:\d{2}")
RECEIPT_NUMBER = re.compile(r"^\d{4}-\d{3,}-\d{4}$")  # year-contest-sequence
SCREENING_BADGE = {
    Entry.Eligibility.ELIGIBLE: "bg-light-success",
    Entry.Eligibility.INELIGIBLE: "bg-light-danger",
}


# --- Accounts and agencies -------------------------------------------------------------------


def sign_up(page: Page, live_server, name: str, email: str, password: str = SIGNUP_PASSWORD):
    """Sign up through the real form; returns the new user once the home page is shown."""
    page.goto(url(live_server, "account_signup"))
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    agree_to_privacy(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    return get_user_model().objects.get(email=email)


def agree_to_privacy(page: Page) -> None:
    """Tick the sign-up form's required consent to the collection and use of personal
    information (its label: KRDS draws the checkbox over the hidden input)."""
    page.locator("label[for='id_privacy_consent']").click()
    expect(page.locator("#id_privacy_consent")).to_be_checked()


def ask_to_join(
    page: Page,
    agency: Agency,
    *,
    user,
    search: str,
    options_before: int,
    options_after: int,
    position: str = "혁신정책과 사무관",
    phone: str = "044-205-1234",
    message: str = "경진대회 담당자입니다.",
) -> JoinRequest:
    """From the home page of `user` (signed in, no agency yet): open the join form, narrow the
    agency list by typing `search` (no page load), send the request, see it waiting on /agencies/.
    """
    join_link = page.locator(f"main a[href='{reverse('submissions:join_request_create')}']")
    axe_both_languages(page, "home, no agency yet")
    join_link.click()
    page.wait_for_url(f"**{reverse('submissions:join_request_create')}")
    axe_both_languages(page, "join form")

    # Search as you type: the list narrows without a page load.
    page.evaluate("() => { window.stillSamePage = true; }")
    expect(page.locator("#id_agency option")).to_have_count(options_before)
    page.locator("#agency-search").fill(search)
    expect(page.locator("#id_agency option")).to_have_count(options_after)
    assert page.evaluate("() => window.stillSamePage") is True
    page.locator("#id_agency").select_option(str(agency.pk))
    page.fill("#id_position", position)
    page.fill("#id_phone", phone)
    page.fill("#id_message", message)
    page.locator("main form[method=post] button[type=submit]").click()

    # The request waits; nothing is a membership yet.
    page.wait_for_url(f"**{reverse('submissions:my_agencies')}")
    join_request = JoinRequest.objects.get(user=user, agency=agency)
    card = page.locator(f"#join-request-{join_request.pk}")
    expect(card).to_contain_text(agency.name_ko)
    expect(card.locator(".krds-badge.bg-light-warning")).to_be_visible()
    assert not AgencyMembership.objects.filter(user=join_request.user).exists()
    axe_both_languages(
        page,
        "my agencies, request waiting",
        in_english=lambda: expect(card).to_contain_text("Waiting for approval"),
    )
    return join_request


def approve_join_request(organizer_page: Page, live_server, join_request: JoinRequest) -> None:
    """From the organizer's home: open the waiting requests, open this one, approve it. The user
    becomes a member (and, as the agency's first member, its admin)."""
    list_url = url(live_server, "submissions:join_request_list")
    organizer_page.goto(f"{live_server.url}/")
    waiting = f"main a[href='{reverse('submissions:join_request_list')}?status=pending']"
    organizer_page.locator(waiting).click()
    expect(organizer_page.locator("#join-requests tbody tr")).to_have_count(1)
    axe_both_languages(organizer_page, "join requests, organizer")
    organizer_page.locator("#join-requests tbody a").first.click()
    organizer_page.wait_for_url(
        url(live_server, "submissions:join_request_detail", join_request.pk)
    )
    expect(organizer_page.locator("main")).to_contain_text(join_request.position)
    axe_both_languages(organizer_page, "join request detail")
    organizer_page.locator("button[name=decision][value=approve]").click()
    organizer_page.wait_for_url(list_url)

    join_request.refresh_from_db()
    assert join_request.status == "approved"
    membership = AgencyMembership.objects.get(user=join_request.user)
    assert (membership.agency, membership.is_admin) == (join_request.agency, True)


def see_my_agency(page: Page, live_server, agency: Agency) -> None:
    """The approved member finds the agency on /agencies/."""
    page.goto(url(live_server, "submissions:my_agencies"))
    expect(page.locator("main .app-card h2 a")).to_have_text(agency.name_ko)
    axe_both_languages(page, "my agencies, approved")


# --- Entries (agency side) -------------------------------------------------------------------


def draft_entry(page: Page, live_server, category, title: str) -> Entry:
    """From /entries/ (nothing yet): "new entry" for the category, give a title, save a draft."""
    page.goto(url(live_server, "entries:list"))
    axe_both_languages(page, "entry list (empty)")
    page.locator(f"a[href$='?category={category.pk}']").click()
    axe_both_languages(page, "new entry")
    page.fill("#id_title", title)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    entry = Entry.objects.get(category=category, title=title)
    assert entry.status == Entry.Status.DRAFT
    axe_both_languages(page, "entry edit")
    return entry


def type_answer_and_see_autosave(page: Page, entry: Entry, question, text: str) -> None:
    """Typing saves by itself: the status shows the time, the counter the length, and the
    database holds exactly what was typed."""
    answer = page.locator(f"#id_q_{question.pk}")
    answer.click()
    answer.press_sequentially(text, delay=20)
    expect(page.locator(f"#status-q_{question.pk}")).to_have_text(SAVED_AT)
    expect(page.locator(f"#count-q_{question.pk}")).to_contain_text(
        f"{len(text)} / {question.max_length}"
    )
    assert Answer.objects.get(entry=entry, question=question).text == text


def reload_keeps_answers(page: Page, answers: dict) -> None:
    """A reload (or a closed tab) keeps what autosave stored: {question: text}."""
    page.reload()
    for question, text in answers.items():
        expect(page.locator(f"#id_q_{question.pk}")).to_have_value(text)


def refuse_over_long_answer(page: Page, entry: Entry, question, saved_text: str) -> None:
    """One character too many: refused with a message by the field, the saved text unchanged;
    going back to the saved text saves again."""
    too_long = "가" * (question.max_length + 1)
    page.locator(f"#id_q_{question.pk}").fill(too_long)
    expect(page.locator(f"#status-q_{question.pk}")).to_contain_text(str(len(too_long)))
    expect(page.locator(f"#count-q_{question.pk}")).to_have_class(re.compile("is-over"))
    assert Answer.objects.get(entry=entry, question=question).text == saved_text
    page.locator(f"#id_q_{question.pk}").fill(saved_text)
    expect(page.locator(f"#status-q_{question.pk}")).to_have_text(SAVED_AT)


def upload_pdf(page: Page, name: str, data: bytes = PDF_BYTES) -> None:
    """Upload a PDF on the entry edit page; the attachment list updates in place (htmx)."""
    page.locator("#id_file").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": data}]
    )
    page.locator("form.entry-upload button[type=submit]").click()
    expect(page.locator("#entry-attachments table")).to_contain_text(name)
    axe_both_languages(page, "entry edit with attachment")


def submit_and_read_receipt(page: Page, attachment_name: str) -> str:
    """Save and submit from the edit page; returns the receipt number shown on the receipt."""
    page.locator("button[form=entry-form][formaction]").click()
    receipt_number = page.locator(".entry-receipt-number")
    expect(receipt_number).to_have_text(RECEIPT_NUMBER)
    expect(page.locator("main")).to_contain_text(attachment_name)
    axe_both_languages(page, "receipt")
    return receipt_number.inner_text()


def reopen_edit_resubmit(page: Page, live_server, entry: Entry, new_title: str) -> str:
    """Open the submitted entry, reopen it, change the title (autosaved), resubmit; the receipt
    keeps the number. Returns that number."""
    entry.refresh_from_db()
    number = entry.receipt_number
    page.goto(url(live_server, "entries:detail", entry.pk))
    axe_both_languages(page, "submitted entry")
    page.locator("form.entry-reopen button").click()
    title = page.locator("#id_title")
    title.fill(new_title)
    expect(page.locator("#status-title")).to_have_text(SAVED_AT)
    page.locator("button[form=entry-form][formaction]").click()
    expect(page.locator(".entry-receipt-number")).to_have_text(number)
    entry.refresh_from_db()
    assert (entry.title, entry.status, entry.receipt_number) == (
        new_title,
        Entry.Status.SUBMITTED,
        number,
    )
    return number


def see_in_my_entries(page: Page, live_server, receipt_number: str) -> None:
    """/entries/ lists the entry with its receipt number."""
    page.goto(url(live_server, "entries:list"))
    expect(page.locator("table.entries-table tbody tr")).to_contain_text(receipt_number)
    axe_both_languages(page, "entry list")


def see_screening_outcome(page: Page, live_server, entry: Entry) -> None:
    """The agency sees the organizer's screening outcome (and the reason) on the entry page."""
    entry.refresh_from_db()
    page.goto(url(live_server, "entries:detail", entry.pk))
    shown = page.locator("main").inner_text()  # rendered by the server: nothing to wait for
    with translation.override("ko"):
        outcome = str(entry.get_eligibility_display())
    assert outcome in shown, f"{outcome!r} not on the agency's entry page"
    assert entry.eligibility_reason in shown, f"{entry.eligibility_reason!r} not shown"
    axe_both_languages(page, "entry, screened")


# --- Screening (organizer side) --------------------------------------------------------------


def find_in_screening_list(
    organizer_page: Page, live_server, contest, *, search: str, title: str, rows_before: int
) -> None:
    """From the contest page to its entry list; typing `search` narrows it to the one entry in
    place (no page load) and puts the filter in the address bar."""
    organizer_page.goto(url(live_server, "contests:detail", contest.pk))
    list_href = reverse("screening:list", args=[contest.pk])
    organizer_page.locator(f"main .contest-actions a[href='{list_href}']").click()
    organizer_page.wait_for_url(url(live_server, "screening:list", contest.pk))
    rows = organizer_page.locator("table.screening-table tbody tr")
    expect(rows).to_have_count(rows_before)
    axe_both_languages(organizer_page, "screening list")

    organizer_page.evaluate("() => { window.stillSamePage = true; }")
    organizer_page.locator("#id_q").press_sequentially(search, delay=50)
    expect(rows).to_have_count(1)
    expect(organizer_page.locator("table.screening-table tbody")).to_contain_text(title)
    assert organizer_page.evaluate("() => window.stillSamePage") is True
    assert "q=" in organizer_page.url  # the filter is in the address bar (hx-push-url)
    axe_both_languages(organizer_page, "screening list, searched")


def open_screening_entry(
    organizer_page: Page, live_server, contest, entry: Entry, shows: list[str]
) -> None:
    """Open the entry from the (searched) list; its page shows each text of `shows`."""
    organizer_page.locator("table.screening-table a", has_text=entry.title).click()
    organizer_page.wait_for_url(url(live_server, "screening:detail", contest.pk, entry.pk))
    for text in shows:
        expect(organizer_page.locator("main")).to_contain_text(text)
    axe_both_languages(organizer_page, "screening entry, not screened")


def screen_entry(
    organizer_page: Page, entry: Entry, organizer, eligibility: str, reason: str = ""
) -> None:
    """Mark the open entry eligible or ineligible (in place, htmx). For "ineligible" a save
    without a reason is refused next to the field first."""
    organizer_page.evaluate("() => { window.stillSamePage = true; }")
    radio = organizer_page.locator(f"#screening input[name=eligibility][value={eligibility}]")
    organizer_page.locator(f"label[for={radio.get_attribute('id')}]").click()
    save = organizer_page.locator("#screening button[type=submit]")
    if eligibility == Entry.Eligibility.INELIGIBLE:
        save.click()
        expect(organizer_page.locator("#id_reason_error")).to_be_visible()
    if reason:
        organizer_page.fill("#id_reason", reason)
    save.click()
    badge = f"#screening .krds-badge.{SCREENING_BADGE[eligibility]}"
    expect(organizer_page.locator(badge)).to_be_visible()
    if reason:
        expect(organizer_page.locator("#screening")).to_contain_text(reason)
    assert organizer_page.evaluate("() => window.stillSamePage") is True
    entry.refresh_from_db()
    assert (entry.eligibility, entry.eligibility_reason, entry.screened_by) == (
        eligibility,
        reason,
        organizer,
    )
    axe_both_languages(organizer_page, "screening entry, screened")


def see_outcome_in_screening_list(organizer_page: Page, live_server, contest, eligibility):
    """Filtering the list by the outcome shows the entry with its badge."""
    list_url = url(live_server, "screening:list", contest.pk)
    organizer_page.goto(f"{list_url}?screening={eligibility}")
    expect(organizer_page.locator("table.screening-table tbody tr")).to_have_count(1)
    badge = f"table.screening-table tbody .{SCREENING_BADGE[eligibility]}"
    expect(organizer_page.locator(badge)).to_be_visible()
