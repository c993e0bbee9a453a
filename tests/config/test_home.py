"""The home page shows each role what it needs, and nothing it may not see."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.selectors import home_context
from tests import factories
from tests.config.conftest import english

pytestmark = pytest.mark.django_db


def _days(n: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


@pytest.fixture
def contests(organizer):
    """One contest per state, named for what it is."""
    return {
        "mine": factories.ContestFactory(
            name_ko="내 대회", name_en="My contest", organizers=[organizer]
        ),
        "mine_draft": factories.ContestFactory(
            name_ko="내 초안", name_en="My draft", is_published=False, organizers=[organizer]
        ),
        "open": factories.ContestFactory(name_ko="접수중 대회", name_en="Open contest"),
        "closed": factories.ContestFactory(
            name_ko="마감된 대회",
            name_en="Closed contest",
            submission_opens_at=_days(-30),
            submission_closes_at=_days(-1),
        ),
        "upcoming": factories.ContestFactory(
            name_ko="예정 대회",
            name_en="Upcoming contest",
            submission_opens_at=_days(5),
            submission_closes_at=_days(30),
        ),
        "draft": factories.ContestFactory(
            name_ko="남의 초안", name_en="Someone's draft", is_published=False
        ),
    }


def test_anonymous_sees_what_the_product_is_and_how_to_join(contests):
    html = english(Client()).get("/").content.decode()
    assert "<h1>Case Competition Judging</h1>" in html
    assert "agencies submit their cases, judges score them on a weighted rubric" in html
    assert '<a class="krds-btn primary large" href="/accounts/login/">Sign in</a>' in html
    assert '<a class="krds-btn secondary large" href="/accounts/signup/">Sign up</a>' in html
    for contest in contests.values():
        assert contest.name_en not in html


def test_organizer_sees_the_contests_they_organize(organizer_client, contests):
    html = english(organizer_client).get("/").content.decode()
    assert "<h1>Welcome, 김주관</h1>" in html
    assert "Contests you organize" in html
    assert "My contest" in html
    assert "My draft" in html
    assert '<span class="app-badge">Draft</span>' in html
    for key in ("open", "closed", "upcoming", "draft"):
        assert contests[key].name_en not in html


def test_organizer_contest_cards_link_to_the_contest_page(organizer_client, contests):

    detail_url = reverse("contests:detail", args=[contests["mine"].pk])
    html = organizer_client.get("/").content.decode()
    assert f'<a href="{detail_url}">{contests["mine"].name_ko}</a>' in html


def test_organizer_without_contests_gets_an_empty_note(organizer_client):
    html = english(organizer_client).get("/").content.decode()
    assert "You do not organize any contest yet." in html


def test_agency_member_sees_agencies_and_contests_open_for_submission(login, contests):
    membership = factories.AgencyMembershipFactory(
        agency=factories.AgencyFactory(name_ko="행정안전부", name_en="Ministry of the Interior"),
        is_admin=True,
    )
    html = english(login(membership.user)).get("/").content.decode()
    assert "Your agencies" in html
    assert 'Ministry of the Interior <span class="app-badge">Agency admin</span>' in html
    assert "Contests open for submission" in html
    assert "Open contest" in html
    assert "My contest" in html  # published and open, whoever organizes it
    for key in ("mine_draft", "closed", "upcoming", "draft"):
        assert contests[key].name_en not in html
    assert "Contests you organize" not in html


def test_judge_sees_the_contests_they_judge(login, contests):
    judge = factories.JudgeFactory(contest=contests["closed"])
    html = english(login(judge.user)).get("/").content.decode()
    assert "Contests you judge" in html
    assert "Closed contest" in html
    assert "Open contest" not in html
    assert "Your account has no role yet." not in html


def test_user_without_role_sees_published_contests_and_a_note(login, contests):
    html = english(login(factories.UserFactory())).get("/").content.decode()
    assert "Your account has no role yet." in html
    assert "Published contests" in html
    for key in ("mine", "open", "upcoming"):
        assert contests[key].name_en in html
    for key in ("mine_draft", "closed", "draft"):
        assert contests[key].name_en not in html


def test_home_context_keys_by_role(organizer, contests):
    context = home_context(organizer)
    assert [c.name_ko for c in context["organized_contests"]] == ["내 초안", "내 대회"]
    assert context["organized_contests"][0].category_count == 0
    assert "open_contests" not in context
    assert "published_contests" not in context


def _agency_member_with_data(size: int):
    user = factories.UserFactory()
    for _ in range(size):
        factories.AgencyMembershipFactory(user=user)
        factories.ContestFactory()
    organizer = factories.OrganizerFactory()
    for _ in range(size):
        factories.ContestFactory(organizers=[organizer, user])
        factories.JudgeFactory(user=user)
    user.is_organizer = True
    user.save()
    return user


@pytest.mark.parametrize("size", [1, 5])
def test_home_query_count_does_not_grow_with_data(login, django_assert_num_queries, size):
    user = _agency_member_with_data(size)
    client = login(user)
    client.get("/")  # warm up the session
    # session + user, roles (memberships, judge exists), organized, waiting join requests,
    # memberships, open contests, judge roles.
    with django_assert_num_queries(9):
        response = client.get("/")
    assert response.status_code == 200
