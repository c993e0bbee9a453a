"""평가표 PDFs: one judge's submitted scorecard, and a judge's booklet of a round.

The scene: a contest (blind judging off unless a test turns it on) with one round of two criteria,
혁신성 (60, with levels) and 효과성 (40); judges 가심사 and 나심사. 가심사 submits 2026-0001
(50 + 35 = 85, comment with markup) and 2026-0002 (48 + 30 = 78, no comment) and leaves 2026-0003
as a draft; 나심사 submits 2026-0001 (45 + 32 = 77). Scores go through the judge's services.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Assignment, Conflict, Scorecard, ScoreEvent
from scoring.services.results import round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Entry
from tests import factories as f
from tests.pdftools import poppler as pdf_tool

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
COMMENT = "<b>x</b> 현장 적용성이 뛰어납니다.\n확산 가능성이 큽니다."


def pages(pdf: bytes, tmp_path) -> int:
    info = pdf_tool("pdfinfo", pdf, tmp_path)
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def page_lines(pdf: bytes, tmp_path) -> list[list[str]]:
    """Each page's lines as pdftotext -layout reads them, spaces collapsed, blank ones left out."""
    pages = pdf_tool("pdftotext", pdf, tmp_path, "-layout").split("\f")[:-1]
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in pages
    ]


def text_lines(pdf: bytes, tmp_path) -> list[str]:
    return [line for page in page_lines(pdf, tmp_path) for line in page]


def fonts_embedded(pdf: bytes, tmp_path) -> bool:
    lines = pdf_tool("pdffonts", pdf, tmp_path).splitlines()[2:]
    return bool(lines) and all("Pretendard-GOV" in line and " yes " in line for line in lines)


def client_for(user, language: str = "ko") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


class Scene:
    def __init__(self, organizer, *, entries: int = 3, prefix: str = "2026"):
        now = timezone.now()
        self.organizer = organizer
        self.contest = f.ContestFactory(
            organizers=[organizer], year=2026, name_ko="2026 정부혁신 우수사례 경진대회",
            name_en="2026 Government Innovation", blind_judging=False,
        )  # fmt: skip
        category = f.CategoryFactory(contest=self.contest, name_ko="중앙부처", name_en="Central")
        self.round = f.RoundFactory(
            contest=self.contest, name_ko="1차 서면심사", name_en="Written review", order=0,
            method=Round.Method.MEAN, opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=1),
        )  # fmt: skip
        self.innovation = f.CriterionFactory(
            round=self.round, name_ko="혁신성", name_en="Innovation", max_points=Decimal(60),
            order=0,
        )  # fmt: skip
        f.LevelFactory(criterion=self.innovation, label="매우우수", points=Decimal(50), order=0)
        self.effect = f.CriterionFactory(
            round=self.round, name_ko="효과성", name_en="Effect", max_points=Decimal(40), order=1
        )
        self.agency = f.AgencyFactory(name_ko="행정안전부", name_en="Ministry of the Interior")
        self.entries = [
            f.EntryFactory(
                contest=self.contest, category=category, agency=self.agency,
                status=Entry.Status.SUBMITTED, submitted_at=now,
                receipt_number=f"{prefix}-{n:04d}", title=f"민원 처리 자동화 {n}",
            )
            for n in range(1, entries + 1)
        ]  # fmt: skip
        self.judge_a = f.JudgeFactory(
            contest=self.contest, user=f.UserFactory(name="가심사", email=f"a{prefix}@judge.kr")
        )
        self.judge_b = f.JudgeFactory(
            contest=self.contest, user=f.UserFactory(name="나심사", email=f"b{prefix}@judge.kr")
        )
        for entry in self.entries:
            Assignment.objects.create(round=self.round, judge=self.judge_a, entry=entry)
        Assignment.objects.create(round=self.round, judge=self.judge_b, entry=self.entries[0])
        self.card_a1 = self.fill(self.judge_a, self.entries[0], (50, 35), COMMENT)
        self.card_a2 = self.fill(self.judge_a, self.entries[1], (48, 30), None)
        self.draft = self.fill(self.judge_a, self.entries[2], (40, None), "초안", submit=False)
        self.card_b1 = self.fill(self.judge_b, self.entries[0], (45, 32), "보통입니다.")
        for n, entry in enumerate(self.entries[3:], start=3):
            self.fill(self.judge_a, entry, (30 + n % 20, 20), f"의견 {n}")

    def fill(self, judge, entry, values, comment, *, submit=True) -> Scorecard:
        card = scorecard_open(round_=self.round, judge=judge, entry=entry)
        raw = {self.innovation.pk: values[0], self.effect.pk: values[1]}
        raw = {k: str(v) for k, v in raw.items() if v is not None}
        return scorecard_fill(
            scorecard=card, values=raw, comment=comment, version=None, by=judge.user,
            via=ScoreEvent.Via.JUDGE, reason="", submit=submit,
        ).scorecard  # fmt: skip

    def sheet_url(self, card) -> str:
        return reverse("reports:evaluation_sheet_pdf", args=[card.pk])

    def booklet_url(self, judge) -> str:
        return reverse("reports:judge_booklet_pdf", args=[self.round.pk, judge.pk])


