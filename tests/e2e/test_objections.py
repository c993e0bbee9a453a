"""이의신청 in a real browser, after the results are published (tests/objections/scene.py): the
organizer sets the period from the timeline; 행정안전부's member files an objection on the scores
of 2차 발표심사 from the entries page (an empty text is refused in Korean and keeps the chosen
concern; an impatient double click files once); another agency's objection is dismissed and the
period closed; that agency, trying again, reads why it cannot; the organizer upholds the first:
the publication is withdrawn, the round's snapshot voided with the reason, which the audit
shows; each agency reads its answer. axe in Korean and English on every objections page."""

import datetime as dt

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from contests.models import Contest
from scoring.models import Objection, ObjectionWindow, RoundResult
from scoring.services.objections import objection_file
from tests import factories
from tests.e2e.conftest import _new_page, axe_both_languages, login_as, url
from tests.objections.scene import build_published

UPHOLD_REASON = "2차 발표심사 나심사 평가표의 합산 오류를 확인했습니다."
DISMISS_REASON = "발표 순서는 공개된 일정대로 정해졌으며 절차상 문제가 없습니다."


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _shown(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _choose(page: Page, selector: str) -> None:
    """A KRDS radio: its label lies over the input, so the person clicks the label."""
    radio = page.locator(selector)
    page.locator(f'label[for="{radio.get_attribute("id")}"]').click()
    expect(radio).to_be_checked()


def _organizer_sets_the_period(page: Page, live_server, contest) -> dt.datetime:
    login_as(page, live_server, contest.organizers.get())
    page.goto(url(live_server, "contests:detail", contest.pk))
    stage = page.locator('[data-stage="objection"]')
    expect(stage).to_have_attribute("data-state", "current")
    stage.locator('[data-k="action"]').click()
    page.wait_for_url(f"**{reverse('objections:list', args=[contest.pk])}")
    axe_both_languages(page, "objections, no period")
    closes = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=7)
    page.fill("#id_closes_at", _local(closes))
    page.locator("form[action$='/window/'] button[type=submit]").click()
    expect(page.locator('[data-k="window"]')).to_contain_text(_shown(closes))
    assert ObjectionWindow.objects.get(contest=contest).closes_at == closes
    return closes


def _agency_files(page: Page, live_server, published) -> Objection:
    login_as(page, live_server, published.member)
    page.goto(url(live_server, "entries:list"))
    card = page.locator('#objections li[data-entry="2026-0001"]')
    expect(card).to_contain_text("사례 1")
    card.locator("a.krds-btn").click()
    page.wait_for_url("**/objections/entries/*/new/")
    axe_both_languages(page, "objection form")

    # An empty text: refused in Korean, the chosen concern kept.
    _choose(page, "input[name=concern][value=scores]")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("이의신청 내용과 이유를 적어 주십시오.")
    expect(page.locator("input[name=concern][value=scores]")).to_be_checked()
    assert Objection.objects.count() == 0

    page.select_option("#id_round", label="2차 발표심사")
    page.fill(
        "#id_text", "2차 발표심사 나심사 점수 90점이 합산표에 80점으로 들어간 것으로 보입니다."
    )
    page.locator("main form button[type=submit]").dblclick()  # an impatient double click
    page.wait_for_url("**/entries/**")
    expect(page.locator(".app-messages")).to_contain_text("접수했습니다")
    expect(page.locator(".app-messages")).not_to_contain_text("검토 중입니다")  # no refusal
    card = page.locator('#objections li[data-entry="2026-0001"]')
    expect(card.locator('[data-objection="1"] [data-k="status"]')).to_have_text("검토 중")
    axe_both_languages(page, "entries page, objection under review")
    (objection,) = Objection.objects.all()
    assert (objection.number, objection.concern, objection.round.name_ko) == (
        1, "scores", "2차 발표심사",
    )  # fmt: skip
    return objection


def _organizer_answers(page: Page, live_server, contest, number: int, outcome: str, reason: str):
    page.goto(url(live_server, "objections:list", contest.pk))
    page.locator(f'tr[data-objection="{number}"] a').click()
    page.wait_for_url(f"**{reverse('objections:detail', args=[contest.pk, number])}")
    expect(page.locator('[data-k="status"]')).to_have_text("검토 중")
    axe_both_languages(page, f"objection #{number}, open")
    _choose(page, f"input[name=outcome][value={outcome}]")
    page.fill("#id_reason", reason)
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-k="status"]')).to_have_text(
        "인용" if outcome == "upheld" else "기각"
    )
    expect(page.locator('[data-k="answer"]')).to_have_text(reason)


