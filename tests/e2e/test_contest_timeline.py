"""The contest page leads with its timeline for organizers: the organizer of a contest in round 1
(tests/contests/test_timeline.py's scene) sees the ten stages in order with their state written
out and their counts, and follows the next action to the progress board; the organizer of an
incomplete draft sees what is missing, is refused when publishing it with the same list, and
follows the fix. axe in Korean and English on the pages."""

from django.urls import reverse
from playwright.sync_api import expect

from contests.models import Contest
from tests import factories
from tests.contests.test_timeline import timeline_scene
from tests.e2e.conftest import axe_both_languages, axe_check, login_as, switch_language, url

NAMES_KO = ["공고", "접수", "검토", "배정", "1차 심사", "진출 확정", "2차 심사", "결과 확정",
            "발표", "이의신청"]  # fmt: skip
NAMES_EN = ["Call for entries", "Submission", "Screening", "Assignment", "Round 1 judging",
            "Advancement confirmed", "Round 2 judging", "Results finalized", "Announcement",
            "Objections"]  # fmt: skip


def _stage(page, key: str):
    return page.locator(f'ol.timeline-stages > li[data-stage="{key}"]')


def test_organizer_reads_the_stages_and_follows_the_next_action(page, live_server):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    scene = timeline_scene(organizer)
    contest, round1 = scene.contest, scene.round1
    login_as(page, live_server, organizer)
    page.goto(url(live_server, "contests:detail", contest.pk))

    stages = page.locator("section.contest-timeline ol.timeline-stages > li")
    expect(stages).to_have_count(10)
    expect(page.locator(".timeline-name")).to_contain_text(NAMES_KO)
    expect(page.locator("ol.timeline-stages [data-k=state]")).to_have_text(
        ["완료", "완료", "진행 중", "완료", "진행 중", "예정", "예정", "예정", "예정", "예정"]
    )
    expect(_stage(page, "submission").locator("[data-k=summary]")).to_contain_text(
        "제출 8 · 작성 중 1 · 철회 1"
    )
    expect(_stage(page, "screening").locator("[data-k=summary]")).to_have_text(
        "적격 6 · 부적격 1 · 미검토 1"
    )
    expect(_stage(page, "screening").locator("[data-k=missing]")).to_contain_text(
        "제출된 사례 1건을 아직 검토하지 않았습니다."
    )
    expect(_stage(page, "assignment").locator("[data-k=summary]")).to_have_text(
        "배정 완료 7/7 · 부족 0 · 심사위원 4명"
    )
    expect(_stage(page, "round-1").locator("[data-k=summary]")).to_contain_text(
        "제출된 평가표 21/22, 마감 "
    )
    expect(_stage(page, "round-1")).to_have_attribute("aria-current", "step")
    expect(_stage(page, "round-2").locator("[data-k=state]")).to_have_text("예정")
    expect(_stage(page, "objection").locator("a")).to_have_count(0)
    # The page's own links are still there, above the timeline.
    expect(page.locator("main .contest-actions + *")).to_have_count(0)  # last in the heading row
    expect(page.locator("main .contest-head + section.contest-timeline")).to_have_count(1)

    def in_english():
        expect(page.locator(".timeline-name")).to_contain_text(NAMES_EN)
        expect(_stage(page, "round-1").locator("[data-k=summary]")).to_contain_text(
            "Submitted scorecards 21/22, closes "
        )

    axe_both_languages(page, "contest page with its timeline", in_english=in_english)

    _stage(page, "round-1").locator("a[data-k=action]").click()
    page.wait_for_url(url(live_server, "control:progress", contest.pk) + f"?round={round1.pk}")
    expect(page.locator('[data-total="assigned"]')).to_have_text("22")
    expect(page.locator('[data-total="submitted"]')).to_have_text("21")
    axe_check(page, context="progress board reached from the timeline")


def test_an_incomplete_draft_is_refused_with_the_list_and_the_fix_is_one_click_away(
    page, live_server
):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(
        organizers=[organizer], is_published=False, name_ko="2027 적극행정 경진대회"
    )
    factories.RoundFactory(contest=contest, name_ko="1차 서면심사")
    login_as(page, live_server, organizer)
    page.goto(url(live_server, "contests:detail", contest.pk))
    publish = _stage(page, "publish")
    expect(publish.locator("[data-k=state]")).to_have_text("진행 중")
    expect(publish.locator("[data-k=missing] li")).to_have_text(
        [
            "부문을 하나 이상 추가하십시오. 수정하기: 부문을 하나 이상 추가하십시오.",
            "1차 서면심사에 평가항목(배점)이 아직 없습니다. "
            "수정하기: 1차 서면심사에 평가항목(배점)이 아직 없습니다.",
            "제출 항목을 하나 이상 추가하십시오. 수정하기: 제출 항목을 하나 이상 추가하십시오.",
        ]
    )
    axe_both_languages(page, "contest page of an incomplete draft")

    # Publishing is refused with the same list; nothing is saved.
    page.goto(url(live_server, "contests:edit", contest.pk))
    refused = page.locator("#id_is_published_error")

    def publish_it():
        page.locator("label[for=id_is_published]").click()  # KRDS draws the box on the label
        page.locator("main form button[type=submit]").last.click()
        expect(refused).to_be_visible()

    publish_it()
    expect(refused.locator("p")).to_have_text(
        "설정이 끝나지 않아 경진대회를 공개할 수 없습니다. 다음을 먼저 갖추십시오."
    )
    expect(refused.locator("li")).to_have_text(
        [
            "부문을 하나 이상 추가하십시오.",
            "1차 서면심사에 평가항목(배점)이 아직 없습니다.",
            "제출 항목을 하나 이상 추가하십시오.",
        ]
    )
    assert Contest.objects.get(pk=contest.pk).is_published is False
    axe_check(page, context="publishing refused (ko)")
    switch_language(page, "en")
    publish_it()
    expect(refused.locator("li").first).to_have_text("Add at least one category.")
    axe_check(page, context="publishing refused (en)")
    switch_language(page, "ko")

    # The timeline's action leads to the first thing missing.
    page.goto(url(live_server, "contests:detail", contest.pk))
    _stage(page, "publish").locator("a[data-k=action]").click()
    page.wait_for_url(url(live_server, "contests:categories", contest.pk))
    assert page.url.endswith(reverse("contests:categories", args=[contest.pk]))