@pytest.fixture
def scene(organizer):
    return Scene(organizer)


def seoul(moment) -> str:
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M") + " KST"


def test_the_judge_prints_their_own_sheet(scene, tmp_path):
    response = client_for(scene.judge_a.user).get(scene.sheet_url(scene.card_a1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        "inline; filename=\"2026_evaluation_sheet_round1_2026-0001.pdf\"; filename*=utf-8''"
    )
    pdf = response.content
    assert fonts_embedded(pdf, tmp_path)
    assert pages(pdf, tmp_path) == 1
    lines = text_lines(pdf, tmp_path)
    assert lines[0] == "2026 정부혁신 우수사례 경진대회 평가표"  # the frame: contest, title
    assert lines[1:13] == [
        "평가표",
        "심사 단계 1차 서면심사 접수번호 2026-0001",
        "사례 제목 민원 처리 자동화 1",
        "부문 중앙부처 기관 행정안전부",  # blind judging is off
        "번호 평가항목 배점 점수",
        "1 혁신성 60 50",
        "매우우수",  # the level the judge chose
        "2 효과성 40 35",
        "합계 100 85",
        "심사 의견",
        "<b>x</b> 현장 적용성이 뛰어납니다.",  # the comment, literal
        "확산 가능성이 큽니다.",
    ]
    assert lines[13:16] == [
        "본인은 위 평가항목에 따라 이 사례를 공정하게 심사하였음을 확인합니다.",
        f"제출 일시 {seoul(scene.card_a1.submitted_at)}",
        "심사위원 가심사 ________ (서명)",
    ]
    # the frame's foot: "Not a finalized result" (no digest before finalization) and n / N
    assert len(lines) == 17
    assert lines[16].endswith(" 1/1")
    assert "SHA-256" not in lines[16]


def test_the_frame_carries_the_digest_once_the_round_is_finalized(scene, tmp_path):
    scene.fill(scene.judge_a, scene.entries[2], (40, 30), None)
    result = round_finalize(round_=scene.round, by=scene.organizer)
    response = client_for(scene.organizer).get(scene.sheet_url(scene.card_b1))
    assert response.status_code == 200
    lines = text_lines(response.content, tmp_path)
    assert lines[-1].endswith(f"SHA-256 {result.digest} 1/1")
    assert "1 혁신성 60 45" in lines
    assert "합계 100 77" in lines
    assert "심사위원 나심사 ________ (서명)" in lines


def test_english_sheet_has_english_headings(scene, tmp_path):
    response = client_for(scene.judge_a.user, "en").get(scene.sheet_url(scene.card_a1))
    lines = text_lines(response.content, tmp_path)
    assert lines[:9] == [
        "2026 Government Innovation Evaluation sheet",
        "Evaluation sheet",
        "Round Written review Receipt number 2026-0001",
        "Case title 민원 처리 자동화 1",
        "Category Central Agency Ministry of the Interior",
        "No. Criterion Max points Score",
        "1 Innovation 60 50",
        "매우우수",
        "2 Effect 40 35",
    ]
    assert "Total 100 85" in lines
    assert "Comment" in lines
    assert f"Submitted at {seoul(scene.card_a1.submitted_at)}" in lines
    assert "Judge 가심사 ________ (signature)" in lines


def test_blind_judging_leaves_the_agency_out(scene, tmp_path):
    scene.contest.blind_judging = True
    scene.contest.save(update_fields=["blind_judging"])
    for user, url in (
        (scene.judge_a.user, scene.sheet_url(scene.card_a1)),
        (scene.judge_a.user, scene.booklet_url(scene.judge_a)),
        (scene.organizer, scene.booklet_url(scene.judge_a)),
    ):
        lines = text_lines(client_for(user).get(url).content, tmp_path)
        assert not [line for line in lines if "행정안전부" in line or "기관" in line]
        assert "부문 중앙부처" in lines
        assert "사례 제목 민원 처리 자동화 1" in lines


def test_who_gets_a_sheet(scene, site_admin):
    url = scene.sheet_url(scene.card_a1)
    assert client_for(scene.judge_a.user).get(url).status_code == 200
    assert client_for(scene.organizer).get(url).status_code == 200
    assert client_for(site_admin).get(url).status_code == 200
    # another judge of the same entry, another organizer, an agency member: nothing to see
    assert client_for(scene.judge_b.user).get(url).status_code == 404
    assert client_for(f.OrganizerFactory()).get(url).status_code == 404
    member = f.AgencyMembershipFactory(agency=scene.agency).user
    assert client_for(member).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # a draft has no sheet, not even for its judge or the organizer
    for user in (scene.judge_a.user, scene.organizer):
        assert client_for(user).get(scene.sheet_url(scene.draft)).status_code == 404
    # a scorecard that no longer counts (a conflict recorded after it was submitted)
    Conflict.objects.create(judge=scene.judge_b, entry=scene.entries[0], kind="challenge")
    b1 = scene.sheet_url(scene.card_b1)
    assert client_for(scene.judge_b.user).get(b1).status_code == 404
    assert client_for(scene.organizer).get(b1).status_code == 404


def test_booklet_has_a_first_page_and_one_page_per_submitted_sheet(scene, tmp_path):
    response = client_for(scene.judge_a.user).get(scene.booklet_url(scene.judge_a))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'inline; filename="2026_judge_booklet_round1_judge{scene.judge_a.pk}.pdf"'
    )
    pdf = response.content
    assert fonts_embedded(pdf, tmp_path)
    assert pages(pdf, tmp_path) == 3  # the list, 2026-0001, 2026-0002 (the draft is left out)
    first, one, two = page_lines(pdf, tmp_path)
    when = seoul(scene.card_a1.submitted_at), seoul(scene.card_a2.submitted_at)
    assert first[0] == "2026 정부혁신 우수사례 경진대회 가심사 심사위원 평가표"
    assert first[1:9] == [
        "평가표 모음",
        "심사 단계 1차 서면심사",
        "심사위원 가심사",
        "평가표 수 2",
        first[5],  # 출력 일시: now
        "번호 접수번호 사례 제목 부문 기관 합계 제출 일시",
        f"1 2026-0001 민원 처리 자동화 1 중앙부처 행정안전부 85 {when[0]}",
        f"2 2026-0002 민원 처리 자동화 2 중앙부처 행정안전부 78 {when[1]}",
    ]
    assert first[5].startswith("출력 일시 ")
    assert len(first) == 10  # the draft 2026-0003 is left out
    assert first[9].endswith(" 1/3")
    assert "SHA-256" not in first[9]
    assert one[2:4] == ["심사 단계 1차 서면심사 접수번호 2026-0001", "사례 제목 민원 처리 자동화 1"]
    assert "합계 100 85" in one
    assert "<b>x</b> 현장 적용성이 뛰어납니다." in one
    assert f"제출 일시 {when[0]}" in one
    assert two[2:4] == ["심사 단계 1차 서면심사 접수번호 2026-0002", "사례 제목 민원 처리 자동화 2"]
    assert two[6:10] == ["1 혁신성 60 48", "2 효과성 40 30", "합계 100 78", "심사 의견"]
    assert two[10] == "—"  # no comment
    assert f"제출 일시 {when[1]}" in two
    for page in (one, two):
        assert "심사위원 가심사 ________ (서명)" in page
        assert not [line for line in page if "나심사" in line]