def _other_agency_is_refused(page: Page, live_server, published, closed: dt.datetime) -> None:
    login_as(page, live_server, published.other)
    page.goto(url(live_server, "entries:list"))
    card = page.locator('#objections li[data-entry="2026-0002"]')
    expect(card.locator('[data-objection="2"] [data-k="status"]')).to_have_text("기각")
    expect(card.locator('[data-objection="2"] [data-k="answer"]')).to_contain_text(DISMISS_REASON)
    expect(card.locator("a.krds-btn")).to_have_count(0)
    axe_both_languages(page, "entries page, objection dismissed, period closed")
    page.goto(url(live_server, "objections:new", published.entry("2026-0002").pk))
    expect(page.locator(".app-messages")).to_contain_text(
        f"이의신청 기간이 {_shown(closed)}에 끝났습니다."
    )


def test_an_objection_is_filed_answered_and_the_period_closes(
    page, second_page, browser, live_server
):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    published = build_published(organizer)
    ObjectionWindow.objects.all().delete()  # the organizer sets it in the browser
    contest, round2 = published.contest, published.scene.round2

    _organizer_sets_the_period(page, live_server, contest)
    first = _agency_files(second_page, live_server, published)
    second = objection_file(entry=published.entry("2026-0002"), by=published.other,
                            concern="procedure", text="발표 순서가 불리했습니다.")  # fmt: skip

    page.goto(url(live_server, "objections:list", contest.pk))
    expect(page.locator("tr[data-objection]")).to_have_count(2)
    expect(page.locator('tr[data-objection="1"] [data-k="concern"]')).to_have_text(
        "점수 산정 · 2차 발표심사"
    )
    axe_both_languages(page, "objections, two under review")
    _organizer_answers(page, live_server, contest, second.number, "dismissed", DISMISS_REASON)

    # The period closes; the other agency, whose objection was answered, tries again.
    page.goto(url(live_server, "objections:list", contest.pk))
    closed = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=1)
    page.fill("#id_closes_at", _local(closed))
    page.locator("form[action$='/window/'] button[type=submit]").click()
    expect(page.locator('[data-k="window"]')).to_contain_text(_shown(closed))
    other_page = _new_page(browser, live_server)
    try:
        _other_agency_is_refused(other_page, live_server, published, closed)
    finally:
        other_page.context.close()
    assert Objection.objects.count() == 2

    # Upholding #1 (the period has closed; answering goes on) reopens 2차 발표심사.
    _organizer_answers(page, live_server, contest, first.number, "upheld", UPHOLD_REASON)
    expect(page.locator(".app-messages")).to_contain_text("2차 발표심사")
    contest = Contest.objects.get(pk=contest.pk)
    assert contest.results_published_at is None
    voided = RoundResult.objects.get(round=round2)
    assert voided.void_reason == f"이의신청 #1 인용: {UPHOLD_REASON}"
    page.goto(url(live_server, "results:round", contest.pk, round2.pk))
    expect(page.locator(f'[data-voided="{voided.pk}"]')).to_contain_text(voided.void_reason)
    entry = published.entry("2026-0001")
    page.goto(url(live_server, "control:audit_entry", contest.pk, entry.pk))
    expect(page.locator("main")).to_contain_text(voided.void_reason)
    page.goto(url(live_server, "contests:detail", contest.pk))
    expect(page.locator('[data-stage="objection"]')).to_have_attribute("data-state", "upcoming")
    expect(page.locator('[data-stage="announcement"]')).not_to_have_attribute("data-state", "done")

    # 행정안전부's member reads the answer on the entries page and in the email.
    second_page.goto(url(live_server, "entries:list"))
    mine = second_page.locator('#objections li[data-entry="2026-0001"] [data-objection="1"]')
    expect(mine.locator('[data-k="status"]')).to_have_text("인용")
    expect(mine.locator('[data-k="answer"]')).to_contain_text(UPHOLD_REASON)
    axe_both_languages(second_page, "entries page, objection answered")
    (email,) = [m for m in mail.outbox if UPHOLD_REASON in m.body]
    assert sorted(email.to) == ["lee@mois.go.kr", "park@mois.go.kr"]
    assert f"\n{settings.SITE_URL}{reverse('entries:list')}#objections\n" in email.body
