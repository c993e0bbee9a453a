"""The judge's scorecard after issue 7, as a user walk-through in a real browser found it: "Save"
while the server is away or the sign-in expired, criterion names hidden by KRDS, the state line
far from its box, a refused submit left on its POST URL, `-0` shown after saving 0, a one-tap
clear without undo, a withdrawn entry. Each test asserts what the page shows and what is stored.
The server side is in tests/hostile/test_scorecard.py (test_walkthrough_*)."""

from decimal import Decimal

from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from scoring.models import Assignment, ScoreEvent
from tests.e2e.conftest import login_as
from tests.e2e.judge_steps import leave_with_a_value_waiting, scorecard_ready, type_score
from tests.e2e.steps import SAVED_AT
from tests.e2e.test_scorecard_trust import _state, _stored

TABLET = {"width": 820, "height": 1180}
KEPT_OFFLINE = (
    "전송하지 않았습니다. 서버에 연결할 수 없습니다. 저장되지 않은 값은 이 창에 보관되어 "
    "있으며, 연결이 회복되면 바로 저장됩니다."
)
KEPT_SIGNED_OUT = (
    "전송하지 않았습니다. 로그인이 만료되었습니다. 저장되지 않은 값은 이 창에 보관되어 "
    "있으며, 다시 로그인하면 바로 저장됩니다."
)


def _save_button(page: Page):
    return page.locator("#scorecard-form .scorecard-actions button:not([formaction])")


def _boxes(page: Page, *selectors: str) -> list[dict]:
    """Bounding boxes measured at one moment (a focus may still be scrolling the page)."""
    return page.evaluate(
        "(all) => all.map((s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })",
        list(selectors),
    )


def _server_away(route):
    """Every POST fails as if the server were down; pages still load (as after a restart)."""
    if route.request.method == "POST":
        route.abort()
    else:
        route.continue_()


def test_walkthrough_1_save_while_the_server_is_away_keeps_the_values(page, scene):
    innovation = scene["innovation"]
    page.route("**/*", _server_away)
    type_score(page, innovation, "17")
    expect(_state(page, innovation.pk, "pending")).to_be_visible()
    _save_button(page).click()
    # The plain POST would fail and forget: held, with a message by the buttons.
    expect(page.locator("#scorecard-held")).to_have_text(KEPT_OFFLINE)
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("17")
    assert _stored(innovation) == []
    # The server is back; the judge reopens the page: 17 is restored and saved.
    page.unroute("**/*")
    leave_with_a_value_waiting(page, lambda: page.goto(scene["url"]))
    scorecard_ready(page)
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("17")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    assert _stored(innovation) == [Decimal("17")]
    # With the server there, "Save" sends what was typed first and then posts the form.
    page.locator(f"#score-{innovation.pk}").fill("18")
    _save_button(page).click()
    expect(page.locator(".app-messages .app-alert.success")).to_have_text("저장되었습니다.")
    scorecard_ready(page)
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("18")
    assert _stored(innovation) == [Decimal("18")]
    kept = "() => Object.keys(sessionStorage).filter((k) => k.startsWith('scorecard:'))"
    assert page.evaluate(f"() => ({kept})().map((k) => sessionStorage.getItem(k))") == ["{}"]


def test_walkthrough_1_save_after_the_sign_in_expired_keeps_the_values_until_signed_in(
    page, scene, live_server
):
    innovation = scene["innovation"]
    page.on("dialog", lambda dialog: dialog.accept())
    type_score(page, innovation, "20")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    Session.objects.all().delete()
    type_score(page, innovation, "23")
    # The autosave finds the sign-in gone: the field says so and the banner above the form
    # appears. "Save" is pressed after that (pressed while the banner moves the page down, the
    # click could land beside the button).
    expect(_state(page, innovation.pk, "pending")).to_contain_text("로그인이 만료되었습니다")
    expect(page.locator("#scorecard-session")).to_be_visible()
    _save_button(page).click()
    expect(page.locator("#scorecard-held")).to_have_text(KEPT_SIGNED_OUT)
    assert page.url == scene["url"]
    # Item 3: the field that could not be saved links to signing in, right there.
    link = page.locator(f"#state-{innovation.pk} a[target=_blank]")
    expect(link).to_have_text("새 탭에서 다시 로그인")
    expect(link).to_have_attribute(
        "href", f"/accounts/login/?next={scene['url'].removeprefix(live_server.url)}"
    )
    other = page.context.new_page()
    login_as(other, live_server, scene["judge"].user)
    page.bring_to_front()
    expect(_state(page, innovation.pk, "ok")).to_be_visible(timeout=10_000)
    expect(page.locator("#scorecard-held")).to_be_hidden()
    assert _stored(innovation) == [Decimal("23")]


def test_walkthrough_2_criterion_names_are_visible_headings_on_a_tablet(page, scene):
    page.set_viewport_size(TABLET)
    for criterion, text in [
        (scene["innovation"], "혁신성 (배점 30점)"),
        (scene["effect"], "효과성 (배점 20점)"),
    ]:
        heading = page.locator(f"#criterion-{criterion.pk}")
        expect(heading).to_have_text(text)
        box = heading.bounding_box()
        assert box["width"] > 1
        assert box["height"] > 1
    levels = page.locator(f"#levels-{scene['innovation'].pk}")
    expect(levels).to_have_text("혁신성 평가 수준")
    assert levels.bounding_box()["height"] > 1


