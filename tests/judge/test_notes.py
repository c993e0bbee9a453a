"""Private notes (나만 보는 메모): `note_save` and judge:note, with htmx (autosave) and without
JavaScript; only the judge ever sees a note (never the organizers' pages or documents)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from scoring.models import PrivateNote
from scoring.services.notes import NOTE_MAX_LENGTH, note_save
from scoring.services.scorecard_edit import NotAssigned
from tests.judge.calibration import Scene

pytestmark = pytest.mark.django_db

NOTE = "비밀메모: 3번 사례보다 확산성이 낮음"


@pytest.fixture
def scene():
    return Scene(n=2)


def note_url(scene, entry=None) -> str:
    return reverse("judge:note", args=[scene.round.pk, (entry or scene.entries[0]).pk])


def notes(scene) -> list[tuple]:
    return list(PrivateNote.objects.values_list("judge__user__name", "entry__title", "text"))


# --- the service -------------------------------------------------------------------------------


def test_save_update_and_delete(scene):
    entry = scene.entries[0]
    note = note_save(judge=scene.judge, entry=entry, text="첫 메모")
    assert notes(scene) == [("김심사", "사례 01", "첫 메모")]
    again = note_save(judge=scene.judge, entry=entry, text="고친 메모\r\n둘째 줄")
    assert again.pk == note.pk
    assert notes(scene) == [("김심사", "사례 01", "고친 메모\n둘째 줄")]
    assert note_save(judge=scene.judge, entry=entry, text="  \r\n ") is None
    assert notes(scene) == []


def test_too_long_refused_and_nothing_changes(scene):
    entry = scene.entries[0]
    note_save(judge=scene.judge, entry=entry, text="그대로")
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        note_save(judge=scene.judge, entry=entry, text="가" * (NOTE_MAX_LENGTH + 1))
    assert caught.value.messages == [
        "The note can be at most 5000 characters long (it has 5001). "
        "Shorten it; nothing you typed was lost, but it was not saved."
    ]
    assert notes(scene) == [("김심사", "사례 01", "그대로")]
    # Exactly 5000, with browser line breaks (CRLF counted once), is fine.
    text = "가" * 4998 + "\r\n" + "나"
    assert len(note_save(judge=scene.judge, entry=entry, text=text).text) == 5000


def test_only_for_entries_assigned_to_the_judge(scene):
    with pytest.raises(NotAssigned):
        note_save(judge=scene.judge, entry=scene.conflicted, text="x")
    with pytest.raises(NotAssigned):
        note_save(judge=scene.other, entry=scene.entries[1], text="x")
    assert notes(scene) == []


def test_allowed_after_submit_and_after_the_window_closed(scene):
    entry = scene.entries[0]
    scene.score(entry, 20, 10, submit=True)
    scene.round.closes_at = timezone.now() - dt.timedelta(hours=1)
    scene.round.save()
    note_save(judge=scene.judge, entry=entry, text="마감 후 메모")
    assert notes(scene) == [("김심사", "사례 01", "마감 후 메모")]


# --- the view ----------------------------------------------------------------------------------


def test_htmx_autosave_answers_with_the_status_line(scene):
    client = scene.client(language="en")
    response = client.post(note_url(scene), {"text": NOTE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    saved = PrivateNote.objects.get()
    time = timezone.localtime(saved.updated_at).strftime("%H:%M")
    assert response.content.decode() == f'<span class="private-note-saved">Saved {time}</span>'
    response = client.post(note_url(scene), {"text": ""}, HTTP_HX_REQUEST="true")
    assert response.content.decode() == "<span>Note deleted.</span>"
    assert notes(scene) == []


def test_htmx_too_long_keeps_the_saved_note_and_says_why(scene):
    note_save(judge=scene.judge, entry=scene.entries[0], text=NOTE)
    response = scene.client(language="en").post(
        note_url(scene), {"text": "x" * 5001}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode() == (
        '<span class="private-note-error">The note can be at most 5000 characters long (it has '
        "5001). Shorten it; nothing you typed was lost, but it was not saved.</span>"
    )
    assert notes(scene) == [("김심사", "사례 01", NOTE)]


def test_without_javascript_back_to_the_scorecard(scene):
    client = scene.client(language="en")
    response = client.post(note_url(scene), {"text": NOTE})
    card = reverse("judge:scorecard", args=[scene.round.pk, scene.entries[0].pk])
    assert (response.status_code, response["Location"]) == (302, card)
    assert notes(scene) == [("김심사", "사례 01", NOTE)]
    time = timezone.localtime(PrivateNote.objects.get().updated_at).strftime("%H:%M")
    page = client.get(card)
    assert [str(m) for m in page.context["messages"]] == [f"Your private note was saved at {time}."]


def test_without_javascript_too_long_shows_the_typed_text(scene):
    typed = "<b>긴 메모</b>" + "x" * 5000
    response = scene.client(language="en").post(note_url(scene), {"text": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The note can be at most 5000 characters long (it has 5011)." in html
    assert "&lt;b&gt;긴 메모&lt;/b&gt;" + "x" * 5000 + "</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert notes(scene) == []


@pytest.mark.parametrize("who", ["other", "organizer"])
def test_someone_else_gets_404(scene, who):
    user = scene.other.user if who == "other" else scene.organizer
    response = scene.client(user).post(note_url(scene, scene.entries[1]), {"text": "x"})
    assert response.status_code == 404
    response = scene.client().post(note_url(scene, scene.conflicted), {"text": "x"})
    assert response.status_code == 404
    assert notes(scene) == []


def test_get_is_not_allowed(scene):
    assert scene.client().get(note_url(scene)).status_code == 405


def test_the_form_shows_the_stored_note(scene):
    note_save(judge=scene.judge, entry=scene.entries[0], text=NOTE)
    assignment = scene.judge.assignments.get(entry=scene.entries[0])
    html = render_to_string(
        "judge/_private_note.html",
        {"assignment": assignment, "round": scene.round, "entry": scene.entries[0]},
    )
    assert f">{NOTE}</textarea>" in html
    assert f'hx-post="{note_url(scene)}"' in html
    assert 'hx-trigger="change, keyup changed delay:800ms" hx-sync="this:replace"' in html


# --- only the judge sees it --------------------------------------------------------------------


def test_organizers_never_see_a_note(scene, tmp_path):
    from tests.reports.test_evaluation_sheets import pdf_tool

    entry = scene.entries[0]
    card = scene.score(entry, 20, 10, submit=True)
    note_save(judge=scene.judge, entry=entry, text=NOTE)
    organizer = scene.client(scene.organizer)
    contest = scene.contest.pk
    pages = [
        reverse("control:progress", args=[contest]),
        reverse("control:audit_entry", args=[contest, entry.pk]),
        reverse("control:audit_judge", args=[contest, scene.judge.pk]),
        reverse("control:on_behalf", args=[contest, scene.round.pk, scene.judge.pk, entry.pk]),
        reverse("screening:detail", args=[contest, entry.pk]),
    ]
    for url in pages:
        response = organizer.get(url)
        assert response.status_code == 200, url
        assert "비밀메모" not in response.content.decode(), url
    for client in (organizer, scene.client()):
        sheet = client.get(reverse("reports:evaluation_sheet_pdf", args=[card.pk]))
        assert sheet.status_code == 200
        text = pdf_tool("pdftotext", sheet.content, tmp_path)
        assert "사례 01" in text
        assert "비밀메모" not in text


def test_the_scorecard_page_shows_my_note_only(scene):
    note_save(judge=scene.judge, entry=scene.entries[0], text=NOTE)
    card = reverse("judge:scorecard", args=[scene.round.pk, scene.entries[0].pk])
    html = scene.client().get(card).content.decode()
    assert f">{NOTE}</textarea>" in html
    # 이심사 is assigned the same entry: their scorecard shows an empty note of their own.
    html = scene.client(scene.other.user).get(card).content.decode()
    assert 'name="text"' in html
    assert "비밀메모" not in html
