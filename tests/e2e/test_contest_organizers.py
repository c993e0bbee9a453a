"""Journey: an organizer adds a co-organizer by email (an unknown address first: explained, the
typed text kept); the co-organizer follows the emailed link to the draft contest, then leaves it;
the organizer, now alone, cannot leave; copies the contest into the same year (the form asks for
a new name and suggests one, and refuses the source's name); deletes that copy, which has no
entries, by typing its name; and finds the original, which has an entry, cannot be deleted. axe
in Korean and English on every page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from contests.models import Contest
from tests import factories
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, url

KO = "2026 정부혁신 우수사례 경진대회"
EN = "2026 Government Innovation Contest"
SECOND_CALL = "2026 정부혁신 우수사례 경진대회 (하반기)"


def _listed(contest) -> list[str]:
    return sorted(contest.organizers.values_list("email", flat=True))


def _submit(page, form: str = "main form[method=post]") -> None:
    page.locator(f"{form} button[type=submit]").click()


def test_organizers_copy_into_the_same_year_and_delete(page, second_page, live_server):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    colleague = factories.OrganizerFactory(name="이협력", email="colleague@example.kr")
    factories.UserFactory(name="일반", email="plain@example.kr")
    contest = factories.ContestFactory(
        organizers=[organizer], is_published=False, year=2026, name_ko=KO, name_en=EN
    )
    factories.CategoryFactory(contest=contest)
    factories.RoundFactory(contest=contest)
    detail_path = reverse("contests:detail", args=[contest.pk])
    organizers_path = reverse("contests:organizers", args=[contest.pk])
    add_form = f"main form[action='{organizers_path}']"
    mail.outbox.clear()
    login_as(page, live_server, organizer)

    # 1. From the contest page to its organizers: one, the organizer.
    page.goto(f"{live_server.url}{detail_path}")
    page.locator(f"main a[href='{organizers_path}']").click()
    page.wait_for_url(f"{live_server.url}{organizers_path}")
    expect(page.locator("#organizer-list tbody tr")).to_have_count(1)
    axe_both_languages(
        page,
        "organizers",
        in_english=lambda: expect(page.locator("h1")).to_have_text("Organizers"),
    )

    # 2. An address without an account: explained next to the field, the typed text kept.
    page.fill("#id_email", "nobody@example.kr")
    _submit(page, add_form)
    expect(page.locator("#id_email_error")).to_contain_text("nobody@example.kr")
    expect(page.locator("#id_email")).to_have_value("nobody@example.kr")
    axe_check(page, context="organizers, unknown address")
    # An account without the organizer role: explained too.
    page.fill("#id_email", "plain@example.kr")
    _submit(page, add_form)
    expect(page.locator("#id_email_error")).to_contain_text("plain@example.kr")
    assert _listed(contest) == ["organizer@example.kr"]
    assert mail.outbox == []

    # 3. The colleague's address: listed, and emailed a link starting with SITE_URL.
    page.fill("#id_email", "colleague@example.kr")
    _submit(page, add_form)
    expect(page.locator(f"#organizer-{colleague.pk}")).to_contain_text("colleague@example.kr")
    expect(page.locator("#organizer-list tbody tr")).to_have_count(2)
    assert _listed(contest) == ["colleague@example.kr", "organizer@example.kr"]
    assert [m.to for m in mail.outbox] == [["colleague@example.kr"]]
    link = settings.SITE_URL + detail_path
    assert f"\n{link}\n" in mail.outbox[0].body  # on a line of its own

    # 4. The co-organizer signs in, finds the draft on the contest list, opens the emailed link.
    login_as(second_page, live_server, colleague)
    second_page.goto(url(live_server, "contests:list"))
    expect(second_page.locator(f"main a[href='{detail_path}']")).to_have_text(KO)
    second_page.goto(f"{live_server.url}{urlsplit(link).path}")
    expect(second_page.locator("h1")).to_have_text(KO)
    axe_both_languages(second_page, "contest detail, co-organizer")

    # 5. … and leaves it: back on the contest list, where the draft is no longer shown.
    second_page.goto(f"{live_server.url}{organizers_path}")
    second_page.locator(f"#organizer-{colleague.pk} button[type=submit]").click()
    second_page.wait_for_url(url(live_server, "contests:list"))
    expect(second_page.locator(".app-messages .app-alert.success")).to_be_visible()
    expect(second_page.locator(f"main a[href='{detail_path}']")).to_have_count(0)
    assert _listed(contest) == ["organizer@example.kr"]

    # 6. The organizer, now the only one, cannot leave.
    page.goto(f"{live_server.url}{organizers_path}")
    page.locator(f"#organizer-{organizer.pk} button[type=submit]").click()
    expect(page.locator("main .app-alert.error[role=alert]")).to_contain_text("김주관")
    axe_check(page, context="organizers, the last one cannot leave")
    assert _listed(contest) == ["organizer@example.kr"]

    # 7. A copy into the same year needs a new name: suggested, and the source's is refused.
    page.goto(f"{live_server.url}{detail_path}")
    page.locator(f"main a[href='{reverse('contests:copy', args=[contest.pk])}']").click()
    expect(page.locator("#id_name_ko")).to_have_value("2027 정부혁신 우수사례 경진대회")
    axe_both_languages(page, "copy form")
    page.fill("#id_year", "2026")
    _submit(page)
    expect(page.locator("#id_name_ko")).to_have_value(f"{KO} (사본)")
    expect(page.locator("#id_name_en")).to_have_value(f"{EN} (copy)")
    expect(page.locator("main .contest-errors")).to_be_visible()
    axe_check(page, context="copy form, a new name needed")
    page.fill("#id_name_ko", KO)
    _submit(page)
    expect(page.locator("#id_name_ko_error")).to_contain_text(KO)
    expect(page.locator("#id_name_ko")).to_have_value(KO)
    assert Contest.objects.count() == 1
    page.fill("#id_name_ko", SECOND_CALL)
    page.fill("#id_name_en", "")
    _submit(page)
    expect(page.locator("h1")).to_have_text(SECOND_CALL)
    copy = Contest.objects.get(copied_from=contest)
    assert (copy.name_ko, copy.name_en, copy.year) == (SECOND_CALL, "", 2026)
    assert list(copy.organizers.all()) == [organizer]

    # 8. The copy has no entries: deleted once its name is typed.
    delete_path = reverse("contests:delete", args=[copy.pk])
    page.locator(f"main a[href='{delete_path}']").click()
    page.wait_for_url(f"{live_server.url}{delete_path}")
    axe_both_languages(page, "delete, no entries")
    page.fill("#id_confirm_name", "2026 정부혁신")
    page.locator("#contest-delete-button").click()
    expect(page.locator("#id_confirm_name_error")).to_be_visible()
    assert Contest.objects.filter(pk=copy.pk).exists()
    page.fill("#id_confirm_name", SECOND_CALL)
    page.locator("#contest-delete-button").click()
    page.wait_for_url(url(live_server, "contests:list"))
    expect(page.locator(".app-messages .app-alert.success")).to_contain_text(SECOND_CALL)
    assert not Contest.objects.filter(pk=copy.pk).exists()

    # 9. The original has an entry now: the page says why it stays, and offers no button.
    factories.EntryFactory(contest=contest)
    page.goto(url(live_server, "contests:delete", contest.pk))
    expect(page.locator("#delete-refused")).to_be_visible()
    expect(page.locator("#contest-delete-button")).to_have_count(0)
    axe_both_languages(
        page,
        "delete, contest with entries",
        in_english=lambda: expect(page.locator("#delete-refused")).to_have_text(
            "This contest has 1 entry (drafts count too), so it cannot be deleted."
        ),
    )
    assert Contest.objects.filter(pk=contest.pk).exists()
