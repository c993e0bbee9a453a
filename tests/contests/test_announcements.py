"""Announcements to agencies (issue 11, item 7): audiences, the preview's counts, one email per
person with the absolute link on its own line, each agency's notices, and one send per form."""

import datetime as dt
import re
import threading
import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scoring.models import Announcement
from scoring.selectors.announcements import Target, notices_for, recipients, targets
from scoring.services import announcements as service
from scoring.services.announcements import announcement_send, links_on_own_lines
from submissions.models import Entry
from tests import factories
from tests.contests.announcements_scene import build_scene
from tests.threads import POSTGRES_ONLY, run_threads

pytestmark = pytest.mark.django_db

SITE = "https://simsa.example.kr"
SITE_NAME = "우수사례 경진대회 심사시스템"
NOBODY = (
    "Nobody would receive this announcement: there is no such agency yet, or it has no members."
)
ALL, ADVANCED, DRAFTS = (Announcement.Audience.ALL, Announcement.Audience.ADVANCED,
                         Announcement.Audience.DRAFTS)  # fmt: skip


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def scene(organizer):
    return build_scene(organizer)


def _people(target_recipients) -> list[tuple[str, str]]:
    return [(m.agency.name_ko, m.user.name) for m in target_recipients.members]


def _names(agencies) -> list[str]:
    return [agency.name_ko for agency in agencies]


# --- who it goes to ---------------------------------------------------------------------------


def test_the_form_offers_every_agency_each_advanced_round_and_the_draft_reminder(scene):
    offered = targets(scene.contest)
    assert [(t.value, t.label) for t in offered] == [
        ("all", "Every participating agency"),
        (f"round-{scene.presentation.pk}", "Agencies advanced to Presentation"),
        ("drafts", "Agencies with an entry not yet submitted"),
    ]


def test_every_participating_agency_is_every_agency_with_an_entry_each_person_once(scene):
    found = recipients(scene.contest, Target(ALL))
    assert _names(found.agencies) == [
        "부산광역시",
        "서울특별시",
        "행정안전부",
    ]  # not 대전: no entry
    # 윤겸직 belongs to 서울특별시 and 행정안전부: written to once, for the first by name.
    assert sorted(_people(found)) == [
        ("부산광역시", "정담당"), ("서울특별시", "윤겸직"), ("서울특별시", "최담당"),
        ("행정안전부", "박기관"), ("행정안전부", "이담당"),
    ]  # fmt: skip


def test_advanced_agencies_are_those_whose_entry_takes_part_in_the_round(scene):
    target = Target(ADVANCED, scene.presentation)
    found = recipients(scene.contest, target)
    assert _names(found.agencies) == ["행정안전부"]
    assert sorted(_people(found)) == [
        ("행정안전부", "박기관"), ("행정안전부", "윤겸직"), ("행정안전부", "이담당")
    ]  # fmt: skip
    # Screened out after advancing: no longer in the running, so not advanced.
    Entry.objects.filter(pk=scene.entries["mois"].pk).update(eligibility="ineligible")
    assert recipients(scene.contest, target).agencies == []
    # A voided result advances nobody.
    Entry.objects.filter(pk=scene.entries["mois"].pk).update(eligibility="eligible")
    scene.result.voided_at = timezone.now()
    scene.result.save()
    assert recipients(scene.contest, target).agencies == []


def test_the_draft_reminder_goes_to_agencies_with_an_entry_not_yet_submitted(scene):
    found = recipients(scene.contest, Target(DRAFTS))
    assert _names(found.agencies) == ["부산광역시"]
    assert _people(found) == [("부산광역시", "정담당")]


def test_inactive_accounts_are_not_written_to(scene):
    scene.members["정담당"].is_active = False
    scene.members["정담당"].save()
    found = recipients(scene.contest, Target(DRAFTS))
    assert (_names(found.agencies), found.members) == (["부산광역시"], [])


# --- sending ------------------------------------------------------------------------------------


TITLE, BODY = "발표심사 일정 안내", "발표심사는 12월 10일입니다."


def _send(scene, target, *, title=TITLE, body=BODY, key=None, contest=None):
    return announcement_send(
        contest=contest or scene.contest, target=target, title=title, body=body,
        key=key or uuid.uuid4(), by=scene.organizer,
    )  # fmt: skip


