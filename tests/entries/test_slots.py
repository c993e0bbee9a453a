"""Attachment slots on the agency's entry (issue 11, item 4): a slot's types and size, one file
per slot, required slots block submitting, the entry page's order and the grouping by slot."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from contests.models import AttachmentSlot
from submissions.models import Attachment, Entry
from submissions.selectors.slots import group_by_slot
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_submit, entry_update, submission_problems
from tests import factories
from tests.entries.conftest import upload

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def summary(contest):
    return AttachmentSlot.objects.create(
        contest=contest,
        label_ko="사례요약서",
        label_en="Case summary",
        guidance="A4 2쪽 이내",
        kinds=["pdf"],
        max_file_mb=1,
        order=0,
    )


@pytest.fixture
def slides(contest):
    return AttachmentSlot.objects.create(
        contest=contest,
        label_ko="발표자료",
        label_en="Slides",
        kinds=["pptx", "pdf"],
        max_file_mb=5,
        required=False,
        order=1,
    )


def answered(draft, questions, member):
    entry_update(entry=draft, by=member, answers={questions[0].pk: "출동 시간 단축"})
    return draft


# --- services -------------------------------------------------------------------------------


def test_a_slot_takes_only_its_types_and_says_which(draft, member, summary):
    with pytest.raises(ValidationError) as refused:
        attachment_add(entry=draft, upload=upload("요약.hwp", "hwp"), by=member, slot=summary)
    assert refused.value.message_dict == {
        "file": ["Case summary: 요약.hwp is not accepted here. Use PDF, at most 1 MB."]
    }
    assert Attachment.objects.count() == 0


def test_a_slot_has_its_own_size_limit(draft, member, summary, slides):
    big = upload("요약.pdf", data=b"%PDF-1.4\n" + b"0" * MB)
    with pytest.raises(ValidationError) as refused:
        attachment_add(entry=draft, upload=big, by=member, slot=summary)
    assert refused.value.message_dict == {
        "file": ["Case summary: 요약.pdf is larger than 1 MB. Use PDF, at most 1 MB."]
    }
    # the same file fits the slides slot (5 MB), whose types are listed in the list's order
    big.seek(0)
    attachment = attachment_add(entry=draft, upload=big, by=member, slot=slides)
    assert (attachment.slot, attachment.kind, attachment.size) == (slides, "pdf", MB + 9)
    assert slides.kind_labels == "PDF, PPTX"
    assert slides.accept == ".pdf,.pptx"


def test_a_slot_holds_one_file_a_new_upload_replaces_it(draft, member, summary):
    first = attachment_add(entry=draft, upload=upload("v1.pdf"), by=member, slot=summary)
    second = attachment_add(entry=draft, upload=upload("v2.pdf"), by=member, slot=summary)
    assert second.pk == first.pk
    assert list(Attachment.objects.values_list("original_name", "slot_id")) == [
        ("v2.pdf", summary.pk)
    ]


def test_slot_files_do_not_count_against_the_number_of_free_files(contest, draft, member, summary):
    contest.max_attachments_per_entry = 1
    contest.save()
    attachment_add(entry=draft, upload=upload("요약.pdf"), by=member, slot=summary)
    free = attachment_add(entry=draft, upload=upload("사진.png", "png"), by=member)
    assert free.slot is None
    assert Attachment.objects.count() == 2


def test_a_slot_of_another_contest_is_refused(draft, member):
    other = AttachmentSlot.objects.create(contest=factories.ContestFactory(), label_ko="다른")
    with pytest.raises(ValidationError) as refused:
        attachment_add(entry=draft, upload=upload("a.pdf"), by=member, slot=other)
    assert refused.value.message_dict == {"file": ["This file slot is not part of the contest."]}


def test_every_type_is_accepted_when_the_slot_ticks_none(draft, member, contest):
    any_type = AttachmentSlot.objects.create(contest=contest, label_ko="기타", kinds=[])
    assert any_type.kind_labels == "PDF, HWP, HWPX, DOCX, PPTX, XLSX, PNG, JPG"
    attachment = attachment_add(
        entry=draft, upload=upload("a.hwp", "hwp"), by=member, slot=any_type
    )
    assert attachment.kind == "hwp"


def test_a_required_slot_without_a_file_blocks_submitting(
    draft, questions, member, summary, slides
):
    answered(draft, questions, member)
    assert submission_problems(draft) == [
        "Case summary: this file is required. Attach it, then submit."
    ]
    with pytest.raises(ValidationError) as refused:
        entry_submit(entry=draft, by=member)
    assert refused.value.messages == [
        "Case summary: this file is required. Attach it, then submit."
    ]
    attachment_add(entry=draft, upload=upload("요약.pdf"), by=member, slot=summary)
    assert submission_problems(draft) == []  # the optional slides slot may stay empty
    assert entry_submit(entry=draft, by=member).status == Entry.Status.SUBMITTED


def test_group_by_slot_keeps_the_slots_order_then_the_free_files(summary, slides):
    free = Attachment(original_name="사진.png", slot=None)
    in_slides = Attachment(original_name="발표.pptx", slot=slides)
    in_summary = Attachment(original_name="요약.pdf", slot=summary)
    groups = group_by_slot([summary, slides], [free, in_slides, {"attachment": in_summary}])
    assert [(g.slot, [getattr(i, "original_name", None) or i["attachment"].original_name
                      for i in g.items]) for g in groups] == [
        (summary, ["요약.pdf"]),
        (slides, ["발표.pptx"]),
        (None, ["사진.png"]),
    ]  # fmt: skip
    assert [g.slot for g in group_by_slot([summary], [])] == [summary]
    assert [g.slot for g in group_by_slot([summary], [], always_free=True)] == [summary, None]


# --- the entry page -------------------------------------------------------------------------


def test_the_page_shows_each_slot_with_its_rule_then_submit_last(
    client_for, member, draft, summary, slides
):
    html = client_for(member).get(reverse("entries:detail", args=[draft.pk])).content.decode()
    assert 'Case summary <span class="entry-slot-required">(required)</span>' in html
    assert "File types: PDF. At most 1 MB." in html
    assert "File types: PDF, PPTX. At most 5 MB." in html
    assert 'accept=".pdf"' in html
    assert f'<input type="hidden" name="slot" value="{summary.pk}">' in html
    # attachments (slots, then the other files) come before the buttons; "Save and submit" is
    # the last control of the page
    assert html.index('id="slot-') < html.index("Other files") < html.index("Save and submit")
    assert html.index("Save and submit") > html.rindex("<form")
    assert 'form="entry-form"' in html


def test_submitting_without_the_required_file_names_it(
    client_for, member, draft, questions, summary
):
    answered(draft, questions, member)
    response = client_for(member).post(reverse("entries:submit", args=[draft.pk]))
    assert response.status_code == 200
    assert response.context["problems"] == [
        "Case summary: this file is required. Attach it, then submit."
    ]
    draft.refresh_from_db()
    assert draft.status == Entry.Status.DRAFT


def test_a_wrong_type_is_refused_at_the_slot_and_the_saved_file_stays(
    client_for, member, draft, summary
):
    attachment_add(entry=draft, upload=upload("요약.pdf"), by=member, slot=summary)
    http = client_for(member)
    url = reverse("entries:attachment_upload", args=[draft.pk])
    response = http.post(url, {"slot": summary.pk, "file": upload("요약.docx", "docx")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Case summary: 요약.docx is not accepted here. Use PDF, at most 1 MB." in html
    assert f'id="slot-{summary.pk}-error" role="alert"' in html
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["요약.pdf"]
    # with htmx: the attachments region only, the error at the slot
    response = http.post(
        url, {"slot": summary.pk, "file": upload("요약.docx", "docx")}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.startswith('\n<section id="entry-attachments"')
    assert "Case summary: 요약.docx is not accepted here. Use PDF, at most 1 MB." in html
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["요약.pdf"]


def test_an_empty_slot_upload_asks_for_a_file(client_for, member, draft, summary):
    response = client_for(member).post(
        reverse("entries:attachment_upload", args=[draft.pk]), {"slot": summary.pk}
    )
    assert "Case summary: choose a file to upload." in response.content.decode()


def test_a_slot_upload_is_kept_and_announced(client_for, member, draft, summary):
    response = client_for(member).post(
        reverse("entries:attachment_upload", args=[draft.pk]),
        {"slot": summary.pk, "file": upload("요약.pdf")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "요약.pdf was attached as Case summary."
    ]
    assert Attachment.objects.get().slot == summary


def test_a_slot_of_another_contest_is_404(client_for, member, draft):
    other = AttachmentSlot.objects.create(contest=factories.ContestFactory(), label_ko="다른")
    response = client_for(member).post(
        reverse("entries:attachment_upload", args=[draft.pk]),
        {"slot": other.pk, "file": upload("a.pdf")},
    )
    assert response.status_code == 404
    assert Attachment.objects.count() == 0


def test_organizers_see_the_files_grouped_by_slot(
    client_for, contest, draft, member, summary, slides, organizer
):
    contest.organizers.add(organizer)
    attachment_add(entry=draft, upload=upload("사진.png", "png"), by=member)
    attachment_add(entry=draft, upload=upload("요약.pdf"), by=member, slot=summary)
    url = reverse("screening:detail", args=[contest.pk, draft.pk])
    html = client_for(organizer).get(url).content.decode()
    section = html[html.index('id="entry-files-title"') :]
    assert section.index("<h3>Case summary</h3>") < section.index("요약.pdf")
    assert section.index("요약.pdf") < section.index("<h3>Other files</h3>")
    assert section.index("<h3>Other files</h3>") < section.index("사진.png")
    assert "<h3>Slides</h3>" not in section  # an empty slot is not listed to readers
