"""Published results: the public page (Korean and English, winners only or with scores), the
snapshot files, each agency's own result (comments without judge names), the judges' link, and
404 for everything before publication.

The scene is judged through the real services: judges fill and submit their scorecards
(scoring.services.scorecards), the organizer finalizes both rounds and publishes
(scoring.services.results). Hand computation (method: mean; round weights 40 / 60):

    entry      category  round 1 totals  r1  round 2      r2  contest = 0.4·r1 + 0.6·r2
    2025-0001  central   80 86 86        84  90 92 94     92  88.80  rank 1  대상
    2025-0002  central   75 78 78        77  80 82 84     82  80.00  rank 3  우수상 (central #2)
    2025-0003  central   60 66 63        63  — (3rd of its category: not in the top 2)
    2025-0004  local     90 80 85        85  85 87 89     87  86.20  rank 2  우수상 (local #1)
    2025-0005  local     70 72 74        72  70 75 80     75  73.80  rank 4
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scoring.models import Assignment, RoundResult, ScoreEvent
from scoring.services.results import results_publish, results_unpublish, round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_open
from scoring.snapshot import verify
from submissions.models import Entry
from tests import factories as f

pytestmark = pytest.mark.django_db

JUDGES = ("김심사", "이심사", "박심사")  # created in this order: J1, J2, J3
ROUND1 = {  # receipt → per judge (혁신성 /60, 효과성 /40)
    "2025-0001": [(50, 30), (54, 32), (52, 34)],
    "2025-0002": [(45, 30), (48, 30), (45, 33)],
    "2025-0003": [(40, 20), (42, 24), (39, 24)],
    "2025-0004": [(55, 35), (50, 30), (52, 33)],
    "2025-0005": [(40, 30), (44, 28), (42, 32)],
}
ROUND2 = {"2025-0001": [90, 92, 94], "2025-0002": [80, 82, 84], "2025-0004": [85, 87, 89],
          "2025-0005": [70, 75, 80]}  # fmt: skip
COMMENTS = {  # (round, receipt, judge index) → comment; J1 writes the longest
    (1, "2025-0001", 0): "현장 적용성이 뛰어나고 다른 기관으로 확산할 가능성이 큽니다.",
    (1, "2025-0001", 2): "성과 지표가 명확합니다.",
    (2, "2025-0001", 1): "발표가 간결했습니다.",
    (1, "2025-0004", 0): "서울시 사례에 대한 의견입니다.",
}


@dataclass
class Scene:
    contest: object
    rounds: list
    entries: dict
    judges: list
    organizer: object
    member: object  # 행정안전부 (2025-0001, 2025-0003)
    outsider: object  # 서울특별시 (2025-0004)


def _score(round_, judge, entry, values: dict, comment: str | None):
    Assignment.objects.create(round=round_, judge=judge, entry=entry)
    card = scorecard_open(round_=round_, judge=judge, entry=entry)
    scorecard_fill(
        scorecard=card, values={c.pk: str(v) for c, v in values.items()}, comment=comment,
        version=None, by=judge.user, via=ScoreEvent.Via.JUDGE, reason="", submit=True,
    )  # fmt: skip


def build(*, publish=True, scores=False, ranks=True, extra=0) -> Scene:
    """The scene above; `extra` more low-scored entries per category (for the query counts)."""
    organizer = f.OrganizerFactory(name="김주관")
    contest = f.ContestFactory(
        organizers=[organizer], year=2025, name_ko="2025 적극행정 경진대회",
        name_en="2025 Proactive Administration Contest",
    )  # fmt: skip
    central = f.CategoryFactory(contest=contest, name_ko="중앙행정기관", name_en="Central agencies")
    local = f.CategoryFactory(contest=contest, name_ko="지방자치단체", name_en="")
    now = timezone.now()
    window = {"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=1)}
    round1 = f.RoundFactory(
        contest=contest, order=0, name_ko="1차 서면심사", name_en="Written review",
        method="mean", weight=Decimal(40), advancement="top_n", advancement_value=Decimal(2),
        **window,
    )  # fmt: skip
    round2 = f.RoundFactory(
        contest=contest, order=1, name_ko="2차 발표심사", name_en="Presentation",
        method="mean", weight=Decimal(60), **window,
    )  # fmt: skip
    criteria1 = [
        f.CriterionFactory(round=round1, name_ko="혁신성", name_en="Innovation",
                           max_points=Decimal(60), order=0),
        f.CriterionFactory(round=round1, name_ko="효과성", name_en="", max_points=Decimal(40),
                           order=1),
    ]  # fmt: skip
    talk = f.CriterionFactory(
        round=round2, name_ko="발표", name_en="Presentation", max_points=Decimal(100)
    )
    f.AwardTierFactory(contest=contest, name_ko="대상", name_en="Grand Prize", count=1, order=0)
    f.AwardTierFactory(
        contest=contest, name_ko="우수상", name_en="", count=1, per_category=True, order=1
    )
    mois = f.AgencyFactory(name_ko="행정안전부", name_en="Ministry of the Interior and Safety")
    seoul = f.AgencyFactory(name_ko="서울특별시", name_en="Seoul")
    nts = f.AgencyFactory(name_ko="국세청", name_en="")
    busan = f.AgencyFactory(name_ko="부산광역시", name_en="Busan")
    plan = [("2025-0001", central, mois, "민원 처리 자동화"),
            ("2025-0002", central, nts, "세금 신고 간소화"),
            ("2025-0003", central, mois, "종이 없는 회의"),
            ("2025-0004", local, seoul, "공공자전거 확대"),
            ("2025-0005", local, busan, "바다 쓰레기 줄이기")]  # fmt: skip
    table1 = dict(ROUND1)
    for n in range(2 * extra):
        number = f"2025-{n + 6:04d}"
        plan.append((number, (central, local)[n % 2], f.AgencyFactory(), f"추가 사례 {n}"))
        table1[number] = [(10, 10)] * 3
    entries = {
        number: f.EntryFactory(
            contest=contest, category=category, agency=agency, title=title,
            status=Entry.Status.SUBMITTED, receipt_number=number, submitted_at=now,
        )
        for number, category, agency, title in plan
    }  # fmt: skip
    judges = [f.JudgeFactory(contest=contest, user__name=name) for name in JUDGES]
    for number, marks in table1.items():
        for index, (judge, values) in enumerate(zip(judges, marks, strict=True)):
            comment = COMMENTS.get((1, number, index))
            _score(
                round1, judge, entries[number], dict(zip(criteria1, values, strict=True)), comment
            )
    round_finalize(round_=round1, by=organizer)
    for number, marks in ROUND2.items():
        for index, (judge, value) in enumerate(zip(judges, marks, strict=True)):
            comment = COMMENTS.get((2, number, index))
            _score(round2, judge, entries[number], {talk: value}, comment)
    round_finalize(round_=round2, by=organizer)
    if publish:
        results_publish(contest=contest, by=organizer, scores=scores, ranks=ranks)
    member = f.AgencyMembershipFactory(agency=mois, user__name="정담당").user
    outsider = f.AgencyMembershipFactory(agency=seoul, user__name="서담당").user
    contest.refresh_from_db()
    return Scene(contest, [round1, round2], entries, judges, organizer, member, outsider)


def client_for(user=None, language="ko") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


class _Tables(HTMLParser):
    """Every table's rows as lists of cell texts (whitespace collapsed)."""

    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
            self.tables[-1].append(self.row)
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def headings(html: str, level: int) -> list[str]:
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in found]