def test_sending_records_it_and_emails_each_person_with_the_link_on_its_own_line(
    scene, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(
            scene,
            Target(ADVANCED, scene.presentation),
            body="발표 자료는 https://www.innovation.go.kr/guide.pdf, 12월 5일까지 올려 주십시오.",
        )
    announcement = sent.announcement
    assert sent.created
    assert (announcement.audience, announcement.round, announcement.sent_by) == (
        ADVANCED,
        scene.presentation,
        scene.organizer,
    )
    assert (announcement.agency_count, announcement.recipient_count) == (1, 3)
    assert list(announcement.agencies.all()) == [scene.agencies["mois"]]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lee@mois.go.kr", "park@mois.go.kr", "yoon@mois.go.kr"
    ]  # fmt: skip
    park = next(m for m in mail.outbox if m.to == ["park@mois.go.kr"])
    assert park.subject == "[2026 정부혁신 우수사례 경진대회] 발표심사 일정 안내"
    assert park.body == (
        "Hello 박기관,\n\n"
        "The organizers of 2026 정부혁신 우수사례 경진대회 sent this announcement to "
        "행정안전부.\n\n"
        "발표심사 일정 안내\n\n"
        "발표 자료는\n"
        "https://www.innovation.go.kr/guide.pdf\n"
        "12월 5일까지 올려 주십시오.\n\n"
        "The announcements to your agency are also on its entries page:\n"
        f"{SITE}/entries/#notices\n\n"
        f"{SITE_NAME}\n{SITE}\n"
    )


