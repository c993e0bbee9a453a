"""Every control URL: only the contest's organizers and site admins; anonymous → login."""

import pytest
from django.urls import reverse

from scoring.models import ScoreEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _urls(scene):
    contest, round_ = scene.contest.pk, scene.round.pk
    kim, entry = scene.judges[0], scene.entries[0]
    card = scene.score(kim, entry, {scene.innovation: "20", scene.effect: "10"}, submit=True)
    return {
        "progress": reverse("control:progress", args=[contest]),
        "remind": reverse("control:remind", args=[contest, round_]),
        "on_behalf": reverse("control:on_behalf", args=[contest, round_, kim.pk, entry.pk]),
        "scorecard_reopen": reverse("control:scorecard_reopen", args=[contest, card.pk]),
        "score_template": reverse("control:score_template", args=[contest, round_]),
        "score_import": reverse("control:score_import", args=[contest, round_]),
        "audit_entry": reverse("control:audit_entry", args=[contest, entry.pk]),
        "audit_judge": reverse("control:audit_judge", args=[contest, kim.pk]),
    }


def _outsiders(scene):
    membership = factories.AgencyMembershipFactory(agency=scene.entries[0].agency)
    admin_ship = factories.AgencyMembershipFactory(agency=scene.entries[0].agency, is_admin=True)
    return {
        "plain user": factories.UserFactory(),
        "agency member": membership.user,
        "agency admin": admin_ship.user,
        "judge (assigned to the entry)": scene.judges[0].user,
        "judge (not assigned)": scene.judges[2].user,
        "organizer not on the contest": factories.OrganizerFactory(),
    }


def test_anonymous_is_sent_to_login(scene, client):
    for name, url in _urls(scene).items():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("account_login")), name


def test_everyone_but_the_organizers_gets_403_and_nothing_changes(scene, login):
    urls = _urls(scene)
    before = ScoreEvent.objects.count()
    for role, user in _outsiders(scene).items():
        client = login(user)
        for name, url in urls.items():
            assert client.get(url).status_code == 403, (role, name)
            if name not in ("progress", "score_template", "audit_entry", "audit_judge"):
                response = client.post(url, {"reason": "x", "source": "x", "version": "0"})
                assert response.status_code == 403, (role, name)
    assert ScoreEvent.objects.count() == before


def test_read_only_pages_refuse_post(scene, organizer_client):
    urls = _urls(scene)
    for name in ("progress", "score_template", "audit_entry", "audit_judge"):
        assert organizer_client.post(urls[name]).status_code == 405, name


@pytest.mark.parametrize("who", ["organizer", "site admin"])
def test_organizer_on_the_contest_and_site_admin_get_every_page(scene, who, login, site_admin):
    client = login(scene.organizer if who == "organizer" else site_admin)
    for name, url in _urls(scene).items():
        assert client.get(url).status_code == 200, name


def test_a_draft_contest_is_404_for_an_organizer_who_cannot_see_it(scene, login):
    type(scene.contest).objects.filter(pk=scene.contest.pk).update(is_published=False)
    client = login(factories.OrganizerFactory())
    assert client.get(reverse("control:progress", args=[scene.contest.pk])).status_code == 404
