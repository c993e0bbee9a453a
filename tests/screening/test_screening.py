"""Entry detail and screening: the page, the service and the view."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.models import Entry
from submissions.services.screening import entry_screen
from tests import factories as f
from tests.screening.conftest import attach

pytestmark = pytest.mark.django_db


def detail_url(world, entry):
    return reverse("screening:detail", args=[world.contest.pk, entry.pk])


# --- the page ---------------------------------------------------------------------------------


def test_detail_shows_answers_as_text_with_line_breaks(world, org):
    attach(world.shortcut, "사업 설명서.pdf", b"%PDF-1.7 demo")
    response = org.get(detail_url(world, world.shortcut))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<dt>Background</dt>" in html
    assert "<dd>출동 지연<br>&lt;b&gt;교통&lt;/b&gt; 문제</dd>" in html
    assert "<b>교통</b>" not in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;클릭&quot;)" in html
    assert "2026-0001" in html
    assert "Ministry of the Interior (Central government agency, MOIS)" in html
    assert "2026-03-02 10:30" in html  # submitted_at, Asia/Seoul
    assert "사업 설명서.pdf" in html


def test_detail_links_attachments_to_the_permission_checked_download(world, org):
    attachment = attach(world.shortcut, "사업 설명서.pdf", b"%PDF-1.7 demo")
    html = org.get(detail_url(world, world.shortcut)).content.decode()
    download = reverse(
        "entries:attachment_download",
        kwargs={"pk": world.shortcut.pk, "attachment_pk": attachment.pk},
    )
    assert f'<a href="{download}">사업 설명서.pdf</a>' in html
    response = org.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 demo"


def test_unanswered_question_is_marked(world, org):
    html = org.get(detail_url(world, world.onestop)).content.decode()
    assert html.count("No answer") == 2


def test_entry_of_another_contest_is_404(world, org):
    other = f.EntryFactory()
    assert org.get(detail_url(world, other)).status_code == 404


@pytest.mark.parametrize("who", ["plain", "member", "agency_admin", "judge", "other_organizer"])
def test_detail_refused_without_the_contest(world, roles, login, who):
    client = login(roles[who])
    assert client.get(detail_url(world, world.shortcut)).status_code == 403
    response = client.post(detail_url(world, world.shortcut), {"eligibility": "eligible"})
    assert response.status_code == 403
    world.shortcut.refresh_from_db()
    assert world.shortcut.eligibility == "pending"


def test_anonymous_detail_goes_to_login(world):
    response = Client().post(detail_url(world, world.shortcut), {"eligibility": "eligible"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_detail_query_count_does_not_grow(world, org, django_assert_num_queries):
    url = detail_url(world, world.shortcut)
    attach(world.shortcut, "a.pdf", b"a")
    with CaptureQueriesContext(connection) as small:
        org.get(url)
    for n in range(6):
        question = f.EntryQuestionFactory(contest=world.contest, order=10 + n)
        f.AnswerFactory(entry=world.shortcut, question=question, text=f"답 {n}")
        attach(world.shortcut, f"{n}.pdf", b"x")
    with django_assert_num_queries(len(small)):
        response = org.get(url)
    assert len(response.context["answers"]) == 8
    assert len(response.context["attachments"]) == 7


# --- the service ------------------------------------------------------------------------------


def test_service_records_outcome_reason_who_and_when(world, organizer):
    before = dt.datetime.now(dt.UTC)
    entry_screen(entry=world.shortcut, by=organizer, eligibility="ineligible", reason=" 중복 \n")
    entry = Entry.objects.get(pk=world.shortcut.pk)
    assert (entry.eligibility, entry.eligibility_reason) == ("ineligible", "중복")
    assert entry.screened_by == organizer
    assert entry.screened_at >= before
    assert world.shortcut.eligibility == "ineligible"  # the caller's object follows


def test_service_rescreen_replaces_the_outcome(world, organizer, site_admin):
    entry_screen(entry=world.onestop, by=site_admin, eligibility="eligible", reason="")
    entry = Entry.objects.get(pk=world.onestop.pk)
    assert (entry.eligibility, entry.eligibility_reason, entry.screened_by) == (
        "eligible",
        "",
        site_admin,
    )


def test_service_does_not_touch_the_last_saved_time(world, organizer):
    saved = Entry.objects.get(pk=world.shortcut.pk).updated_at
    entry_screen(entry=world.shortcut, by=organizer, eligibility="eligible", reason="")
    assert Entry.objects.get(pk=world.shortcut.pk).updated_at == saved


@pytest.mark.parametrize(
    ("entry_name", "eligibility", "reason", "code"),
    [
        ("shortcut", "ineligible", "   ", "reason_required"),
        ("shortcut", "pending", "", "invalid_outcome"),
        ("draft", "eligible", "", "not_submitted"),
        ("withdrawn", "ineligible", "사유", "not_submitted"),
    ],
)
def test_service_refusals_change_nothing(world, organizer, entry_name, eligibility, reason, code):
    entry = getattr(world, entry_name)
    with pytest.raises(ValidationError) as caught:
        entry_screen(entry=entry, by=organizer, eligibility=eligibility, reason=reason)
    error = caught.value
    if hasattr(error, "error_dict"):
        errors = [e for field_errors in error.error_dict.values() for e in field_errors]
    else:
        errors = error.error_list
    assert [e.code for e in errors] == [code]
    fresh = Entry.objects.get(pk=entry.pk)
    assert (fresh.eligibility, fresh.screened_by, fresh.screened_at) == ("pending", None, None)


# --- the view ---------------------------------------------------------------------------------


def test_mark_eligible_redirects_with_a_message(world, org, organizer):
    response = org.post(
        detail_url(world, world.shortcut), {"eligibility": "eligible", "reason": ""}, follow=True
    )
    assert response.redirect_chain == [(detail_url(world, world.shortcut), 302)]
    html = response.content.decode()
    assert "Screening saved: Eligible." in html
    assert '<span class="krds-badge bg-light-success">Eligible</span>' in html
    entry = Entry.objects.get(pk=world.shortcut.pk)
    assert (entry.eligibility, entry.screened_by) == ("eligible", organizer)


def test_ineligible_needs_a_reason_and_keeps_what_was_typed(world, org):
    response = org.post(detail_url(world, world.shortcut), {"eligibility": "ineligible"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the reason the entry is ineligible; the agency will see it." in html
    assert (
        '<input type="radio" name="eligibility" value="ineligible" id="id_eligibility_1" '
        "required checked>" in html
    )
    assert Entry.objects.get(pk=world.shortcut.pk).eligibility == "pending"


def test_draft_cannot_be_screened(world, org):
    page = org.get(detail_url(world, world.draft)).content.decode()
    assert "Only submitted entries can be screened." in page
    assert 'name="eligibility"' not in page
    response = org.post(detail_url(world, world.draft), {"eligibility": "eligible"})
    assert response.status_code == 200
    assert "Only a submitted entry can be screened; this one is “Draft”." in (
        response.content.decode()
    )
    assert Entry.objects.get(pk=world.draft.pk).eligibility == "pending"


def test_htmx_screening_swaps_only_the_screening_box(world, org):
    response = org.post(
        detail_url(world, world.shortcut),
        {"eligibility": "ineligible", "reason": "기한 초과"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Screening saved: Ineligible." in html
    assert '<span class="krds-badge bg-light-danger">Ineligible</span>' in html
    assert "기한 초과" in html
    invalid = org.post(
        detail_url(world, world.shortcut),
        {"eligibility": "ineligible", "reason": ""},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in invalid.content.decode()
    assert "Give the reason" in invalid.content.decode()


def test_missing_outcome_keeps_the_typed_reason(world, org):
    response = org.post(detail_url(world, world.shortcut), {"reason": "메모 <i>남김</i>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_eligibility_error">This field is required.</p>' in html
    assert "메모 &lt;i&gt;남김&lt;/i&gt;</textarea>" in html
    assert Entry.objects.get(pk=world.shortcut.pk).screened_at is None
