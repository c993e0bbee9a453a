"""Every contests URL by every role, for a published contest and for a draft (GET only)."""

import pytest
from django.urls import reverse

from contests import urls
from contests.rules import can_create_contest, can_manage_contest, can_view_contest
from tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "plain",
    "agency_member",
    "judge",
    "other_organizer",
    "organizer",
    "site_admin",
]
LOGIN = "login"  # anonymous is redirected to the login page

# Expected answer per role, in the order of ROLES.
MANAGE = [LOGIN, 403, 403, 403, 403, 200, 200]
MANAGE_DRAFT = [LOGIN, 404, 404, 404, 404, 200, 200]


def post_only(ok):
    """POST endpoints posted with no data; `ok` is the manager's answer."""
    return ([LOGIN, 403, 403, 403, 403, ok, ok], [LOGIN, 404, 404, 404, 404, ok, ok])


POST_ENDPOINTS = {
    "criterion_add",
    "criterion_update",
    "criterion_delete",
    "criterion_move",
    "levels",
    "levels_standard",
    "organizer_remove",
}
MATRIX = {
    "list": ([200] * 7, [200] * 7),
    "create": ([LOGIN, 403, 403, 403, 200, 200, 200],) * 2,
    "detail": ([200] * 7, [404, 404, 404, 404, 404, 200, 200]),
    "edit": (MANAGE, MANAGE_DRAFT),
    "copy": (MANAGE, MANAGE_DRAFT),
    "categories": (MANAGE, MANAGE_DRAFT),
    "awards": (MANAGE, MANAGE_DRAFT),
    "questions": (MANAGE, MANAGE_DRAFT),
    "slots": (MANAGE, MANAGE_DRAFT),  # the entry's attachment slots (contests/requirements.py)
    "round_create": (MANAGE, MANAGE_DRAFT),
    "round_edit": (MANAGE, MANAGE_DRAFT),
    "round_delete": (MANAGE, MANAGE_DRAFT),
    "rubric": (MANAGE, MANAGE_DRAFT),
    "tie_breaks": (MANAGE, MANAGE_DRAFT),
    "criterion_add": post_only(200),
    "criterion_update": post_only(200),
    "criterion_delete": post_only(302),
    "criterion_move": post_only(400),
    "levels": post_only(200),
    "levels_standard": post_only(302),
    # contests/views/organizers.py (tests/contests/test_coorganizers.py, test_contest_delete.py)
    "organizers": (MANAGE, MANAGE_DRAFT),
    "organizer_remove": post_only(404),  # the empty form names nobody
    "delete": (MANAGE, MANAGE_DRAFT),
}


def test_every_url_is_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == set(MATRIX)


@pytest.fixture
def clients(client, login, organizer, other_organizer, plain_user, agency_member, site_admin):
    users = {
        "plain": plain_user,
        "agency_member": agency_member,
        "other_organizer": other_organizer,
        "organizer": organizer,
        "site_admin": site_admin,
    }

    def build(contest, role):
        if role == "anonymous":
            return client
        if role == "judge":
            return login(f.JudgeFactory(contest=contest).user)
        return login(users[role])

    return build


def _url(name, contest):
    round_ = contest.rounds.first()
    criterion = round_.criteria.first()
    kwargs = {}
    if name not in ("list", "create"):
        kwargs["pk"] = contest.pk
    if (
        name in ("round_edit", "round_delete", "rubric", "criterion_add")
        or "criterion_" in name
        or "levels" in name
    ):
        kwargs["round_pk"] = round_.pk
    if name in (
        "criterion_update",
        "criterion_delete",
        "criterion_move",
        "levels",
        "levels_standard",
    ):
        kwargs["criterion_pk"] = criterion.pk
    return reverse(f"contests:{name}", kwargs=kwargs)


def test_post_only_endpoints_refuse_get(organizer_client, organizer):
    contest = f.ContestFactory(organizers=[organizer])
    f.CriterionFactory(round=f.RoundFactory(contest=contest))
    for name in POST_ENDPOINTS:
        assert organizer_client.get(_url(name, contest)).status_code == 405


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(clients, organizer, name, published):
    expected = MATRIX[name][0 if published else 1]
    for role, want in zip(ROLES, expected, strict=True):
        contest = f.ContestFactory(organizers=[organizer], is_published=published)
        f.CriterionFactory(round=f.RoundFactory(contest=contest))
        url = _url(name, contest)
        http = clients(contest, role)
        response = http.post(url, {}) if name in POST_ENDPOINTS else http.get(url)
        if want == LOGIN:
            assert response.status_code == 302, (role, url)
            assert response["Location"].startswith("/accounts/login/"), (role, url)
        else:
            assert response.status_code == want, (role, url, response.status_code)


def test_predicates(organizer, other_organizer, plain_user, site_admin):
    from django.contrib.auth.models import AnonymousUser

    published = f.ContestFactory(organizers=[organizer])
    draft = f.ContestFactory(organizers=[organizer], is_published=False)
    lapsed = f.UserFactory()  # listed on the contest but no longer an organizer
    draft.organizers.add(lapsed)
    assert [
        can_create_contest(u) for u in (AnonymousUser(), plain_user, organizer, site_admin)
    ] == [
        False,
        False,
        True,
        True,
    ]
    assert [
        can_manage_contest(u, draft)
        for u in (AnonymousUser(), other_organizer, organizer, site_admin, lapsed)
    ] == [
        False,
        False,
        True,
        True,
        False,
    ]
    assert [can_view_contest(u, draft) for u in (AnonymousUser(), plain_user, organizer)] == [
        False,
        False,
        True,
    ]
    assert can_view_contest(AnonymousUser(), published) is True
