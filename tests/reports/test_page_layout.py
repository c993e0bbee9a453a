"""Page images of one document of each kind, checked by tests/reports/layout.py: A4, no ink at
the paper's edge, every word inside the page and out of the side margins, no two words on top of
each other, and in the bottom margin only the frame's footer with "k / N" (issue 9, item 6).

The documents come from one realistic contest with long texts: 40 entries in two categories
(tables span pages), 120-character case titles and 60-character agency names with spaces (every
tenth title a pasted web address of 120 characters without one: it must break inside its table
cell), long criterion names, and judges' comments of 300 characters without a space. Round 1
(trimmed mean of 5 judges) sends the top 3 of each category to round 2 (mean of 3 judges);
awards and publication follow. It is built and every document rendered once for the module, in
a transaction rolled back at the end.

The last tests show that the checker sees a broken page (a paragraph that does not wrap and
runs off the paper, one placed in the bottom margin over the footer) and that a draft's DRAFT
mark, which lies over the body on purpose, is not taken for one.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from contests.models import Round, TieBreakRule
from reports.certificate_layout import BOX_HEIGHT, BOX_WIDTH, INSET
from reports.pdf import DocumentFrame, render_document
from scoring.models import Assignment, Scorecard, ScoreEvent
from scoring.selectors.results import result_in_force
from scoring.services.results import results_publish, round_finalize
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Agency, Attachment, Entry
from tests import factories
from tests.reports.layout import MM, layout_problems, pages_of
from tests.results.bulk import scored_entries

TITLE = (
    "국민 누구나 어디서나 쉽고 빠르게 이용하는 생활밀착형 디지털 행정서비스 혁신으로 "
    "민원 처리 기간을 절반으로 줄이고 현장의 불편을 "
)
AGENCY = "한국지능정보사회진흥원 디지털정부혁신추진단 공공서비스혁신본부 국민소통협력팀 "
COMMENT = ("현장적용성이뛰어나고확산가능성이큰사례로판단되며예산절감효과와주민만족도가"
           "함께높아졌음을자료로입증하였음" * 6)[:300]  # fmt: skip
CRITERIA = [
    ("혁신성: 기존 방식과 다른 새로운 접근으로 문제를 해결하였는가", "Innovation", 40),
    ("효과성: 국민이 체감하는 성과가 객관적인 자료로 입증되는가", "Effect", 35),
    ("확산 가능성: 다른 기관이 쉽게 도입하여 활용할 수 있는가", "Spread", 25),
]
# An award named at length, as some contests do (200 characters fit its field).
LONG_AWARD = (
    "행정안전부장관상 (국민 생활 밀착형 규제혁신 및 적극행정 확산 유공 특별 부문 "
    "최우수 기관 표창, 포상금 및 해외 우수사례 연수 기회 부여, 차년도 정부혁신 평가 가점 부여 대상)"
)
TIERS = [("대통령상", "Presidential Award", 1, False),
         ("국무총리상", "Prime Minister's Award", 1, True),
         (LONG_AWARD, "Minister's Award", 2, False)]  # fmt: skip
URL_TITLE = (
    "https://www.gov.kr/portal/service/serviceInfo/PTR000050463?"
    "Mcode=11166&tab=innovation&case=2026-digital-government-best-practice-report"
)[:120]
ATTACHMENTS = ["추진성과 보고서(최종본, 2026년 3월 기준) 및 주민 만족도 조사 결과 요약.pdf",
               "사업계획서.hwp"]  # fmt: skip
pytestmark = pytest.mark.django_db  # which also has pytest-django set the test database up

CERTIFICATE_PAGE_MARGIN_MM = 10  # templates/reports/pdf/certificate/style.css: @page certificate


def long_title(n: int) -> str:
    return f"{n:02d}. {TITLE}{TITLE}"[:120]  # ends in a word: "… 혁신으로"


def long_agency(n: int) -> str:
    return f"{n:02d}번 {AGENCY}{AGENCY}"[:60]


def build(organizer) -> dict:
    """The contest, its two rounds finalized and the results published; what each document
    needs."""
    now = timezone.now()
    window = {"opens_at": now - dt.timedelta(days=2), "closes_at": now + dt.timedelta(days=2)}
    contest = factories.ContestFactory(
        organizers=[organizer], year=2026, name_ko="2026 정부혁신 우수사례 경진대회",
        name_en="2026 Government Innovation Best Practice Contest",
    )  # fmt: skip
    categories = [
        factories.CategoryFactory(contest=contest, name_ko=ko, name_en=en, order=n)
        for n, (ko, en) in enumerate([("중앙행정기관", "Central"), ("광역·기초자치단체", "Local")])
    ]
    round1 = factories.RoundFactory(
        contest=contest, name_ko="1차 서면심사", name_en="Written review", order=0,
        method=Round.Method.TRIMMED_MEAN, trim_count=1, weight=Decimal("40"),
        advancement=Round.Advancement.TOP_N, advancement_value=Decimal("3"), **window,
    )  # fmt: skip
    round2 = factories.RoundFactory(
        contest=contest, name_ko="2차 발표심사", name_en="Presentation", order=1,
        method=Round.Method.MEAN, weight=Decimal("60"), **window,
    )  # fmt: skip
    criteria = [
        factories.CriterionFactory(round=round1, name_ko=ko, name_en=en, max_points=points, order=n)
        for n, (ko, en, points) in enumerate(CRITERIA)
    ]
    talk = factories.CriterionFactory(
        round=round2, name_ko="발표 및 질의응답", name_en="Talk", max_points=Decimal("100")
    )
    for n, criterion in enumerate(criteria):
        TieBreakRule.objects.create(contest=contest, order=n, kind="criterion", criterion=criterion)
    for n, (ko, en, count, per) in enumerate(TIERS):
        factories.AwardTierFactory(
            contest=contest, name_ko=ko, name_en=en, count=count, per_category=per, order=n
        )
    judges = [
        factories.JudgeFactory(contest=contest, user=factories.UserFactory(name=f"심사위원{n:02d}"))
        for n in range(10)
    ]
    entries = scored_entries(round1, categories, judges, criteria, 40, per_entry=5, seed=3)
    for n, entry in enumerate(entries, 1):
        entry.title = long_title(n) if n % 10 else URL_TITLE  # 10, 20, …: a pasted address
    Entry.objects.bulk_update(entries, ["title"])
    for n, agency in enumerate(Agency.objects.filter(entries__in=entries).distinct(), 1):
        agency.name_ko = agency.name_en = long_agency(n)
        agency.save(update_fields=["name_ko", "name_en"])
    Scorecard.objects.filter(round=round1).update(comment=COMMENT)
    first = entries[0]
    for name in ATTACHMENTS:
        kind = name.rsplit(".")[-1]
        attachment = Attachment(entry=first, original_name=name, kind=kind, size=2048, sha256="0")
        attachment.file.save("ignored", ContentFile(b"%PDF-1.4\n"))
    round_finalize(round_=round1, by=organizer)
    advanced = list(Entry.objects.filter(advancements__round=round2).order_by("receipt_number"))
    for entry in advanced:
        for number, judge in enumerate(judges[:3]):
            Assignment.objects.create(round=round2, judge=judge, entry=entry)
            card = scorecard_open(round_=round2, judge=judge, entry=entry)
            scorecard_fill(
                scorecard=card, values={talk.pk: str(70 + (entry.pk * 7 + number * 3) % 29)},
                comment=COMMENT[: 40 + number * 60], version=card.version, by=organizer,
                via=ScoreEvent.Via.ORGANIZER, reason="서명된 평가표", submit=True,
            )  # fmt: skip
    round_finalize(round_=round2, by=organizer)
    results_publish(contest=contest, by=organizer, scores=True, ranks=True)
    card = Scorecard.objects.filter(round=round1, entry=first).order_by("judge_id").first()
    return {"contest": contest, "round1": round1, "round2": round2, "entry": advanced[0],
            "first": first, "card": card, "judge": card.judge}  # fmt: skip


def urls(scene: dict) -> dict[str, str]:
    contest, round1, round2 = scene["contest"].pk, scene["round1"].pk, scene["round2"].pk
    entry = scene["entry"].pk
    return {
        "round_report": reverse("reports:round_results_pdf", args=[contest, round1]),
        "contest_report": reverse("reports:contest_results_pdf", args=[contest]),
        "tally_sheet": reverse("reports:tally_pdf", args=[contest, round1]),
        "entry_tally_sheet": reverse("reports:entry_tally_pdf", args=[contest, round2, entry]),
        "evaluation_sheet": reverse("reports:evaluation_sheet_pdf", args=[scene["card"].pk]),
        "judge_booklet": reverse("reports:judge_booklet_pdf", args=[round1, scene["judge"].pk]),
        "feedback_report": reverse("reports:feedback_pdf", args=[entry]),
        "entry_receipt": reverse("reports:entry_receipt_pdf", args=[scene["first"].pk]),
        "certificates": reverse("reports:certificates_pdf", args=[contest]),
    }


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker, tmp_path_factory) -> dict:
    """Every document of the scene, rendered once (Korean), the data rolled back after."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        translation.override("ko"),
        transaction.atomic(),
    ):
        organizer = factories.OrganizerFactory(name="김주관")
        scene = build(organizer)
        client = Client(HTTP_ACCEPT_LANGUAGE="ko")
        client.force_login(organizer)
        out = {}
        for name, url in urls(scene).items():
            response = client.get(url)
            assert response.status_code == 200, name
            out[name] = response.content
        out["digest"] = result_in_force(scene["round2"]).digest
        transaction.set_rollback(True)
    return out


