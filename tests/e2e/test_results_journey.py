"""Issue 8, item 9: the results journey on the demo (`manage.py demo_data`), in a real browser.

judge01 submits the last four cards of 1차 서면심사 (2026 정부혁신 우수사례 경진대회); the organizer
sees the 공동 6위 tie on the 중앙행정기관 advancement line, records the order with a reason,
finalizes and sees who advances. Round 2 (2차 발표심사) is then scored through the services
(a second vote tally judge is seated on 국민투표 beside the demo's one), with an unsplittable tie
on the 행정안전부장관상 boundary: the final round's page sends the organizer to the contest results
page, where the organizer decides it in the browser beside the contest scores, then finalizes and
publishes. 행정안전부's member sees the entry's result with comments and no judge names; an
anonymous visitor sees the winners by tier and verifies a downloaded snapshot.
axe in Korean and English on every results page visited.
"""

import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from contests.models import Contest
from scoring.demo import DEMO_PASSWORD
from scoring.models import Judge, RoundResult, Score, Scorecard, ScoreEvent
from scoring.selectors.in_effect import assignments_in_effect
from scoring.services.assignments import assignment_add
from scoring.services.scorecards import scorecard_fill, scorecard_open
from scoring.snapshot import verify
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.e2e.judge_steps import scorecard_ready, type_score

CONTEST = "2026 정부혁신 우수사례 경진대회"
TYPED = ("18", "17", "12", "11")  # judge01's points on each remaining card (혁신성 … 국민체감도)
LAST_CARDS = ["2026-002-0007", "2026-002-0010", "2026-002-0042", "2026-002-0048"]  # judge01's
TIED = {"2026-002-0012": "디지털 배움터 찾아가는 교육", "2026-002-0022": "동네 영향예보 맞춤 알림"}
ADVANCED = [  # round 1, six per category, with 0022 placed above 0012 by the organizer
    "전자정부 업무 클라우드 통합", "정부24 구비서류 제로화", "전자통관시스템 유니패스 해외 수출",
    "빅데이터로 살고 싶은 집 찾기", "다회용컵 공유 순환 체계", "동네 영향예보 맞춤 알림",
    "1인 가구 병원 안심동행 서비스", "섬 지역 드론 의약품 배송",
    "공공 배달앱으로 소상공인 수수료 절감", "해양쓰레기 수거 어업인 참여 보상제",
    "섬마을 찾아가는 이동 행정서비스",
    "빗물 저류시설 스마트 관리로 도심 침수 예방", "장애인 고용 무지개",
    "발달장애인 근로자 출퇴근 동행 지원", "공공데이터 품질 자동 진단", "홀몸 어르신 AI 돌봄 스피커",
    "임대주택 하자 접수 모바일 원스톱", "소상공인 전기요금 분할납부",
]  # fmt: skip
# Round 2: each advanced entry's planned total (last four digits of the receipt number). Every
# panel's judges average to it. 0045 and 0051 share their round-1 score, 혁신성 average and now
# round-2 total: the chain cannot split them, across the 행정안전부장관상 / 우수상 boundary (9th).
ROUND2 = {"0002": 90, "0004": 91, "0044": 86, "0038": 88, "0006": 85, "0001": 87, "0045": 82,
          "0051": 82, "0015": 84, "0022": 83, "0035": 79, "0029": 81, "0040": 78, "0025": 77,
          "0032": 76, "0047": 75, "0046": 74, "0053": 73}  # fmt: skip
