"""A contest's organizers: adding one by email (with the email they get), removing one, never the
last one; the page, its refusals and who may use it."""

import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contests.services.organizers import organizer_add, organizer_remove, organizers_of
from tests import factories as f

pytestmark = pytest.mark.django_db

SITE = "https://simsa.example.kr"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def colleague(db):
    return f.OrganizerFactory(name="이협력", email="colleague@example.kr")


def page_url(contest):
    return reverse("contests:organizers", args=[contest.pk])


def remove_url(contest):
    return reverse("contests:organizer_remove", args=[contest.pk])


def listed(contest):
    return sorted(contest.organizers.values_list("email", flat=True))


def audit_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "contests.audit"]


def error_of(excinfo) -> tuple[str, list[str]]:
    error = excinfo.value
    return error.error_dict["email"][0].code, error.messages


# --- services: adding ---------------------------------------------------------------------------


def test_adding_an_organizer_lists_them_emails_them_and_logs_it(
    contest, organizer, colleague, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="contests.audit"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        added = organizer_add(contest=contest, email=" Colleague@Example.KR ", by=organizer)
    assert added == colleague
    assert listed(contest) == ["colleague@example.kr", "organizer@example.kr"]
    assert [m.to for m in mail.outbox] == [["colleague@example.kr"]]
    message = mail.outbox[0]
    assert message.subject == (
        "[우수사례 경진대회 심사시스템] You are now an organizer of 2026 정부혁신 우수사례 경진대회"
    )
    detail = f"{SITE}/contests/{contest.pk}/"
    assert message.body == (
        "Hello 이협력,\n\n"
        "김주관 added you as an organizer of 2026 정부혁신 우수사례 경진대회.\n"
        "You can now set up the contest, manage its entries and judges, and finalize and "
        "publish its results.\n\n"
        f"The contest:\n{detail}\n\n"
        f"Its organizers:\n{detail}organizers/\n\n"
        "If you did not expect this, tell the organizer who added you or the site "
        "administrator.\n\n"
        f"우수사례 경진대회 심사시스템\n{SITE}\n"
    )
    assert audit_lines(caplog) == [
        f"contest {contest.pk}: organizer colleague@example.kr added by organizer@example.kr"
    ]


def test_an_address_without_an_account_is_refused(contest, organizer):
    with pytest.raises(ValidationError) as excinfo:
        organizer_add(contest=contest, email="nobody@example.kr", by=organizer)
    assert error_of(excinfo) == (
        "no_account",
        [
            "No account uses nobody@example.kr. Ask them to sign up with this address first, "
            "then add them here."
        ],
    )
    assert listed(contest) == ["organizer@example.kr"]
    assert mail.outbox == []


def test_an_account_without_the_organizer_role_is_refused(contest, organizer, plain_user):
    with pytest.raises(ValidationError) as excinfo:
        organizer_add(contest=contest, email="plain@example.kr", by=organizer)
    assert error_of(excinfo) == (
        "not_organizer",
        [
            "plain@example.kr has an account but not the organizer role. Ask a site "
            "administrator to give it the role, then add them here."
        ],
    )
    assert listed(contest) == ["organizer@example.kr"]


def test_a_deactivated_account_is_refused(contest, organizer, colleague):
    colleague.is_active = False
    colleague.save()
    with pytest.raises(ValidationError) as excinfo:
        organizer_add(contest=contest, email="colleague@example.kr", by=organizer)
    assert error_of(excinfo) == (
        "inactive",
        ["The account of colleague@example.kr is deactivated."],
    )


def test_someone_already_listed_is_not_added_twice(contest, organizer):
    with pytest.raises(ValidationError) as excinfo:
        organizer_add(contest=contest, email="organizer@example.kr", by=organizer)
    assert error_of(excinfo) == ("already", ["김주관 is already an organizer of this contest."])
    assert mail.outbox == []


def test_a_site_admin_can_be_listed(contest, organizer, site_admin):
    organizer_add(contest=contest, email="admin@example.kr", by=organizer)
    assert listed(contest) == ["admin@example.kr", "organizer@example.kr"]


# --- services: removing -------------------------------------------------------------------------


def test_removing_an_organizer_keeps_the_others_and_logs_it(contest, organizer, colleague, caplog):
    contest.organizers.add(colleague)
    with caplog.at_level(logging.INFO, logger="contests.audit"):
        organizer_remove(contest=contest, user=colleague, by=organizer)
    assert listed(contest) == ["organizer@example.kr"]
    assert audit_lines(caplog) == [
        f"contest {contest.pk}: organizer colleague@example.kr removed by organizer@example.kr"
    ]


def test_removing_oneself_is_allowed_while_another_remains(contest, organizer, colleague):
    contest.organizers.add(colleague)
    organizer_remove(contest=contest, user=organizer, by=organizer)
    assert listed(contest) == ["colleague@example.kr"]


def test_the_last_organizer_cannot_be_removed(contest, organizer):
    with pytest.raises(ValidationError) as excinfo:
        organizer_remove(contest=contest, user=organizer, by=organizer)
    assert excinfo.value.code == "last_organizer"
    assert excinfo.value.messages == [
        "김주관 is the contest's last organizer and cannot be removed: a contest always keeps "
        "at least one. Add another organizer first."
    ]
    assert listed(contest) == ["organizer@example.kr"]


def test_a_listed_person_without_the_role_does_not_count_as_remaining(
    contest, organizer, colleague
):
    contest.organizers.add(colleague)
    colleague.is_organizer = False
    colleague.save()
    with pytest.raises(ValidationError) as excinfo:
        organizer_remove(contest=contest, user=organizer, by=organizer)
    assert excinfo.value.code == "last_organizer"
    # They themselves can still be taken off the list.
    organizer_remove(contest=contest, user=colleague, by=organizer)
    assert listed(contest) == ["organizer@example.kr"]


def test_someone_not_listed_cannot_be_removed(contest, organizer, colleague):
    with pytest.raises(ValidationError) as excinfo:
        organizer_remove(contest=contest, user=colleague, by=organizer)
    assert excinfo.value.code == "not_listed"


def test_organizers_of_lists_by_name_with_whether_they_can_manage(contest, organizer, colleague):
    former = f.UserFactory(name="가전임", email="former@example.kr")
    contest.organizers.add(colleague, former)
    assert [(u.name, u.can_organize) for u in organizers_of(contest)] == [
        ("가전임", False),
        ("김주관", True),
        ("이협력", True),
    ]


# --- the page -----------------------------------------------------------------------------------


def test_the_page_lists_the_organizers_in_one_query(organizer_client, contest, colleague):
    contest.organizers.add(colleague)
    response = organizer_client.get(page_url(contest))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 organizers" in html
    assert [p.email for p in response.context["organizers"]] == [
        "organizer@example.kr",
        "colleague@example.kr",
    ]
    assert "Leave this contest" in html  # the organizer's own row
    assert 'Remove<span class="sr-only"> 이협력</span>' in html

    def count():
        with CaptureQueriesContext(connection) as queries:
            organizer_client.get(page_url(contest))
        return len(queries)

    before = count()
    for n in range(5):
        contest.organizers.add(f.OrganizerFactory(email=f"more{n}@example.kr"))
    assert count() == before


def test_adding_through_the_page(
    organizer_client, contest, colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(page_url(contest), {"email": "colleague@example.kr"})
    assert response.status_code == 302
    assert response["Location"] == page_url(contest)
    assert listed(contest) == ["colleague@example.kr", "organizer@example.kr"]
    assert [m.to for m in mail.outbox] == [["colleague@example.kr"]]
    page = organizer_client.get(response["Location"]).content.decode()
    assert "이협력 was added as an organizer and told by email." in page


def test_an_unknown_address_is_explained_and_kept_in_the_field(organizer_client, contest):
    response = organizer_client.post(page_url(contest), {"email": "nobody@example.kr"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "No account uses nobody@example.kr. Ask them to sign up with this address first, "
        "then add them here."
    ]
    assert 'value="nobody@example.kr"' in response.content.decode()
    assert listed(contest) == ["organizer@example.kr"]


def test_a_malformed_address_is_refused_by_the_form(organizer_client, contest):
    response = organizer_client.post(page_url(contest), {"email": "not-an-address"})
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]


def test_removing_another_through_the_page(organizer_client, contest, colleague):
    contest.organizers.add(colleague)
    response = organizer_client.post(remove_url(contest), {"user": colleague.pk})
    assert response["Location"] == page_url(contest)
    assert listed(contest) == ["organizer@example.kr"]
    page = organizer_client.get(page_url(contest)).content.decode()
    assert "이협력 is no longer an organizer." in page


def test_removing_oneself_leads_to_the_contest_list(
    organizer_client, organizer, contest, colleague
):
    contest.organizers.add(colleague)
    response = organizer_client.post(remove_url(contest), {"user": organizer.pk})
    assert response["Location"] == reverse("contests:list")
    assert listed(contest) == ["colleague@example.kr"]
    page = organizer_client.get(response["Location"]).content.decode()
    assert "You are no longer an organizer of 2026 Government Innovation Contest." in page
    assert organizer_client.get(page_url(contest)).status_code == 403


def test_removing_the_last_organizer_is_refused_with_409(organizer_client, organizer, contest):
    response = organizer_client.post(remove_url(contest), {"user": organizer.pk})
    assert response.status_code == 409
    assert response.context["error"] == (
        "김주관 is the contest's last organizer and cannot be removed: a contest always keeps "
        "at least one. Add another organizer first."
    )
    assert listed(contest) == ["organizer@example.kr"]


@pytest.mark.parametrize("value", ["", "abc", "99999999", "9" * 40])
def test_removing_nobody_or_a_stranger_is_404(organizer_client, contest, colleague, value):
    value = value.replace("99999999", str(colleague.pk))  # exists, but not on this contest
    assert organizer_client.post(remove_url(contest), {"user": value}).status_code == 404
    assert listed(contest) == ["organizer@example.kr"]


def test_removing_needs_post(organizer_client, contest):
    assert organizer_client.get(remove_url(contest)).status_code == 405


def test_an_organizer_not_on_the_contest_changes_nothing(login, contest, colleague, organizer):
    client = login(colleague)
    assert client.get(page_url(contest)).status_code == 403
    response = client.post(page_url(contest), {"email": "colleague@example.kr"})
    assert response.status_code == 403
    assert client.post(remove_url(contest), {"user": organizer.pk}).status_code == 403
    assert listed(contest) == ["organizer@example.kr"]


def test_posts_need_the_csrf_token(organizer, contest, colleague):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    contest.organizers.add(colleague)
    assert client.post(page_url(contest), {"email": "x@example.kr"}).status_code == 403
    assert client.post(remove_url(contest), {"user": colleague.pk}).status_code == 403
    assert listed(contest) == ["colleague@example.kr", "organizer@example.kr"]


def test_an_added_organizer_sees_and_manages_the_draft(organizer, colleague, login):
    draft = f.ContestFactory(organizers=[organizer], is_published=False)
    client = login(colleague)
    assert client.get(reverse("contests:detail", args=[draft.pk])).status_code == 404
    organizer_add(contest=draft, email="colleague@example.kr", by=organizer)
    assert client.get(reverse("contests:detail", args=[draft.pk])).status_code == 200
    assert client.get(page_url(draft)).status_code == 200


def test_the_contest_page_links_to_organizers_and_deletion(organizer_client, contest):
    html = organizer_client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert f'href="{page_url(contest)}"' in html
    assert f'href="{reverse("contests:delete", args=[contest.pk])}"' in html