FRAMED = ["round_report", "contest_report", "tally_sheet", "entry_tally_sheet", "evaluation_sheet",
          "judge_booklet", "feedback_report"]  # fmt: skip
SPANNING = {"round_report", "contest_report", "tally_sheet", "judge_booklet", "feedback_report"}


def page_count(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    return len(pages_of(path))


@pytest.mark.parametrize("name", FRAMED)
def test_a_document_in_the_page_frame_is_laid_out(documents, name, tmp_path):
    assert layout_problems(documents[name], tmp_path) == []
    if name in SPANNING:  # its tables (or sheets) run over several pages
        assert page_count(documents[name], tmp_path) > 1


def test_the_receipt_is_laid_out(documents, tmp_path):
    """No frame: the page defaults of reports.pdf (margins 20 mm and 18 mm), no footer."""
    problems = layout_problems(
        documents["entry_receipt"], tmp_path, footer=False, margins=(20, 18, 20, 18)
    )
    assert problems == []
    assert page_count(documents["entry_receipt"], tmp_path) == 1


def test_each_certificate_stays_inside_its_border(documents, tmp_path):
    """One page per award (대통령상 1, 국무총리상 1 per category, 장관상 2), laid out; inside the
    frame's inner line every word but the verification line below it."""
    pdf = documents["certificates"]
    margins = (CERTIFICATE_PAGE_MARGIN_MM, 10, 14.5, 10)
    assert layout_problems(pdf, tmp_path, footer=False, margins=margins) == []
    left = top = (CERTIFICATE_PAGE_MARGIN_MM + INSET) * MM
    right = (CERTIFICATE_PAGE_MARGIN_MM + BOX_WIDTH - INSET) * MM
    bottom = (CERTIFICATE_PAGE_MARGIN_MM + BOX_HEIGHT - INSET) * MM
    path = tmp_path / "certificates.pdf"
    path.write_bytes(pdf)
    pages = pages_of(path)
    assert len(pages) == 5
    for page in pages:
        outside = [
            w.text for w in page.words
            if w.x0 < left or w.x1 > right or w.y0 < top or w.y1 > bottom
        ]  # fmt: skip
        assert outside == ["확인", "번호", f"{documents['digest'][:12]}-2026-00{page.number}"]


BROKEN = """{% extends "reports/pdf/base.html" %}{% block content %}
<h1>깨진 문서</h1>
<p>이 문단은 제자리에 있습니다.</p>
<p style="white-space: nowrap">줄을 바꾸지 않는 이 문단은 본문의 폭을 넘고
오른쪽 여백을 지나 종이 밖으로 이어져 끝내 보이지 않는 곳까지 길게 이어집니다 하나하나 둘 셋 넷</p>
<p style="position: absolute; bottom: -10mm; left: 40mm">꼬리말 자리의 문단</p>
{% endblock %}"""
DRAFT = """{% extends "reports/pdf/base.html" %}{% block content %}<h1>초안</h1>
{% for n in rows %}<p>{{ n }}. 국민 누구나 어디서나 쉽고 빠르게 이용하는 생활밀착형 디지털
행정서비스 혁신으로 민원 처리 기간을 절반으로 줄였습니다.</p>{% endfor %}{% endblock %}"""
DIGEST = "0123abcd" * 8


def render(tmp_path, settings, markup: str, context: dict, *, draft: bool = False) -> bytes:
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    frame = DocumentFrame(
        "시험 문서", "2026 정부혁신 우수사례 경진대회", "" if draft else DIGEST, draft
    )
    (tmp_path / "check").mkdir()
    return render_document("page.html", context, frame=frame)


def test_the_checker_sees_a_broken_page(tmp_path, settings):
    """A paragraph that does not wrap runs into the right margin and off the paper (the words
    wholly past the edge are not read back: the ink at the edge tells); a paragraph placed in
    the bottom margin lies over the footer."""
    pdf = render(tmp_path, settings, BROKEN, {})
    over = [f"page 1: {word!r} overlaps {DIGEST!r}" for word in ("꼬리말", "자리의", "문단")]
    margin = [
        f"page 1: {word!r} is in the bottom margin, not the footer"
        for word in ("꼬리말", "자리의", "문단")
    ]
    assert layout_problems(pdf, tmp_path / "check") == [
        "page 1: '이어집니다' runs into the right margin",
        "page 1: '하나하' lies outside the page",
        *over,
        *margin,
        "page 1: ink at the right edge",
    ]


def test_the_draft_mark_over_the_body_is_no_problem(tmp_path, settings):
    """A draft's DRAFT mark (초안) lies over the body on purpose, on every page."""
    pdf = render(tmp_path, settings, DRAFT, {"rows": range(40)}, draft=True)
    path = tmp_path / "draft.pdf"
    path.write_bytes(pdf)
    pages = pages_of(path)
    marks = [[w for w in page.words if w.y1 - w.y0 > 30] for page in pages]
    assert [[w.text for w in letters] for letters in marks] == [["안", "초"]] * 3
    body = [w for w in pages[0].words if w not in marks[0]]  # on the full first page, each
    assert all(any(m.overlaps(w) for w in body) for m in marks[0])  # letter covers body words
    assert layout_problems(pdf, tmp_path / "check") == []
