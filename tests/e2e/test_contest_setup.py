"""Journey: an organizer sets up a contest with a rubric through the htmx editor and publishes it;
an agency officer signs up and finds it. Every page visited is checked with axe in Korean and
English."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import Page, expect

from contests.models import Contest, Criterion
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url
from tests.e2e.steps import sign_up


def _local(days: int) -> str:
    """A datetime-local input value, Asia/Seoul, `days` from now at 09:00."""
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT09:00")


def _add_criterion(page: Page, name_ko: str, name_en: str, points: str, expected_total: str):
    form = page.locator("section.rubric-add form")
    form.locator("#id_new-name_ko").fill(name_ko)
    form.locator("#id_new-name_en").fill(name_en)
    form.locator("#id_new-max_points").fill(points)
    form.locator("#criterion-add-button").click()
    expect(page.locator("#rubric-total strong")).to_have_text(expected_total)


def test_organizer_builds_a_contest_and_an_agency_officer_sees_it(page, second_page, live_server):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    login_as(page, live_server, organizer)

    # 1. The contest's basic fields.
    page.goto(url(live_server, "contests:create"))
    axe_both_languages(page, "contest create")
    page.fill("#id_name_ko", "2027 적극행정 우수사례 경진대회")
    page.fill("#id_name_en", "2027 Proactive Administration Best Practice Contest")
    page.fill("#id_year", "2027")
    page.fill("#id_submission_opens_at", _local(1))
    page.fill("#id_submission_closes_at", _local(30))
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_text("2027 적극행정 우수사례 경진대회")
    contest = Contest.objects.get(name_ko="2027 적극행정 우수사례 경진대회")
    assert list(contest.organizers.all()) == [organizer]
    axe_both_languages(page, "contest detail")

    # 2. A round; saving it leads to its rubric editor.
    page.goto(url(live_server, "contests:round_create", contest.pk))
    axe_both_languages(page, "round create")
    page.fill("#id_name_ko", "1차 서면심사")
    page.fill("#id_opens_at", _local(31))
    page.fill("#id_closes_at", _local(40))
    page.locator("main form button[type=submit]:not([name=add_row])").last.click()
    round_ = contest.rounds.get()
    page.wait_for_url(url(live_server, "contests:rubric", contest.pk, round_.pk))
    axe_both_languages(page, "rubric editor, empty")

    # 3. The rubric through htmx: no page load happens while criteria change.
    page.evaluate("() => { window.stillSamePage = true; }")
    _add_criterion(page, "혁신성", "Innovation", "30", "30")
    _add_criterion(page, "효과성", "Effectiveness", "30", "60")
    _add_criterion(page, "확산가능성", "Scalability", "20", "80")
    _add_criterion(page, "국민체감도", "Public impact", "20", "100")
    second = Criterion.objects.get(round=round_, name_ko="효과성")
    page.locator(f"#move-up-{second.pk}").click()
    expect(page.locator(".rubric-criterion h2").first).to_contain_text("효과성")
    page.locator(f"#criterion-{second.pk} details summary").click()
    page.locator(f"#levels-standard-{second.pk}").click()
    expect(page.locator(f"#criterion-{second.pk} details")).to_contain_text("(5)")
    assert page.evaluate("() => window.stillSamePage") is True
    assert [(c.name_ko, c.max_points) for c in round_.criteria.order_by("order")] == [
        ("효과성", Decimal("30")),
        ("혁신성", Decimal("30")),
        ("확산가능성", Decimal("20")),
        ("국민체감도", Decimal("20")),
    ]
    assert [(lv.label, lv.points) for lv in second.levels.order_by("order")] == [
        ("매우우수", Decimal("30")),
        ("우수", Decimal("24")),
        ("보통", Decimal("18")),
        ("미흡", Decimal("12")),
        ("매우미흡", Decimal("6")),
    ]
    axe_both_languages(page, "rubric editor, four criteria")

    # 4. Publish, then the contest is listed. Publishing needs a category and an entry question
    # too (tests/e2e/test_contest_timeline.py shows the refusal while they are missing).
    factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central agencies")
    factories.EntryQuestionFactory(contest=contest)
    page.goto(url(live_server, "contests:edit", contest.pk))
    page.locator("label[for=id_is_published]").click()  # KRDS draws the box on the label
    expect(page.locator("#id_is_published")).to_be_checked()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_text("2027 적극행정 우수사례 경진대회")
    contest.refresh_from_db()
    assert contest.is_published is True
    page.goto(url(live_server, "contests:list"))
    expect(page.locator("main")).to_contain_text("2027 적극행정 우수사례 경진대회")
    axe_both_languages(page, "contest list, organizer")

    # 5. An agency officer registers and finds the published contest.
    officer = second_page
    sign_up(officer, live_server, "이담당", "officer@mois.go.kr")
    expect(officer.locator("main")).to_contain_text("2027 적극행정 우수사례 경진대회")
    officer.goto(url(live_server, "contests:list"))
    expect(officer.locator("main")).to_contain_text("2027 적극행정 우수사례 경진대회")
    axe_both_languages(officer, "contest list, agency officer")
    officer.goto(url(live_server, "contests:detail", contest.pk))
    expect(officer.locator("main")).to_contain_text("1차 서면심사")
    axe_both_languages(officer, "contest detail, agency officer")
