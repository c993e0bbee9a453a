"""Earlier hostile cases of an agency's entries: another agency's member can neither create, read
nor change an entry, ids of another entry are 404, and forged or renamed files are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from submissions.models import Answer, Attachment, Entry
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_update
from tests import factories
from tests.entries import conftest as entries
from tests.entries import test_services as services
from tests.entries.conftest import upload
from tests.entries.test_services import new_entry
from tests.entries.test_views import fill

pytestmark = pytest.mark.django_db

# The entry pages' fixtures (the agency 행정안전부, its member, a draft, another agency's
# member) and the English messages the service tests assert.
contest = entries.contest
category = entries.category
questions = entries.questions
agency = entries.agency
other_agency = entries.other_agency
member = entries.member
outsider = entries.outsider
client_for = entries.client_for
draft = entries.draft
_english = services._english  # autouse


def test_an_entry_cannot_be_created_for_another_agency_on_the_page(
    client_for, contest, category, agency, outsider
):
    url = reverse("entries:create", args=[contest.pk])
    assert client_for(factories.UserFactory()).get(url).status_code == 403
    # A member of another agency cannot create for this agency: the choice is not offered.
    response = client_for(outsider).post(
        url, {"category": category.pk, "agency": agency.pk, "title": "남의 기관으로"}
    )
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert Entry.objects.count() == 0


def test_an_entry_cannot_be_created_for_another_agency_by_the_service(
    contest, category, agency, outsider
):
    with pytest.raises(PermissionDenied):
        new_entry(contest, category, agency, outsider)
    assert Entry.objects.count() == 0


def test_another_agencys_entry_is_404_and_nothing_changes(
    client_for, outsider, member, draft, questions
):
    fill(draft, questions, member)
    attachment = attachment_add(entry=draft, upload=upload("a.pdf"), by=member)
    http = client_for(outsider)
    pk, apk = draft.pk, attachment.pk
    gets = [
        reverse("entries:detail", args=[pk]),
        reverse("entries:withdraw", args=[pk]),
        reverse("entries:receipt", args=[pk]),
        reverse("entries:attachment_download", args=[pk, apk]),
        reverse("reports:entry_receipt_pdf", args=[pk]),
    ]
    for url in gets:
        assert http.get(url).status_code == 404, url
    posts = [
        (reverse("entries:detail", args=[pk]), {"title": "탈취", f"q_{questions[0].pk}": "x"}),
        (reverse("entries:autosave", args=[pk]), {"title": "탈취"}),
        (reverse("entries:submit", args=[pk]), {}),
        (reverse("entries:reopen", args=[pk]), {}),
        (reverse("entries:withdraw", args=[pk]), {}),
        (reverse("entries:attachment_upload", args=[pk]), {"file": upload("b.pdf")}),
        (reverse("entries:attachment_replace", args=[pk, apk]), {"file": upload("c.pdf")}),
        (reverse("entries:attachment_delete", args=[pk, apk]), {}),
    ]
    for url, data in posts:
        assert http.post(url, data).status_code == 404, url
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("찾아라! 119 지름길", "draft")
    assert Answer.objects.get(entry=draft, question=questions[0]).text == "출동 시간 단축"
    assert list(Attachment.objects.values_list("pk", "original_name")) == [(apk, "a.pdf")]


def test_another_agencys_member_cannot_write_through_the_services(draft, outsider, questions):
    with pytest.raises(PermissionDenied):
        entry_update(entry=draft, by=outsider, title="남의 사례")
    with pytest.raises(PermissionDenied):
        attachment_add(entry=draft, upload=upload("a.pdf"), by=outsider)
    draft.refresh_from_db()
    assert draft.title == "찾아라! 119 지름길"


def test_an_attachment_id_of_another_entry_is_404_and_not_deleted(
    client_for, member, draft, contest, category
):
    other = factories.EntryFactory(
        contest=contest, category=category, agency=factories.AgencyFactory()
    )
    foreign = Attachment.objects.create(
        entry=other, file="attachments/x.pdf", original_name="x.pdf", kind="pdf", size=1, sha256="0"
    )
    http = client_for(member)
    assert (
        http.get(reverse("entries:attachment_download", args=[draft.pk, foreign.pk])).status_code
        == 404
    )
    assert (
        http.post(reverse("entries:attachment_delete", args=[draft.pk, foreign.pk])).status_code
        == 404
    )
    assert Attachment.objects.filter(pk=foreign.pk).exists()


# ---- forged files: the content decides, never the name ----


def test_a_forged_upload_without_js_shows_the_reason_next_to_the_field(client_for, member, draft):
    response = client_for(member).post(
        reverse("entries:attachment_upload", args=[draft.pk]), {"file": upload("virus.pdf", "exe")}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<p class="form-hint-invalid" id="id_file_error">virus.pdf does not look like a PDF file.'
        in html
    )
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        (
            "setup.pdf",
            "exe",
            "setup.pdf does not look like a PDF file. Its content is not one of the accepted "
            "types (PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG).",
        ),
        (
            "보고서.docx",
            "pdf",
            "보고서.docx is named as a DOCX file but its content is PDF. "
            "Save it with the right extension.",
        ),
        (
            "setup.exe",
            "exe",
            "setup.exe: this type of file is not accepted. "
            "Use PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG.",
        ),
    ],
)
def test_forged_or_mismatched_files_are_refused_by_the_service(draft, member, name, kind, message):
    with pytest.raises(ValidationError) as exc:
        attachment_add(entry=draft, upload=upload(name, kind), by=member)
    assert exc.value.message_dict == {"file": [message]}
    assert Attachment.objects.count() == 0
