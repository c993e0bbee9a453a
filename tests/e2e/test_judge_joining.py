"""Journey: joining as a judge. One invited expert opens the link, signs up, tries to accept
without ticking the pledges (a message, nothing lost), ticks both and accepts; another declines
with a reason without an account. The organizer then sees the pledge time and the decline with
its reason and is emailed about it. axe in Korean and English on every page."""

import re

from django.core import mail
from playwright.sync_api import expect

from scoring.models import Judge, JudgeInvitation
from scoring.services.judges import Invitee, judge_invite
from tests import factories
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, url
from tests.e2e.steps import SIGNUP_PASSWORD, agree_to_privacy


def _world():
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2027 정부혁신 경진대회")
    factories.RoundFactory(contest=contest, judges_per_entry=2)
    accepting = judge_invite(
        contest=contest, invitee=Invitee(name="홍심사", email="hong@univ.ac.kr"), by=organizer
    )
    declining = judge_invite(
        contest=contest, invitee=Invitee(name="최거절", email="choi@univ.ac.kr"), by=organizer
    )
    return organizer, contest, accepting, declining


def _sign_up_from_the_link(page, live_server, invitation, name):
    page.goto(url(live_server, "invitations:detail", invitation.token))
    axe_both_languages(page, "invitation, anonymous")
    page.locator("main .contest-actions a.krds-btn.primary").click()
    expect(page.locator("#id_email")).to_have_value(invitation.email)
    page.fill("#id_name", name)
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    agree_to_privacy(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"**/invitations/{invitation.token}/")


def test_accept_with_pledges_and_decline_with_a_reason(page, second_page, live_server):
    organizer, contest, accepting, declining = _world()
    mail.outbox.clear()

    # 1. The expert signs up from the link and reads both pledges (axe in ko and en).
    _sign_up_from_the_link(page, live_server, accepting, "홍심사")
    expect(page.locator("#pledge-security-title")).to_be_visible()
    expect(page.locator("#pledge-conflict-title")).to_be_visible()
    axe_both_languages(
        page,
        "invitation with pledges",
        in_english=lambda: expect(page.locator("#pledge-conflict-title")).to_have_text(
            "Conflict-of-interest pledge"
        ),
    )

    # 2. Accepting with one box ticked: a message next to the other box, the tick kept.
    page.locator("label[for='id_security_pledge']").click()
    page.locator("form.judging-accept button[type=submit]").click()
    expect(page.locator("form.judging-accept .app-alert.error")).to_be_visible()
    expect(page.locator("#id_conflict_pledge_error")).to_be_visible()
    expect(page.locator("#id_security_pledge")).to_be_checked()
    expect(page.locator("#id_conflict_pledge")).to_have_attribute("aria-invalid", "true")
    # (Switching the language reloads the page, so the message state is checked in Korean.)
    axe_check(page, context="invitation, a pledge missing")
    assert not Judge.objects.filter(user__email="hong@univ.ac.kr").exists()

    # 3. Both ticked: accepted, on the judge's dashboard; the pledges are recorded.
    page.locator("label[for='id_conflict_pledge']").click()
    page.locator("form.judging-accept button[type=submit]").click()
    page.wait_for_url(url(live_server, "judge:dashboard"))
    accepting.refresh_from_db()
    assert accepting.security_pledge_at == accepting.conflict_pledge_at == accepting.accepted_at
    assert accepting.pledge_version == "2026-1"

    # 4. The other expert declines without an account, with a reason.
    mail.outbox.clear()  # (signing up sent the address confirmation)
    second_page.goto(url(live_server, "invitations:detail", declining.token))
    second_page.fill("#id_reason", "해외 출장으로 심사 기간에 참여할 수 없습니다.")
    second_page.locator(".judging-decline button[type=submit]").click()
    second_page.wait_for_url(url(live_server, "invitations:detail", declining.token))
    expect(second_page.locator(".app-alert").first).to_be_visible()
    expect(second_page.locator("form.judging-accept")).to_have_count(0)
    expect(second_page.locator(".judging-decline")).to_have_count(0)
    axe_both_languages(
        second_page,
        "invitation, declined",
        in_english=lambda: expect(second_page.locator("main")).to_contain_text(
            "You declined this invitation on"
        ),
    )
    declining.refresh_from_db()
    assert declining.decline_reason == "해외 출장으로 심사 기간에 참여할 수 없습니다."
    assert [m.to for m in mail.outbox] == [["organizer@example.kr"]]
    assert "해외 출장으로 심사 기간에 참여할 수 없습니다." in mail.outbox[0].body

    # 5. The organizer sees both on the judges page.
    login_as(second_page, live_server, organizer)
    second_page.goto(url(live_server, "judging:judges", contest.pk))
    pledged = second_page.locator("td[data-k='pledged'] time")
    expect(pledged).to_have_count(1)
    expect(pledged).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"))
    reply = second_page.locator("td[data-k='reply']")
    expect(reply).to_contain_text("해외 출장으로 심사 기간에 참여할 수 없습니다.")
    axe_both_languages(
        second_page,
        "judges and invitations, a decline",
        in_english=lambda: expect(reply).to_contain_text("Declined · "),
    )

    # 6. Sending it again clears the decline: the link can be accepted again.
    second_page.locator(
        f"form[action$='/invitations/{declining.pk}/resend/'] button[type=submit]"
    ).click()
    second_page.wait_for_url(url(live_server, "judging:judges", contest.pk))
    expect(second_page.locator("td[data-k='reply']")).not_to_contain_text("해외 출장")
    assert JudgeInvitation.objects.get(pk=declining.pk).declined_at is None
