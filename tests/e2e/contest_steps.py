"""Lean browser steps for the whole-contest journey (tests/e2e/test_whole_contest.py): each page
they visit is axe-checked by the journey that owns it (tests/e2e/steps.py, judge_steps.py and the
stage journeys), so these steps do not run axe again. Each starts where a person would start,
does the work through the real pages and asserts what the page and the database then hold."""

import re
from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import Page, expect

from scoring.models import Scorecard
from submissions.models import Entry
from tests.e2e.conftest import login_as, url
from tests.e2e.judge_steps import scorecard_ready, type_score
from tests.e2e.steps import RECEIPT_NUMBER

CARD_URL = re.compile(r"/judge/rounds/(\d+)/entries/(\d+)/$")


def sign_in(page: Page, live_server, user) -> None:
    """Another person at the same browser: forget the last one's session, sign in."""
    page.context.clear_cookies()
    login_as(page, live_server, user)


# --- The timeline ------------------------------------------------------------------------------


def stage(page: Page, key: str):
    return page.locator(f'ol.timeline-stages > li[data-stage="{key}"]')


def open_timeline(page: Page, live_server, contest) -> None:
    page.goto(url(live_server, "contests:detail", contest.pk))
    expect(page.locator("section.contest-timeline ol.timeline-stages > li")).to_have_count(10)


def see_states(page: Page, states: dict[str, str]) -> None:
    """Every stage of the timeline in the state given (done, current, upcoming, not_applicable)."""
    for key, state in states.items():
        expect(stage(page, key)).to_have_attribute("data-state", state)


def follow_action(page: Page, key: str) -> None:
    """Press the stage's next action (the page that does it)."""
    stage(page, key).locator("a[data-k=action]").click()


# --- Call for entries and submission ---------------------------------------------------------


def publish_from_timeline(page: Page, live_server, contest) -> None:
    """The publish stage's action opens the contest's form at the box; tick it and save."""
    follow_action(page, "publish")
    page.wait_for_url(f"**{reverse('contests:edit', args=[contest.pk])}#id_is_published")
    page.locator("label[for=id_is_published]").click()  # KRDS draws the box on the label
    expect(page.locator("#id_is_published")).to_be_checked()
    page.locator("main form button[type=submit]").last.click()
    # The redirect to the contest page keeps the address's #id_is_published.
    detail = reverse("contests:detail", args=[contest.pk])
    page.wait_for_url(re.compile(rf"{re.escape(detail)}(#.*)?$"))
    contest.refresh_from_db()
    assert contest.is_published is True


def submit_entry(page: Page, live_server, category, question, title: str, text: str) -> Entry:
    """From /entries/: a new entry in the category, a title, the answer, save and submit."""
    page.goto(url(live_server, "entries:list"))
    page.locator(f"a[href$='?category={category.pk}']").click()
    page.fill("#id_title", title)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    page.fill(f"#id_q_{question.pk}", text)
    page.locator("button[form=entry-form][formaction]").click()
    expect(page.locator(".entry-receipt-number")).to_have_text(RECEIPT_NUMBER)
    entry = Entry.objects.get(category=category, title=title)
    assert (entry.status, entry.answers.get().text) == (Entry.Status.SUBMITTED, text)
    return entry


# --- Screening ---------------------------------------------------------------------------------


def bulk_screen(page: Page, entries, eligibility: str, reason: str = "") -> None:
    """On the screening list: tick the entries, choose the outcome (and reason), review, apply."""
    for entry in entries:
        page.locator(f"label[for=pick-{entry.pk}]").click()
        expect(page.locator(f"#pick-{entry.pk}")).to_be_checked()
    radio = page.locator(f"#bulk-screening input[name=eligibility][value={eligibility}]")
    page.locator(f"#bulk-screening label[for={radio.get_attribute('id')}]").click()
    expect(radio).to_be_checked()
    if reason:
        page.locator("#bulk-screening #id_reason").fill(reason)
    page.locator("#bulk-screening button[value=review]").click()
    expect(page.locator('[data-k="changing"]')).to_have_text(str(len(entries)))
    page.locator("button[value=apply]").click()
    expect(page.locator(".app-messages")).to_contain_text(str(len(entries)))
    for entry in entries:
        entry.refresh_from_db()
        assert (entry.eligibility, entry.eligibility_reason) == (eligibility, reason)


# --- Assignment and scoring --------------------------------------------------------------------


def auto_assign(page: Page, live_server, contest, round_, proposed: int) -> None:
    """From the matrix: the automatic assignment's preview, then apply it."""
    page.locator(
        f"main a[href='{reverse('judging:auto', args=[contest.pk, round_.pk])}']"
    ).first.click()
    page.wait_for_url(url(live_server, "judging:auto", contest.pk, round_.pk))
    expect(page.locator("#proposal-title")).to_contain_text(str(proposed))
    page.locator("form.judging-apply button").click()
    page.wait_for_url(url(live_server, "judging:matrix", contest.pk, round_.pk))
    assert round_.assignments.count() == proposed


def score_and_submit(page: Page, criterion, points: int) -> None:
    """On an open scorecard: type the points, submit, confirm; back on the dashboard."""
    scorecard_ready(page)
    type_score(page, criterion, str(points))
    expect(page.locator("#scorecard-total")).to_have_text(str(points))
    page.locator("#scorecard-form button[formaction$='/submit/']").click()
    page.locator("button[name=confirm]").click()
    page.wait_for_url("**/judge/")


def judge_scores_every_card(page: Page, live_server, judge, round_, criterion, points) -> int:
    """The judge's dashboard: "next" until all is done, each card scored by `points` (entry pk
    → points). Returns the number of cards submitted."""
    sign_in(page, live_server, judge.user)
    page.goto(url(live_server, "judge:dashboard"))
    board = page.locator(f"section[aria-labelledby='round-{round_.pk}']")
    mine = round_.assignments.filter(judge=judge).count()
    for done in range(1, mine + 1):
        board.locator("a.judge-next").click()
        page.wait_for_url(CARD_URL)
        entry_pk = int(CARD_URL.search(page.url).group(2))
        score_and_submit(page, criterion, points[entry_pk])
        expect(board.locator(".judge-progress-text")).to_have_text(f"{done} / {mine}")
    expect(board.locator(".judge-all-done")).to_be_visible()
    submitted = Scorecard.objects.filter(
        round=round_, judge=judge, status=Scorecard.Status.SUBMITTED
    )
    assert {card.entry_id: card.total for card in submitted} == {
        a.entry_id: Decimal(points[a.entry_id]) for a in round_.assignments.filter(judge=judge)
    }
    return mine
