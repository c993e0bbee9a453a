"""Issue 11's proof: one contest run from 공고 to 이의신청 in a real browser, through the contest
page's timeline (templates/contests/_timeline.html, scoring.selectors.timeline).

The people, the agencies, the judges and the contest's set-up (one category, one question, two
rounds with one criterion each, round 1 advancing its top 2, an award tier) are made with the
factories: setting them up in the browser is tests/e2e/test_contest_setup.py's and the joining
journeys' work. Everything the proof lists is then done in the browser, following the timeline's
next action where it has one, and the timeline is read after each stage: the organizer publishes;
three agencies submit four entries; the organizer screens them in bulk (three 적격, one 부적격);
assigns round 1 automatically; three judges score; the organizer finalizes round 1 (two entries
advance), plans and publishes the presentation schedule, the two advanced agencies upload their
slides, round 2 is assigned, the judges score on site from "today's presentations" while the
organizer watches the live page, the organizer finalizes round 2 and publishes the results,
announces to the advanced agencies, sets the objection period; an agency objects and the
organizer answers (dismissed).

Real time cannot pass in a test: the submission and scoring windows are moved with the ORM
between stages (closing one, opening the next), each where the comments say so.

Every page visited is axe-checked by the journey of its stage; here axe runs on the timeline at
three stages, in Korean and English."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from contests.models import Contest, Round
from scoring.models import Advancement, Objection, ObjectionWindow, PresentationSlides
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import _new_page, axe_both_languages, login_as, url
from tests.e2e.contest_steps import (
    auto_assign,
    bulk_screen,
    follow_action,
    judge_scores_every_card,
    open_timeline,
    publish_from_timeline,
    score_and_submit,
    see_states,
    sign_in,
    stage,
    submit_entry,
)
from tests.e2e.test_results_journey import finalize

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
REASON = "공모 요건(최근 3년 이내 추진) 미충족"
ROOM = "정부세종청사 6동 대회의실"
ENTRIES = [  # (agency, title, round-1 points, round-2 points or None)
    ("mois", "찾아라! 119 지름길", 90, 85),
    ("mois", "정부24 구비서류 제로화", 70, None),
    ("seoul", "스마트 버스정류장", 80, 95),
    ("busan", "해양쓰레기 수거 보상제", None, None),  # screened out
]
OBJECTION = "1차 서면심사 점수가 발표심사 결과에 반영되지 않은 것으로 보입니다."
ANSWER = "1차 40%, 2차 60% 가중치대로 합산되었음을 확인했습니다."


def _world():
    now = timezone.now()
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(
        organizers=[organizer], is_published=False, year=2027,
        name_ko="2027 정부혁신 우수사례 경진대회", name_en="2027 Government Innovation",
        submission_opens_at=now - dt.timedelta(days=1),
        submission_closes_at=now + dt.timedelta(days=7),
    )  # fmt: skip
    category = factories.CategoryFactory(contest=contest, name_ko="공공기관", name_en="Public")
    question = factories.EntryQuestionFactory(
        contest=contest, label_ko="주요성과", label_en="Results", max_length=500
    )
    later = {"opens_at": now + dt.timedelta(days=10), "closes_at": now + dt.timedelta(days=12)}
    round1 = factories.RoundFactory(
        contest=contest, name_ko="1차 서면심사", name_en="Written review", order=0,
        method=Round.Method.MEAN, judges_per_entry=2, weight=Decimal("40"),
        advancement=Round.Advancement.TOP_N, advancement_value=Decimal("2"), **later,
    )  # fmt: skip
    round2 = factories.RoundFactory(
        contest=contest, name_ko="2차 발표심사", name_en="Presentation", order=1,
        method=Round.Method.MEAN, judges_per_entry=2, weight=Decimal("60"), **later,
    )  # fmt: skip
    criteria = [
        factories.CriterionFactory(
            round=r, name_ko=name, name_en=name, max_points=Decimal("100"), step=Decimal("1")
        )
        for r, name in ((round1, "우수성"), (round2, "발표"))
    ]
    factories.AwardTierFactory(contest=contest, name_ko="대상", name_en="Grand prize", count=1)
    members = {}
    for short, agency, person, email in (
        ("mois", "행정안전부", "이담당", "lee@mois.go.kr"),
        ("seoul", "서울특별시", "최담당", "choi@seoul.go.kr"),
        ("busan", "부산광역시", "박담당", "park@busan.go.kr"),
    ):
        members[short] = factories.AgencyMembershipFactory(
            agency=factories.AgencyFactory(name_ko=agency, name_en=short),
            user=factories.UserFactory(name=person, email=email),
        ).user
    judges = [
        factories.JudgeFactory(
            contest=contest, user=factories.UserFactory(name=name, email=f"j{n}@univ.ac.kr")
        )
        for n, name in enumerate(("가심사", "나심사", "다심사"))
    ]
    return organizer, contest, category, question, (round1, round2), criteria, members, judges


def _window(round_: Round, *, opens: dt.timedelta, closes: dt.timedelta) -> None:
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(opens_at=now + opens, closes_at=now + closes)
    round_.refresh_from_db()


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _upload_slides(page: Page, live_server, member, entry, tmp_path) -> None:
    sign_in(page, live_server, member)
    page.goto(url(live_server, "entries:list"))
    row = page.locator(f'#presentations tr[data-entry="{entry.pk}"]')
    expect(row.locator('[data-k="room"]')).to_have_text(ROOM)
    row.locator("a.krds-btn").click()
    slides = tmp_path / f"{entry.pk} 발표자료.pdf"
    slides.write_bytes(PDF)
    page.set_input_files("#id_file", str(slides))
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-k="current"]')).to_contain_text(slides.name)


def _judge_scores_on_site(page: Page, live_server, judge, round_, criterion, points) -> None:
    """On a tablet: "today's presentations", each assigned slot's scorecard from there."""
    sign_in(page, live_server, judge.user)
    mine = list(round_.assignments.filter(judge=judge).values_list("entry_id", flat=True))
    for entry_pk in mine:
        page.goto(url(live_server, "presentations:today", round_.pk))
        slot = page.locator(f'.presentation-slot[data-entry="{entry_pk}"]')
        slot.locator("a.krds-btn.primary").click()
        score_and_submit(page, criterion, points[entry_pk])