def test_walkthrough_3_the_state_line_is_under_its_box_and_a_typo_keeps_the_saved_score(
    page, scene
):
    innovation = scene["innovation"]
    page.set_viewport_size(TABLET)
    type_score(page, innovation, "25")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    type_score(page, innovation, "abc")
    message = "숫자를 입력해 주십시오. 저장된 25점은 그대로입니다."
    expect(_state(page, innovation.pk, "error")).to_have_text(message)
    box, line = _boxes(page, f"#score-{innovation.pk}", f"#state-{innovation.pk}")
    assert 0 <= line["y"] - (box["y"] + box["height"]) < 60
    assert _stored(innovation) == [Decimal("25")]


def test_walkthrough_4_a_refused_submit_is_a_get_with_the_first_missing_field_focused(page, scene):
    innovation, effect = scene["innovation"], scene["effect"]
    type_score(page, innovation, "25")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    page.locator("#scorecard-form button[formaction$='/submit/']").click()
    page.wait_for_url(f"{scene['url']}?check=1")
    scorecard_ready(page)
    expect(_state(page, effect.pk, "error")).to_have_text("이 평가항목에 점수를 입력해 주십시오.")
    expect(page.locator(f"#score-{effect.pk}")).to_be_focused()
    page.reload()  # re-sends nothing: no "replaced by another window"
    scorecard_ready(page)
    expect(page.locator(".scorecard-state-stale")).to_have_count(0)
    expect(_state(page, effect.pk, "error")).to_be_visible()
    assert _stored(innovation) == [Decimal("25")]


def test_walkthrough_5_minus_zero_shows_the_stored_zero(page, scene):
    innovation = scene["innovation"]
    type_score(page, innovation, "25")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    type_score(page, innovation, "-0")
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("0")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    assert _stored(innovation) == [Decimal("0")]


def test_walkthrough_6_remove_is_a_small_button_that_says_what_it_removed_and_can_be_undone(
    page, scene
):
    innovation = scene["innovation"]
    page.set_viewport_size(TABLET)
    type_score(page, innovation, "25")
    expect(_state(page, innovation.pk, "ok")).to_be_visible()
    selector = f"button.scorecard-clear[data-criterion='{innovation.pk}']"
    clear = page.locator(selector)
    box, button = _boxes(page, f"#score-{innovation.pk}", selector)
    assert button["width"] < 200
    assert box["y"] <= button["y"] < box["y"] + box["height"]  # beside the box, not under it
    clear.click()
    expect(_state(page, innovation.pk, "ok")).to_have_text("점수를 지웠습니다 (이전 25점)")
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("")
    expect(page.locator("#scorecard-total")).to_have_text("0")
    assert _stored(innovation) == []
    undo = page.locator(f"#state-{innovation.pk} button[data-undo]")
    undo.click()
    try:
        expect(_state(page, innovation.pk, "ok")).to_have_text(SAVED_AT)
    except AssertionError:
        # Once under CI load the click reached no handler (the line still offered "Undo" five
        # seconds later); the judge taps again, and so does this test. A second undo of the same
        # value records nothing: the events below would show it.
        undo.click()
        expect(_state(page, innovation.pk, "ok")).to_have_text(SAVED_AT)
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("25")
    expect(page.locator("#scorecard-total")).to_have_text("25")
    assert _stored(innovation) == [Decimal("25")]
    assert list(ScoreEvent.objects.values_list("old", "new")) == [
        ("", "25"),
        ("25", ""),
        ("", "25"),
    ]


def test_walkthrough_7_a_withdrawn_entry_says_so_and_keeps_the_typed_value(page, scene):
    innovation = scene["innovation"]
    Assignment.objects.all().delete()
    type_score(page, innovation, "20")
    expect(_state(page, innovation.pk, "error")).to_have_text(
        "이 사례는 더 이상 귀하에게 배정되어 있지 않습니다. 입력한 값은 저장되지 않았습니다."
    )
    expect(page.locator(f"#score-{innovation.pk}")).to_have_value("20")
    assert _stored(innovation) == []


def test_walkthrough_8_a_late_answer_never_rewrites_a_box_the_judge_is_typing_in(page, scene):
    """Typing on while a save is on its way: the answer to the earlier save (which may set the box
    to the server's value, `-0` → `0`) never rewrites what the judge typed since, and both values
    are saved in order."""
    innovation = scene["innovation"]
    box = page.locator(f"#score-{innovation.pk}")
    held = []
    # The first save is held until the judge has typed again; later ones pass.
    page.route("**/save/", lambda route: route.continue_() if held else held.append(route))
    box.fill("25")
    box.press("Tab")
    while not held:
        page.wait_for_timeout(20)
    box.fill("3")
    with page.expect_response("**/save/"):  # the held save's answer reaches the page
        held[0].continue_()
    page.wait_for_timeout(200)  # and its handler has run
    expect(box).to_have_value("3")
    box.press("Tab")
    expect(_state(page, innovation.pk, "ok")).to_have_text(SAVED_AT)
    expect(box).to_have_value("3")
    assert _stored(innovation) == [Decimal("3")]
    events = ScoreEvent.objects.filter(criterion=innovation).values_list("old", "new")
    assert list(events) == [("", "25"), ("25", "3")]