def public_url(scene):
    return reverse("public:contest", args=[scene.contest.pk])


def entry_url(scene, number):
    return reverse("public:entry", args=[scene.contest.pk, scene.entries[number].pk])


def snapshot_url(scene, round_):
    return reverse("public:snapshot", args=[scene.contest.pk, round_.pk])


def test_public_page_in_korean_shows_only_the_winners():
    scene = build(scores=False)
    html = client_for().get(public_url(scene)).content.decode()
    final = RoundResult.objects.get(round=scene.rounds[1], voided_at=None)
    assert headings(html, 1) == ["2025 적극행정 경진대회 결과"]
    assert headings(html, 2) == ["대상", "우수상", "결과 직접 검증하기"]
    header = ["부문", "접수번호", "사례 제목", "기관"]
    assert tables(html) == [
        [header, ["중앙행정기관", "2025-0001", "민원 처리 자동화", "행정안전부"]],
        [header, ["중앙행정기관", "2025-0002", "세금 신고 간소화", "국세청"],
         ["지방자치단체", "2025-0004", "공공자전거 확대", "서울특별시"]],
    ]  # fmt: skip
    published = timezone.localtime(scene.contest.results_published_at).strftime("%Y-%m-%d")
    assert f"<p>{published} 공개</p>" in html
    assert '<p class="contest-muted">전체 1건</p>' in html
    assert '<p class="contest-muted">부문별 1건</p>' in html
    digest = (
        f"최종 심사 단계(2차 발표심사) 결과 파일의 해시값(SHA-256): <code>{final.digest}</code>"
    )
    assert f"<p>{digest}</p>" in html
    assert "<pre><code>python manage.py verify_results FILE</code></pre>" in html
    for round_, name in zip(scene.rounds, ("1차 서면심사", "2차 발표심사"), strict=True):
        link = f'<a href="{snapshot_url(scene, round_)}" download>{name} 결과 파일(JSON)</a>'
        assert link in html
    assert "88.80" not in html
    assert "순위" not in html


