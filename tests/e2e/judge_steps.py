"""Composable browser steps for the judges' journeys: accept an invitation, open a scorecard and
wait until its script is ready, type a score as a judge does, leave a page with a value waiting
(the agency journeys' steps are in tests/e2e/steps.py)."""

import contextlib

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from scoring.models import Judge
from tests.e2e.conftest import axe_both_languages, url
from tests.e2e.steps import SIGNUP_PASSWORD, agree_to_privacy

# --- Judges ------------------------------------------------------------------------------------


def accept_invitation(page: Page, live_server, invitation, name: str):
    """The invited judge opens the link, signs up (email prefilled), comes back, agrees to both
    pledges and accepts; returns the new Judge once the judge's dashboard is shown."""
    page.goto(f"{live_server.url}/invitations/{invitation.token}/")
    axe_both_languages(page, "invitation, anonymous")
    page.locator("main a.krds-btn.primary").click()
    expect(page.locator("#id_email")).to_have_value(invitation.email)
    page.fill("#id_name", name)
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    agree_to_privacy(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"**/invitations/{invitation.token}/")
    axe_both_languages(page, "invitation, signed in")
    page.locator("label[for='id_security_pledge']").click()
    page.locator("label[for='id_conflict_pledge']").click()
    page.locator("form.judging-accept button").click()
    page.wait_for_url(url(live_server, "judge:dashboard"))
    return Judge.objects.get(contest=invitation.contest, user__email=invitation.email)


def scorecard_ready(page: Page) -> None:
    """Wait until the scorecard's scripts have set up the fields and restored the values kept
    from last time (the form says data-ready="1"): typing earlier races them."""
    expect(page.locator("#scorecard-form[data-ready='1']")).to_have_count(1)


def open_scorecard(page: Page, card_url: str) -> None:
    """Open a scorecard and wait until it is ready for typing."""
    page.goto(card_url)
    scorecard_ready(page)


def type_score(page: Page, criterion, value: str) -> None:
    """Type a score and leave the box with Tab, as a judge does; the text must be in the box when
    Tab is pressed, and focus must have left the box before the next step.

    Under heavy load headless Chromium now and then drops a whole `fill` (or keystrokes of
    `press_sequentially`) into a box that was just left with Tab; no page code writes the box
    while the judge types (the one answer that may rewrite it checks first, see
    test_walkthrough_8), so the fill is repeated, at most three times, until the box holds it."""
    box = page.locator(f"#score-{criterion.pk}")
    for _attempt in range(3):
        box.fill(value)
        if box.input_value() == value:
            break
    expect(box).to_have_value(value)
    box.press("Tab")
    expect(box).not_to_be_focused()


def leave_with_a_value_waiting(page: Page, go) -> None:
    """Leave a scorecard (`go`: a goto or reload) while a value still waits to be saved, saying yes
    to "Leave this page?" as the judge does (test_item_4 pins that the page asks).

    Now and then Chromium closes that beforeunload dialog before Playwright's handler can accept
    it, which cancels the navigation (net::ERR_ABORTED, or a reload that never loads); the
    waiting value stays in the page and in sessionStorage, and the judge simply goes again. So
    does this step, at most three times; any other failure is raised at once."""
    page.on("dialog", _accept)
    try:
        for attempt in range(3):
            try:
                go()
                return
            except PlaywrightError as error:
                cancelled = "ERR_ABORTED" in str(error) or "Timeout" in str(error)
                if attempt == 2 or not cancelled:
                    raise
    finally:
        page.remove_listener("dialog", _accept)


def _accept(dialog) -> None:
    with contextlib.suppress(PlaywrightError):  # closed by the browser first: see above
        dialog.accept()
