"""The demo's scoring: round 1 of 2026 open and nearly done (judge01 has cards left, planned
ties in the live results), the finished 2025 contest published, and an agency entering 2026's
second-half contest."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from contests.models import Contest, Round
from scoring.demo.base import SEOUL
from scoring.models import Advancement, Judge, Score, Scorecard, ScoreEvent, TieDecision
from scoring.outcome import compute
from scoring.selectors.in_effect import entries_in_round
from scoring.selectors.judge_board import judge_board
from scoring.selectors.results import result_in_force, round_inputs
from scoring.services.results import round_finalize, tie_decide
from scoring.services.scorecards import scorecard_fill, scorecard_open
from scoring.snapshot import verify
from scoring.statistics import judge_profiles
from submissions.models import Agency, Entry
from submissions.services.entries import entry_create
from tests.demo.conftest import run_demo

GOV = "2026 정부혁신 우수사례 경진대회"
PAST = "2025 적극행정 우수사례 경진대회"
NEXT = "2026 하반기 적극행정 우수사례 경진대회"
LINE = ["디지털 배움터 찾아가는 교육", "동네 영향예보 맞춤 알림"]
LEFT = [  # judge01's cards still to do, in receipt order: a draft, then three not started
    ("통계데이터센터 원격 분석 서비스", "draft"),
    ("국민참여예산 온라인 숙의 플랫폼", "not_started"),
    ("공공 산후조리 연계 지원", "not_started"),
    ("건강검진 결과 맞춤 건강관리 알림", "not_started"),
]


def written_round() -> Round:
    return Round.objects.get(contest__name_ko=GOV, name_ko="1차 서면심사")


def live(round_: Round):
    data = round_inputs(round_)
    return data, compute(data.inputs)


def category_table(data, results, name: str) -> list[tuple]:
    """(category rank, shared, how split, shown score, title) of one category, best first."""
    key = next(c["key"] for c in data.inputs["categories"] if c["name_ko"] == name)
    rows = [row for row in results["entries"] if row["category"] == key]
    rows.sort(key=lambda row: row["category_rank"])
    return [
        (r["category_rank"], r["category_shared"], r["category_decided_by"], r["shown"],
         data.entries[r["entry"]].title)
        for r in rows
    ]  # fmt: skip


def test_every_judge_has_submitted_except_judge01_who_has_four_cards_left(demo):
    written = written_round()
    cards = Scorecard.objects.filter(round=written)
    assert cards.filter(status="submitted").count() == 266
    judge01 = User.objects.get(email="judge01@demo.example.kr")
    assert not cards.exclude(judge__user=judge01).exclude(status="submitted").exists()
    (board,) = [b for b in judge_board(judge01).boards if b.round == written]
    assert (board.total, board.submitted, board.is_open) == (23, 19, True)
    assert [(row.entry.title, row.state) for row in board.rows if row.state != "submitted"] == LEFT
    assert board.next_row.entry.title == LEFT[0][0]
    draft = cards.get(judge__user=judge01, status="draft")
    assert list(draft.scores.values_list("criterion__name_ko", flat=True)) == ["혁신성", "효과성"]
    assert (draft.version, draft.comment) == (2, "")
    # The audit trail is the judges' own: every change by the card's judge, as a judge, inside
    # the window and before now.
    events = ScoreEvent.objects.filter(scorecard__round=written)
    assert events.count() == 1435
    assert not events.exclude(via="judge").exists()
    assert not events.exclude(by=F("scorecard__judge__user")).exists()
    assert not events.exclude(at__gte=written.opens_at, at__lte=written.closes_at).exists()
    assert cards.exclude(comment="").count() == 103


def test_scores_sit_on_the_rubric_with_one_lenient_and_one_harsh_judge(demo):
    written = written_round()
    scores = Score.objects.filter(scorecard__round=written).select_related("criterion", "level")
    assert all(s.value == s.value.to_integral() and 0 <= s.value <= s.criterion.max_points
               for s in scores)  # fmt: skip
    picked = scores.exclude(level=None)
    assert set(picked.values_list("scorecard__judge__user__email", flat=True)) == {
        "judge03@demo.example.kr"
    }
    assert picked.count() == 86
    assert all(s.value == s.level.points for s in picked)
    data = round_inputs(written)
    entries = [e["key"] for e in data.inputs["entries"]]
    totals = {(s["entry"], s["judge"]): Decimal(s["total"]) for s in data.inputs["scores"]}
    rows = [[totals.get((e, j)) for j in data.inputs["judges"]] for e in entries]
    profiles = judge_profiles(rows)
    leniency = {
        data.judges[j].user.email[:7]: round(p["leniency"], 1)
        for j, p in zip(data.inputs["judges"], profiles, strict=True)
    }
    assert leniency == {
        "judge01": 0.0, "judge02": 1.2, "judge03": 0.3, "judge04": 1.5, "judge05": -1.3,
        "judge06": -3.5, "judge07": 9.4, "judge08": 0.8, "judge09": 0.1, "judge10": -11.5,
        "judge11": 3.0, "judge12": 0.0,
    }  # fmt: skip
    assert not any(p["outlier"] for p in profiles)


def test_live_results_of_round_one_show_the_planned_ties(demo):
    data, results = live(written_round())
    line = [data.entries[number].title for number in results["problems"][0]["entries"]]
    assert [p["code"] for p in results["problems"]] == ["line_tie"]
    assert line == LINE
    assert category_table(data, results, "중앙행정기관")[:8] == [
        (1, False, None, "91.00", "정부24 구비서류 제로화"),
        (2, False, None, "88.67", "전자통관시스템 유니패스 해외 수출"),
        (3, False, None, "88.00", "빅데이터로 살고 싶은 집 찾기"),
        (4, False, None, "86.00", "전자정부 업무 클라우드 통합"),
        (5, False, None, "83.67", "다회용컵 공유 순환 체계"),
        (6, True, None, "83.33", LINE[0]),  # 공동 6위 on the top-6 line: a decision is needed
        (6, True, None, "83.33", LINE[1]),
        (8, False, None, "80.33", "공무원 채용 원스톱 온라인 응시"),
    ]
    assert category_table(data, results, "광역·기초자치단체")[:7] == [
        (1, False, None, "88.33", "섬마을 찾아가는 이동 행정서비스"),
        (2, False, None, "83.00", "해양쓰레기 수거 어업인 참여 보상제"),
        (3, False, "chain:0", "82.00", "섬 지역 드론 의약품 배송"),  # higher 혁신성 average
        (4, False, "chain:0", "82.00", "빗물 저류시설 스마트 관리로 도심 침수 예방"),
        (5, False, None, "81.33", "1인 가구 병원 안심동행 서비스"),
        (6, False, None, "81.00", "공공 배달앱으로 소상공인 수수료 절감"),
        (7, False, None, "79.33", "AI 불법주정차 신고 자동 처리"),
    ]
    assert category_table(data, results, "공공기관·교육청")[:7] == [
        (1, False, None, "90.00", "장애인 고용 무지개"),
        (2, False, "chain:1", "84.67", "발달장애인 근로자 출퇴근 동행 지원"),  # higher untrimmed
        (3, False, "chain:1", "84.67", "임대주택 하자 접수 모바일 원스톱"),
        (4, False, None, "78.67", "홀몸 어르신 AI 돌봄 스피커"),
        (5, False, None, "78.33", "공공데이터 품질 자동 진단"),
        (6, False, None, "75.33", "소상공인 전기요금 분할납부"),
        (7, False, None, "75.00", "작은 학교 온라인 공동 교육과정"),
    ]
    assert len(results["advanced"]) == 17


@pytest.mark.parametrize("given", ["lowest", "highest"])
def test_once_judge01_finishes_the_organizer_decides_the_line_and_finalizes(demo, given):
    written = written_round()
    judge = Judge.objects.get(contest=written.contest, user__email="judge01@demo.example.kr")
    criteria = list(written.criteria.order_by("order"))
    for title, _state in LEFT:
        card = scorecard_open(round_=written, judge=judge, entry=Entry.objects.get(title=title))
        values = {c.pk: "0" if given == "lowest" else str(c.max_points) for c in criteria}
        scorecard_fill(scorecard=card, values=values, comment="", version=card.version,
                       by=judge.user, via="judge", reason="", submit=True)  # fmt: skip
    data, results = live(written)
    assert data.unsubmitted == []
    assert [data.entries[n].title for n in results["problems"][0]["entries"]] == LINE
    assert category_table(data, results, "중앙행정기관")[5:7] == [
        (6, True, None, "83.33", LINE[0]),
        (6, True, None, "83.33", LINE[1]),
    ]
    organizer = written.contest.organizers.get()
    with pytest.raises(ValidationError, match="결과 화면에 해결할 문제 1건"):
        round_finalize(round_=written, by=organizer)
    numbers = {e.title: e.receipt_number for e in data.entries.values()}
    tie_decide(
        round_=written, scope="round", entries=[numbers[LINE[1]], numbers[LINE[0]]],
        reason="혁신성 평균과 절사 전 평균이 같아 심사위원회 협의로 정함", by=organizer,
    )  # fmt: skip
    result = round_finalize(round_=written, by=organizer)
    advanced = Advancement.objects.filter(result=result)
    assert advanced.count() == 18
    final = Round.objects.get(contest=written.contest, order=2)
    titles = set(entries_in_round(final).values_list("title", flat=True))
    assert (len(titles), LINE[1] in titles, LINE[0] in titles) == (18, True, False)
    # Running the demo again after all this changes nothing and does not fail.
    assert run_demo().startswith("Demo data already present: nothing created.")
    assert result_in_force(written) == result


def test_a_rerun_never_overwrites_what_someone_trying_the_demo_saved(demo):
    written = written_round()
    judge = Judge.objects.get(contest=written.contest, user__email="judge01@demo.example.kr")
    entry = Entry.objects.get(title=LEFT[1][0])
    card = scorecard_open(round_=written, judge=judge, entry=entry)
    innovation = written.criteria.get(name_ko="혁신성")
    scorecard_fill(scorecard=card, values={innovation.pk: "27"}, comment="검토 중", version=0,
                   by=judge.user, via="judge", reason="")  # fmt: skip
    assert run_demo().startswith("Demo data already present: nothing created.")
    card.refresh_from_db()
    assert (card.status, card.version, card.comment) == ("draft", 2, "검토 중")
    assert list(card.scores.values_list("value", flat=True)) == [Decimal("27")]


def test_the_past_contest_is_finalized_published_and_verifiable(demo):
    contest = Contest.objects.get(name_ko=PAST)
    round_ = contest.rounds.get()
    result = result_in_force(round_)
    check = verify(result.snapshot)
    assert (check["ok"], check["digest_ok"], check["results_ok"]) == (True, True, True)
    assert check["stored"] == result.digest
    assert result.at == dt.datetime(2025, 7, 15, 16, 30, tzinfo=SEOUL)
    assert contest.results_published_at == dt.datetime(2025, 7, 22, 10, tzinfo=SEOUL)
    history = list(contest.publication_events.values_list("action", "at", "by__email"))
    assert history == [
        ("published", contest.results_published_at, contest.results_published_by.email)
    ]
    assert (contest.publish_scores, contest.publish_ranks) == (True, True)
    frozen = json.loads(result.snapshot)["results"]
    assert frozen["problems"] == []
    tiers = {f"A{t.pk}": t.name_ko for t in contest.award_tiers.all()}
    entries = {e.receipt_number: e for e in contest.entries.select_related("agency")}
    awards = [
        (row["rank"], row["shown"], tiers.get(row["award"]), entries[row["entry"]].agency.code)
        for row in frozen["contest"]["entries"]
    ]
    assert awards[:8] == [
        (1, "91.40", "대통령상", "NTS"),
        (2, "89.40", "국무총리상", "MOIS"),
        (3, "87.60", "국무총리상", "MOLIT"),  # the tie the committee decided
        (4, "87.60", "인사혁신처장상", "BUSAN"),
        (5, "81.80", "인사혁신처장상", "GYEONGGI"),
        (6, "81.60", None, "SUWON"),
        (7, "77.40", None, "KEPCO"),
        (8, "77.00", "인사혁신처장상", "MOEL"),  # 인사혁신처장상 goes to two per category
    ]
    decisions = TieDecision.objects.filter(round=round_).order_by("scope")
    assert [(d.scope, [entries[n].agency.code for n in d.entries]) for d in decisions] == [
        ("contest", ["MOLIT", "BUSAN"]),
        ("round", ["MOLIT", "BUSAN"]),
    ]
    assert decisions[0].reason.endswith(
        "「전세사기 피해주택 경매 유예 신속 지원」 사례를 상위로 함."
    )
    cards = Scorecard.objects.filter(round=round_)
    assert (cards.count(), cards.filter(status="submitted").exclude(comment="").count()) == (
        112,
        112,
    )
    assert not cards.exclude(submitted_at__range=(round_.opens_at, round_.closes_at)).exists()
    # The demo agency login's agency is among the winners.
    mois = next(row for row in frozen["contest"]["entries"]
                if entries[row["entry"]].agency.code == "MOIS")  # fmt: skip
    assert (mois["rank"], tiers[mois["award"]]) == (2, "국무총리상")


def test_the_upcoming_contest_accepts_entries_now_and_the_past_one_is_over(demo):
    past, upcoming = Contest.objects.get(name_ko=PAST), Contest.objects.get(name_ko=NEXT)
    assert upcoming.copied_from == past
    assert (upcoming.year, upcoming.is_published, upcoming.submission_is_open) == (2026, True, True)
    closes = upcoming.submission_closes_at.astimezone(SEOUL)
    assert (closes.date(), closes.hour) == (
        timezone.now().astimezone(SEOUL).date() + dt.timedelta(days=21),
        18,
    )
    assert list(upcoming.categories.values_list("name_ko", flat=True)) == [
        "중앙행정기관",
        "지방자치단체·공공기관",
    ]
    assert upcoming.rounds.get().opens_at > upcoming.submission_closes_at
    assert not upcoming.entries.exists()
    assert [r.kind for r in upcoming.tie_breaks.order_by("order")] == ["criterion", "untrimmed"]
    assert past.submission_closes_at < past.rounds.get().closes_at < timezone.now()
    assert past.submission_is_open is False


def test_the_agency_login_can_enter_the_upcoming_contest_only(demo):
    officer = User.objects.get(email="officer@demo.example.kr")
    mois = Agency.objects.get(code="MOIS")
    upcoming = Contest.objects.get(name_ko=NEXT)
    entry = entry_create(
        contest=upcoming, category=upcoming.categories.get(name_ko="중앙행정기관"), agency=mois,
        title="지방세 체납액 통합 조회·납부", by=officer,
    )  # fmt: skip
    assert (entry.status, entry.contest) == ("draft", upcoming)
    gov = Contest.objects.get(name_ko=GOV)
    with pytest.raises(ValidationError, match="제출 마감이 지났습니다"):
        entry_create(contest=gov, category=gov.categories.first(), agency=mois, title="늦은 사례",
                     by=officer)  # fmt: skip