SEATS = {"전문가 심사단": (-1, 0, 1), "국민심사단": (-1, 1), "국민투표": (0,)}  # offsets per judge
COMMENTS = {"0002": ("발표가 명확하고 확산 계획이 구체적임", "국민이 체감하는 효과가 큼")}
WINNERS = {  # the public page, by tier, in rank order
    "대통령상": ["정부24 구비서류 제로화"],
    "국무총리상": ["전자통관시스템 유니패스 해외 수출", "섬마을 찾아가는 이동 행정서비스"],
    "행정안전부장관상": [
        "장애인 고용 무지개", "전자정부 업무 클라우드 통합", "빅데이터로 살고 싶은 집 찾기",
        "다회용컵 공유 순환 체계", "동네 영향예보 맞춤 알림", "발달장애인 근로자 출퇴근 동행 지원",
    ],
    "우수상": [
        "임대주택 하자 접수 모바일 원스톱", "섬 지역 드론 의약품 배송",
        "해양쓰레기 수거 어업인 참여 보상제", "빗물 저류시설 스마트 관리로 도심 침수 예방",
        "1인 가구 병원 안심동행 서비스", "공공 배달앱으로 소상공인 수수료 절감",
        "홀몸 어르신 AI 돌봄 스피커", "공공데이터 품질 자동 진단", "소상공인 전기요금 분할납부",
    ],
}  # fmt: skip


