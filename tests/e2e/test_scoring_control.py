"""The organizer's control of scoring in a real browser: the progress board with its counts,
reminder emails, scores entered on a judge's behalf from a signed sheet, the board updated, and the
entry's audit showing the organizer's changes. axe in Korean and English on every page."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from scoring.models import Assignment, Scorecard, ScoreEvent
from scoring.services.scorecards import score_save, scorecard_open
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url

SOURCE = "서명된 평가표 2026-11-30"


def _scene():
    now = timezone.now()
    organizer = factories.OrganizerFactory(name="김주관")
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2026 적극행정 경진대회")
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=7)
    )
    innovation = factories.CriterionFactory(
        round=round_, name_ko="혁신성", max_points=Decimal("30"), order=0
    )
    effect = factories.CriterionFactory(
        round=round_, name_ko="효과성", max_points=Decimal("20"), order=1
    )
    category = factories.CategoryFactory(contest=contest)
    entries = [
        factories.EntryFactory(
            contest=contest,
            category=category,
            status=Entry.Status.SUBMITTED,
            receipt_number=f"2026-{n:04d}",
            title=f"사례 {n}",
            submitted_at=now,
        )
        for n in (1, 2)
    ]
    kim = factories.JudgeFactory(
        contest=contest, user=factories.UserFactory(name="김심사", email="kim@judge.kr")
    )
    lee = factories.JudgeFactory(
        contest=contest, user=factories.UserFactory(name="이심사", email="lee@judge.kr")
    )
    for judge in (kim, lee):
        for entry in entries:
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
    card = scorecard_open(round_=round_, judge=lee, entry=entries[0])
    score_save(scorecard=card, criterion_id=innovation.pk, raw="20", version=0, by=lee.user)
    return organizer, contest, round_, (innovation, effect), entries, (kim, lee)


def _total(page, key):
    return page.locator(f'[data-total="{key}"]')


def test_organizer_watches_reminds_enters_on_behalf_and_reads_the_audit(page, live_server):
    organizer, contest, round_, (innovation, effect), entries, (kim, lee) = _scene()
    login_as(page, live_server, organizer)

    page.goto(url(live_server, "contests:detail", contest.pk))
    page.locator(f'a[href="{reverse("control:progress", args=[contest.pk])}"]').click()
    expect(_total(page, "assigned")).to_have_text("4")
    expect(_total(page, "not_started")).to_have_text("3")
    expect(_total(page, "draft")).to_have_text("1")
    expect(_total(page, "submitted")).to_have_text("0")
    expect(page.locator(f'tr[data-judge="{lee.pk}"] [data-k="draft"]')).to_have_text("1")
    expect(page.locator("#progress-board")).to_have_attribute("hx-trigger", "every 30s")
    axe_both_languages(page, "progress board")

    # Reminders: confirm, then send; one Korean email per judge.
    page.locator(f'a[href="{reverse("control:remind", args=[contest.pk, round_.pk])}"]').click()
    expect(page.locator("tr[data-judge]")).to_have_count(2)
    axe_both_languages(page, "reminder confirmation")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('control:progress', args=[contest.pk])}?round={round_.pk}")
    assert sorted(message.to[0] for message in mail.outbox) == ["kim@judge.kr", "lee@judge.kr"]
    assert all("미제출 평가표 2건" in message.subject for message in mail.outbox)

    # The entry's page offers "enter on behalf" per judge.
    entry = entries[0]
    page.locator(f'tr[data-entry="{entry.pk}"] a').click()
    on_behalf = reverse("control:on_behalf", args=[contest.pk, round_.pk, kim.pk, entry.pk])
    page.locator(f'a[href="{on_behalf}"]').click()
    axe_both_languages(page, "scores on behalf")
    page.fill(f"#id_criterion_{innovation.pk}", "27")
    page.fill(f"#id_criterion_{effect.pk}", "18")
    page.fill("#id_comment", "현장 적용성이 높음")
    page.fill("#id_source", SOURCE)
    page.locator('label[for="id_submit_card"]').click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('control:audit_entry', args=[contest.pk, entry.pk])}")

    card = Scorecard.objects.get(judge=kim, entry=entry)
    assert card.status == "submitted"
    organizer_events = ScoreEvent.objects.filter(scorecard=card)
    assert set(organizer_events.values_list("via", "reason")) == {("organizer", SOURCE)}
    assert organizer_events.count() == 4

    # The audit shows the organizer's changes with the source.
    rows = page.locator('tr[data-via="organizer"]')
    expect(rows).to_have_count(4)
    expect(rows.first.locator('[data-k="reason"]')).to_have_text(SOURCE)
    axe_both_languages(page, "entry audit")

    # The board has moved on.
    page.goto(url(live_server, "control:progress", contest.pk))
    expect(_total(page, "submitted")).to_have_text("1")
    expect(_total(page, "not_started")).to_have_text("2")
    expect(page.locator(f'tr[data-judge="{kim.pk}"] [data-k="submitted"]')).to_have_text("1")
    expect(page.locator(f'tr[data-entry="{entry.pk}"] [data-k="submitted"]')).to_have_text("1")
    # Manual refresh through htmx keeps the page and swaps the board.
    page.locator("#progress-refresh").click()
    expect(_total(page, "submitted")).to_have_text("1")
