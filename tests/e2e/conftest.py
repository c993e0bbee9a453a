"""Browser tests: Playwright (sync API) on Debian's Chromium against pytest-django's live server.

Every test under tests/e2e/ is marked `e2e` and runs with `transactional_db` (the live server runs
in another thread and must see committed data). Run only these with `pytest -m e2e`, skip them
with `pytest -m "not e2e"`.

Fixtures and helpers to reuse in new journeys:

- `browser` (session): one Chromium for the whole run (`/usr/bin/chromium`, no download).
- `page`: a fresh browser context per test (locale ko-KR, time zone Asia/Seoul, 1280x800,
  `bypass_csp=True` so that axe-core can be injected despite `script-src 'self'`). The CSP
  itself is still tested at the HTTP level in tests/config/test_shell.py.
- `live_server` (pytest-django): `live_server.url` is the base URL; static files are served.
- `second_page`: another fresh browser context with the same settings (a second person, e.g. the
  organizer who approves what the `page` user asked for). Closed after the test.
- `axe_check(page)`: runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails
  the test with a readable list when any violation is serious or critical.
- `axe_both_languages(page, "what")`: axe in Korean, switch to English, (optional `in_english`
  checks), axe, switch back to Korean. Call it on every page a journey visits.
- `login_as(page, live_server, user, password=PASSWORD)`: signs in through the real login form
  and waits until the home page has loaded. Users from tests/factories.py have PASSWORD.
- `switch_language(page, "en")`: presses the header's language button (a plain POST form) and
  waits until `<html lang>` says the new language.
- `url(live_server, "contests:list", pk)`: absolute URL of a named route.

Composable journey steps (sign up, ask to join, approve, draft, upload, submit, screen …) live in
tests/e2e/steps.py.

Example:

    def test_organizer_sees_contests(page, live_server):
        organizer = factories.OrganizerFactory()
        login_as(page, live_server, organizer)
        page.goto(url(live_server, "contests:list"))
        axe_both_languages(page, "contest list, organizer")
"""

import os
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect, sync_playwright

from contests.models import Contest
from submissions.models import Entry
from tests.e2e import live_server as live_server_gate
from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls from the
# test thread would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


live_server_gate.install()

User = get_user_model()
BASE_DIR = Path(__file__).resolve().parents[2]
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    """Mark every browser test `e2e`, and let it run a second time after a failure.

    Under CI load headless Chromium now and then loses an input event or closes a leave-page
    dialog before Playwright answers it (see tests/e2e/steps.py). A second run of the whole test
    (fresh database, fresh browser context) tells such a loss from a fault: a fault fails twice.
    pytest-rerunfailures reports every rerun ("R" and "rerun" in the summary), so flaky tests
    stay visible instead of passing quietly. `E2E_RERUNS=0` turns the second run off (to study
    a flaky test)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=int(os.environ.get("E2E_RERUNS", "1"))))


@pytest.fixture
def _gate_reopened():
    """Torn down after the database is emptied: the live server takes requests again."""
    yield
    live_server_gate.GATE.open()


@pytest.fixture(autouse=True)
def _e2e_database(_gate_reopened, transactional_db):
    """The live server thread must see committed rows. The test starts on an empty database
    (a row left by an earlier test is reported and removed), and its teardown empties the
    database only once no request of its pages is still being answered
    (tests/e2e/live_server.py)."""
    left = {model.__name__: model.objects.count() for model in (User, Contest, Entry)}
    if any(left.values()):
        warnings.warn(f"rows left by an earlier browser test were removed: {left}", stacklevel=1)
        call_command("flush", interactive=False, verbosity=0)
    yield
    still_inside = live_server_gate.GATE.close()
    if still_inside:
        warnings.warn(f"{still_inside} request(s) still answered at teardown", stacklevel=1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth rate limits live in the (process-wide) cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, live_server) -> Page:
    context = browser.new_context(
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        viewport={"width": 1280, "height": 800},
        bypass_csp=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    page = _new_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def second_page(browser, live_server):
    """A second person in their own browser context (own cookies, own session)."""
    page = _new_page(browser, live_server)
    yield page
    page.context.close()


def url(live_server, name: str, *args) -> str:
    return f"{live_server.url}{reverse(name, args=args)}"


def axe_check(page: Page, *, context: str = "") -> list[dict]:
    """Fail on serious/critical WCAG 2.1 A/AA findings; return every violation found."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lang = page.evaluate("() => document.documentElement.lang")
        lines = [f"axe found {len(blocking)} serious/critical violation(s) on {page.url} [{lang}]"]
        if context:
            lines[0] += f" ({context})"
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                summary = (node["summary"] or "").replace("\n", " ")
                lines.append(f"    at {node['target']}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)
    return violations


def login_as(page: Page, live_server, user, password: str = PASSWORD) -> None:
    """Sign in through the real allauth form; returns once the home page is shown."""
    page.goto(url(live_server, "account_login"))
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(password)
    page.locator("main form.app-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("form.app-logout")).to_be_visible()


def switch_language(page: Page, language: str) -> None:
    """Use the header's language switcher (POST to /i18n/setlang/, then back to this page)."""
    page.locator(f"form.app-language button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def axe_both_languages(
    page: Page, what: str, *, in_english: Callable[[], None] | None = None
) -> None:
    """axe in Korean, switch to English, run `in_english` (checks of English text), axe, and
    switch back to Korean so that the journey goes on in Korean."""
    axe_check(page, context=what)
    switch_language(page, "en")
    if in_english is not None:
        in_english()
    axe_check(page, context=what)
    switch_language(page, "ko")


@pytest.fixture
def scene(page, live_server):
    """A judge signed in on the scorecard of their one assigned entry (two criteria with levels:
    `innovation` and `effect`), ready for typing."""
    from tests import factories
    from tests.e2e.judge_steps import open_scorecard
    from tests.e2e.test_judge_journey import _card_url, _world

    round_, innovation, effect, _invitation, entries = _world()
    judge = factories.JudgeFactory(contest=round_.contest)
    factories.AssignmentFactory(round=round_, judge=judge, entry=entries[0])
    login_as(page, live_server, judge.user)
    card_url = _card_url(live_server, round_, entries[0])
    open_scorecard(page, card_url)
    return {"innovation": innovation, "effect": effect, "judge": judge, "url": card_url}
