"""The 2차 발표심사 in a real browser: the organizer lays the advanced entries out, sets the
slides deadline and publishes the schedule; an advanced agency's member sees the slot on the
entries page and uploads the slides; the judge opens "today's presentations" on a 768 px tablet,
finds the presentation under way marked, scores it; the organizer's live page shows the total
arrive by itself (htmx polling). axe in Korean and English on every new page."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from contests.models import Round
from scoring.models import Advancement, PresentationSlides, PresentationSlot
from tests import factories
from tests.contests.announcements_scene import build_scene
from tests.e2e.conftest import _new_page, axe_both_languages, login_as, url

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _scene():
    scene = build_scene()
    now = timezone.now()
    Round.objects.filter(pk=scene.presentation.pk).update(
        opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=6)
    )
    scene.presentation.refresh_from_db()
    Advancement.objects.create(
        result=scene.result, round=scene.presentation, entry=scene.entries["seoul"]
    )
    scene.criterion = factories.CriterionFactory(
        round=scene.presentation, name_ko="발표력", max_points=Decimal("100"), step=Decimal("1")
    )
    scene.judge = factories.JudgeFactory(
        contest=scene.contest, user=factories.UserFactory(name="김심사", email="kim@univ.ac.kr")
    )
    for short in ("mois", "seoul"):
        factories.AssignmentFactory(
            round=scene.presentation, judge=scene.judge, entry=scene.entries[short]
        )
    return scene


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _organizer_publishes(page: Page, live_server, scene) -> None:
    login_as(page, live_server, scene.organizer)
    page.goto(url(live_server, "contests:detail", scene.contest.pk))
    schedule = reverse("presentations:schedule", args=[scene.presentation.pk])
    # The round's "발표 일정" button (the timeline's round stage links to the schedule too).
    page.locator(f'a.krds-btn[href="{schedule}"]').click()
    page.wait_for_url(f"**{schedule}")
    axe_both_languages(page, "presentation schedule, empty")

    # The first presentation started five minutes ago: 20 minutes each, 5 minutes apart.
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
    page.fill("#id_starts_at", _local(start))
    page.fill("#id_slot_minutes", "20")
    page.fill("#id_break_minutes", "5")
    page.locator("form[action$='/autofill/'] #id_room").fill("세종청사 6동 대회의실")
    page.locator("form[action$='/autofill/'] button[type=submit]").click()
    mois = page.locator(f'tr[data-entry="{scene.entries["mois"].pk}"]')
    expect(mois.locator('[data-k="order"]')).to_have_text("1")
    expect(mois.locator('[data-k="room"]')).to_have_text("세종청사 6동 대회의실")
    expect(mois.locator('[data-k="changed"]')).to_have_count(1)

    page.fill("#id_slides_deadline", _local(timezone.now() + dt.timedelta(days=1)))
    page.locator("form[action$='/deadline/'] button[type=submit]").click()
    expect(page.locator('[data-k="slides-count"]')).to_contain_text("0")

    page.locator("form[action$='/publish/'] button[type=submit]").click()
    expect(mois.locator('[data-k="changed"]')).to_have_count(0)
    axe_both_languages(page, "presentation schedule, published")
    assert PresentationSlot.objects.filter(published_starts_at__isnull=False).count() == 2
    told = sorted(m.to[0] for m in mail.outbox)
    assert "kim@univ.ac.kr" in told
    assert "lee@mois.go.kr" in told


def _agency_uploads(page: Page, live_server, scene, tmp_path) -> None:
    login_as(page, live_server, scene.members["이담당"])
    page.goto(url(live_server, "entries:list"))
    row = page.locator(f'#presentations tr[data-entry="{scene.entries["mois"].pk}"]')
    expect(row.locator('[data-k="order"]')).to_have_text("1")
    expect(row.locator('[data-k="room"]')).to_have_text("세종청사 6동 대회의실")
    expect(page.locator("#presentations")).not_to_contain_text("서울특별시 사례")
    axe_both_languages(page, "entries page with the presentation slot")
    row.locator("a.krds-btn").click()
    expect(page.locator('[data-k="slot"]')).to_contain_text("세종청사 6동 대회의실")
    axe_both_languages(page, "slides upload")
    slides = tmp_path / "행정안전부 발표자료.pdf"
    slides.write_bytes(PDF)
    page.set_input_files("#id_file", str(slides))
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-k="current"]')).to_contain_text("행정안전부 발표자료.pdf")
    assert PresentationSlides.objects.get().original_name == "행정안전부 발표자료.pdf"


def _judge_scores(page: Page, live_server, scene) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    login_as(page, live_server, scene.judge.user)
    page.goto(url(live_server, "presentations:today", scene.presentation.pk))
    current = page.locator(".presentation-slot.is-current")
    expect(current).to_have_attribute("data-entry", str(scene.entries["mois"].pk))
    expect(page.locator(".presentation-slot.is-next")).to_have_attribute(
        "data-entry", str(scene.entries["seoul"].pk)
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 768
    axe_both_languages(page, "today's presentations at 768 px")
    current = page.locator(".presentation-slot.is-current")
    expect(
        current.locator(f'a[href$="/entries/{scene.entries["mois"].pk}/slides/file/"]')
    ).to_be_visible()
    current.locator("a.krds-btn.primary").click()
    page.wait_for_url(
        f"**/judge/rounds/{scene.presentation.pk}/entries/{scene.entries['mois'].pk}/"
    )
    expect(page.locator("#scorecard-form[data-ready='1']")).to_have_count(1)
    box = page.locator(f"#score-{scene.criterion.pk}")
    box.fill("88")
    box.press("Tab")
    expect(page.locator("#scorecard-total")).to_have_text("88")
    page.locator("#scorecard-form button[formaction$='/submit/']").click()
    page.locator("button[name=confirm]").click()
    page.wait_for_url(url(live_server, "judge:dashboard"))


def test_presentation_round_from_schedule_to_live_scores(
    page, second_page, browser, live_server, tmp_path
):
    scene = _scene()
    _organizer_publishes(page, live_server, scene)
    _agency_uploads(second_page, live_server, scene, tmp_path)

    live = reverse("presentations:live", args=[scene.presentation.pk])
    page.goto(f"{live_server.url}{live}")
    mois = page.locator(f'#live-rows tr[data-entry="{scene.entries["mois"].pk}"]')
    expect(mois.locator('[data-k="count"]')).to_have_text("0 / 1")
    axe_both_languages(page, "live scores, none yet")

    judge_page = _new_page(browser, live_server)
    try:
        _judge_scores(judge_page, live_server, scene)
    finally:
        judge_page.context.close()

    # The organizer's page was not reloaded: the total arrives by polling.
    expect(mois.locator('[data-k="cell"]')).to_have_text("88.00", timeout=20_000)
    expect(mois.locator('[data-k="count"]')).to_have_text("1 / 1")
    expect(mois.locator('[data-k="mean"]')).to_have_text("88.00")
