"""Issue 10 in a real browser: the judge's fast path (items 1-2), counted. Scoring a 4-criterion
entry with levels and submitting it takes at most 6 clicks and one page load with the mouse, and
at most 15 key presses with the keyboard alone; the scores are stored exactly and the next entry
not yet submitted is shown. Also: the page on a tablet and a phone (screenshots under
/tmp/shots-scorecard/, no sideways scrolling), and a judge told of a reopen (item 5)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from scoring.models import Score, Scorecard, ScoreEvent
from scoring.services.scorecards import scorecard_fill, scorecard_reopen
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as
from tests.e2e.judge_steps import open_scorecard, scorecard_ready

SHOTS = Path("/tmp/shots-scorecard")  # noqa: S108 (screenshots to look at, not kept)
RUBRIC = [("혁신성", 30), ("효과성", 30), ("확산성", 20), ("지속성", 20)]
LEVELS = [
    ("매우우수", 1),
    ("우수", Decimal("0.8")),
    ("보통", Decimal("0.6")),
    ("미흡", Decimal("0.4")),
]


def _world():
    """An open round with four criteria, each with four described levels; a judge assigned
    three entries (2026-0001 … 0003), the second already submitted."""
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=3)
    )
    criteria = []
    for order, (name, top) in enumerate(RUBRIC):
        criterion = factories.CriterionFactory(
            round=round_, name_ko=name, name_en=f"C{order}", max_points=Decimal(top), order=order,
            description=f"{name}: 기존 방식과 다른 새로운 접근인가",
        )  # fmt: skip
        for k, (label, share) in enumerate(LEVELS):
            factories.LevelFactory(
                criterion=criterion, label=label, points=Decimal(top) * share, order=k,
                description=f"{label}: 근거와 성과가 {label} 수준으로 제시됨",
            )  # fmt: skip
        criteria.append(criterion)
    judge = factories.JudgeFactory(contest=round_.contest)
    entries = []
    for n in range(1, 4):
        entry = factories.EntryFactory(
            contest=round_.contest, status=Entry.Status.SUBMITTED,
            receipt_number=f"2026-{n:04d}", title=f"사례 {n}",
        )  # fmt: skip
        factories.AnswerFactory(entry=entry, text="민원 처리 기간을 30% 줄였다.\n" * 3)
        factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
        entries.append(entry)
    Scorecard.objects.create(
        round=round_, judge=judge, entry=entries[1], status="submitted", total=Decimal(0)
    )
    return round_, criteria, judge, entries


def _card_url(live_server, round_, entry):
    return f"{live_server.url}{reverse('judge:scorecard', args=[round_.pk, entry.pk])}"


class Effort:
    """Every click and key press the judge makes, and the pages the browser loads."""

    def __init__(self, page: Page):
        self.page, self.clicks, self.keys, self.loads = page, 0, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, selector: str):
        self.clicks += 1
        self.page.locator(selector).click()

    def press(self, key: str):
        self.keys += 1
        self.page.keyboard.press(key)

    def type(self, text: str):
        self.keys += len(text)
        self.page.keyboard.type(text)


def _stored(entry):
    return dict(
        Score.objects.filter(scorecard__entry=entry).values_list("criterion__name_ko", "value")
    )


def test_mouse_scores_four_criteria_and_submits_in_six_clicks_and_one_page_load(page, live_server):
    round_, criteria, judge, entries = _world()
    login_as(page, live_server, judge.user)
    open_scorecard(page, _card_url(live_server, round_, entries[0]))
    axe_both_languages(page, "scorecard, fast path")
    scorecard_ready(page)
    effort = Effort(page)
    for criterion, label in zip(criteria, ["우수", "매우우수", "보통", "우수"], strict=True):
        level = criterion.levels.get(label=label)
        effort.click(f"label[for='level-{criterion.pk}-{level.pk}']")
    expect(page.locator("#scorecard-total")).to_have_text("82")  # the four saves are done
    effort.click("#scorecard-next")
    dialog = page.locator("#scorecard-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#scorecard-dialog-total")).to_have_text("82")
    effort.click("#scorecard-dialog button[name=confirm]")
    # The second entry is submitted already: the next one not submitted is the third.
    page.wait_for_url(_card_url(live_server, round_, entries[2]))
    expect(page.locator("h1")).to_have_text("사례 3")
    expect(page.locator(".app-messages .app-alert.success")).to_contain_text("사례 1")
    assert (effort.clicks, effort.loads) == (6, 1)
    assert _stored(entries[0]) == {
        "혁신성": Decimal("24"), "효과성": Decimal("30"), "확산성": Decimal("12"),
        "지속성": Decimal("16"),
    }  # fmt: skip
    assert Scorecard.objects.get(entry=entries[0]).status == "submitted"


def test_keyboard_alone_scores_four_criteria_and_submits_in_at_most_fifteen_keys(page, live_server):
    round_, criteria, judge, entries = _world()
    login_as(page, live_server, judge.user)
    open_scorecard(page, _card_url(live_server, round_, entries[0]))
    # The keyboard path starts in the first empty score box.
    expect(page.locator(f"#score-{criteria[0].pk}")).to_be_focused()
    effort = Effort(page)
    for n, value in enumerate(["25", "18", "9", "7"]):
        effort.type(value)
        effort.press("Enter")  # the next box; after the last, "Submit and go to the next entry"
        if n < 3:
            expect(page.locator(f"#score-{criteria[n + 1].pk}")).to_be_focused()
    expect(page.locator("#scorecard-next")).to_be_focused()
    effort.press("Enter")
    expect(page.locator("#scorecard-dialog")).to_be_visible()
    expect(page.locator("#scorecard-dialog button[name=confirm]")).to_be_focused()
    effort.press("Enter")
    page.wait_for_url(_card_url(live_server, round_, entries[2]))
    expect(page.locator("h1")).to_have_text("사례 3")
    assert effort.keys == 12  # 6 digits, Enter 4 times, Enter on the button, Enter to confirm
    assert effort.keys <= 15
    assert effort.loads == 1
    assert _stored(entries[0]) == {
        "혁신성": Decimal("25"), "효과성": Decimal("18"), "확산성": Decimal("9"),
        "지속성": Decimal("7"),
    }  # fmt: skip
    assert Scorecard.objects.get(entry=entries[0]).status == "submitted"


def test_the_last_entry_submitted_lands_on_the_dashboard_with_a_message(page, live_server):
    round_, criteria, judge, entries = _world()
    Scorecard.objects.create(
        round=round_, judge=judge, entry=entries[2], status="submitted", total=Decimal(0)
    )
    login_as(page, live_server, judge.user)
    open_scorecard(page, _card_url(live_server, round_, entries[0]))
    for criterion in criteria:
        page.locator(f"label[for='level-{criterion.pk}-{criterion.levels.first().pk}']").click()
    expect(page.locator("#scorecard-total")).to_have_text("100")
    page.locator("#scorecard-next").click()
    page.locator("#scorecard-dialog button[name=confirm]").click()
    page.wait_for_url(f"{live_server.url}{reverse('judge:dashboard')}")
    expect(page.locator(".app-messages")).to_contain_text(
        "이 심사 단계에서 배정된 사례를 모두 제출했습니다."
    )


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]


def test_the_rubric_on_a_tablet_and_a_phone(page, live_server):
    SHOTS.mkdir(exist_ok=True)
    round_, criteria, judge, entries = _world()
    login_as(page, live_server, judge.user)
    for name, size in [
        ("tablet-landscape", {"width": 1024, "height": 768}),
        ("tablet-portrait", {"width": 768, "height": 1024}),
        ("phone", {"width": 390, "height": 844}),
    ]:
        page.set_viewport_size(size)
        open_scorecard(page, _card_url(live_server, round_, entries[0]))
        page.locator(f"label[for='level-{criteria[0].pk}-{criteria[0].levels.first().pk}']").click()
        expect(page.locator("#scorecard-total")).to_have_text("30")
        _no_sideways_scroll(page)
        # The total and the card's state stay in view while the judge scrolls the rubric.
        page.locator(f"#score-{criteria[0].pk}").scroll_into_view_if_needed()
        expect(page.locator("#scorecard-total")).to_be_in_viewport()
        expect(page.locator("#scorecard-cardstate")).to_have_text("모두 저장됨")
        page.locator("#rubric").scroll_into_view_if_needed()
        if name.startswith("tablet"):  # the whole 4-criterion rubric on one screen
            page.evaluate("() => document.getElementById('rubric').scrollIntoView()")
            expect(page.locator(f"#inputs-{criteria[-1].pk}")).to_be_in_viewport(ratio=1)
            expect(page.locator("#scorecard-total")).to_be_in_viewport()
        page.screenshot(path=str(SHOTS / f"{name}.png"))
        page.locator(f"#inputs-{criteria[0].pk} details.scorecard-guide summary").click()
        page.screenshot(path=str(SHOTS / f"{name}-guide.png"), full_page=True)
        page.evaluate("() => sessionStorage.clear()")


def test_a_judge_is_told_why_the_organizer_reopened_the_card(page, live_server):
    round_, criteria, judge, entries = _world()
    organizer = factories.OrganizerFactory(name="박주관")
    round_.contest.organizers.add(organizer)
    card = Scorecard.objects.create(round=round_, judge=judge, entry=entries[0])
    values = {criterion.pk: "10" for criterion in criteria}
    card = scorecard_fill(
        scorecard=card, values=values, comment=None, version=0, by=organizer,
        via=ScoreEvent.Via.ORGANIZER, reason="서면 평가표", submit=True,
    ).scorecard  # fmt: skip
    scorecard_reopen(
        scorecard=card, by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="효과성 재확인"
    )
    login_as(page, live_server, judge.user)
    open_scorecard(page, _card_url(live_server, round_, entries[0]))
    told = page.locator(".scorecard-told")
    expect(told).to_contain_text("주관기관이 이 평가표를 다시 열었습니다 (박주관,")
    expect(told).to_contain_text("사유: 효과성 재확인")
    axe_both_languages(
        page,
        "scorecard, reopened by the organizer",
        in_english=lambda: expect(told).to_contain_text("Reason: 효과성 재확인"),
    )
