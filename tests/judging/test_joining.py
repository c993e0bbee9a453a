"""Joining as a judge: the pledges recorded on accepting, declining an invitation (and the
organizer told and able to send it again), the organizer's judges list showing both."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scoring.models import Judge, JudgeInvitation
from scoring.pledges import PLEDGE_VERSION
from scoring.services.judges import (
    Invitee,
    invitation_accept,
    invitation_decline,
    invitation_resend,
    judge_invite,
)
from tests import factories

pytestmark = pytest.mark.django_db
BOTH = {"security_pledge": "on", "conflict_pledge": "on"}


@pytest.fixture
def invitation(world, organizer):
    return judge_invite(
        contest=world.contest,
        invitee=Invitee(name="홍길동", email="hong@example.kr"),
        by=organizer,
    )


def _url(invitation, name="detail"):
    return reverse(f"invitations:{name}", args=[invitation.token])


def test_accept_page_shows_both_pledges_with_unticked_boxes(login, invitation):
    page = login(factories.UserFactory(email="hong@example.kr")).get(_url(invitation)).text
    assert PLEDGE_VERSION == "2026-1"
    assert '<h2 id="pledge-security-title">Security pledge</h2>' in page
    assert '<h2 id="pledge-conflict-title">Conflict-of-interest pledge</h2>' in page
    assert "permanently delete every file I downloaded" in page
    assert (
        "advised, consulted for, or worked with on research or a project within the last 3 years"
        in page
    )
    assert '<input type="checkbox" name="security_pledge"' in page
    assert "required" not in page.split('name="security_pledge"')[1].split(">")[0]


def test_accepting_without_both_pledges_is_refused_with_a_message(login, invitation):
    client = login(factories.UserFactory(email="hong@example.kr"))
    response = client.post(_url(invitation), {"security_pledge": "on"})
    assert response.status_code == 400
    page = response.text
    assert (
        "To accept, agree to both the security pledge and the conflict-of-interest pledge." in page
    )
    assert "Tick this box to agree to the conflict-of-interest pledge." in page
    assert "Tick this box to agree to the security pledge." not in page
    # What was ticked stays ticked; the missing box says why, next to it.
    assert '<input type="checkbox" name="security_pledge" id="id_security_pledge" checked>' in page
    assert (
        '<input type="checkbox" name="conflict_pledge" aria-invalid="true" '
        'aria-describedby="id_conflict_pledge_error" id="id_conflict_pledge">'
    ) in page
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.security_pledge_at) == (None, None)
    assert not Judge.objects.filter(user__email="hong@example.kr").exists()


def test_accepting_records_both_pledges_at_the_same_time(login, invitation):
    user = factories.UserFactory(email="hong@example.kr")
    before = timezone.now()
    response = login(user).post(_url(invitation), BOTH)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.security_pledge_at == invitation.conflict_pledge_at == invitation.accepted_at
    assert before <= invitation.security_pledge_at <= timezone.now()
    assert invitation.pledge_version == "2026-1"
    assert invitation.judge.user == user


def test_service_refuses_without_pledges(invitation):
    user = factories.UserFactory(email="hong@example.kr")
    with pytest.raises(ValidationError) as error:
        invitation_accept(
            invitation=invitation, user=user, security_pledge=True, conflict_pledge=False
        )
    assert error.value.messages == [
        "To accept, agree to both the security pledge and the conflict-of-interest pledge."
    ]


def test_decline_with_a_reason_tells_the_organizers(
    client, invitation, organizer, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    page = client.get(_url(invitation)).text
    assert f'action="{_url(invitation, "decline")}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(invitation, "decline"), {"reason": "  해외 출장 일정  "})
    assert response.status_code == 302
    assert response.url == _url(invitation)
    invitation.refresh_from_db()
    assert invitation.decline_reason == "해외 출장 일정"
    assert invitation.declined_at is not None
    assert [m.to for m in mail.outbox] == [[organizer.email]]
    message = mail.outbox[0]
    assert message.subject == f"[{invitation.contest.name_ko}] Invitation declined: 홍길동"
    at = timezone.localtime(invitation.declined_at).strftime("%Y-%m-%d %H:%M")
    assert "홍길동 (hong@example.kr) declined the invitation to judge." in message.body
    assert f"Declined at: {at} (Korea time)" in message.body
    assert "Reason: 해외 출장 일정" in message.body
    judges_url = settings.SITE_URL + reverse("judging:judges", args=[invitation.contest.pk])
    assert f"on the judges page:\n{judges_url}\n" in message.body
    after = client.get(_url(invitation)).text
    assert "You declined the invitation. The organizer has been told. Thank you." in after
    assert f"You declined this invitation on {at}." in after
    assert 'form method="post" class="judging-accept' not in after


def test_decline_without_a_reason_and_twice(client, invitation):
    assert client.post(_url(invitation, "decline"), {"reason": ""}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.decline_reason == ""
    with pytest.raises(ValidationError) as error:
        invitation_decline(invitation=invitation, reason="x")
    assert error.value.messages == ["This invitation was already declined."]
    follow = client.post(_url(invitation, "decline"), {"reason": "x"}, follow=True)
    assert "This invitation was already declined." in follow.text


def test_decline_reason_too_long_keeps_the_text(client, invitation):
    response = client.post(_url(invitation, "decline"), {"reason": "가" * 1001})
    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters (it has 1001)." in response.text
    assert "가" * 1001 in response.text
    invitation.refresh_from_db()
    assert invitation.declined_at is None


def test_declined_invitation_cannot_be_accepted_until_sent_again(
    login, invitation, django_capture_on_commit_callbacks
):
    invitation_decline(invitation=invitation, reason="일정")
    user = factories.UserFactory(email="hong@example.kr")
    client = login(user)
    response = client.post(_url(invitation), BOTH, follow=True)
    assert (
        "This invitation was declined. To accept it, ask the organizer to send the invitation "
        "again." in response.text
    )
    assert not Judge.objects.filter(user=user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=JudgeInvitation.objects.get(pk=invitation.pk))
    invitation.refresh_from_db()
    assert (invitation.declined_at, invitation.decline_reason) == (None, "")
    assert len(mail.outbox) == 1  # the invitation again
    assert client.post(_url(invitation), BOTH).status_code == 302
    assert Judge.objects.filter(user=user).exists()


def test_inviting_the_same_email_again_clears_the_decline(world, organizer, invitation):
    invitation_decline(invitation=invitation, reason="일정")
    again = judge_invite(
        contest=world.contest, invitee=Invitee(name="홍길동", email="hong@example.kr"), by=organizer
    )
    assert again.pk == invitation.pk
    assert JudgeInvitation.objects.get(pk=invitation.pk).declined_at is None


def test_accepted_invitation_cannot_be_declined(login, invitation, client):
    login(factories.UserFactory(email="hong@example.kr")).post(_url(invitation), BOTH)
    follow = client.post(_url(invitation, "decline"), {"reason": "x"}, follow=True)
    assert "This invitation was already accepted." in follow.text
    assert JudgeInvitation.objects.get(pk=invitation.pk).declined_at is None


def test_organizer_sees_pledges_and_declines(world, organizer, organizer_client, login):
    accepted = judge_invite(
        contest=world.contest, invitee=Invitee(name="수락", email="yes@example.kr"), by=organizer
    )
    declined = judge_invite(
        contest=world.contest, invitee=Invitee(name="거절", email="no@example.kr"), by=organizer
    )
    user = factories.UserFactory(name="수락심사", email="yes@example.kr")
    login(user).post(_url(accepted), BOTH)
    invitation_decline(invitation=declined, reason="겸직 제한")
    moment = dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC)  # 10:30 in Seoul
    JudgeInvitation.objects.filter(pk=accepted.pk).update(
        security_pledge_at=moment, conflict_pledge_at=moment
    )
    JudgeInvitation.objects.filter(pk=declined.pk).update(declined_at=moment)
    page = organizer_client.get(reverse("judging:judges", args=[world.contest.pk])).text
    judge = Judge.objects.get(user=user)
    row = page.split(f'<th scope="row">{judge.user.name}</th>')[1].split("</tr>")[0]
    assert (
        '<time datetime="2026-12-01T10:30:00+09:00">2026-12-01 10:30</time><br>'
        '<span class="contest-muted">Security and conflict-of-interest pledges, version 2026-1'
        in row
    )
    first = page.split('<th scope="row">가심사</th>')[1].split("</tr>")[0]
    assert '<td data-k="pledged">Not signed</td>' in first
    assert (
        '<td data-k="reply"><span class="krds-badge bg-light-warning">Declined</span> · '
        '2026-12-01 10:30 · <span class="judging-declined-reason">겸직 제한</span></td>'
    ) in page
    assert reverse("judging:invitation_resend", args=[world.contest.pk, declined.pk]) in page
    assert reverse("judging:invitation_cancel", args=[world.contest.pk, declined.pk]) in page