def test_public_page_in_english_with_scores_and_ranks():
    scene = build(scores=True)
    html = client_for(language="en").get(public_url(scene)).content.decode()
    assert headings(html, 1) == ["Results: 2025 Proactive Administration Contest"]
    assert headings(html, 2) == ["Grand Prize", "우수상", "Check these results yourself"]
    head = ["Category", "Receipt number", "Case title", "Agency", "Score"]
    assert tables(html) == [
        [[*head, "Rank"],
         ["Central agencies", "2025-0001", "민원 처리 자동화",
          "Ministry of the Interior and Safety", "88.80", "1"]],
        [[*head, "Rank in category"],
         ["Central agencies", "2025-0002", "세금 신고 간소화", "국세청", "80.00", "2"],
         ["지방자치단체", "2025-0004", "공공자전거 확대", "Seoul", "86.20", "1"]],
    ]  # fmt: skip
    assert '<p class="contest-muted">1 overall</p>' in html
    assert "download>Snapshot of Written review (JSON)</a>" in html


def test_the_snapshot_downloads_byte_for_byte_and_verifies():
    scene = build()
    for number, round_ in enumerate(scene.rounds, 1):
        result = RoundResult.objects.get(round=round_, voided_at=None)
        response = client_for().get(snapshot_url(scene, round_))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == (
            f'attachment; filename="result-{scene.contest.year}-round{number}-'
            f'{result.digest[:12]}.json"'
        )
        assert response.content == result.snapshot.encode()
        assert verify(response.content.decode())["ok"] is True
    other = f.RoundFactory()
    url = reverse("public:snapshot", args=[scene.contest.pk, other.pk])
    assert client_for().get(url).status_code == 404


def test_nothing_is_public_before_publication_or_after_withdrawal():
    scene = build(publish=False)
    urls = [public_url(scene), snapshot_url(scene, scene.rounds[1]), entry_url(scene, "2025-0001")]
    for url in urls:
        assert client_for(scene.member).get(url).status_code == 404
    judge = client_for(scene.judges[0].user)
    assert public_url(scene) not in judge.get(reverse("judge:dashboard")).content.decode()
    detail = reverse("entries:detail", args=[scene.entries["2025-0001"].pk])
    assert (
        entry_url(scene, "2025-0001") not in client_for(scene.member).get(detail).content.decode()
    )
    results_publish(contest=scene.contest, by=scene.organizer, scores=False, ranks=True)
    assert [client_for(scene.member).get(url).status_code for url in urls] == [200, 200, 200]
    results_unpublish(contest=scene.contest, by=scene.organizer, reason="수상작 재검토")
    assert [client_for(scene.member).get(url).status_code for url in urls] == [404, 404, 404]


