import pytest
from django.urls import reverse

from submissions.models import Answer, Attachment, Entry
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_submit, entry_update
from tests import factories
from tests.entries.conftest import close_submission, upload

pytestmark = pytest.mark.django_db


def fill(entry, questions, member):
    entry_update(entry=entry, by=member, answers={questions[0].pk: "출동 시간 단축"})


def test_list_shows_only_my_agencies_entries_and_open_contests(
    client_for, member, draft, contest, category, other_agency
):
    factories.EntryFactory(
        contest=contest, category=category, agency=other_agency, title="남의 사례"
    )
    response = client_for(member).get(reverse("entries:list"))
    assert response.status_code == 200
    assert [e.title for e in response.context["entries"]] == ["찾아라! 119 지름길"]
    html = response.content.decode()
    assert "남의 사례" not in html
    assert f'href="{reverse("entries:create", args=[contest.pk])}?category={category.pk}"' in html
    assert "New entry in Central" in html


def test_list_explains_why_a_user_without_agency_cannot_create(client_for):
    response = client_for(factories.UserFactory()).get(reverse("entries:list"))
    assert response.status_code == 200
    assert "only approved members of an agency can submit cases" in response.content.decode()
    assert response.context["contests"] == []


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("entries:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_create_form_and_post(client_for, member, contest, category, agency):
    http = client_for(member)
    url = reverse("entries:create", args=[contest.pk])
    assert http.get(url, {"category": category.pk}).status_code == 200
    response = http.post(url, {"category": category.pk, "agency": agency.pk, "title": "새 사례"})
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("entries:detail", args=[entry.pk])
    assert (entry.title, entry.agency, entry.created_by) == ("새 사례", agency, member)


def test_create_over_the_limit_shows_the_reason(client_for, member, contest, category, agency):
    contest.max_entries_per_agency = 1
    contest.save()
    factories.EntryFactory(contest=contest, category=category, agency=agency)
    response = client_for(member).post(
        reverse("entries:create", args=[contest.pk]),
        {"category": category.pk, "agency": agency.pk, "title": "두 번째"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["category"] == [
        "Your agency already has 1 entries in this category, the most this contest allows. "
        "Withdraw one to start another."
    ]
    assert response.context["form"]["title"].value() == "두 번째"


def test_create_for_a_closed_contest_is_404(client_for, member, contest, category):
    close_submission(contest)
    assert client_for(member).get(reverse("entries:create", args=[contest.pk])).status_code == 404


def test_edit_page_has_autosave_fields(client_for, member, draft, questions):
    response = client_for(member).get(reverse("entries:detail", args=[draft.pk]))
    html = response.content.decode()
    autosave = reverse("entries:autosave", args=[draft.pk])
    assert response.status_code == 200
    assert f'hx-post="{autosave}"' in html
    assert 'hx-trigger="input changed delay:800ms, change"' in html
    assert 'hx-sync="this:replace"' in html
    assert f'hx-params="q_{questions[0].pk}"' in html
    assert 'data-max-length="20"' in html
    assert '<span class="entry-count-now">0</span> / 20 characters' in html


def test_autosave_saves_one_field_and_answers_with_the_time(client_for, member, draft, questions):
    response = client_for(member).post(
        reverse("entries:autosave", args=[draft.pk]),
        {f"q_{questions[0].pk}": "자동 저장"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(
        f'<p id="status-q_{questions[0].pk}" class="entry-save-status" role="status">Saved '
    )
    assert Answer.objects.get(entry=draft, question=questions[0]).text == "자동 저장"


def test_autosave_refuses_overlong_text_and_keeps_the_saved_value(
    client_for, member, draft, questions
):
    entry_update(entry=draft, by=member, answers={questions[0].pk: "원래"})
    response = client_for(member).post(
        reverse("entries:autosave", args=[draft.pk]),
        {f"q_{questions[0].pk}": "가" * 21},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode() == (
        f'<p id="status-q_{questions[0].pk}" class="entry-save-status form-hint-invalid" '
        'role="status">Background: at most 20 characters (you have 21). The text was not saved.</p>'
    )
    assert Answer.objects.get(entry=draft, question=questions[0]).text == "원래"


def test_save_without_js_and_overlong_text_is_shown_in_the_field(
    client_for, member, draft, questions
):
    http = client_for(member)
    url = reverse("entries:detail", args=[draft.pk])
    q1, q2 = (f"q_{q.pk}" for q in questions)
    response = http.post(url, {"title": "제목", q1: "배경", q2: "성과"})
    assert response.status_code == 302
    assert dict(draft.answers.values_list("question__label_ko", "text")) == {
        "추진배경": "배경",
        "추진성과": "성과",
    }
    response = http.post(
        url, {"title": "다른 제목", q1: "가" * 21, q2: "<script>alert(1)</script>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "At most 20 characters (you have 21). The text was not saved." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    draft.refresh_from_db()
    assert draft.title == "제목"


def test_submit_gives_a_receipt_number_and_redirects_to_the_receipt(
    client_for, member, draft, questions
):
    fill(draft, questions, member)
    http = client_for(member)
    response = http.post(reverse("entries:submit", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("entries:receipt", args=[draft.pk])
    receipt = http.get(response["Location"])
    html = receipt.content.decode()
    number = f"2026-{draft.contest_id:03d}-0001"
    assert f'<td class="entry-receipt-number">{number}</td>' in html
    assert "찾아라! 119 지름길" in html
    assert "Ministry of the Interior" in html


def test_submit_with_missing_answers_lists_the_problems(client_for, member, draft):
    response = client_for(member).post(reverse("entries:submit", args=[draft.pk]))
    assert response.status_code == 200
    assert "Background: this answer is required." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_no_js_form_submit_saves_then_submits(client_for, member, draft, questions):
    q1, q2 = (f"q_{q.pk}" for q in questions)
    response = client_for(member).post(
        reverse("entries:submit", args=[draft.pk]), {"title": "최종", q1: "배경", q2: ""}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    number = f"2026-{draft.contest_id:03d}-0001"
    assert (draft.title, draft.status, draft.receipt_number) == ("최종", "submitted", number)


def test_reopen_and_withdraw(client_for, member, draft, questions):
    fill(draft, questions, member)
    entry_submit(entry=draft, by=member)
    http = client_for(member)
    assert http.post(reverse("entries:reopen", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    number = f"2026-{draft.contest_id:03d}-0001"
    assert (draft.status, draft.receipt_number) == ("draft", number)
    confirm = http.get(reverse("entries:withdraw", args=[draft.pk]))
    assert confirm.status_code == 200
    assert (
        f"Its receipt number {number} will not be given to another entry."
        in confirm.content.decode()
    )
    assert http.post(reverse("entries:withdraw", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn"


def test_after_the_deadline_pages_are_read_only_and_posts_change_nothing(
    client_for, member, draft, questions
):
    fill(draft, questions, member)
    close_submission(draft.contest)
    http = client_for(member)
    page = http.get(reverse("entries:detail", args=[draft.pk])).content.decode()
    assert "The submission period is over." in page
    assert "hx-post" not in page.split('id="main"')[1]
    response = http.post(
        reverse("entries:autosave", args=[draft.pk]), {"title": "마감 후"}, HTTP_HX_REQUEST="true"
    )
    assert "The submission deadline has passed." in response.content.decode()
    http.post(reverse("entries:submit", args=[draft.pk]))
    http.post(reverse("entries:withdraw", args=[draft.pk]))
    http.post(reverse("entries:attachment_upload", args=[draft.pk]), {"file": upload("a.pdf")})
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.receipt_number) == (
        "찾아라! 119 지름길",
        "draft",
        None,
    )
    assert Attachment.objects.count() == 0


def test_upload_with_htmx_returns_the_list(client_for, member, draft):
    response = client_for(member).post(
        reverse("entries:attachment_upload", args=[draft.pk]),
        {"file": upload("우수사례 보고서.pdf")},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="entry-attachments"')
    assert "우수사례 보고서.pdf was attached." in html
    assert Attachment.objects.get().original_name == "우수사례 보고서.pdf"


def test_download_uses_rfc5987_filename_and_checks_access(
    client_for, member, draft, organizer, site_admin, contest
):
    attachment = attachment_add(entry=draft, upload=upload("우수사례 보고서.pdf"), by=member)
    url = reverse("entries:attachment_download", args=[draft.pk, attachment.pk])
    response = client_for(member).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="attachment-{attachment.pk}.pdf"; '
        "filename*=utf-8''%EC%9A%B0%EC%88%98%EC%82%AC%EB%A1%80%20%EB%B3%B4%EA%B3%A0%EC%84%9C.pdf"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # Organizers of the contest and site admins may download; other organizers may not.
    assert client_for(organizer).get(url).status_code == 404
    contest.organizers.add(organizer)
    assert client_for(organizer).get(url).status_code == 200
    assert client_for(site_admin).get(url).status_code == 200
    assert client_for(factories.JudgeFactory(contest=contest).user).get(url).status_code == 404


def test_ascii_name_download_header(client_for, member, draft):
    attachment = attachment_add(entry=draft, upload=upload("report.pdf"), by=member)
    response = client_for(member).get(
        reverse("entries:attachment_download", args=[draft.pk, attachment.pk])
    )
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'


def test_media_files_are_not_served_publicly(client, member, draft):
    attachment = attachment_add(entry=draft, upload=upload("a.pdf"), by=member)
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_the_agency_sees_the_screening_outcome_and_reason(client_for, member, draft):
    client = client_for(member)
    assert (
        "Screening" not in client.get(reverse("entries:detail", args=[draft.pk])).content.decode()
    )
    Entry.objects.filter(pk=draft.pk).update(
        status="submitted",
        receipt_number="2026-0001",
        eligibility="ineligible",
        eligibility_reason="동일 사례가 작년에 수상함",
    )
    html = client.get(reverse("entries:detail", args=[draft.pk])).content.decode()
    assert '<span class="krds-badge bg-light-danger">Ineligible</span>' in html
    assert '<span class="entry-screening-reason">동일 사례가 작년에 수상함</span>' in html
