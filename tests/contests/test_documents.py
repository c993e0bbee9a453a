"""A contest's documents (공고문, 서식): the organizer adds and removes them; whoever may see the
contest downloads them through a permission-checked view (issue 11, item 4)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contests.models import ContestDocument
from contests.services.deletion import contest_delete
from submissions.services.documents import document_add, document_delete
from tests import factories as f

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="2026 공고문.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def stored(document: ContestDocument) -> Path:
    return Path(django_settings.MEDIA_ROOT) / document.file.name


def test_the_organizer_adds_a_document(contest, organizer):
    document = document_add(contest=contest, title="  2026  공고문 ", upload=pdf(), by=organizer)
    assert (document.title, document.original_name, document.kind, document.size) == (
        "2026 공고문",
        "2026 공고문.pdf",
        "pdf",
        len(PDF),
    )
    assert document.file.name.startswith(f"documents/{contest.pk}/")
    assert stored(document).read_bytes() == PDF


def test_a_document_must_be_what_its_name_says(contest, organizer):
    with pytest.raises(ValidationError) as refused:
        document_add(
            contest=contest,
            title="서식",
            upload=SimpleUploadedFile("서식.hwp", PDF),
            by=organizer,
        )
    assert refused.value.message_dict == {
        "file": [
            "서식.hwp does not look like a HWP file. Its content is not one of the accepted "
            "types (PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG)."
        ]
    }
    with pytest.raises(ValidationError) as refused:
        document_add(contest=contest, title=" ", upload=pdf(), by=organizer)
    assert refused.value.message_dict == {"title": ["Enter the document's title."]}
    assert ContestDocument.objects.count() == 0


def test_only_the_contests_organizers_change_documents(contest):
    with pytest.raises(PermissionDenied):
        document_add(contest=contest, title="공고문", upload=pdf(), by=f.OrganizerFactory())


def test_removing_a_document_deletes_its_file(
    contest, organizer, django_capture_on_commit_callbacks
):
    document = document_add(contest=contest, title="공고문", upload=pdf(), by=organizer)
    path = stored(document)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, by=organizer)
    assert not path.exists()
    assert ContestDocument.objects.count() == 0


def test_deleting_the_contest_deletes_the_documents_files(
    draft, organizer, django_capture_on_commit_callbacks
):
    path = stored(document_add(contest=draft, title="공고문", upload=pdf(), by=organizer))
    with django_capture_on_commit_callbacks(execute=True):
        contest_delete(contest=draft, by=organizer)
    assert not path.exists()


def test_the_documents_page_adds_and_removes(organizer_client, contest):
    url = reverse("documents:manage", args=[contest.pk])
    response = organizer_client.post(url, {"title": "2026 공고문", "file": pdf()}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["2026 공고문 was added."]
    document = ContestDocument.objects.get()
    response = organizer_client.post(
        reverse("documents:remove", args=[contest.pk, document.pk]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["2026 공고문 was removed."]
    assert ContestDocument.objects.count() == 0


def test_a_refused_document_keeps_the_title_typed(organizer_client, contest):
    response = organizer_client.post(
        reverse("documents:manage", args=[contest.pk]),
        {"title": "서식", "file": SimpleUploadedFile("서식.exe", b"MZ")},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "file": [
            "서식.exe: this type of file is not accepted. Use PDF, HWP, HWPX, DOCX, PPTX, XLSX, "
            "PNG, JPG."
        ]
    }
    assert form["title"].value() == "서식"


def test_anyone_downloads_a_published_contests_document(client, contest, organizer):
    document = document_add(contest=contest, title="공고문", upload=pdf(), by=organizer)
    response = client.get(reverse("documents:download", args=[contest.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="document-{document.pk}.pdf"; '
        "filename*=utf-8''2026%20%EA%B3%B5%EA%B3%A0%EB%AC%B8.pdf"
    )
    assert response["Cache-Control"] == "private, no-store"
    html = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert reverse("documents:download", args=[contest.pk, document.pk]) in html
    assert "Manage documents" not in html


def test_a_drafts_documents_are_only_for_its_organizers(client, draft, organizer, login):
    document = document_add(contest=draft, title="공고문", upload=pdf(), by=organizer)
    url = reverse("documents:download", args=[draft.pk, document.pk])
    assert client.get(url).status_code == 404
    assert login(f.OrganizerFactory()).get(url).status_code == 404
    assert login(organizer).get(url).status_code == 200


def test_a_document_of_another_contest_is_404(client, contest, draft, organizer):
    document = document_add(contest=draft, title="공고문", upload=pdf(), by=organizer)
    url = reverse("documents:download", args=[contest.pk, document.pk])
    assert client.get(url).status_code == 404


def test_agencies_see_the_documents_on_their_entry_page(contest, organizer, login):
    document = document_add(contest=contest, title="사례요약서 서식", upload=pdf(), by=organizer)
    member = f.AgencyMembershipFactory().user
    entry = f.EntryFactory(contest=contest, agency=member.agency_memberships.get().agency)
    html = login(member).get(reverse("entries:detail", args=[entry.pk])).content.decode()
    assert reverse("documents:download", args=[contest.pk, document.pk]) in html
    assert "사례요약서 서식" in html
