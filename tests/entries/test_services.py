import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from submissions.models import Answer, Attachment, Entry, ReceiptSequence
from submissions.services.attachments import attachment_add, attachment_delete, attachment_replace
from submissions.services.entries import (
    entry_create,
    entry_reopen,
    entry_submit,
    entry_update,
    entry_withdraw,
)
from tests import factories
from tests.entries.conftest import close_submission, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages and question labels in English, whatever a translation catalog says."""
    with translation.override("en"):
        yield


def fill(entry, questions, by, text="출동 시간 단축"):
    entry_update(entry=entry, by=by, answers={q.pk: text for q in questions if q.required})


def new_entry(contest, category, agency, by, title="사례"):
    return entry_create(contest=contest, category=category, agency=agency, title=title, by=by)


def test_create_makes_a_draft_with_an_empty_answer_per_question(draft, questions, member):
    assert draft.status == Entry.Status.DRAFT
    assert draft.receipt_number is None
    assert draft.created_by == member
    assert list(draft.answers.values_list("question_id", "text")) == [
        (questions[0].pk, ""),
        (questions[1].pk, ""),
    ]


def test_create_refused_for_a_category_of_another_contest(contest, agency, member):
    foreign = factories.CategoryFactory()
    with pytest.raises(ValidationError) as exc:
        new_entry(contest, foreign, agency, member)
    assert exc.value.message_dict == {"category": ["Choose a category of this contest."]}


def test_limit_per_agency_and_category_counts_non_withdrawn(contest, category, agency, member):
    contest.max_entries_per_agency = 2
    contest.save()
    first = new_entry(contest, category, agency, member)
    new_entry(contest, category, agency, member)
    with pytest.raises(ValidationError) as exc:
        new_entry(contest, category, agency, member)
    assert "already has 2 entries" in exc.value.message_dict["category"][0]
    # Another category and another agency are counted separately.
    new_entry(contest, factories.CategoryFactory(contest=contest), agency, member)
    entry_withdraw(entry=first, by=member)
    new_entry(contest, category, agency, member)
    assert (
        Entry.objects.filter(category=category, agency=agency).exclude(status="withdrawn").count()
        == 2
    )


def test_create_refused_before_opening_and_after_deadline(contest, category, agency, member):
    close_submission(contest)
    with pytest.raises(ValidationError) as exc:
        new_entry(contest, category, agency, member)
    assert exc.value.messages == [
        "The submission deadline has passed. Entries can no longer be changed."
    ]
    future = factories.ContestFactory(
        submission_opens_at=contest.submission_closes_at.replace(year=2099),
        submission_closes_at=contest.submission_closes_at.replace(year=2100),
    )
    with pytest.raises(ValidationError) as exc:
        new_entry(future, factories.CategoryFactory(contest=future), agency, member)
    assert exc.value.messages == ["Submission for this contest has not opened yet."]


def test_update_saves_title_and_answers(draft, questions, member):
    entry_update(entry=draft, by=member, title=" 새 제목 ", answers={questions[0].pk: "가\r\n나"})
    draft.refresh_from_db()
    assert draft.title == "새 제목"
    assert Answer.objects.get(entry=draft, question=questions[0]).text == "가\n나"


def test_overlong_answer_is_refused_and_the_saved_value_stays(draft, questions, member):
    entry_update(entry=draft, by=member, answers={questions[0].pk: "원래 답변"})
    with pytest.raises(ValidationError) as exc:
        entry_update(
            entry=draft,
            by=member,
            title="바뀐 제목",
            answers={questions[0].pk: "가" * 21, questions[1].pk: "짧은 답"},
        )
    assert exc.value.message_dict == {
        f"q_{questions[0].pk}": [
            "Background: at most 20 characters (you have 21). The text was not saved."
        ]
    }
    draft.refresh_from_db()
    assert draft.title == "찾아라! 119 지름길"
    assert dict(draft.answers.values_list("question_id", "text")) == {
        questions[0].pk: "원래 답변",
        questions[1].pk: "",
    }


def test_crlf_counts_as_one_character(draft, questions, member):
    text = "가\r\n" * 10  # 20 characters once newlines are normalized
    entry_update(entry=draft, by=member, answers={questions[0].pk: text})
    assert Answer.objects.get(entry=draft, question=questions[0]).text == "가\n" * 10


def test_submit_checks_required_answers(draft, questions, member):
    with pytest.raises(ValidationError) as exc:
        entry_submit(entry=draft, by=member)
    assert exc.value.messages == ["Background: this answer is required."]
    draft.refresh_from_db()
    assert (draft.status, draft.receipt_number) == ("draft", None)
    assert ReceiptSequence.objects.filter(contest=draft.contest).count() == 0


def test_receipt_numbers_are_sequential_and_never_reused(
    contest, category, agency, member, questions
):
    entries = [new_entry(contest, category, agency, member, title=f"사례{i}") for i in range(3)]
    for entry in entries:
        fill(entry, questions, member)
    first = entry_submit(entry=entries[0], by=member)
    second = entry_submit(entry=entries[1], by=member)
    number = [f"2026-{contest.pk:03d}-{n:04d}" for n in (0, 1, 2, 3)]
    assert (first.receipt_number, second.receipt_number) == (number[1], number[2])
    # Reopen and resubmit keeps the number.
    entry_reopen(entry=first, by=member)
    first.refresh_from_db()
    assert (first.status, first.receipt_number) == ("draft", number[1])
    assert entry_submit(entry=first, by=member).receipt_number == number[1]
    # A withdrawn entry keeps its number; the next entry does not get it.
    entry_withdraw(entry=second, by=member)
    second.refresh_from_db()
    assert (second.status, second.receipt_number) == ("withdrawn", number[2])
    assert entry_submit(entry=entries[2], by=member).receipt_number == number[3]
    assert ReceiptSequence.objects.get(contest=contest).last == 3


def test_receipt_numbers_name_their_contest(category, agency, member, questions, draft):
    """Each contest counts from 1, and its id in the number keeps numbers unique everywhere."""
    fill(draft, questions, member)
    other = factories.ContestFactory(year=2025)
    other_entry = new_entry(other, factories.CategoryFactory(contest=other), agency, member)
    assert entry_submit(entry=other_entry, by=member).receipt_number == f"2025-{other.pk:03d}-0001"
    assert entry_submit(entry=draft, by=member).receipt_number == (
        f"2026-{draft.contest_id:03d}-0001"
    )


def test_submitted_entry_cannot_be_edited_until_reopened(draft, questions, member):
    fill(draft, questions, member)
    entry_submit(entry=draft, by=member)
    with pytest.raises(ValidationError) as exc:
        entry_update(entry=draft, by=member, title="몰래 바꾸기")
    assert exc.value.messages == ["This entry has been submitted. Reopen it to make changes."]
    with pytest.raises(ValidationError):
        entry_submit(entry=draft, by=member)


def test_withdrawn_entry_is_final(draft, member):
    entry_withdraw(entry=draft, by=member)
    for action in (entry_reopen, entry_withdraw, entry_submit):
        with pytest.raises(ValidationError):
            action(entry=draft, by=member)


def test_every_write_is_refused_after_the_deadline(draft, questions, member):
    fill(draft, questions, member)
    attachment = attachment_add(entry=draft, upload=upload("보고서.pdf"), by=member)
    submitted = new_entry(draft.contest, draft.category, draft.agency, member)
    fill(submitted, questions, member)
    entry_submit(entry=submitted, by=member)
    close_submission(draft.contest)
    closed = "The submission deadline has passed. Entries can no longer be changed."
    attempts = [
        lambda: entry_update(entry=draft, by=member, title="마감 후"),
        lambda: entry_submit(entry=draft, by=member),
        lambda: entry_withdraw(entry=draft, by=member),
        lambda: entry_reopen(entry=submitted, by=member),
        lambda: entry_withdraw(entry=submitted, by=member),
        lambda: attachment_add(entry=draft, upload=upload("추가.pdf"), by=member),
        lambda: attachment_replace(
            attachment=attachment, upload=upload("교체.png", "png"), by=member
        ),
        lambda: attachment_delete(attachment=attachment, by=member),
        lambda: new_entry(draft.contest, draft.category, draft.agency, member),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert exc.value.messages == [closed]
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert (draft.title, draft.status) == ("찾아라! 119 지름길", "draft")
    assert submitted.status == "submitted"
    assert list(Attachment.objects.values_list("original_name", "kind")) == [("보고서.pdf", "pdf")]


def test_submit_emails_the_submitter_and_agency_admins(
    draft, questions, member, agency_admin, django_capture_on_commit_callbacks
):
    fill(draft, questions, member)
    attachment_add(entry=draft, upload=upload("우수사례 보고서.pdf"), by=member)
    with django_capture_on_commit_callbacks(execute=True):
        entry_submit(entry=draft, by=member)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    number = f"2026-{draft.contest_id:03d}-0001"
    assert message.subject == f"[우수사례 경진대회 심사시스템] 사례 접수 완료 (접수번호 {number})"
    assert message.to == ["lee@mois.go.kr", "park@mois.go.kr"]
    assert f"접수번호: {number}" in message.body
    assert "사례 제목: 찾아라! 119 지름길" in message.body
    assert "기관: 행정안전부" in message.body
    assert "부문: 중앙부처" in message.body
    assert " - 우수사례 보고서.pdf" in message.body
    draft.refresh_from_db()
    from django.utils import timezone

    local = timezone.localtime(draft.submitted_at).strftime("%Y-%m-%d %H:%M:%S")
    assert f"접수 일시: {local} (한국 시간)" in message.body


# ---- attachments ----


def test_attachment_is_stored_under_a_random_name(draft, member):
    attachment = attachment_add(entry=draft, upload=upload("C:\\문서\\우수사례.pdf"), by=member)
    assert attachment.original_name == "우수사례.pdf"
    assert attachment.kind == "pdf"
    assert attachment.size == len(upload("x.pdf").read())
    assert attachment.file.name.startswith(f"attachments/{draft.contest_id}/")
    assert attachment.file.name.endswith(".pdf")
    assert "우수사례" not in attachment.file.name
    assert len(attachment.sha256) == 64


def test_size_limits_per_file_and_per_entry(draft, member):
    contest = draft.contest
    contest.attachment_max_file_mb = 1
    contest.attachment_max_total_mb = 2
    contest.save()
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        attachment_add(entry=draft, upload=upload("큰파일.pdf", data=big), by=member)
    assert exc.value.message_dict == {
        "file": ["큰파일.pdf is larger than 1 MB, the limit per file."]
    }
    near = b"%PDF-1.4\n" + b"0" * (900 * 1024)
    attachment_add(entry=draft, upload=upload("a.pdf", data=near), by=member)
    second = attachment_add(entry=draft, upload=upload("b.pdf", data=near), by=member)
    with pytest.raises(ValidationError) as exc:
        attachment_add(entry=draft, upload=upload("c.pdf", data=near), by=member)
    assert "over 2 MB in all" in exc.value.message_dict["file"][0]
    # Replacing counts the new size instead of the old one.
    attachment_replace(attachment=second, upload=upload("b2.pdf", data=near), by=member)
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == ["a.pdf", "b2.pdf"]


def test_replace_and_delete_remove_the_old_file(draft, member, django_capture_on_commit_callbacks):
    attachment = attachment_add(entry=draft, upload=upload("a.pdf"), by=member)
    storage, old = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        replaced = attachment_replace(
            attachment=attachment, upload=upload("그림.png", "png"), by=member
        )
    assert (replaced.pk, replaced.original_name, replaced.kind) == (
        attachment.pk,
        "그림.png",
        "png",
    )
    assert not storage.exists(old)
    assert storage.exists(replaced.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=replaced, by=member)
    assert not storage.exists(replaced.file.name)
    assert Attachment.objects.count() == 0


def test_attachments_of_a_submitted_entry_cannot_change(draft, questions, member):
    fill(draft, questions, member)
    attachment = attachment_add(entry=draft, upload=upload("a.pdf"), by=member)
    entry_submit(entry=draft, by=member)
    with pytest.raises(ValidationError):
        attachment_delete(attachment=attachment, by=member)
    assert Attachment.objects.count() == 1
