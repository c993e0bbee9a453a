"""Deleting a contest: only without entries (of any status), confirmed by typing its name."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contests.models import Category, Contest, Criterion, Round
from contests.services.deletion import contest_delete
from scoring.models import Judge, JudgeInvitation, RoundResult
from submissions.models import Entry
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def set_up(contest):
    """The contest with a category, a round with a criterion, a judge and an invitation."""
    f.CategoryFactory(contest=contest)
    round_ = f.RoundFactory(contest=contest)
    f.CriterionFactory(round=round_)
    f.JudgeFactory(contest=contest)
    JudgeInvitation.objects.create(
        contest=contest, email="invited@example.kr", name="초대", token="delete-token"
    )
    return contest


def delete_url(contest):
    return reverse("contests:delete", args=[contest.pk])


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Contest, Category, Round, Criterion, Judge, JudgeInvitation)
    }


# --- the service --------------------------------------------------------------------------------


def test_an_empty_contest_is_deleted_with_its_set_up(set_up, organizer, caplog):
    other = f.ContestFactory()  # untouched
    f.CategoryFactory(contest=other)
    pk = set_up.pk
    with caplog.at_level(logging.INFO, logger="contests.audit"):
        contest_delete(contest=set_up, by=organizer)
    assert not Contest.objects.filter(pk=pk).exists()
    assert counts() == {
        "Contest": 1, "Category": 1, "Round": 0, "Criterion": 0, "Judge": 0, "JudgeInvitation": 0,
    }  # fmt: skip
    assert [r.getMessage() for r in caplog.records if r.name == "contests.audit"] == [
        f"contest {pk} (2026 정부혁신 우수사례 경진대회) deleted by organizer@example.kr"
    ]


@pytest.mark.parametrize("status", [Entry.Status.DRAFT, Entry.Status.WITHDRAWN])
def test_any_entry_keeps_the_contest(set_up, organizer, status):
    f.EntryFactory(contest=set_up, status=status)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        contest_delete(contest=set_up, by=organizer)
    assert excinfo.value.code == "has_entries"
    assert excinfo.value.messages == [
        "This contest has 1 entry (drafts count too), so it cannot be deleted."
    ]
    assert counts() == before


def test_the_count_is_given_in_the_plural(contest, organizer):
    for _ in range(3):
        f.EntryFactory(contest=contest)
    with pytest.raises(ValidationError) as excinfo:
        contest_delete(contest=contest, by=organizer)
    assert excinfo.value.messages == [
        "This contest has 3 entries (drafts count too), so it cannot be deleted."
    ]


def test_the_check_is_made_again_at_deletion(contest, organizer):
    """The contest object passed in may be stale; entries added since then still count."""
    stale = Contest.objects.get(pk=contest.pk)
    f.EntryFactory(contest=contest)
    with pytest.raises(ValidationError):
        contest_delete(contest=stale, by=organizer)
    assert Contest.objects.filter(pk=contest.pk).exists()


def test_a_frozen_round_result_keeps_the_contest(contest, organizer, organizer_client):
    """A finalized round (even of no entries) is a published record: the database protects it."""
    round_ = f.RoundFactory(contest=contest)
    RoundResult.objects.create(round=round_, snapshot="{}", digest="0" * 64, by=organizer)
    with pytest.raises(ValidationError) as excinfo:
        contest_delete(contest=contest, by=organizer)
    assert excinfo.value.code == "in_use"
    response = organizer_client.post(delete_url(contest), {"confirm_name": contest.name_ko})
    assert response.status_code == 409
    assert response.context["error"] == (
        "This contest cannot be deleted because other records still use it."
    )
    assert Round.objects.filter(pk=round_.pk).exists()


def test_copies_of_a_deleted_contest_remain(contest, organizer):
    copy = f.ContestFactory(copied_from=contest, organizers=[organizer])
    contest_delete(contest=contest, by=organizer)
    copy.refresh_from_db()
    assert copy.copied_from is None


# --- the page -----------------------------------------------------------------------------------


def test_the_page_of_an_empty_contest_asks_for_its_name(organizer_client, contest):
    response = organizer_client.get(delete_url(contest))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Delete 2026 Government Innovation Contest?" in html
    assert 'id="contest-delete-button"' in html
    assert "Type “2026 Government Innovation Contest” to confirm." in html


def test_the_page_of_a_contest_with_entries_explains_and_has_no_button(organizer_client, contest):
    f.EntryFactory(contest=contest)
    f.EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)
    response = organizer_client.get(delete_url(contest))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This contest has 2 entries (drafts count too), so it cannot be deleted." in html
    assert 'id="contest-delete-button"' not in html
    assert "<form" not in html.split('id="delete-refused"')[1].split("</main>")[0]


@pytest.mark.parametrize(
    "typed", ["2026 정부혁신 우수사례 경진대회", " 2026  Government Innovation Contest "]
)
def test_typing_either_name_deletes_it(organizer_client, contest, typed):
    response = organizer_client.post(delete_url(contest), {"confirm_name": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("contests:list")
    assert not Contest.objects.filter(pk=contest.pk).exists()
    page = organizer_client.get(response["Location"]).content.decode()
    assert "The contest 2026 Government Innovation Contest was deleted." in page


@pytest.mark.parametrize("typed", ["", "2026 정부혁신", "2025 정부혁신 우수사례 경진대회"])
def test_another_name_deletes_nothing(organizer_client, contest, typed):
    response = organizer_client.post(delete_url(contest), {"confirm_name": typed})
    assert response.status_code == 200
    errors = response.context["form"].errors["confirm_name"]
    assert errors == (
        ["This field is required."]
        if not typed
        else ["The name does not match. Type the contest's name exactly as shown."]
    )
    assert Contest.objects.filter(pk=contest.pk).exists()


def test_a_post_for_a_contest_with_entries_is_refused_with_409(organizer_client, contest):
    f.EntryFactory(contest=contest)
    response = organizer_client.post(
        delete_url(contest), {"confirm_name": "2026 정부혁신 우수사례 경진대회"}
    )
    assert response.status_code == 409
    assert "This contest has 1 entry (drafts count too)" in response.content.decode()
    assert Contest.objects.filter(pk=contest.pk).exists()


def test_only_its_organizers_may_delete(login, other_organizer, contest):
    client = login(other_organizer)
    assert client.get(delete_url(contest)).status_code == 403
    response = client.post(delete_url(contest), {"confirm_name": "2026 정부혁신 우수사례 경진대회"})
    assert response.status_code == 403
    assert Contest.objects.filter(pk=contest.pk).exists()


def test_a_site_admin_may_delete(admin_client_, contest):
    response = admin_client_.post(delete_url(contest), {"confirm_name": contest.name_ko})
    assert response.status_code == 302
    assert not Contest.objects.filter(pk=contest.pk).exists()