def test_who_gets_a_booklet(scene, site_admin, tmp_path):
    url = scene.booklet_url(scene.judge_a)
    assert client_for(scene.organizer).get(url).status_code == 200
    assert client_for(site_admin).get(url).status_code == 200
    assert client_for(scene.judge_b.user).get(url).status_code == 404
    assert client_for(f.OrganizerFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # 나심사's own booklet holds only 나심사's sheet
    own = client_for(scene.judge_b.user).get(scene.booklet_url(scene.judge_b))
    assert pages(own.content, tmp_path) == 2
    first, sheet = page_lines(own.content, tmp_path)
    when = seoul(scene.card_b1.submitted_at)
    assert first[7] == f"1 2026-0001 민원 처리 자동화 1 중앙부처 행정안전부 77 {when}"
    assert "합계 100 77" in sheet
    assert "심사위원 나심사 ________ (서명)" in sheet
    # a round of another contest is not this judge's
    other = f.RoundFactory()
    wrong = reverse("reports:judge_booklet_pdf", args=[other.pk, scene.judge_a.pk])
    assert client_for(scene.organizer).get(wrong).status_code == 404


def test_booklet_queries_do_not_grow_with_its_sheets(organizer):
    counts = []
    for size in (3, 9):
        scene = Scene(organizer, entries=size, prefix=str(size))
        client = client_for(scene.organizer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(scene.booklet_url(scene.judge_a))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_links_on_the_judge_and_organizer_pages(scene):
    judge = client_for(scene.judge_a.user)
    dashboard = judge.get(reverse("judge:dashboard")).content.decode()
    assert scene.booklet_url(scene.judge_a) in dashboard
    card_page = judge.get(reverse("judge:scorecard", args=[scene.round.pk, scene.entries[0].pk]))
    assert scene.sheet_url(scene.card_a1) in card_page.content.decode()
    assert scene.booklet_url(scene.judge_a) in card_page.content.decode()
    draft_page = judge.get(reverse("judge:scorecard", args=[scene.round.pk, scene.entries[2].pk]))
    assert "sheet.pdf" not in draft_page.content.decode()
    organizer = client_for(scene.organizer)
    progress = organizer.get(reverse("control:progress", args=[scene.contest.pk])).content
    assert scene.booklet_url(scene.judge_a).encode() in progress
    audit = organizer.get(reverse("control:audit_judge", args=[scene.contest.pk, scene.judge_a.pk]))
    assert scene.sheet_url(scene.card_a1).encode() in audit.content
    assert scene.sheet_url(scene.draft).encode() not in audit.content