def test_a_whole_contest_runs_through_the_timeline(
    page, second_page, browser, live_server, tmp_path
):
    organizer, contest, category, question, rounds, criteria, members, judges = _world()
    round1, round2 = rounds
    login_as(page, live_server, organizer)

    # 1. 공고: the draft's next action is publishing; the contest is published.
    open_timeline(page, live_server, contest)
    see_states(page, {"publish": "current", "submission": "upcoming", "round-2": "upcoming"})
    axe_both_languages(page, "timeline, draft ready to publish")
    publish_from_timeline(page, live_server, contest)
    open_timeline(page, live_server, contest)
    see_states(page, {"publish": "done", "submission": "current", "screening": "upcoming"})

    # 2. 접수: three agencies submit four entries through the entry form.
    entries = {}
    for short, title, _r1, _r2 in ENTRIES:
        sign_in(second_page, live_server, members[short])
        entries[title] = submit_entry(
            second_page, live_server, category, question, title, f"{title}: 처리 기간 30% 단축"
        )
    open_timeline(page, live_server, contest)
    expect(stage(page, "submission").locator("[data-k=summary]")).to_contain_text(
        "제출 4 · 작성 중 0"
    )
    see_states(page, {"submission": "current", "screening": "current"})

    # Time passes: the submission window closes.
    Contest.objects.filter(pk=contest.pk).update(
        submission_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )

    # 3. 검토: from the timeline's action to the list; three 적격 at once, one 부적격.
    open_timeline(page, live_server, contest)
    see_states(page, {"submission": "done", "screening": "current", "assignment": "current"})
    follow_action(page, "screening")
    page.wait_for_url(f"**{reverse('screening:list', args=[contest.pk])}?*")
    expect(page.locator("table.screening-table tbody tr")).to_have_count(4)
    kept = [entries[title] for _s, title, r1, _r2 in ENTRIES if r1 is not None]
    out = entries[ENTRIES[3][1]]
    bulk_screen(page, kept, Entry.Eligibility.ELIGIBLE)
    # Back on the list of those not screened yet: the one left.
    expect(page.locator("table.screening-table tbody tr")).to_have_count(1)
    bulk_screen(page, [out], Entry.Eligibility.INELIGIBLE, REASON)
    (screened_out,) = [m for m in mail.outbox if REASON in m.body]  # one email, to 부산광역시
    assert (screened_out.to, out.title in screened_out.body) == (["park@busan.go.kr"], True)
    open_timeline(page, live_server, contest)
    expect(stage(page, "screening").locator("[data-k=summary]")).to_have_text(
        "적격 3 · 부적격 1 · 미검토 0"
    )
    see_states(page, {"screening": "done", "assignment": "current", "round-1": "upcoming"})

    # 4. 배정: the action leads to the matrix; the automatic assignment fills it
    # (3 entries, 2 judges each).
    follow_action(page, "assignment")
    page.wait_for_url(f"**{reverse('judging:matrix', args=[contest.pk, round1.pk])}")
    auto_assign(page, live_server, contest, round1, proposed=6)
    open_timeline(page, live_server, contest)
    expect(stage(page, "assignment").locator("[data-k=summary]")).to_have_text(
        "배정 완료 3/3 · 부족 0 · 심사위원 3명"
    )
    see_states(page, {"assignment": "done", "round-1": "upcoming"})

    # Time passes: round 1's scoring window opens.
    _window(round1, opens=-dt.timedelta(minutes=1), closes=dt.timedelta(days=2))

    # 5. 1차 심사: each judge scores every card from the dashboard (own browser).
    points1 = {entries[t].pk: r1 for _s, t, r1, _r2 in ENTRIES if r1 is not None}
    judge_page = _new_page(browser, live_server)
    try:
        scored = sum(
            judge_scores_every_card(judge_page, live_server, judge, round1, criteria[0], points1)
            for judge in judges
        )
        assert scored == 6
        open_timeline(page, live_server, contest)
        expect(stage(page, "round-1").locator("[data-k=summary]")).to_contain_text(
            "제출된 평가표 6/6"
        )
        see_states(page, {"round-1": "done", "advancement-1": "current", "round-2": "upcoming"})
        axe_both_languages(page, "timeline, round 1 scored")

        # 6. 진출 확정: the action opens round 1's results; finalized, the top 2 advance.
        follow_action(page, "advancement-1")
        page.wait_for_url(url(live_server, "results:round", contest.pk, round1.pk))
        finalize(page, "1차 심사위원회 의결")
        advanced = {entries["찾아라! 119 지름길"].pk, entries["스마트 버스정류장"].pk}
        assert set(Advancement.objects.values_list("entry_id", flat=True)) == advanced
        # Time passes: round 1 closes, round 2 (the presentations, today) opens.
        _window(round1, opens=-dt.timedelta(days=2), closes=-dt.timedelta(minutes=1))
        _window(round2, opens=-dt.timedelta(hours=1), closes=dt.timedelta(hours=6))
        open_timeline(page, live_server, contest)
        expect(stage(page, "advancement-1").locator("[data-k=summary]")).to_have_text(
            "2차 발표심사 진출 2건"
        )
        see_states(page, {"advancement-1": "done", "round-2": "current", "final": "upcoming"})

        # 7. 2차 심사: assign from the timeline (automatic, 2 entries, 2 judges each).
        follow_action(page, "round-2")
        page.wait_for_url(f"**{reverse('judging:matrix', args=[contest.pk, round2.pk])}")
        auto_assign(page, live_server, contest, round2, proposed=4)

        # The schedule: from the round's line on the timeline; the first talk began 5 min ago.
        open_timeline(page, live_server, contest)
        schedule = reverse("presentations:schedule", args=[round2.pk])
        stage(page, "round-2").locator(f"[data-k=detail] a[href='{schedule}']").click()
        page.wait_for_url(f"**{schedule}")
        start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=5)
        page.fill("#id_starts_at", _local(start))
        page.fill("#id_slot_minutes", "20")
        page.fill("#id_break_minutes", "5")
        page.locator("form[action$='/autofill/'] #id_room").fill(ROOM)
        page.locator("form[action$='/autofill/'] button[type=submit]").click()
        expect(page.locator("tr[data-entry] [data-k='room']")).to_have_text([ROOM, ROOM])
        page.fill("#id_slides_deadline", _local(timezone.now() + dt.timedelta(days=1)))
        page.locator("form[action$='/deadline/'] button[type=submit]").click()
        expect(page.locator('[data-k="slides-count"]')).to_contain_text("0")
        page.locator("form[action$='/publish/'] button[type=submit]").click()
        expect(page.locator("tr[data-entry] [data-k='changed']")).to_have_count(0)

        # The two advanced agencies upload their slides.
        for short, title in (("mois", "찾아라! 119 지름길"), ("seoul", "스마트 버스정류장")):
            _upload_slides(second_page, live_server, members[short], entries[title], tmp_path)
        assert PresentationSlides.objects.count() == 2
        open_timeline(page, live_server, contest)
        expect(stage(page, "round-2").locator("[data-k=detail]")).to_contain_text("2/2")
        see_states(page, {"round-2": "current"})

        # On-site scoring: the organizer watches the live page fill by itself.
        page.goto(url(live_server, "presentations:live", round2.pk))
        first = page.locator(f'#live-rows tr[data-entry="{entries["찾아라! 119 지름길"].pk}"]')
        expect(first.locator('[data-k="count"]')).to_have_text("0 / 2")
        points2 = {entries[t].pk: r2 for _s, t, _r1, r2 in ENTRIES if r2 is not None}
        judge_page.set_viewport_size({"width": 768, "height": 1024})
        for judge in judges:
            _judge_scores_on_site(judge_page, live_server, judge, round2, criteria[1], points2)
    finally:
        judge_page.context.close()
    expect(first.locator('[data-k="count"]')).to_have_text("2 / 2", timeout=20_000)
    expect(first.locator('[data-k="mean"]')).to_have_text("85.00")

    # 8. 결과 확정: the timeline's action opens round 2's results; finalized.
    open_timeline(page, live_server, contest)
    see_states(page, {"round-2": "done", "final": "current", "announcement": "upcoming"})
    follow_action(page, "final")
    page.wait_for_url(url(live_server, "results:round", contest.pk, round2.pk))
    finalize(page, "2차 심사위원회 의결")

    # 9. 발표: the results are published from the results page.
    open_timeline(page, live_server, contest)
    see_states(page, {"final": "done", "announcement": "current", "objection": "upcoming"})
    follow_action(page, "announcement")
    page.wait_for_url(f"**{reverse('results:index', args=[contest.pk])}#publish-title")
    winner = page.locator(f'tr[data-entry="{entries["스마트 버스정류장"].receipt_number}"]')
    expect(winner.locator("[data-k=award]")).to_have_text("대상")
    # 40% of round 1 and 60% of round 2: 스마트 버스정류장 32 + 57, 찾아라! 119 지름길 36 + 51.
    expect(winner.locator("[data-k=score]")).to_have_text("89.00")
    runner_up = page.locator(f'tr[data-entry="{entries["찾아라! 119 지름길"].receipt_number}"]')
    expect(runner_up.locator("[data-k=score]")).to_have_text("87.00")
    page.locator("form[action$='/publish/'] button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결과를 공개했습니다.")

    # The announcement to the advanced agencies (email and a notice on their page).
    page.goto(url(live_server, "announcements:new", contest.pk))
    page.fill("#id_title", "2차 발표심사 결과 안내")
    page.fill("#id_body", "심사 결과를 공개했습니다. 결과 페이지를 확인해 주십시오.")
    radio = page.locator(f'input[name="audience"][value="round-{round2.pk}"]')
    page.locator(f'label[for="{radio.get_attribute("id")}"]').click()
    page.locator('main button[value="preview"]').click()
    expect(page.locator('[data-k="agencies"]')).to_have_text("2")
    sent_before = len(mail.outbox)
    page.locator('main button[value="send"]').click()
    page.wait_for_url(f"**{reverse('announcements:list', args=[contest.pk])}")
    assert sorted(m.to[0] for m in mail.outbox[sent_before:]) == [
        "choi@seoul.go.kr", "lee@mois.go.kr"
    ]  # fmt: skip

    # 10. 이의신청: the period is set from the timeline.
    open_timeline(page, live_server, contest)
    see_states(page, {"announcement": "done", "objection": "current"})
    axe_both_languages(page, "timeline, results published")
    follow_action(page, "objection")
    page.wait_for_url(f"**{reverse('objections:list', args=[contest.pk])}")
    closes = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=7)
    page.fill("#id_closes_at", _local(closes))
    page.locator("form[action$='/window/'] button[type=submit]").click()
    expect(page.locator('[data-k="window"]')).to_be_visible()
    assert ObjectionWindow.objects.get(contest=contest).closes_at == closes

    # 행정안전부's member sees the notice and objects to its entry's scores.
    mois_entry = entries["찾아라! 119 지름길"]
    sign_in(second_page, live_server, members["mois"])
    second_page.goto(url(live_server, "entries:list"))
    expect(second_page.locator("#notices")).to_contain_text("2차 발표심사 결과 안내")
    card = second_page.locator(f'#objections li[data-entry="{mois_entry.receipt_number}"]')
    card.locator("a.krds-btn").click()
    second_page.wait_for_url("**/objections/entries/*/new/")
    concern = second_page.locator("input[name=concern][value=scores]")
    second_page.locator(f'label[for="{concern.get_attribute("id")}"]').click()
    second_page.select_option("#id_round", label="2차 발표심사")
    second_page.fill("#id_text", OBJECTION)
    second_page.locator("main form button[type=submit]").click()
    second_page.wait_for_url("**/entries/**")
    objection = Objection.objects.get()
    assert (objection.entry, objection.text) == (mois_entry, OBJECTION)

    # The timeline asks for an answer; the organizer answers it (dismissed, with the reason).
    open_timeline(page, live_server, contest)
    see_states(page, {"objection": "current"})
    expect(stage(page, "objection").locator("[data-k=summary]")).to_contain_text(
        "접수 1 · 검토 중 1 · 답변 완료 0"
    )
    follow_action(page, "objection")
    page.wait_for_url(f"**{reverse('objections:list', args=[contest.pk])}?status=open")
    page.locator(f'tr[data-objection="{objection.number}"] a').click()
    outcome = page.locator("input[name=outcome][value=dismissed]")
    page.locator(f'label[for="{outcome.get_attribute("id")}"]').click()
    page.fill("#id_reason", ANSWER)
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-k="answer"]')).to_have_text(ANSWER)
    objection.refresh_from_db()
    assert (objection.status, objection.answer) == ("dismissed", ANSWER)

    open_timeline(page, live_server, contest)
    see_states(
        page,
        {
            "publish": "done", "submission": "done", "screening": "done", "assignment": "done",
            "round-1": "done", "advancement-1": "done", "round-2": "done", "final": "done",
            "announcement": "done", "objection": "current",
        },
    )  # fmt: skip
    expect(page.locator("ol.timeline-stages [data-k=state]")).to_have_text(
        ["완료"] * 9 + ["진행 중"]
    )
    expect(stage(page, "objection").locator("[data-k=summary]")).to_contain_text(
        "접수 1 · 검토 중 0 · 답변 완료 1"
    )
    axe_both_languages(page, "timeline, an objection answered")