@pytest.fixture
def demo(settings, tmp_path):
    """The demo, built by `manage.py demo_data` in the test database (committed: the live server
    runs in another thread)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", stdout=StringIO())
    contest = Contest.objects.get(name_ko=CONTEST)
    written, final = contest.rounds.order_by("order")
    return contest, written, final


def demo_user(local: str) -> User:
    return User.objects.get(email=f"{local}@demo.example.kr")


def sign_in(page: Page, live_server, local: str) -> User:
    page.context.clear_cookies()
    user = demo_user(local)
    login_as(page, live_server, user, DEMO_PASSWORD)
    return user


def rows_text(page: Page, column: str) -> dict[str, str]:
    """Receipt number → the text of one column of the ranking table."""
    rows = page.locator("table[data-k] tbody tr[data-entry]")
    return {
        row.get_attribute("data-entry"): row.locator(f"[data-k={column}]").inner_text().strip()
        for row in rows.all()
    }


# --- 1. judge01 ------------------------------------------------------------------------------


def judge_submits_the_last_cards(page: Page, live_server, written) -> None:
    judge = sign_in(page, live_server, "judge01")
    start = timezone.now()
    mine = assignments_in_effect(round=written, judge__user=judge).count()
    page.goto(url(live_server, "judge:dashboard"))
    board = page.locator(f"section[aria-labelledby='round-{written.pk}']")
    expect(board.locator(".judge-progress-text")).to_have_text(f"{mine - 4} / {mine}")
    axe_both_languages(page, "judge dashboard, four cards left")
    criteria = list(written.criteria.order_by("order"))
    for done in range(1, 5):
        board.locator("a.judge-next").click()
        scorecard_ready(page)
        for criterion, value in zip(criteria, TYPED, strict=True):
            type_score(page, criterion, value)
        expect(page.locator("#scorecard-total")).to_have_text("58")
        expect(page.locator(".scorecard-state-pending")).to_have_count(0)
        page.locator("#scorecard-form button[formaction$='/submit/']").click()
        page.locator("button[name=confirm]").click()
        page.wait_for_url(url(live_server, "judge:dashboard"))
        expect(board.locator(".judge-progress-text")).to_have_text(f"{mine - 4 + done} / {mine}")
    expect(board.locator(".judge-all-done")).to_be_visible()
    left = Scorecard.objects.filter(round=written).exclude(status=Scorecard.Status.SUBMITTED)
    assert not left.exists()
    typed = Score.objects.filter(
        scorecard__round=written, scorecard__judge__user=judge, scorecard__submitted_at__gte=start
    ).values_list("scorecard__entry__receipt_number", "criterion__order", "value")
    assert sorted(typed) == [
        (receipt, order, Decimal(value))
        for receipt in LAST_CARDS
        for order, value in enumerate(TYPED, 1)
    ]


# --- 2. the organizer finalizes round 1 -------------------------------------------------------


def record_tie_order(page: Page, form, order: list[str], reason: str) -> None:
    """Fill the tie form (one select per place) and record; without a reason first (refused
    with a Korean message, nothing recorded)."""
    form.locator("button[type=submit]").click()
    expect(page.locator(".app-alert.error, .app-alert.danger")).to_contain_text(
        "사유를 입력해 주십시오."
    )
    form = page.locator("form[data-tie='1']")
    for place, receipt in enumerate(order, 1):
        form.locator(f"select[name=place_{place}]").select_option(receipt)
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(f"순서를 기록했습니다: {' > '.join(order)}.")


def finalize(page: Page, note: str) -> str:
    """The confirmation step, then Finalize now; returns the digest shown."""
    page.locator("#finalize a.krds-btn.primary").click()
    page.locator("#finalize textarea[name=note]").fill(note)
    page.locator("#finalize button[type=submit]").click()
    expect(page.locator("[data-k=state] .bg-light-success")).to_have_text("확정")
    return page.locator("code[data-k=digest]").inner_text()


def organizer_finalizes_round_1(page: Page, live_server, contest, written) -> None:
    sign_in(page, live_server, "organizer")
    page.goto(url(live_server, "results:round", contest.pk, written.pk))
    problem = page.locator("[data-problem=line_tie]")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text(
        "중앙행정기관 부문에서 2026-002-0012 디지털 배움터 찾아가는 교육, "
        "2026-002-0022 동네 영향예보 맞춤 알림 사례가 진출 경계에서 동점입니다."
    )
    ranks = rows_text(page, "category_rank")
    assert [ranks[r] for r in TIED] == ["공동 6위", "공동 6위"]
    axe_both_languages(page, "round 1 results, tie on the line")

    record_tie_order(page, page.locator("form[data-tie='1']"), [*reversed(TIED)],
                     "심사위원회 의결: 국민체감도 평균이 높은 사례 우선")  # fmt: skip
    expect(page.locator("[data-problem]")).to_have_count(0)
    expect(page.locator("[data-k=ready]")).to_have_text("이 심사 단계를 확정할 수 있습니다.")
    expect(page.locator("li[data-decision]")).to_contain_text(
        "심사 단계 순위: 2026-002-0022 동네 영향예보 맞춤 알림 > "
        "2026-002-0012 디지털 배움터 찾아가는 교육 — "
        "심사위원회 의결: 국민체감도 평균이 높은 사례 우선 (오주관, "
    )
    digest = finalize(page, "1차 심사위원회 의결")

    result = RoundResult.objects.get(round=written, voided_at=None)
    assert (digest, len(result.advancements.all())) == (result.digest, 18)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    expect(page.locator("main")).to_contain_text(f"다이제스트(SHA-256): {digest}")
    expect(page.locator("[data-k=advanced-count]")).to_have_text(
        "18개 사례가 2차 발표심사에 진출했습니다."
    )
    advanced = rows_text(page, "advanced")
    titles = rows_text(page, "title")
    assert sorted(titles[r] for r, said in advanced.items() if said == "진출") == sorted(ADVANCED)
    assert (advanced["2026-002-0022"], advanced["2026-002-0012"]) == ("진출", "미진출")
    axe_both_languages(page, "round 1 results, finalized")


# --- 3. round 2 through the services, then finalized and published in the browser -----------


def score_round_2(contest, final, organizer) -> None:
    """Seat a second vote tally judge on 국민투표, then give each advanced
    entry judges of every panel (own-agency judges skipped by the service) and their cards."""
    vote = final.panels.get(name_ko="국민투표")
    tally = factories.JudgeFactory(
        contest=contest, user=factories.UserFactory(name="국민투표 집계")
    )
    tally.panels.add(vote)
    criteria = list(final.criteria.order_by("order"))
    entries = {e.receipt_number[-4:]: e for e in Entry.objects.filter(advancements__round=final)}
    assert set(entries) == set(ROUND2)
    for panel in final.panels.order_by("order"):
        judges = list(Judge.objects.filter(panels=panel).order_by("user__email"))
        for n, (key, total) in enumerate(sorted(ROUND2.items())):
            offsets = list(SEATS[panel.name_ko])
            comments = list(COMMENTS.get(key, ()))
            for judge in judges[n % len(judges) :] + judges[: n % len(judges)]:
                if not offsets:
                    break
                try:
                    assignment_add(round_=final, judge=judge, entry=entries[key], by=organizer)
                except ValidationError:  # own agency (제척): the panel's next judge
                    continue
                card = scorecard_open(round_=final, judge=judge, entry=entries[key])
                scorecard_fill(
                    scorecard=card, values=_split(total + offsets.pop(0), criteria),
                    comment=comments.pop(0) if comments else None, version=card.version,
                    by=organizer, via=ScoreEvent.Via.ORGANIZER, reason="서명된 평가표",
                    submit=True,
                )  # fmt: skip
            assert not offsets, f"{panel.name_ko} has too few judges for {key}"


def _split(total: int, criteria) -> dict[int, str]:
    """A total over 혁신성 30, 효과성 30, 확산가능성 20, 국민체감도 20."""
    first, third = total * 3 // 10, total * 2 // 10
    values = (first, first, third, total - 2 * first - third)
    return {c.pk: str(v) for c, v in zip(criteria, values, strict=True)}


def organizer_finalizes_round_2_and_publishes(page: Page, live_server, contest, final) -> None:
    page.goto(url(live_server, "results:index", contest.pk))
    expect(page.locator("[data-problem=award_tie]")).to_contain_text(
        "2026-002-0045 발달장애인 근로자 출퇴근 동행 지원, 2026-002-0051 임대주택 하자 접수 "
        "모바일 원스톱 사례가 행정안전부장관상 수상 경계에서 동점입니다."
    )
    expect(page.locator("[data-k=published]")).to_contain_text("공개되지 않았습니다.")
    axe_both_languages(page, "results overview, award tie")
    # The final round's page names the award tie and sends the organizer to the contest scores.
    page.locator(f"tr[data-round='{final.pk}'] th a").click()
    page.wait_for_url(url(live_server, "results:round", contest.pk, final.pk))
    ranks = rows_text(page, "rank")  # this round's own ranking: 82 each
    assert (ranks["2026-002-0045"], ranks["2026-002-0051"]) == ("공동 9위", "공동 9위")
    expect(page.locator("form[data-tie]")).to_have_count(0)
    axe_both_languages(page, "round 2 results, award tie")
    page.locator("[data-problem=award_tie] a").click()
    page.wait_for_url(url(live_server, "results:index", contest.pk) + "#award-ties")
    # Decided beside the final ranking, each tied entry with its contest score.
    tied = page.locator("form[data-tie='1'] [data-tied]")
    expect(tied).to_have_text([
        "2026-002-0045 발달장애인 근로자 출퇴근 동행 지원 82.80",
        "2026-002-0051 임대주택 하자 접수 모바일 원스톱 82.80",
    ], use_inner_text=True)  # fmt: skip
    record_tie_order(page, page.locator("form[data-tie='1']"), ["2026-002-0045", "2026-002-0051"],
                     "심사위원회 의결: 발표심사 질의응답 평가 우선")  # fmt: skip
    assert page.url == url(live_server, "results:index", contest.pk)
    expect(page.locator("[data-problem=award_tie]")).to_have_count(0)
    ranks = rows_text(page, "rank")
    assert (ranks["2026-002-0045"], ranks["2026-002-0051"]) == ("9위", "10위")
    axe_both_languages(page, "results overview, award tie decided")
    page.goto(url(live_server, "results:round", contest.pk, final.pk))
    digest = finalize(page, "2차 심사위원회 의결")
    assert digest == RoundResult.objects.get(round=final, voided_at=None).digest
    axe_both_languages(page, "round 2 results, finalized")

    page.locator(f"main a[href='{reverse('results:index', args=[contest.pk])}']").first.click()
    page.wait_for_url(url(live_server, "results:index", contest.pk))
    awards = rows_text(page, "award")
    titles = rows_text(page, "title")
    by_award = {}
    for receipt, award in awards.items():
        by_award.setdefault(award, []).append(titles[receipt])
    assert by_award == WINNERS
    ranks, scores = rows_text(page, "rank"), rows_text(page, "score")
    top = ["2026-002-0002", "2026-002-0004", "2026-002-0045", "2026-002-0051"]
    assert [(ranks[r], scores[r]) for r in top] == [
        ("1위", "90.30"),
        ("2위", "90.30"),
        ("9위", "82.80"),
        ("10위", "82.80"),
    ]  # 0002 over 0004 by the chain's 혁신성 step, 0045 over 0051 by the decision
    for name in ("scores", "ranks"):  # as the organizer chooses, whatever the boxes said
        if not page.locator(f"#id_{name}").is_checked():
            page.locator(f"label[for=id_{name}]").click()
        expect(page.locator(f"#id_{name}")).to_be_checked()
    page.locator("form[action$='/publish/'] button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("결과를 공개했습니다.")
    expect(page.locator("[data-k=published]")).to_contain_text("점수를 공개합니다.")
    contest.refresh_from_db()
    assert (contest.publish_scores, contest.publish_ranks) == (True, True)
    axe_both_languages(page, "results overview, published")


# --- 4. the agency, 5. the public -------------------------------------------------------------


def agency_sees_its_result(page: Page, live_server, contest) -> None:
    sign_in(page, live_server, "officer2")  # 이담당, member (not admin) of 행정안전부
    entry = Entry.objects.get(contest=contest, title="정부24 구비서류 제로화")
    page.goto(url(live_server, "entries:detail", entry.pk))
    page.locator(f"main a[href='{reverse('public:entry', args=[contest.pk, entry.pk])}']").click()
    page.wait_for_url(url(live_server, "public:entry", contest.pk, entry.pk))
    main = page.locator("main")
    summary = main.locator("table").first
    for label, value in (("최종 점수", "90.30"), ("순위", "1위"), ("시상", "대통령상")):
        row = summary.locator("tr", has=page.locator(f"th:text-is('{label}')"))
        expect(row.locator("td")).to_have_text(value)
    comments = set(
        Scorecard.objects.filter(entry=entry, status="submitted").exclude(comment="")
        .values_list("comment", flat=True)
    )  # fmt: skip
    assert set(COMMENTS["0002"]) <= comments
    shown = main.inner_text()
    for comment in comments:
        assert comment in shown, f"comment {comment!r} not shown"
    names = set(Judge.objects.filter(contest=contest).values_list("user__name", flat=True))
    assert not [name for name in names if name in shown], "a judge's name is on the agency page"
    axe_both_languages(page, "agency's own result")


def public_sees_winners_and_verifies(page: Page, live_server, contest) -> None:
    page.context.clear_cookies()
    page.goto(url(live_server, "public:contest", contest.pk))
    for tier, titles in WINNERS.items():
        section = page.locator("section", has=page.locator(f"h2:text-is('{tier}')"))
        expect(section.locator("tbody th[scope=row]")).to_have_text(titles)
    axe_both_languages(page, "public results")
    links = page.locator("a[href$='snapshot.json']")
    expect(links).to_have_count(2)
    for index in range(2):
        with page.expect_download() as download:
            links.nth(index).click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        report = verify(text)
        assert (report["ok"], report["differences"]) == (True, [])


# Receipt numbers carry the contest id ("2026-002-…"): ids start at 1 on every database.
@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_results_journey_from_the_last_cards_to_the_public(page, second_page, live_server, demo):
    contest, written, final = demo
    judge_submits_the_last_cards(page, live_server, written)
    organizer_finalizes_round_1(second_page, live_server, contest, written)
    score_round_2(contest, final, demo_user("organizer"))
    organizer_finalizes_round_2_and_publishes(second_page, live_server, contest, final)
    agency_sees_its_result(page, live_server, contest)
    public_sees_winners_and_verifies(page, live_server, contest)