def test_the_draft_reminder_says_the_deadline(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(scene, Target(DRAFTS), title="제출 마감 안내", body="초안을 제출해 주십시오.")
    (message,) = mail.outbox
    deadline = timezone.localtime(scene.contest.submission_closes_at).strftime("%Y-%m-%d %H:%M")
    assert message.to == ["jung@busan.go.kr"]
    assert (
        f"초안을 제출해 주십시오.\n\nDeadline: {deadline} (Korea time)\n\n"
        "The announcements to your agency are also on its entries page:\n"
    ) in message.body


def test_the_same_form_sent_twice_sends_once(scene, django_capture_on_commit_callbacks):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(scene, Target(ALL), key=key)
        second = _send(scene, Target(ALL), key=key, title="다른 제목")
    assert (first.created, second.created) == (True, False)
    assert second.announcement == first.announcement
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == 5


def test_a_form_key_of_another_contest_is_refused(scene, organizer):
    key = uuid.uuid4()
    _send(scene, Target(ALL), key=key)
    other = factories.ContestFactory(organizers=[organizer])
    factories.EntryFactory(contest=other, agency=scene.agencies["mois"])
    with pytest.raises(ValidationError, match="This form was already used"):
        _send(scene, Target(ALL), key=key, contest=other)
    assert Announcement.objects.get().contest == scene.contest


def test_nobody_to_write_to_is_refused_and_nothing_is_recorded(
    scene, django_capture_on_commit_callbacks
):
    scene.result.voided_at = timezone.now()
    scene.result.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as info:
        _send(scene, Target(ADVANCED, scene.presentation))
    assert info.value.messages == [NOBODY]
    assert (Announcement.objects.count(), mail.outbox) == (0, [])


def test_only_the_contests_organizers_send(scene):
    with pytest.raises(PermissionDenied):
        announcement_send(
            contest=scene.contest, target=Target(ALL), title="t", body="b", key=uuid.uuid4(),
            by=factories.OrganizerFactory(),
        )  # fmt: skip
    assert not Announcement.objects.exists()


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_form_at_once_send_once(monkeypatch):
    """Both requests find the key unused (held at a barrier until both have looked); the unique
    key lets one insert, the other finds that row and sends nothing."""
    scene = build_scene()
    barrier = threading.Barrier(2, timeout=10)
    real = service.recipients

    def both_looked(contest, target):
        found = real(contest, target)
        barrier.wait()
        return found

    monkeypatch.setattr(service, "recipients", both_looked)
    key, results = uuid.uuid4(), []

    def send():
        results.append(_send(scene, Target(ALL), key=key).created)

    assert run_threads([send, send], timeout=20) == []
    assert sorted(results) == [False, True]
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == 5


def test_links_typed_in_the_text_are_put_on_lines_of_their_own():
    text = "안내: https://a.go.kr/x?y=1, 그리고\n\nhttps://b.kr (참고).\n끝 http://c.kr.\n(https://d.kr)"
    assert links_on_own_lines(text) == (
        "안내:\nhttps://a.go.kr/x?y=1\n그리고\n\nhttps://b.kr\n(참고).\n끝\nhttp://c.kr\n(\n"
        "https://d.kr\n)"
    )
    assert links_on_own_lines("링크 없음\n\n둘째 문단") == "링크 없음\n\n둘째 문단"


# --- the pages ---------------------------------------------------------------------------------


def _new(scene):
    return reverse("announcements:new", args=[scene.contest.pk])


def _form(scene, key, **extra):
    return {
        "title": "발표심사 일정 안내", "body": "발표심사는 12월 10일입니다.",
        "audience": f"round-{scene.presentation.pk}", "key": str(key), **extra,
    }  # fmt: skip


def test_write_preview_then_send_from_the_pages(
    scene, organizer_client, django_capture_on_commit_callbacks
):
    page = organizer_client.get(_new(scene)).content.decode()
    key = re.search(r'name="key" value="([0-9a-f-]{36})"', page).group(1)
    assert 'type="radio" name="audience" value="all"' in page

    preview = organizer_client.post(_new(scene), _form(scene, key, action="preview"))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert '<td data-k="agencies">1</td>' in html
    assert '<td data-k="people">3</td>' in html
    assert "Agencies advanced to Presentation" in html
    assert "Send to 3 people" in html
    assert f"{SITE}/entries/#notices" in html  # the email itself
    assert mail.outbox == []
    assert not Announcement.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(_new(scene), _form(scene, key, action="send"))
        again = organizer_client.post(_new(scene), _form(scene, key, action="send"))
    listing = reverse("announcements:list", args=[scene.contest.pk])
    assert (response.status_code, response.url, again.url) == (302, listing, listing)
    assert len(mail.outbox) == 3
    announcement = Announcement.objects.get()
    html = organizer_client.get(listing).content.decode()
    assert "The announcement was sent. Agencies: 1, people emailed: 3." in html
    assert "This announcement was sent already; it was not sent again." in html
    row = re.search(rf'<tr data-announcement="{announcement.pk}">(.*?)</tr>', html, re.S).group(1)
    assert '<td data-k="audience">Agencies advanced to Presentation</td>' in row
    assert '<td data-k="agencies">1</td>' in row
    assert '<td data-k="people">3</td>' in row
    assert "<summary>발표심사 일정 안내</summary>" in row


def test_change_it_returns_to_the_form_with_what_was_written(scene, organizer_client):
    key = uuid.uuid4()
    html = organizer_client.post(_new(scene), _form(scene, key, action="edit")).content.decode()
    assert 'value="발표심사 일정 안내"' in html
    assert "발표심사는 12월 10일입니다.</textarea>" in html
    checked = re.search(r'<input type="radio" name="audience" value="([\w-]+)"[^>]* checked', html)
    assert checked.group(1) == f"round-{scene.presentation.pk}"
    assert f'name="key" value="{key}"' in html
    assert not Announcement.objects.exists()


def test_an_audience_with_nobody_is_refused_at_the_preview(scene, organizer_client):
    scene.result.voided_at = timezone.now()
    scene.result.save()
    html = organizer_client.post(
        _new(scene), _form(scene, uuid.uuid4(), action="preview")
    ).content.decode()
    assert NOBODY in html
    assert 'value="send"' not in html


def test_an_empty_form_says_what_is_missing(scene, organizer_client):
    html = organizer_client.post(
        _new(scene), {"action": "preview", "key": str(uuid.uuid4()), "body": "  "}
    ).content.decode()
    assert "Give the announcement a title." in html
    assert "Write the text of the announcement." in html
    assert "Choose who receives the announcement." in html


def test_each_agency_sees_the_announcements_sent_to_it_newest_first(
    scene, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        to_all = _send(scene, Target(ALL), title="경진대회 일정 변경 안내").announcement
        advanced = _send(scene, Target(ADVANCED, scene.presentation)).announcement
    yesterday = timezone.now() - dt.timedelta(days=1)
    Announcement.objects.filter(pk=to_all.pk).update(sent_at=yesterday)
    members = scene.members
    assert list(notices_for(members["박기관"])) == [advanced, to_all]
    assert list(notices_for(members["최담당"])) == [to_all]
    assert list(notices_for(members["한담당"])) == []  # 대전: no entry when it was sent

    page = login(members["이담당"]).get(reverse("entries:list")).content.decode()
    assert page.index(f'id="announcement-{advanced.pk}"') < page.index(
        f'id="announcement-{to_all.pk}"'
    )
    assert "<h3>발표심사 일정 안내</h3>" in page
    assert "발표심사는 12월 10일입니다." in page
    other = login(members["최담당"]).get(reverse("entries:list")).content.decode()
    assert "경진대회 일정 변경 안내" in other
    assert "발표심사 일정 안내" not in other
    nobody = login(members["한담당"]).get(reverse("entries:list")).content.decode()
    assert 'id="notices"' not in nobody


def test_the_contest_page_links_its_organizers_to_the_announcements(scene, organizer_client):
    html = organizer_client.get(reverse("contests:detail", args=[scene.contest.pk])).content
    assert reverse("announcements:list", args=[scene.contest.pk]).encode() in html


def test_the_pages_query_the_same_number_of_times_for_one_or_many_announcements(
    scene, organizer_client, login
):
    member = login(scene.members["박기관"])
    pages = {
        "list": (organizer_client, reverse("announcements:list", args=[scene.contest.pk])),
        "notices": (member, reverse("entries:list")),
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, (client, url) in pages.items():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found[name] = len(queries)
        return found

    _send(scene, Target(ALL))
    one = counts()
    for number in range(4):
        _send(scene, Target(ADVANCED, scene.presentation), title=f"안내 {number}")
    assert counts() == one
    html = organizer_client.get(pages["list"][1]).content.decode()
    assert html.count("<tr data-announcement=") == 5
