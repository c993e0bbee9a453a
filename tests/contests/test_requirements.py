"""The organizer's attachment slots and the defaults of new question and slot rows (issue 11,
item 4): a new row starts required, with the first row's limit, and is not saved when untouched."""

import re

import pytest
from django.urls import reverse

from contests.models import AttachmentSlot, EntryQuestion
from contests.services.copy import contest_copy
from tests import factories as f

pytestmark = pytest.mark.django_db


def rows_post(rows: list[dict], *, initial: int, prefix: str = "rows") -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def test_the_blank_question_row_starts_required_with_the_first_rows_limit(
    organizer_client, contest
):
    f.EntryQuestionFactory(contest=contest, label_ko="추진배경", max_length=3000, order=0)
    f.EntryQuestionFactory(contest=contest, label_ko="추진성과", max_length=500, order=1)
    response = organizer_client.get(reverse("contests:questions", args=[contest.pk]))
    new_row = response.context["formset"].forms[-1]
    assert new_row.instance.pk is None
    assert (new_row["required"].value(), new_row["max_length"].value()) == (True, 3000)


def test_added_question_rows_start_required_with_the_first_rows_limit(organizer_client, contest):
    first = f.EntryQuestionFactory(contest=contest, label_ko="추진배경", max_length=3000, order=0)
    url = reverse("contests:questions", args=[contest.pk])
    saved = {"id": str(first.pk), "label_ko": "추진배경", "max_length": "3000", "required": "on"}
    response = organizer_client.post(url, {**rows_post([saved], initial=1), "add_row": "1"})
    new_row = response.context["formset"].forms[-1]
    assert len(response.context["formset"].forms) == 2
    assert (new_row["required"].value(), new_row["max_length"].value()) == (True, "3000")
    html = response.content.decode()
    assert re.search(r"<input type=\"checkbox\" name=\"rows-1-required\"[^>]* checked", html)
    # filled in and saved as shown: required, 3000 characters
    response = organizer_client.post(
        url,
        rows_post(
            [saved, {"label_ko": "향후계획", "max_length": "3000", "required": "on"}], initial=1
        ),
    )
    assert response.status_code == 302
    assert list(EntryQuestion.objects.values_list("label_ko", "required", "max_length")) == [
        ("추진배경", True, 3000),
        ("향후계획", True, 3000),
    ]


def test_an_added_row_left_blank_is_not_saved(organizer_client, contest):
    first = f.EntryQuestionFactory(contest=contest, label_ko="추진배경", max_length=3000, order=0)
    url = reverse("contests:questions", args=[contest.pk])
    saved = {"id": str(first.pk), "label_ko": "추진배경", "max_length": "3000", "required": "on"}
    blank = {"label_ko": "", "max_length": "3000", "required": "on"}
    response = organizer_client.post(url, rows_post([saved, blank], initial=1))
    assert response.status_code == 302
    assert EntryQuestion.objects.count() == 1


def test_the_first_question_of_a_contest_starts_with_the_models_defaults(organizer_client, contest):
    response = organizer_client.get(reverse("contests:questions", args=[contest.pk]))
    row = response.context["formset"].forms[0]
    assert (row["required"].value(), row["max_length"].value()) == (True, 2000)


def test_the_organizer_sets_slots_and_new_slot_rows_copy_the_first_limit(organizer_client, contest):
    url = reverse("contests:slots", args=[contest.pk])
    response = organizer_client.post(
        url,
        rows_post(
            [
                {
                    "label_ko": "사례요약서",
                    "label_en": "Case summary",
                    "guidance": "A4 2쪽 이내",
                    "required": "on",
                    "kinds": "pdf",
                    "max_file_mb": "10",
                },
                {"label_ko": "발표자료", "kinds": ["pptx", "pdf"], "max_file_mb": "30"},
            ],
            initial=0,
        ),
    )
    assert response.status_code == 302
    assert list(
        AttachmentSlot.objects.values_list("label_ko", "required", "kinds", "max_file_mb", "order")
    ) == [("사례요약서", True, ["pdf"], 10, 0), ("발표자료", False, ["pptx", "pdf"], 30, 1)]
    new_row = organizer_client.get(url).context["formset"].forms[-1]
    assert (new_row["required"].value(), new_row["max_file_mb"].value()) == (True, 10)


def test_a_slot_with_a_file_in_it_cannot_be_removed(organizer_client, contest):
    slot = AttachmentSlot.objects.create(contest=contest, label_ko="사례요약서", kinds=["pdf"])
    entry = f.EntryFactory(contest=contest)
    from submissions.models import Attachment

    Attachment.objects.create(
        entry=entry, slot=slot, original_name="요약.pdf", kind="pdf", size=1, sha256="0" * 64
    )
    row = {"id": str(slot.pk), "label_ko": "사례요약서", "kinds": "pdf", "max_file_mb": "20"}
    response = organizer_client.post(
        reverse("contests:slots", args=[contest.pk]),
        rows_post([{**row, "DELETE": "on"}], initial=1),
    )
    assert response.status_code == 200
    assert response.context["save_errors"] == [
        "사례요약서 cannot be removed because other records use it."
    ]
    assert AttachmentSlot.objects.filter(pk=slot.pk).exists()


def test_copying_a_contest_copies_its_slots_not_its_documents(contest, organizer):
    AttachmentSlot.objects.create(
        contest=contest, label_ko="사례요약서", kinds=["pdf"], max_file_mb=10, order=0
    )
    AttachmentSlot.objects.create(contest=contest, label_ko="발표자료", required=False, order=1)
    copy = contest_copy(source=contest, by=organizer, year=2027)
    assert list(
        copy.attachment_slots.values_list("label_ko", "required", "kinds", "max_file_mb")
    ) == [("사례요약서", True, ["pdf"], 10), ("발표자료", False, [], 20)]
    assert AttachmentSlot.objects.filter(contest=contest).count() == 2
    assert copy.documents.count() == 0


def test_the_contest_page_lists_the_slots(client, contest):
    AttachmentSlot.objects.create(
        contest=contest, label_ko="사례요약서", label_en="Case summary", kinds=["pdf", "hwp"]
    )
    html = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert 'Case summary <span class="contest-muted">(PDF, HWP, at most 20 MB, required)' in html
