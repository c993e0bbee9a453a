"""The 2차 발표심사 pages: the organizer's schedule forms, the agency's slides (deadline, types,
replace), permission-checked downloads, the judge's order of presentations and the live scores
(htmx: 204 while nothing changed, else only the table body)."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import PresentationSchedule, PresentationSlides, PresentationSlot, Scorecard
from scoring.services.presentations import schedule_publish, slot_add
from scoring.services.scorecards import scorecard_open
from tests.presentations.conftest import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pptx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def _url(name, scene, short=None):
    kwargs = {"round_pk": scene.presentation.pk}
    if short:
        kwargs["entry_pk"] = scene.entries[short].pk
    return reverse(f"presentations:{name}", kwargs=kwargs)


def _deadline(scene, when):
    PresentationSchedule.objects.update_or_create(
        round=scene.presentation, defaults={"slides_deadline": when}
    )


def _slots(scene, publish=True):
    for short, order, start in (("mois", 1, at(10)), ("seoul", 2, at(10, 20))):
        slot_add(
            round_=scene.presentation, entry=scene.entries[short], order=order, starts_at=start,
            ends_at=start + dt.timedelta(minutes=20), room="세종청사 6동 대회의실",
            by=scene.organizer,
        )  # fmt: skip
    if publish:
        schedule_publish(round_=scene.presentation, by=scene.organizer)


# --- the organizer's schedule -----------------------------------------------------------------


def test_the_organizer_adds_a_slot_and_a_clash_is_shown_with_the_form_kept(scene, login):
    client = login(scene.organizer)
    data = {"entry": scene.entries["mois"].pk, "order": "1", "day": "2026-12-10",
            "starts": "10:00", "ends": "10:20", "room": "대회의실"}  # fmt: skip
    response = client.post(_url("schedule", scene), data)
    assert response.status_code == 302
    clash = {**data, "entry": scene.entries["seoul"].pk, "order": "2", "starts": "10:10",
             "ends": "10:30"}  # fmt: skip
    response = client.post(_url("schedule", scene), clash)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "대회의실 is booked twice at overlapping times: 행정안전부 사례 (2026-12-10 10:00~10:20) "
        "and 서울특별시 사례 (2026-12-10 10:10~10:30)."
    ) in page
    assert 'value="10:10"' in page
    assert 'value="10:30"' in page
    assert PresentationSlot.objects.count() == 1


def test_an_end_before_the_start_is_refused_next_to_the_field(scene, login):
    data = {"entry": scene.entries["mois"].pk, "order": "1", "day": "2026-12-10",
            "starts": "10:20", "ends": "10:00", "room": "대회의실"}  # fmt: skip
    response = login(scene.organizer).post(_url("schedule", scene), data)
    assert "The end time must be after the start time." in response.content.decode()
    assert not PresentationSlot.objects.exists()


def test_autofill_and_publish_from_the_page(scene, login, django_capture_on_commit_callbacks):
    client = login(scene.organizer)
    data = {"starts_at": "2026-12-10T14:00", "slot_minutes": "15", "break_minutes": "5",
            "room": "세종청사 6동 대회의실"}  # fmt: skip
    response = client.post(_url("autofill", scene), data, follow=True)
    assert "2 entries were laid out in receipt order." in response.content.decode()
    assert list(PresentationSlot.objects.values_list("order", "starts_at")) == [
        (1, at(14)), (2, at(14, 20))
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("publish", scene), follow=True)
    assert (
        "The schedule was published. 2 slots were new or changed: their agencies and 2 judges "
        "were emailed."
    ) in response.content.decode()
    response = client.post(_url("publish", scene), follow=True)
    assert "Nothing changed since the schedule was last published: nobody was emailed." in (
        response.content.decode()
    )


def test_the_organizer_sees_who_has_slides_and_changes_a_slot(scene, login):
    _slots(scene)
    PresentationSlides.objects.create(
        round=scene.presentation, entry=scene.entries["mois"], file="presentations/x.pdf",
        original_name="발표.pdf", kind="pdf", size=3, sha256="0" * 64, uploaded_at=timezone.now(),
    )  # fmt: skip
    client = login(scene.organizer)
    page = client.get(_url("schedule", scene)).content.decode()
    assert "Uploaded: 1, missing: 1." in page
    data = {"order": "1", "day": "2026-12-10", "starts": "09:00", "ends": "09:20", "room": "A실"}
    assert client.post(_url("slot", scene, "mois"), data).status_code == 302
    page = client.get(_url("schedule", scene)).content.decode()
    assert "1 slot changed since then: publish again to tell its agency and the judges." in page


# --- the agency's slides ----------------------------------------------------------------------


def test_an_agency_uploads_and_replaces_its_slides_before_the_deadline(scene, login, settings):
    _deadline(scene, timezone.now() + dt.timedelta(days=1))
    client = login(scene.members["이담당"])
    upload = SimpleUploadedFile("발표자료.pdf", PDF, content_type="application/pdf")
    response = client.post(_url("slides", scene, "mois"), {"file": upload})
    assert response.status_code == 302
    first = PresentationSlides.objects.get()
    assert (first.original_name, first.kind, first.size) == ("발표자료.pdf", "pdf", len(PDF))
    upload = SimpleUploadedFile("발표자료 최종.pptx", pptx())
    client.post(_url("slides", scene, "mois"), {"file": upload})
    second = PresentationSlides.objects.get()
    assert (second.pk, second.original_name, second.kind) == (
        first.pk,
        "발표자료 최종.pptx",
        "pptx",
    )
    download = client.get(_url("slides_file", scene, "mois"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pptx()


def test_a_wrong_type_and_a_disguised_file_are_refused_with_a_message(scene, login):
    _deadline(scene, timezone.now() + dt.timedelta(days=1))
    client = login(scene.members["이담당"])
    upload = SimpleUploadedFile("발표.xlsx", b"PK\x03\x04")
    page = client.post(_url("slides", scene, "mois"), {"file": upload}).content.decode()
    assert "발표.xlsx: this type of file is not accepted. Use PDF, PPTX, HWP, HWPX." in page
    upload = SimpleUploadedFile("발표.pdf", pptx())
    page = client.post(_url("slides", scene, "mois"), {"file": upload}).content.decode()
    assert (
        "발표.pdf is named as a PDF file but its content is PPTX. Save it with the right extension."
    ) in page
    assert not PresentationSlides.objects.exists()


def test_after_the_deadline_the_upload_is_refused_with_a_clear_message(scene, login):
    deadline = timezone.now() - dt.timedelta(minutes=1)
    _deadline(scene, deadline)
    client = login(scene.members["이담당"])
    upload = SimpleUploadedFile("발표자료.pdf", PDF)
    page = client.post(_url("slides", scene, "mois"), {"file": upload}).content.decode()
    when = timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")
    assert (
        f"The deadline for presentation slides passed on {when}: slides can no longer be "
        "uploaded or replaced. Contact the organizer if you need a change."
    ) in page
    assert not PresentationSlides.objects.exists()


def test_only_advanced_entries_of_ones_own_agency_have_a_slides_page(scene, login):
    assert login(scene.members["최담당"]).get(_url("slides", scene, "mois")).status_code == 404
    assert login(scene.members["정담당"]).get(_url("slides", scene, "busan")).status_code == 404
    assert login(scene.members["최담당"]).get(_url("slides", scene, "seoul")).status_code == 200


def test_the_agency_sees_only_its_own_published_slot_on_its_entries_page(scene, login):
    _slots(scene, publish=False)
    client = login(scene.members["이담당"])
    assert 'id="presentations"' not in client.get(reverse("entries:list")).content.decode()
    schedule_publish(round_=scene.presentation, by=scene.organizer)
    page = client.get(reverse("entries:list")).content.decode()
    assert "2026-12-10 10:00~10:20" in page
    assert "세종청사 6동 대회의실" in page
    assert "서울특별시 사례" not in page
    assert "10:20~10:40" not in page


# --- downloads and the judge's page -----------------------------------------------------------


def _slides(scene, short="mois"):
    slides = PresentationSlides(
        round=scene.presentation, entry=scene.entries[short], original_name="행정안전부 발표.pdf",
        kind="pdf", size=len(PDF), sha256="0" * 64, uploaded_at=timezone.now(),
    )  # fmt: skip
    slides.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF))
    return slides


def test_slides_downloads_are_permission_checked(scene, login):
    _slides(scene)
    url = _url("slides_file", scene, "mois")
    assert login(scene.organizer).get(url).status_code == 200
    assert login(scene.members["박기관"]).get(url).status_code == 200
    assert login(scene.members["최담당"]).get(url).status_code == 404  # another agency
    judge = login(scene.judges[0].user)
    assert judge.get(url).status_code == 404  # the round opens in 5 days, no deadline passed
    _deadline(scene, timezone.now() - dt.timedelta(hours=1))
    response = judge.get(url)
    assert response.status_code == 200
    # Blind judging: the judge's file is named by receipt number, never the uploaded name.
    assert "2026-001-0001" in response["Content-Disposition"]


def test_the_judges_order_marks_the_current_and_next_slot(scene, login):
    now = timezone.now().replace(second=0, microsecond=0)
    for short, order, start in (("mois", 1, now - dt.timedelta(minutes=5)),
                                ("seoul", 2, now + dt.timedelta(minutes=15))):  # fmt: skip
        slot_add(
            round_=scene.presentation, entry=scene.entries[short], order=order, starts_at=start,
            ends_at=start + dt.timedelta(minutes=20), room="대회의실", by=scene.organizer,
        )  # fmt: skip
    client = login(scene.judges[0].user)
    page = client.get(_url("today", scene)).content.decode()
    assert "The organizer has not published the order of presentations yet." in page
    schedule_publish(round_=scene.presentation, by=scene.organizer)
    page = client.get(_url("today", scene)).content.decode()
    mois, seoul = scene.entries["mois"].pk, scene.entries["seoul"].pk
    assert f'class="presentation-slot is-current" data-entry="{mois}" aria-current="time"' in page
    assert f'class="presentation-slot is-next" data-entry="{seoul}"' in page
    assert reverse("judge:scorecard", args=[scene.presentation.pk, mois]) in page
    assert "행정안전부</" not in page  # blind judging: no agency names


# --- live scores ------------------------------------------------------------------------------


def _submit(scene, judge, short, total):
    card = scorecard_open(round_=scene.presentation, judge=judge, entry=scene.entries[short])
    Scorecard.objects.filter(pk=card.pk).update(
        status=Scorecard.Status.SUBMITTED, total=Decimal(total), version=1,
        submitted_at=timezone.now(),
    )  # fmt: skip


def test_live_scores_show_totals_counts_and_the_running_mean(scene, login):
    Round.objects.filter(pk=scene.presentation.pk).update(opens_at=timezone.now())
    _slots(scene)
    kim, lee = scene.judges
    _submit(scene, kim, "mois", "85.5")
    client = login(scene.organizer)
    response = client.get(_url("live", scene))
    board = response.context["board"]
    assert [(r.entry.title, [c.total for c in r.cells], r.submitted, r.expected, r.mean)
            for r in board.rows] == [
        ("행정안전부 사례", ["85.50", ""], 1, 2, "85.50"),
        ("서울특별시 사례", ["", ""], 0, 2, ""),
    ]  # fmt: skip
    version = board.version
    polled = client.get(f"{_url('live', scene)}?v={version}", headers={"HX-Request": "true"})
    assert (polled.status_code, polled.content) == (204, b"")
    _submit(scene, lee, "mois", "90")
    polled = client.get(f"{_url('live', scene)}?v={version}", headers={"HX-Request": "true"})
    body = polled.content.decode()
    assert polled.status_code == 200
    assert body.lstrip().startswith('<tbody id="live-rows"')
    assert body.rstrip().endswith("</tbody>")
    assert "<strong>90.00</strong>" in body
    assert "87.75" in body
    assert "2 / 2" in body
