"""What screening sends: one email per agency and action listing its entries' outcomes, one per
judge and action naming how many assignments were withdrawn (or are back); and the judges' pages
stop (and start again) offering the entries at once."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from scoring.models import Conflict
from submissions.services.bulk_screening import entries_screen
from submissions.services.screening import entry_screen
from tests.config.test_every_email import problems
from tests.screening import judging_scene
from tests.screening.conftest import make_entry

pytestmark = pytest.mark.django_db
judging = judging_scene.judging  # the fixture

SITE = "https://simsa.example.kr"
REASON = "최근 3년 이내 추진 사례가 아님"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.LANGUAGE_CODE = "en"  # exact English text, whatever the Korean catalogue holds


@pytest.fixture
def screen(world, organizer, django_capture_on_commit_callbacks):
    """Screen entries in one bulk action; the emails sent once it commits."""

    def run(entries, eligibility, reason=""):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            done = entries_screen(
                contest=world.contest, entry_ids=[e.pk for e in entries], by=organizer,
                eligibility=eligibility, reason=reason,
            )  # fmt: skip
        return done

    return run


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def entry_link(entry):
    return f"{SITE}{reverse('entries:detail', args=[entry.pk])}"


# --- agencies ---------------------------------------------------------------------------------


def test_each_agency_gets_one_email_listing_its_entries(world, judging, screen):
    second = make_entry(world.contest, world.central, world.mois, "규제 샌드박스", number=5)
    screen([world.shortcut, second, world.bus, world.onestop, world.draft], "ineligible", REASON)
    agency_mails = [m for m in mail.outbox if "judge.kr" not in m.to[0]]
    assert sorted(m.to for m in agency_mails) == [
        ["choi@seoul.go.kr"],
        ["lee@mois.go.kr", "park@mois.go.kr"],
    ]  # 강남구 (민원 원스톱 창구) has no contact: no email; the draft was skipped
    (mois,) = sent_to("lee@mois.go.kr")
    assert mois.subject == "[2026 Government Innovation Contest] Screening outcome of 2 entries"
    assert mois.body == (
        "Hello, contacts of Ministry of the Interior,\n"
        "\n"
        "The organizers of 2026 Government Innovation Contest recorded the screening outcome of 2 "
        "entries of your agency.\n"
        "\n"
        "Entry: 2026-0001 찾아라! 119 지름길\n"
        "Outcome: Ineligible\n"
        f"Reason: {REASON}\n"
        f"{entry_link(world.shortcut)}\n"
        "\n"
        "Entry: 2026-0005 규제 샌드박스\n"
        "Outcome: Ineligible\n"
        f"Reason: {REASON}\n"
        f"{entry_link(second)}\n"
        "\n"
        "An entry found ineligible is not judged. If you have a question about the outcome, "
        "please contact the organizers.\n"
        "\n"
        "Your agency's entries:\n"
        f"{SITE}{reverse('entries:list')}\n"
        "\n"
        f"{settings.SITE_NAME}\n"
        f"{SITE}\n"
    )
    for message in mail.outbox:
        assert problems(message) == [], message.body


def test_eligible_outcome_has_no_reason(world, judging, screen):
    screen([world.shortcut], "eligible", "무시됨")
    (message,) = sent_to("lee@mois.go.kr")
    assert message.subject == "[2026 Government Innovation Contest] Screening outcome of 1 entry"
    assert "Outcome: Eligible\n" + entry_link(world.shortcut) + "\n" in message.body
    assert "Reason" not in message.body
    assert "무시됨" not in message.body


def test_unchanged_entries_are_not_emailed_again(world, judging, screen):
    screen([world.bus], "eligible")  # already eligible
    assert mail.outbox == []


def test_the_single_entry_page_emails_the_agency_too(
    world, organizer, judging, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry_screen(entry=world.bus, by=organizer, eligibility="ineligible", reason=REASON)
    (message,) = sent_to("choi@seoul.go.kr")
    assert "Entry: 2026-0002 스마트 버스정류장\nOutcome: Ineligible\n" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry_screen(entry=world.bus, by=organizer, eligibility="ineligible", reason=REASON)
    assert mail.outbox == []  # saved again unchanged: nobody is told twice


# --- judges -----------------------------------------------------------------------------------


def test_each_judge_gets_one_email_naming_the_withdrawn_assignments(world, judging, screen):
    done = screen([world.shortcut, world.bus], "ineligible", REASON)
    assert done.judges_emailed == 2
    (kim,) = sent_to("kim@judge.kr")
    assert kim.subject == "[2026 Government Innovation Contest] 2 assignments taken out of judging"
    assert kim.body == (
        "Hello 김심사,\n"
        "\n"
        "2 of your assignments were withdrawn: their entries were found ineligible in screening "
        "and taken out of judging.\n"
        "You no longer need to score them. What you wrote is kept, not deleted, and if an entry "
        "is found eligible again it comes back to your judging list as it was.\n"
        "\n"
        "- 2026-0001 찾아라! 119 지름길 (Written review)\n"
        "- 2026-0002 스마트 버스정류장 (Written review)\n"
        "\n"
        f"Reason: {REASON}\n"
        "\n"
        "My judging list:\n"
        f"{SITE}{reverse('judge:dashboard')}\n"
        "\n"
        f"{settings.SITE_NAME}\n"
        f"{SITE}\n"
    )
    (lee,) = sent_to("lee@judge.kr")
    assert lee.subject == "[2026 Government Innovation Contest] 1 assignment taken out of judging"
    assert "1 of your assignments was withdrawn: its entry was found" in lee.body
    for message in (kim, lee):
        assert "Ministry of the Interior" not in message.body  # blind judging
        assert "Seoul" not in message.body
        assert problems(message) == []


def test_without_blind_judging_the_agency_is_named(world, judging, screen):
    world.contest.blind_judging = False
    world.contest.save()
    screen([world.shortcut], "ineligible", REASON)
    (lee,) = sent_to("lee@judge.kr")
    assert (
        "- 2026-0001 찾아라! 119 지름길 (Written review) · Ministry of the Interior\n" in lee.body
    )


def test_a_judge_already_out_by_a_conflict_is_not_told(world, judging, screen):
    Conflict.objects.create(
        judge=judging.lee, entry=world.shortcut, kind=Conflict.Kind.CHALLENGE,
        status=Conflict.Status.IN_EFFECT, reason="공동 연구", recorded_by=judging.kim.user,
    )  # fmt: skip
    done = screen([world.shortcut], "ineligible", REASON)
    assert done.judges_emailed == 1
    assert sent_to("lee@judge.kr") == []
    assert "1 of your assignments was withdrawn" in sent_to("kim@judge.kr")[0].body


def test_judges_pages_drop_the_entries_at_once_and_get_them_back(world, judging, screen, client):
    scorecard = reverse("judge:scorecard", args=[judging.round.pk, world.shortcut.pk])
    client.force_login(judging.kim.user)
    board = client.get(reverse("judge:dashboard")).content.decode()
    assert world.shortcut.title in board
    assert world.bus.title in board
    assert client.get(scorecard).status_code == 200

    screen([world.shortcut, world.bus], "ineligible", REASON)
    board = client.get(reverse("judge:dashboard")).content.decode()
    assert world.shortcut.title not in board
    assert world.bus.title not in board
    assert client.get(scorecard).status_code == 404

    done = screen([world.shortcut, world.bus], "eligible")
    assert (done.judges_emailed, len(done.moved)) == (2, 2)
    board = client.get(reverse("judge:dashboard")).content.decode()
    assert world.shortcut.title in board
    assert world.bus.title in board
    assert client.get(scorecard).status_code == 200
    (kim,) = sent_to("kim@judge.kr")
    assert kim.subject == "[2026 Government Innovation Contest] 2 assignments back in judging"
    assert (
        "2 of your assignments are back: their entries, taken out as ineligible, were found "
        "eligible again in screening.\n"
        "The scorecards you wrote are still there: please go on scoring them.\n" in kim.body
    )
    assert f"\n{SITE}{reverse('judge:dashboard')}\n" in kim.body
    assert problems(kim) == []
