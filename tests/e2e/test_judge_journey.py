"""A judge's evening: the judge accepts the emailed invitation, then scores three assigned
entries: entry 1 with the mouse, entry 2 with the keyboard only, entry 3 half-scored when the tab
is closed (the values are there in a new tab); a second tab holding an old value cannot overwrite
the newer one (the old tab keeps its typed value beside the stored one until the judge chooses);
all three submitted. axe in Korean and English on every page."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from scoring.models import JudgeInvitation, Score, Scorecard
from submissions.models import Attachment, Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, url
from tests.e2e.judge_steps import accept_invitation, open_scorecard, scorecard_ready

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _world():
    now = timezone.now()
    contest = factories.ContestFactory()
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=3)
    )
    innovation = factories.CriterionFactory(
        round=round_, name_ko="혁신성", name_en="Innovation", max_points=Decimal("30"), order=0
    )
    factories.LevelFactory(criterion=innovation, label="매우우수", points=Decimal("30"), order=0)
    factories.LevelFactory(criterion=innovation, label="우수", points=Decimal("24"), order=1)
    factories.LevelFactory(criterion=innovation, label="보통", points=Decimal("18"), order=2)
    effect = factories.CriterionFactory(
        round=round_, name_ko="효과성", name_en="Effect", max_points=Decimal("20"),
        step=Decimal("0.5"), order=1,
    )  # fmt: skip
    entries = []
    for n in range(1, 4):
        entry = factories.EntryFactory(
            contest=contest, status=Entry.Status.SUBMITTED, receipt_number=f"2026-{n:04d}",
            title=f"사례 {n}",
        )  # fmt: skip
        factories.AnswerFactory(entry=entry, text="첫 줄\n둘째 줄")
        entries.append(entry)
    attachment = Attachment(entry=entries[0], original_name="기관명_사례.pdf", kind="pdf")
    attachment.size, attachment.sha256 = len(PDF), "0" * 64
    attachment.file.save("a.pdf", ContentFile(PDF), save=False)
    attachment.save()
    invitation = JudgeInvitation.objects.create(
        contest=contest, email="kim@univ.ac.kr", name="김심사", token="journey-invitation-token"
    )
    return round_, innovation, effect, invitation, entries


def _card_url(live_server, round_, entry):
    return url(live_server, "judge:scorecard", round_.pk, entry.pk)


def _saved(page: Page, key) -> None:
    expect(page.locator(f"#state-{key} .scorecard-state-ok")).to_be_visible()


def _values(entry):
    return dict(
        Score.objects.filter(scorecard__entry=entry).values_list("criterion__name_ko", "value")
    )


def _submit(page: Page, live_server) -> None:
    page.locator("#scorecard-form button[formaction$='/submit/']").click()
    page.locator("button[name=confirm]").click()
    page.wait_for_url(url(live_server, "judge:dashboard"))


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_judge_scores_three_entries(page, live_server):
    round_, innovation, effect, invitation, entries = _world()
    # The invited judge signs up from the emailed link and accepts; then the organizer assigns.
    judge = accept_invitation(page, live_server, invitation, "김심사")
    for entry in entries:
        factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    page.goto(url(live_server, "judge:dashboard"))
    expect(page.locator(".judge-progress-text")).to_have_text("0 / 3")
    axe_both_languages(page, "judge dashboard")

    # Entry 1, with the mouse.
    page.locator("a.judge-next").click()
    page.wait_for_url(_card_url(live_server, round_, entries[0]))
    scorecard_ready(page)
    expect(page.locator("iframe.scorecard-pdf")).to_have_attribute("title", "첨부1.pdf")
    expect(page.locator("body")).not_to_contain_text("기관명")
    axe_both_languages(page, "scorecard")
    scorecard_ready(page)  # the language switch reloaded the page
    page.locator(
        f"label[for='level-{innovation.pk}-{innovation.levels.get(label='우수').pk}']"
    ).click()
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("24")
    _saved(page, innovation.pk)
    page.locator(f"#score-{effect.pk}").click()
    page.locator(f"#score-{effect.pk}").fill("17.5")
    page.locator("#comment").click()
    _saved(page, effect.pk)
    expect(page.locator("#scorecard-total")).to_have_text("41.5")
    page.locator("#comment").fill("현장 적용성이 뛰어남")
    page.locator(f"#score-{innovation.pk}").click()
    _saved(page, "comment")
    _submit(page, live_server)
    assert _values(entries[0]) == {"혁신성": Decimal("24"), "효과성": Decimal("17.5")}
    expect(page.locator(".judge-progress-text")).to_have_text("1 / 3")

    # Entry 2, with the keyboard only: skip link, typing, arrow keys in the level group.
    open_scorecard(page, _card_url(live_server, round_, entries[1]))
    _tab_to(page, "a.scorecard-skip")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == f"score-{innovation.pk}"
    page.keyboard.type("25")
    page.keyboard.press("Tab")  # to "Remove this score"; the change saves 25
    _saved(page, innovation.pk)
    page.keyboard.press("Tab")  # to the level group
    page.keyboard.press("Space")  # 매우우수 (30)
    page.keyboard.press("ArrowDown")  # 우수 (24)
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("24")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == f"score-{effect.pk}"
    page.keyboard.type("12.5")
    page.keyboard.press("Tab")  # "Remove this score"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "comment"
    _saved(page, effect.pk)
    expect(page.locator("#scorecard-total")).to_have_text("36.5")
    page.keyboard.type("키보드로 작성")
    page.keyboard.press("Tab")
    _saved(page, "comment")
    _tab_to(page, "#scorecard-form button[formaction$='/submit/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/submit/")
    _tab_to(page, "button[name=confirm]")
    page.keyboard.press("Enter")
    page.wait_for_url(url(live_server, "judge:dashboard"))
    assert _values(entries[1]) == {"혁신성": Decimal("24"), "효과성": Decimal("12.5")}
    assert Scorecard.objects.get(entry=entries[1]).comment == "키보드로 작성"

    # Entry 3: two values, then the tab is closed.
    open_scorecard(page, _card_url(live_server, round_, entries[2]))
    page.locator(f"#score-{innovation.pk}").fill("20")
    page.keyboard.press("Tab")
    _saved(page, innovation.pk)
    page.locator(f"#score-{effect.pk}").fill("10")
    page.keyboard.press("Tab")
    _saved(page, effect.pk)
    context = page.context
    page.close()
    page = context.new_page()
    open_scorecard(page, _card_url(live_server, round_, entries[2]))
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("20")
    expect(page.locator(f"#score-{effect.pk}")).to_have_value("10")
    expect(page.locator("#scorecard-total")).to_have_text("30")

    # A second tab holds the old value; the first one saves a newer one.
    old_tab = context.new_page()
    open_scorecard(old_tab, _card_url(live_server, round_, entries[2]))
    page.locator(f"#score-{innovation.pk}").fill("22")
    page.keyboard.press("Tab")
    _saved(page, innovation.pk)
    old_tab.locator(f"#score-{innovation.pk}").fill("5")
    old_tab.keyboard.press("Tab")
    expect(old_tab.locator(f"#state-{innovation.pk} .scorecard-state-stale")).to_be_visible()
    expect(old_tab.locator(f"#score-{innovation.pk}")).to_have_value("5")
    expect(old_tab.locator(f"#choice-{innovation.pk} .scorecard-stored")).to_have_text("22")
    assert _values(entries[2])["혁신성"] == Decimal("22")
    old_tab.locator(f"#choice-{innovation.pk} button[data-choice=use-stored]").click()
    expect(old_tab.locator(f"#score-{innovation.pk}")).to_have_value("22")
    old_tab.close()

    _submit(page, live_server)
    assert _values(entries[2]) == {"혁신성": Decimal("22"), "효과성": Decimal("10")}
    assert set(Scorecard.objects.values_list("status", flat=True)) == {"submitted"}
    expect(page.locator(".judge-progress-text")).to_have_text("3 / 3")
