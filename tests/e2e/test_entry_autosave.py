"""Autosave refuses an over-long answer in place: a message by the field, the counter marked, the
saved text unchanged; going back under the limit saves again. (The happy path of drafting,
autosave and reload is in test_agency_case_journey.py.)"""

from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import login_as, url
from tests.e2e.steps import refuse_over_long_answer

SAVED = "출동 경로를 실시간으로 안내했다."


def test_autosave_refuses_an_over_long_answer_and_keeps_the_saved_text(page, live_server):
    membership = factories.AgencyMembershipFactory()
    question = factories.EntryQuestionFactory(max_length=100)
    entry = factories.EntryFactory(contest=question.contest, agency=membership.agency)
    factories.AnswerFactory(entry=entry, question=question, text=SAVED)
    login_as(page, live_server, membership.user)
    page.goto(url(live_server, "entries:detail", entry.pk))
    expect(page.locator(f"#id_q_{question.pk}")).to_have_value(SAVED)
    refuse_over_long_answer(page, entry, question, SAVED)
