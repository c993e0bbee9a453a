"""Journey: an organizer invites a judge; the judge (another browser) opens the emailed link,
signs up and accepts; the organizer previews and applies the automatic assignment and toggles one
matrix cell with htmx (no page load). axe in Korean and English on every page."""

import re

from django.core import mail
from playwright.sync_api import expect

from scoring.models import Assignment, JudgeInvitation
from submissions.models import Entry
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.e2e.judge_steps import accept_invitation


def _world():
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(organizers=[organizer], name_ko="2027 정부혁신 경진대회")
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    round_ = factories.RoundFactory(contest=contest, judges_per_entry=2)
    mois = factories.AgencyFactory(code="1741000", name_ko="행정안전부", name_en="Ministry")
    seoul = factories.AgencyFactory(code="6110000", name_ko="서울특별시", name_en="Seoul")
    for n, agency in enumerate([mois, seoul, seoul], start=1):
        factories.EntryFactory(
            contest=contest,
            category=central,
            agency=agency,
            title=f"우수사례 {n}",
            status=Entry.Status.SUBMITTED,
            receipt_number=f"2027-{n:04d}",
        )
    factories.JudgeFactory(contest=contest, user=factories.UserFactory(name="가심사"))
    factories.JudgeFactory(contest=contest, user=factories.UserFactory(name="나심사"))
    return organizer, contest, round_


def test_invite_accept_assign_and_toggle(page, second_page, live_server):
    organizer, contest, round_ = _world()
    login_as(page, live_server, organizer)

    # 1. From the contest page to the judging set-up, then invite one judge.
    page.goto(url(live_server, "contests:detail", contest.pk))
    page.locator(f"main a[href='/contests/{contest.pk}/judging/']").click()
    page.wait_for_url(url(live_server, "judging:judges", contest.pk))
    axe_both_languages(page, "judges and invitations")
    page.locator(f"main a[href='/contests/{contest.pk}/judging/invite/']").first.click()
    axe_both_languages(page, "invite a judge")
    page.fill("#id_name", "홍심사")
    page.fill("#id_email", "hong@univ.ac.kr")
    page.fill("#id_affiliation", "행정안전부 (1741000)")
    page.fill("#id_expertise", "디지털정부")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(url(live_server, "judging:judges", contest.pk))
    expect(page.locator("main")).to_contain_text("hong@univ.ac.kr")
    invitation = JudgeInvitation.objects.get(contest=contest)
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert link.endswith(f"/invitations/{invitation.token}/")

    # 2. The judge opens the link in their own browser, signs up (email prefilled), accepts.
    judge = accept_invitation(second_page, live_server, invitation, "홍심사")
    assert judge.affiliation.code == "1741000"
    assert judge.expertise == "디지털정부"

    # 3. Automatic assignment: preview, then apply.
    page.goto(url(live_server, "judging:auto", contest.pk, round_.pk))
    axe_both_languages(
        page,
        "automatic assignment preview",
        in_english=lambda: expect(page.locator("#proposal-title")).to_have_text(
            "6 new assignments proposed"
        ),
    )
    page.locator("form.judging-apply button").click()
    page.wait_for_url(url(live_server, "judging:matrix", contest.pk, round_.pk))
    assert Assignment.objects.filter(round=round_).count() == 6
    assert not Assignment.objects.filter(judge=judge, entry__agency__code="1741000").exists()
    axe_both_languages(page, "assignment matrix")

    # 4. Toggle one cell with htmx: no page load, the pressed state and the load change.
    page.evaluate("() => { window.stillSamePage = true; }")
    entry = Entry.objects.get(receipt_number="2027-0002")
    button = page.locator(f"button[name=pair][value='{judge.pk}-{entry.pk}']")
    before = button.get_attribute("aria-pressed")
    load = page.locator(f"#load-{judge.pk}")
    load_before = int(load.inner_text())
    button.click()
    after = "false" if before == "true" else "true"
    expect(page.locator(f"button[name=pair][value='{judge.pk}-{entry.pk}']")).to_have_attribute(
        "aria-pressed", after
    )
    expected_load = load_before + (1 if after == "true" else -1)
    expect(page.locator(f"#load-{judge.pk}")).to_have_text(str(expected_load))
    assert page.evaluate("() => window.stillSamePage") is True
    assigned = Assignment.objects.filter(round=round_, judge=judge, entry=entry).exists()
    assert assigned is (after == "true")
    expect(page.locator(f"button[name=pair][value='{judge.pk}-{entry.pk}']")).to_be_focused()
    # Own agency: a disabled cell with its reason.
    expect(page.locator("td.judging-cell .judging-blocked")).to_have_count(1)

    # 5. The other set-up pages pass axe too: panels (with a panel), list invite, conflicts.
    factories.PanelFactory(round=round_)
    for name, args in (
        ("judging:panels", (contest.pk, round_.pk)),
        ("judging:invite_bulk", (contest.pk,)),
        ("judging:conflicts", (contest.pk,)),
    ):
        page.goto(url(live_server, name, *args))
        axe_both_languages(page, name)
    expect(page.locator("tr[data-kind=exclusion]")).to_have_count(1)
