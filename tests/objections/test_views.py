"""The objection pages: the agency's form and its refusals (messages), the entries page's section,
the organizer's list (by status), period and answer page, and the file download."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Objection, ObjectionWindow
from scoring.services.objections import objection_file
from tests.conftest import _client_for
from tests.objections.scene import pdf_upload
from tests.results.pages_scene import _text, flashes

pytestmark = pytest.mark.django_db


def new_url(published, receipt="2026-0001") -> str:
    return reverse("objections:new", args=[published.entry(receipt).pk])


def filed(published, **extra) -> Objection:
    return objection_file(
        entry=published.entry("2026-0001"), by=published.member, concern="scores",
        round_=published.scene.round2, text="발표 점수 합산이 잘못되었습니다.", **extra,
    )  # fmt: skip


def test_the_agency_files_from_its_entries_page(published):
    client = _client_for(published.member)
    page = client.get(reverse("entries:list")).content.decode()
    assert 'id="objections"' in page
    assert f'href="{new_url(published)}"' in page
    response = client.post(
        new_url(published),
        {"concern": "scores", "round": published.scene.round2.pk,
         "text": "발표 점수 합산이 잘못되었습니다.", "file": pdf_upload()},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("entries:list") + "#objections"
    objection = Objection.objects.get()
    assert (objection.number, objection.entry, objection.file_name) == (
        1, published.entry("2026-0001"), "산정근거.pdf",
    )  # fmt: skip
    page = client.get(response["Location"])
    assert flashes(page) == [
        ("success", "이의신청 #1을 접수했습니다. 답변은 기관 담당자에게 이메일로 알려 드립니다.")
    ]
    section = _text(page.content.decode().split('id="objections"')[1].split("</section>")[0])
    assert "이의신청 #1 · 점수 산정 · 2차 발표심사" in section
    assert "검토 중" in section
    assert f'href="{new_url(published)}"' not in page.content.decode()  # one open at a time


def test_a_form_error_keeps_what_was_typed(published):
    client = _client_for(published.member)
    response = client.post(new_url(published), {"concern": "scores", "text": "합산 오류"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "점수에 대한 이의신청은 해당 심사 단계를 골라 주십시오." in page
    assert "합산 오류</textarea>" in page
    assert Objection.objects.count() == 0


def test_outside_the_period_the_agency_is_told_why(published):
    ObjectionWindow.objects.all().delete()
    client = _client_for(published.member)
    response = client.get(new_url(published))
    assert response["Location"] == reverse("entries:list") + "#objections"
    assert flashes(client.get(response["Location"])) == [
        ("error", "주관기관이 이 경진대회의 이의신청 기간을 정하지 않았습니다.")
    ]


def test_another_agencys_entry_is_not_found(published):
    assert _client_for(published.other).get(new_url(published)).status_code == 404


def test_the_organizer_lists_by_status_and_answers(published, organizer_client):
    first = filed(published)
    objection_file(entry=published.entry("2026-0002"), by=published.other, concern="other",
                   text="심사위원 구성에 문제가 있습니다.")  # fmt: skip
    contest = published.contest
    listing = reverse("objections:list", args=[contest.pk])
    page = organizer_client.get(listing).content.decode()
    assert re.findall(r'data-objection="(\d+)"', page) == ["1", "2"]
    detail = reverse("objections:detail", args=[contest.pk, 1])
    response = organizer_client.post(detail, {"outcome": "dismissed", "reason": ""})
    assert "답변 이유를 적어 주십시오. 기관에 그대로 전달됩니다." in response.content.decode()
    response = organizer_client.post(detail, {"outcome": "dismissed", "reason": "오류 없음"})
    assert response["Location"] == detail
    assert flashes(organizer_client.get(detail)) == [
        ("success", "이의신청 #1을 기각했습니다. 기관에 답변을 이메일로 보냈습니다.")
    ]
    first.refresh_from_db()
    assert (first.status, first.answer) == ("dismissed", "오류 없음")
    page = organizer_client.get(listing + "?status=open").content.decode()
    assert re.findall(r'data-objection="(\d+)"', page) == ["2"]
    page = organizer_client.get(listing + "?status=dismissed").content.decode()
    assert re.findall(r'data-objection="(\d+)"', page) == ["1"]


def test_upholding_says_what_was_reopened(published, organizer_client):
    filed(published)
    detail = reverse("objections:detail", args=[published.contest.pk, 1])
    organizer_client.post(detail, {"outcome": "upheld", "reason": "합산 오류 확인"})
    said = (
        "이의신청 #1을 인용했습니다. 결과 공개를 철회하고 2차 발표심사를 다시 열었으며, 해당 "
        "사례의 평가표를 작성 중 상태로 되돌렸습니다. 평가표를 바로잡은 뒤 다시 확정하고 "
        "발표하십시오."
    )
    assert flashes(organizer_client.get(detail)) == [("success", said)]


def test_the_period_is_set_on_the_list(published, organizer_client):
    url = reverse("objections:window", args=[published.contest.pk])
    response = organizer_client.post(url, {"closes_at": "2027-01-15T18:00"})
    assert response["Location"] == reverse("objections:list", args=[published.contest.pk])
    window = ObjectionWindow.objects.get(contest=published.contest)
    assert f"{timezone.localtime(window.closes_at):%Y-%m-%d %H:%M %Z}" == "2027-01-15 18:00 KST"
    assert flashes(organizer_client.get(response["Location"])) == [
        ("success", "이의신청 마감 일시를 2027-01-15 18:00으로 정했습니다.")
    ]
    organizer_client.post(url, {"closes_at": ""})
    assert flashes(organizer_client.get(response["Location"])) == [
        ("error", "이의신청 마감 일시를 입력하십시오.")
    ]


def test_the_file_is_for_the_agency_and_the_organizers(published, organizer_client):
    filed(published, upload=pdf_upload())
    url = reverse("objections:download", args=[published.contest.pk, 1])
    for client in (organizer_client, _client_for(published.colleague)):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="objection-1.pdf"; '
            "filename*=utf-8''%EC%82%B0%EC%A0%95%EA%B7%BC%EA%B1%B0.pdf"
        )
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert _client_for(published.other).get(url).status_code == 404
