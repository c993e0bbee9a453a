"""Reminder emails: confirm step, one Korean email per judge with unfinished scorecards."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.control.conftest import english

pytestmark = pytest.mark.django_db


def _url(scene):
    return reverse("control:remind", args=[scene.contest.pk, scene.round.pk])


@pytest.fixture
def half_done(scene):
    kim, lee, _park = scene.judges
    e1, e2, _e3, _e4 = scene.entries
    scene.score(kim, e1, {scene.innovation: "25", scene.effect: "17.5"}, submit=True)
    scene.score(lee, e1, {scene.innovation: "30", scene.effect: "20"}, submit=True)
    scene.score(lee, e2, {scene.innovation: "30", scene.effect: "20"}, submit=True)
    return scene  # kim: 2 unfinished (e2, e3); lee: none; park: nothing assigned


def test_confirm_page_lists_who_will_be_reminded_and_sends_nothing(half_done, organizer_client):
    response = english(organizer_client).get(_url(half_done))
    html = response.content.decode()
    assert response.status_code == 200
    kim = half_done.judges[0]
    assert f'<tr data-judge="{kim.pk}">' in html
    assert html.count("<tr data-judge=") == 1
    assert "2030-11-30 18:00" in html
    assert mail.outbox == []


def test_reminders_go_to_each_judge_with_unfinished_scorecards(
    scene, organizer_client, settings, django_capture_on_commit_callbacks
):
    _kim, lee, _park = scene.judges
    scene.score(lee, scene.entries[0], {scene.innovation: "30", scene.effect: "20"}, submit=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = english(organizer_client).post(_url(scene))
    assert response.status_code == 302
    assert response.url == reverse("control:progress", args=[scene.contest.pk]) + (
        f"?round={scene.round.pk}"
    )
    assert [message.to for message in mail.outbox] == [["kim@judge.kr"], ["lee@judge.kr"]]
    kim_mail, lee_mail = mail.outbox
    assert kim_mail.subject == "[2026 정부혁신 우수사례 경진대회] 미제출 평가표 3건 안내"
    assert lee_mail.subject == "[2026 정부혁신 우수사례 경진대회] 미제출 평가표 1건 안내"
    assert "김심사 심사위원님" in kim_mail.body
    assert "아직 제출하지 않은 평가표가 3건 있습니다." in kim_mail.body
    assert "아직 제출하지 않은 평가표가 1건 있습니다." in lee_mail.body
    assert "심사 마감: 2030-11-30 18:00 (한국 시간)" in kim_mail.body
    dashboard = settings.SITE_URL + reverse("judge:dashboard")
    assert f"내 심사 목록:\n{dashboard}\n" in kim_mail.body
    page = english(organizer_client).get(response.url).content.decode()
    assert "Reminders were sent to 2 judges." in page


def test_per_judge_reminder_sends_one_email(
    half_done, organizer_client, django_capture_on_commit_callbacks
):
    kim, lee, _park = half_done.judges
    confirm = english(organizer_client).get(_url(half_done), {"judge": kim.pk}).content.decode()
    assert f'name="judge" value="{kim.pk}"' in confirm
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(_url(half_done), {"judge": kim.pk})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kim@judge.kr"]
    assert "평가표가 2건" in mail.outbox[0].body
    # A judge with nothing unfinished gets nothing.
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(_url(half_done), {"judge": lee.pk})
    assert len(mail.outbox) == 1
