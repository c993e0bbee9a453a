"""Judging set-up pages: who may reach them, what they show, the no-JS and htmx paths."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from scoring.models import Assignment, Conflict, Judge, JudgeInvitation
from scoring.selectors.assignments import round_plan
from scoring.services.judges import Invitee, judge_invite
from tests import factories

pytestmark = pytest.mark.django_db


def _urls(world):
    c, r = world.contest.pk, world.round.pk
    return [
        reverse("judging:judges", args=[c]),
        reverse("judging:invite", args=[c]),
        reverse("judging:invite_bulk", args=[c]),
        reverse("judging:panels", args=[c, r]),
        reverse("judging:matrix", args=[c, r]),
        reverse("judging:auto", args=[c, r]),
        reverse("judging:conflicts", args=[c]),
    ]


def test_pages_for_the_contests_organizer_and_site_admin(world, organizer_client, admin_client_):
    for url in _urls(world):
        assert organizer_client.get(url).status_code == 200, url
        assert admin_client_.get(url).status_code == 200, url


def test_pages_refused_to_everyone_else(world, client, login):
    judge = login(world.judges[0].user)
    other_organizer = login(factories.OrganizerFactory())
    member = login(factories.AgencyMembershipFactory(agency=world.mois).user)
    plain = login(factories.UserFactory())
    for url in _urls(world):
        assert client.get(url).status_code == 302, url
        assert client.get(url)["Location"].startswith(reverse("account_login"))
        for someone in (judge, other_organizer, member, plain):
            assert someone.get(url).status_code == 403, url


def test_invite_form_keeps_input_and_shows_field_errors(world, organizer_client):
    url = reverse("judging:invite", args=[world.contest.pk])
    response = organizer_client.post(
        url, {"name": "홍길동", "email": "ga@example.kr", "affiliation": "없는기관"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"affiliation": ["No single agency has this code or name: 없는기관."]}
    assert 'value="홍길동"' in response.text
    response = organizer_client.post(
        url, {"name": "홍길동", "email": "ga@example.kr", "affiliation": "행정안전부 (1741000)"}
    )
    assert response.context["form"].errors == {
        "email": ["ga@example.kr is already a judge of this contest."]
    }


def test_invite_then_list_resend_cancel(
    world, organizer_client, django_capture_on_commit_callbacks
):
    url = reverse("judging:invite", args=[world.contest.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            url,
            {
                "name": "홍길동",
                "email": "hong@example.kr",
                "affiliation": "행정안전부 (1741000)",
                "expertise": "디지털정부",
                "categories": [world.central.pk],
            },
        )
    assert response.status_code == 302
    invitation = JudgeInvitation.objects.get()
    assert invitation.affiliation == world.mois
    assert mail.outbox[0].to == ["hong@example.kr"]
    assert f"\n{settings.SITE_URL}/invitations/{invitation.token}/\n" in mail.outbox[0].body
    page = organizer_client.get(reverse("judging:judges", args=[world.contest.pk]))
    assert "hong@example.kr" in page.text
    assert "1 pending invitation" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            reverse("judging:invitation_resend", args=[world.contest.pk, invitation.pk])
        )
    assert len(mail.outbox) == 2
    organizer_client.post(
        reverse("judging:invitation_cancel", args=[world.contest.pk, invitation.pk])
    )
    assert JudgeInvitation.objects.count() == 0


def test_bulk_page_shows_line_errors(world, organizer_client):
    url = reverse("judging:invite_bulk", args=[world.contest.pk])
    response = organizer_client.post(url, {"lines": "홍길동, hong@example.kr\n, x@example.kr\n"})
    assert response.status_code == 200
    assert "Line 2: the name is missing." in response.text
    assert JudgeInvitation.objects.count() == 0
    response = organizer_client.post(url, {"lines": "홍길동, hong@example.kr\n"})
    assert response.status_code == 302
    assert JudgeInvitation.objects.count() == 1


def test_panels_page_saves_and_refuses_two_panels(world, organizer_client):
    a = factories.PanelFactory(round=world.round, name_ko="전문가", name_en="Experts")
    b = factories.PanelFactory(round=world.round, name_ko="국민", name_en="Citizens")
    ga, na, _da = world.judges
    url = reverse("judging:panels", args=[world.contest.pk, world.round.pk])
    response = organizer_client.post(
        url, {f"panel-{a.pk}": [ga.pk, na.pk], f"panel-{b.pk}": [ga.pk]}
    )
    assert response.status_code == 400
    assert "A judge can sit in only one panel of a round: 가심사." in response.text
    assert f'id="p{b.pk}-j{ga.pk}" name="panel-{b.pk}" value="{ga.pk}" checked' in response.text
    # A digit Python's isdigit() accepts but int() does not: refused, not a crash.
    response = organizer_client.post(url, {f"panel-{a.pk}": ["²"]})
    assert response.status_code == 400
    response = organizer_client.post(url, {f"panel-{a.pk}": [ga.pk, na.pk]})
    assert response.status_code == 302
    assert set(a.judges.all()) == {ga, na}


def test_matrix_cells_show_reasons_and_htmx_toggle(world, organizer_client):
    ga, na, da = world.judges
    Conflict.objects.create(judge=da, entry=world.entries[2], kind="recusal", reason="지인")
    url = reverse("judging:matrix", args=[world.contest.pk, world.round.pk])
    page = organizer_client.get(url)
    assert page.text.count("Own agency<span") == 1
    assert page.text.count("Recused<span") == 1
    assert page.text.count('aria-pressed="false"') == 7
    toggle = reverse("judging:toggle", args=[world.contest.pk, world.round.pk])
    response = organizer_client.post(
        toggle, {"pair": f"{ga.pk}-{world.entries[0].pk}"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.text
    assert f'<span id="load-{ga.pk}" hx-swap-oob="true">1</span>' in response.text
    assert "<html" not in response.text
    refused = organizer_client.post(
        toggle, {"pair": f"{na.pk}-{world.entries[0].pk}"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 409
    assert "The judge belongs to the entry&#x27;s agency (exclusion)." in refused.text
    # Without JavaScript: a plain POST redirects back to the matrix, keeping the filter.
    plain = organizer_client.post(
        toggle, {"pair": f"{ga.pk}-{world.entries[0].pk}", "category": str(world.central.pk)}
    )
    assert plain.status_code == 302
    assert plain["Location"] == f"{url}?category={world.central.pk}"
    assert Assignment.objects.count() == 0
    filtered = organizer_client.get(url, {"category": world.local.pk})
    assert [entry for entry, _cells in filtered.context["matrix"].rows] == [world.entries[2]]


def test_auto_preview_and_apply_with_digest(world, organizer_client):
    url = reverse("judging:auto", args=[world.contest.pk, world.round.pk])
    page = organizer_client.get(url)
    assert "6 new assignments proposed" in page.text
    digest = page.context["digest"]
    stale = organizer_client.post(url, {"digest": "0" * 64})
    assert stale.status_code == 409
    assert "changed since the preview" in stale.text
    assert Assignment.objects.count() == 0
    done = organizer_client.post(url, {"digest": digest})
    assert done.status_code == 302
    assert Assignment.objects.count() == 6
    assert round_plan(world.round).new == ()


def test_conflicts_page_records_a_challenge(world, organizer_client):
    ga = world.judges[0]
    Assignment.objects.create(round=world.round, judge=ga, entry=world.entries[1])
    url = reverse("judging:conflicts", args=[world.contest.pk])
    empty = organizer_client.post(url, {"judge": ga.pk, "entry": world.entries[1].pk})
    assert empty.status_code == 400
    assert empty.context["form"].errors == {"reason": ["This field is required."]}
    done = organizer_client.post(
        url, {"judge": ga.pk, "entry": world.entries[1].pk, "reason": "공동 연구 수행"}
    )
    assert done.status_code == 302
    page = organizer_client.get(url)
    assert "공동 연구 수행" in page.text
    assert "Challenge (recorded by the organizer)" in page.text
    assert "Exclusion (own agency)" in page.text
    assert Assignment.objects.count() == 0


# --- The invitation link ---------------------------------------------------------------------


@pytest.fixture
def invitation(world, organizer):
    return judge_invite(
        contest=world.contest,
        invitee=Invitee(name="홍길동", email="hong@example.kr", categories=[world.local]),
        by=organizer,
    )


def test_unknown_token_is_404(client, db):
    assert client.get("/invitations/nothing-here/").status_code == 404


def test_anonymous_sees_sign_up_and_login_with_next(client, invitation):
    url = f"/invitations/{invitation.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert (
        f'href="/accounts/signup/?email=hong%40example.kr&amp;next=%2Finvitations%2F{invitation.token}%2F"'
        in response.text
    )
    assert f'href="/accounts/login/?next=%2Finvitations%2F{invitation.token}%2F"' in response.text
    post = client.post(url)
    assert post.status_code == 302
    assert post["Location"].startswith("/accounts/login/?next=")
    assert Judge.objects.filter(contest=invitation.contest).count() == 3


def test_signed_in_user_accepts(login, invitation, world):
    user = factories.UserFactory(email="hong@example.kr")
    client = login(user)
    url = f"/invitations/{invitation.token}/"
    page = client.get(url)
    assert "Agree and accept as hong@example.kr" in page.text
    assert "but you are signed in as" not in page.text
    response = client.post(url, {"security_pledge": "on", "conflict_pledge": "on"})
    assert response.status_code == 302
    judge = Judge.objects.get(user=user)
    assert list(judge.categories.all()) == [world.local]
    again = client.get(url)
    assert "You have accepted this invitation." in again.text
    stranger = login(factories.UserFactory())
    assert "already been accepted" in stranger.get(url).text
    assert stranger.post(url).status_code == 200
    assert Judge.objects.filter(contest=world.contest).count() == 4


def test_other_address_is_shown_clearly(login, invitation):
    client = login(factories.UserFactory(email="personal@example.com"))
    page = client.get(f"/invitations/{invitation.token}/")
    assert (
        "This invitation was sent to hong@example.kr, but you are signed in as "
        "personal@example.com." in page.text
    )


def test_post_actions_by_role(world, client, login, organizer_client, admin_client_, organizer):
    invitation = judge_invite(
        contest=world.contest, invitee=Invitee(name="홍", email="hong@example.kr"), by=organizer
    )
    c, r = world.contest.pk, world.round.pk
    posts = {
        reverse("judging:invitation_resend", args=[c, invitation.pk]): 302,
        reverse("judging:toggle", args=[c, r]): 400,
        reverse("judging:auto", args=[c, r]): 400,
        reverse("judging:conflicts", args=[c]): 400,
    }
    others = [
        login(world.judges[0].user),
        login(factories.OrganizerFactory()),
        login(factories.AgencyMembershipFactory(agency=world.mois, is_admin=True).user),
        login(factories.UserFactory()),
    ]
    for url, status in posts.items():
        assert client.post(url).status_code == 302, url
        for someone in others:
            assert someone.post(url).status_code == 403, url
        assert organizer_client.post(url).status_code == status, url
        assert admin_client_.post(url).status_code == status, url
    cancel = reverse("judging:invitation_cancel", args=[c, invitation.pk])
    for someone in others:
        assert someone.post(cancel).status_code == 403
    assert organizer_client.post(cancel).status_code == 302
    assert organizer_client.post(cancel).status_code == 404  # gone
    assert organizer_client.get(cancel).status_code == 405
