"""Filing and answering objections (scoring.services.objections): the period, one open objection
per entry, the agency's own entry only, and what upholding reopens, exactly."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from contests.models import Contest, PublicationEvent
from scoring.models import Objection, ObjectionWindow, RoundResult, Scorecard, ScoreEvent
from scoring.services.objections import objection_answer, objection_file, objection_window_set
from scoring.services.results import results_unpublish
from submissions.models import Entry
from tests.objections.scene import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


def file_scores(published, receipt="2026-0001", by=None, round_=None, **extra):
    return objection_file(
        entry=published.entry(receipt), by=by or published.member, concern="scores",
        round_=round_ or published.scene.round2, text="발표 점수 합산이 잘못되었습니다.", **extra,
    )  # fmt: skip


def refused(call) -> list[str]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.messages


# --- the period ---------------------------------------------------------------------------------


def test_an_objection_is_numbered_and_stored_with_who_and_when(published):
    before = timezone.now()
    first = file_scores(published, upload=pdf_upload())
    second = objection_file(
        entry=published.entry("2026-0002"), by=published.other, concern="procedure",
        text="발표 순서가 공지와 달랐습니다.",
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.filed_by == published.member
    assert first.filed_at >= before
    assert (first.concern, first.round, first.status) == ("scores", published.scene.round2, "open")
    assert (first.file_name, first.file_kind) == ("산정근거.pdf", "pdf")
    assert first.file.read().startswith(b"%PDF-")
    assert (second.round, second.file.name) == (None, "")


def test_refused_before_a_period_is_set(published):
    ObjectionWindow.objects.all().delete()
    assert refused(lambda: file_scores(published)) == [
        "주관기관이 이 경진대회의 이의신청 기간을 정하지 않았습니다."
    ]


def test_refused_after_the_period_closed(published):
    closes = timezone.now() - dt.timedelta(minutes=1)
    objection_window_set(contest=published.contest, closes_at=closes, by=published.scene.organizer)
    shown = timezone.localtime(closes).strftime("%Y-%m-%d %H:%M")
    assert refused(lambda: file_scores(published)) == [f"이의신청 기간이 {shown}에 끝났습니다."]
    assert Objection.objects.count() == 0


def test_refused_while_the_results_are_not_published(published):
    results_unpublish(contest=published.contest, by=published.scene.organizer, reason="정정")
    published.entry("2026-0001").contest.refresh_from_db()
    assert refused(lambda: file_scores(published)) == [
        "이의신청은 심사 결과가 발표된 뒤에만 할 수 있습니다."
    ]


def test_one_open_objection_per_entry(published):
    file_scores(published)
    assert refused(lambda: file_scores(published, by=published.colleague)) == [
        "이 사례에 대한 이의신청이 검토 중입니다. 답변을 받은 뒤에 다시 신청해 주십시오."
    ]
    objection_answer(
        objection=Objection.objects.get(), by=published.scene.organizer, outcome="dismissed",
        reason="산정 오류가 없습니다.",
    )  # fmt: skip
    assert file_scores(published, by=published.colleague).number == 2


def test_only_the_entrys_own_agency_may_object(published):
    with pytest.raises(PermissionDenied):
        file_scores(published, by=published.other)
    with pytest.raises(PermissionDenied):
        file_scores(published, by=published.scene.organizer)
    assert Objection.objects.count() == 0


def test_scores_need_a_round_and_text_is_required(published):
    with pytest.raises(ValidationError) as error:
        objection_file(entry=published.entry("2026-0001"), by=published.member,
                       concern="scores", text="  ")  # fmt: skip
    assert error.value.message_dict == {
        "round": ["점수에 대한 이의신청은 해당 심사 단계를 골라 주십시오."],
        "text": ["이의신청 내용과 이유를 적어 주십시오."],
    }


def test_a_file_that_is_not_what_it_says_is_refused(published):
    fake = SimpleUploadedFile("근거.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        file_scores(published, upload=fake)
    assert error.value.message_dict == {
        "file": ["PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG 파일을 첨부해 주십시오."]
    }
    assert Objection.objects.count() == 0


# --- answering ----------------------------------------------------------------------------------


def test_dismissing_needs_a_reason_and_emails_the_agency(
    published, django_capture_on_commit_callbacks, settings
):
    objection = file_scores(published)
    organizer = published.scene.organizer
    assert refused(
        lambda: objection_answer(objection=objection, by=organizer, outcome="dismissed", reason="")
    ) == ["답변 이유를 적어 주십시오. 기관에 그대로 전달됩니다."]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection_answer(objection=objection, by=organizer, outcome="dismissed",
                         reason="산정 오류가 없습니다.")  # fmt: skip
    objection.refresh_from_db()
    assert (objection.status, objection.answer, objection.answered_by) == (
        "dismissed", "산정 오류가 없습니다.", organizer,
    )  # fmt: skip
    (message,) = mail.outbox
    assert sorted(message.to) == ["lee@mois.go.kr", "park@mois.go.kr"]
    assert message.subject == "[2026 정부혁신 우수사례 경진대회] 이의신청 #1 답변: 기각"
    agency = published.entry("2026-0001").agency.name_ko
    assert message.body == (
        f"{agency} 담당자님, 안녕하세요.\n\n"
        "2026 정부혁신 우수사례 경진대회 주관기관에서 귀 기관의 이의신청 #1에 답변하였습니다.\n\n"
        "사례: 2026-0001 사례 1\n신청 대상: 점수 산정\n처리 결과: 기각\n"
        "사유: 산정 오류가 없습니다.\n\n"
        "우리 기관 이의신청과 답변:\n"
        f"{settings.SITE_URL}/entries/#objections\n\n"
        f"{settings.SITE_NAME}\n{settings.SITE_URL}\n"
    )
    contest = Contest.objects.get(pk=published.contest.pk)
    assert contest.results_published_at is not None  # dismissing changes nothing else
    assert RoundResult.objects.filter(round__contest=contest, voided_at__isnull=False).count() == 0
    assert refused(
        lambda: objection_answer(
            objection=objection, by=organizer, outcome="upheld", reason="재검토"
        )
    ) == ["이미 답변한 이의신청입니다."]


def test_only_the_contests_organizers_answer(published):
    objection = file_scores(published)
    with pytest.raises(PermissionDenied):
        objection_answer(objection=objection, by=published.member, outcome="upheld", reason="x")


def test_upholding_a_score_objection_reopens_the_round(published):
    scene, organizer = published.scene, published.scene.organizer
    objection = file_scores(published)
    result = RoundResult.objects.get(round=scene.round2, voided_at=None)
    objection_answer(objection=objection, by=organizer, outcome="upheld",
                     reason="2번 심사위원 점수 합산 오류")  # fmt: skip
    why = "이의신청 #1 인용: 2번 심사위원 점수 합산 오류"
    contest = Contest.objects.get(pk=published.contest.pk)
    assert contest.results_published_at is None
    assert list(
        PublicationEvent.objects.filter(contest=contest)
        .order_by("id")
        .values_list("action", "reason")
    ) == [("published", ""), ("unpublished", why)]
    result.refresh_from_db()
    assert (result.void_reason, result.voided_by) == (why, organizer)
    assert result.voided_at is not None
    assert not RoundResult.objects.filter(round=scene.round2, voided_at=None).exists()
    assert RoundResult.objects.filter(round=scene.round1, voided_at=None).exists()
    cards = Scorecard.objects.filter(round=scene.round2, entry=published.entry("2026-0001"))
    assert sorted(cards.values_list("status", flat=True)) == ["draft", "draft"]
    others = Scorecard.objects.filter(round=scene.round2).exclude(
        entry=published.entry("2026-0001")
    )
    assert set(others.values_list("status", flat=True)) == {"submitted"}
    audit = ScoreEvent.objects.filter(scorecard__in=cards, field="status", new="draft")
    assert list(audit.order_by("id").values_list("old", "new", "via", "reason", "by")) == [
        ("submitted", "draft", "organizer", why, organizer.pk),
        ("submitted", "draft", "organizer", why, organizer.pk),
    ]
    objection.refresh_from_db()
    assert (objection.status, objection.answer) == ("upheld", "2번 심사위원 점수 합산 오류")


def test_upholding_an_earlier_round_whose_next_round_scored_is_refused_whole(published):
    scene = published.scene
    objection = file_scores(published, round_=scene.round1)
    assert refused(
        lambda: objection_answer(
            objection=objection, by=scene.organizer, outcome="upheld", reason="1차 점수 오류"
        )
    ) == ["다음 심사 단계에서 진출 사례의 평가가 이미 시작되어 바꿀 수 없습니다."]
    objection.refresh_from_db()
    assert objection.status == "open"
    assert Contest.objects.get(pk=published.contest.pk).results_published_at is not None
    assert RoundResult.objects.filter(voided_at__isnull=False).count() == 0


def test_upholding_a_screening_objection_reopens_the_screening(published):
    entry = published.entry("2026-0001")
    Entry.objects.filter(pk=entry.pk).update(
        eligibility="ineligible", eligibility_reason="공고 기간 이전 사례",
        screened_by=published.scene.organizer, screened_at=timezone.now(),
    )  # fmt: skip
    objection = objection_file(entry=entry, by=published.member, concern="eligibility",
                               text="공고 기간 안에 시행한 사례입니다.")  # fmt: skip
    objection_answer(objection=objection, by=published.scene.organizer, outcome="upheld",
                     reason="시행일 재확인 필요")  # fmt: skip
    entry.refresh_from_db()
    assert (entry.eligibility, entry.eligibility_reason, entry.screened_by, entry.screened_at) == (
        "pending", "", None, None,
    )  # fmt: skip
    assert Contest.objects.get(pk=published.contest.pk).results_published_at is not None
