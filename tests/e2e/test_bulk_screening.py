"""The organizer screens three entries out at once: select them on the entry list, mark them
부적격 with one reason, check the confirm page, confirm. Each agency gets one email listing its
entries, the judge one email, and the judge's list no longer offers the entries. Previous / next
on an entry page follow the list's filter. axe in both languages on the list, the confirm page
and the entry page."""

import datetime as dt

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from scoring.models import Assignment
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, switch_language, url

REASON = "공모 요건(최근 3년 이내 추진) 미충족"


def _world():
    now = timezone.now()
    organizer = factories.OrganizerFactory(name="정주관", email="jung@mois.go.kr")
    contest = factories.ContestFactory(
        organizers=[organizer], name_ko="2026 정부혁신 우수사례 경진대회", name_en="2026 Innovation"
    )
    round_ = factories.RoundFactory(
        contest=contest, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5)
    )
    factories.CriterionFactory(round=round_)
    category = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    mois = factories.AgencyFactory(name_ko="행정안전부", name_en="Ministry of the Interior")
    seoul = factories.AgencyFactory(name_ko="서울특별시", name_en="Seoul")
    contact = factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    factories.AgencyMembershipFactory(agency=mois, user=contact)
    factories.AgencyMembershipFactory(
        agency=seoul, user=factories.UserFactory(name="최담당", email="choi@seoul.go.kr")
    )
    entries = [
        factories.EntryFactory(
            contest=contest,
            category=category,
            agency=agency,
            title=title,
            status=Entry.Status.SUBMITTED,
            receipt_number=f"2026-{n:04d}",
            submitted_at=now,
        )
        for n, agency, title in (
            (1, mois, "찾아라! 119 지름길"),
            (2, mois, "규제 샌드박스 확대"),
            (3, seoul, "스마트 버스정류장"),
            (4, seoul, "따릉이 공유 정비"),
        )
    ]
    judge = factories.JudgeFactory(
        contest=contest, user=factories.UserFactory(name="김심사", email="kim@univ.ac.kr")
    )
    for entry in entries:
        Assignment.objects.create(round=round_, judge=judge, entry=entry)
    return organizer, contest, entries, judge


def _select_and_review(page: Page, entries, reason: str) -> None:
    """Tick the entries' boxes, choose 부적격, type the reason, press "review"."""
    for entry in entries:
        page.locator(f"label[for=pick-{entry.pk}]").click()
        expect(page.locator(f"#pick-{entry.pk}")).to_be_checked()
    page.locator("#bulk-screening label[for=id_eligibility_1]").click()
    page.locator("#bulk-screening #id_reason").fill(reason)
    page.locator("#bulk-screening button[value=review]").click()
    expect(page.locator('[data-k="changing"]')).to_have_text(str(len(entries)))


def test_organizer_screens_three_entries_out_at_once(page, second_page, live_server):
    organizer, contest, entries, judge = _world()
    chosen, kept = entries[:3], entries[3]
    login_as(page, live_server, organizer)
    list_url = url(live_server, "screening:list", contest.pk)

    # The entry page: previous / next in the list's order, "n / N", back to the list.
    page.goto(list_url)
    page.locator("table.screening-table a", has_text=entries[1].title).click()
    expect(page.locator('[data-nav="position"]')).to_contain_text("2 / 4")
    axe_both_languages(page, "screening entry with previous / next")
    page.locator('[data-nav="next"]').click()
    expect(page.locator("h1")).to_have_text(entries[2].title)
    expect(page.locator('[data-nav="position"]')).to_contain_text("3 / 4")
    page.locator('[data-nav="list"]').click()
    page.wait_for_url(list_url)

    # "Select all on this page" ticks every box in place (JavaScript), and clears them again.
    select_all = page.locator("a[data-select-page]")
    select_all.click()
    for entry in entries:
        expect(page.locator(f"#pick-{entry.pk}")).to_be_checked()
    assert page.url == list_url
    select_all.click()
    expect(page.locator("input[name=entries]:checked")).to_have_count(0)
    axe_both_languages(page, "screening list with the bulk form")

    # The confirm page in English (the language switch leads back to the list: select again).
    switch_language(page, "en")
    _select_and_review(page, chosen, REASON)
    expect(page.locator('[data-k="stake"]')).to_contain_text("1 judge's assignments")
    axe_check(page, context="bulk screening confirm (en)")
    switch_language(page, "ko")
    page.wait_for_url(list_url)

    _select_and_review(page, chosen, REASON)
    expect(page.locator('[data-k="agencies"]')).to_have_text("2")
    expect(page.locator('[data-k="reason"]')).to_have_text(REASON)
    rows = page.locator("table.screening-table tbody tr")
    expect(rows).to_have_count(3)
    axe_check(page, context="bulk screening confirm (ko)")
    assert Entry.objects.filter(eligibility=Entry.Eligibility.INELIGIBLE).count() == 0
    assert mail.outbox == []

    page.locator("button[value=apply]").dblclick()  # an impatient double click applies once
    page.wait_for_url(list_url)
    expect(page.locator(".app-messages")).to_contain_text("3")
    for entry in chosen:
        badge = page.locator(f'tr[data-entry="{entry.pk}"] .krds-badge.bg-light-danger')
        expect(badge).to_be_visible()
    axe_both_languages(page, "screening list after the bulk action")

    assert sorted(
        Entry.objects.filter(eligibility=Entry.Eligibility.INELIGIBLE).values_list("pk", flat=True)
    ) == [e.pk for e in chosen]
    assert set(Entry.objects.filter(pk__in=[e.pk for e in chosen]).values_list(
        "eligibility_reason", flat=True
    )) == {REASON}  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == [
        "choi@seoul.go.kr",
        "kim@univ.ac.kr",
        "lee@mois.go.kr",
    ]  # fmt: skip: one email per agency and one to the judge, whatever the double click
    (agency_mail,) = [m for m in mail.outbox if m.to == ["lee@mois.go.kr"]]
    for entry in entries[:2]:
        link = f"{settings.SITE_URL}{reverse('entries:detail', args=[entry.pk])}"
        assert f"\n{link}\n" in agency_mail.body
        assert entry.title in agency_mail.body
    assert REASON in agency_mail.body
    (judge_mail,) = [m for m in mail.outbox if m.to == ["kim@univ.ac.kr"]]
    assert judge_mail.subject == "[2026 정부혁신 우수사례 경진대회] 심사 제외 안내: 배정 3건"
    assert "행정안전부" not in judge_mail.body  # blind judging

    # The judge's list no longer offers the three entries; the fourth is still there.
    login_as(second_page, live_server, judge.user)
    second_page.goto(url(live_server, "judge:dashboard"))
    main = second_page.locator("main")
    expect(main).to_contain_text(kept.title)
    for entry in chosen:
        expect(main).not_to_contain_text(entry.title)