def test_agency_sees_its_result_with_comments_and_no_judge_names():
    scene = build()
    html = client_for(scene.member).get(entry_url(scene, "2025-0001")).content.decode()
    assert headings(html, 1) == ["민원 처리 자동화 심사 결과"]
    assert headings(html, 2) == ["1차 서면심사", "2차 발표심사"]
    criteria = ["평가항목", "평균", "배점"]
    assert tables(html) == [
        [["접수번호", "2025-0001"], ["부문", "중앙행정기관"], ["기관", "행정안전부"],
         ["최종 점수", "88.80"], ["순위", "1위"], ["부문 내 순위", "1위"], ["시상", "대상"]],
        [["점수", "84.00"], ["순위", "2위"], ["부문 내 순위", "1위"], ["다음 단계", "진출"]],
        [criteria, ["혁신성", "52.00", "60"], ["효과성", "32.00", "40"]],
        [["점수", "92.00"], ["순위", "1위"], ["부문 내 순위", "1위"]],
        [criteria, ["발표", "92.00", "100"]],
    ]  # fmt: skip
    main = html.split("심사위원 의견</h3>", 1)[1].split("</main>", 1)[0]  # not the footer's
    comments = re.findall(r"<li>(.*?)</li>", main)
    assert comments == [
        "성과 지표가 명확합니다.",
        "현장 적용성이 뛰어나고 다른 기관으로 확산할 가능성이 큽니다.",
        "발표가 간결했습니다.",
    ]
    assert "서울시 사례에 대한 의견입니다." not in html
    for name in JUDGES:
        assert name not in html


def test_agency_sees_an_entry_that_did_not_advance_and_no_rank_when_ranks_are_private():
    scene = build(ranks=False)
    html = client_for(scene.member).get(entry_url(scene, "2025-0003")).content.decode()
    assert tables(html) == [
        [["접수번호", "2025-0003"], ["부문", "중앙행정기관"], ["기관", "행정안전부"]],
        [["점수", "63.00"], ["다음 단계", "진출하지 못함"]],
        [["평가항목", "평균", "배점"], ["혁신성", "40.33", "60"], ["효과성", "22.67", "40"]],
    ]
    assert "<p>이 사례는 최종 심사 단계에 오르지 못했습니다.</p>" in html
    assert "<p>의견이 없습니다.</p>" in html


def test_only_the_entrys_agency_sees_it():
    scene = build()
    url = entry_url(scene, "2025-0001")
    assert client_for(scene.outsider).get(url).status_code == 404
    assert client_for(scene.organizer).get(url).status_code == 404
    assert client_for(scene.judges[0].user).get(url).status_code == 404
    anonymous = client_for().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(scene.outsider).get(entry_url(scene, "2025-0004")).status_code == 200
    foreign = reverse("public:entry", args=[f.ContestFactory().pk, scene.entries["2025-0001"].pk])
    assert client_for(scene.member).get(foreign).status_code == 404


def test_links_after_publication_from_judge_dashboard_entry_and_contest_pages():
    scene = build()
    dashboard = client_for(scene.judges[1].user).get(reverse("judge:dashboard")).content.decode()
    assert f'<a href="{public_url(scene)}">2025 적극행정 경진대회 결과</a>' in dashboard
    detail = reverse("entries:detail", args=[scene.entries["2025-0001"].pk])
    page = client_for(scene.member).get(detail).content.decode()
    link = f'<a class="krds-btn primary" href="{entry_url(scene, "2025-0001")}">우리 기관 결과</a>'
    assert link in page
    contest = client_for().get(reverse("contests:detail", args=[scene.contest.pk]))
    assert f'href="{public_url(scene)}">결과 보기</a>' in contest.content.decode()


def _queries(url: str, user=None) -> int:
    client = client_for(user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data():
    counts = []
    for extra in (0, 4):
        with transaction.atomic():
            scene = build(extra=extra)
            counts.append(
                (_queries(public_url(scene)), _queries(entry_url(scene, "2025-0001"), scene.member))
            )
            transaction.set_rollback(True)
    assert counts[0] == counts[1]
