"""Reassigning from the conflicts page (issue 11 item 5): a challenge took 다심사 off entry 2,
which now lacks a judge; the organizer gives it to a free judge, least loaded first, in one step
(the assignment service: checked and emailed), or is refused with nothing changed."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from scoring.models import Assignment, RoundResult
from scoring.services.conflicts import conflict_record_challenge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world, organizer):
    """Entry 2 (서울특별시) assigned to 가심사 and 다심사, then 다심사 challenged (the
    challenge withdraws the assignment): one judge of the two needed. 라심사 holds entry 1;
    나심사 (행정안전부) holds nothing."""
    ga, _na, da = world.judges
    e1, e2, _e3 = world.entries
    ra = factories.JudgeFactory(
        contest=world.contest, user=factories.UserFactory(name="라심사", email="ra@example.kr")
    )
    for judge, entry in ((ga, e2), (da, e2), (ra, e1)):
        Assignment.objects.create(round=world.round, judge=judge, entry=entry)
    conflict_record_challenge(judge=da, entry=e2, reason="공동 연구 수행", by=organizer)
    world.judges.append(ra)
    mail.outbox.clear()
    return world


def _control(html: str, entry) -> str:
    match = re.search(rf'<form[^>]*data-reassign="\d+-{entry.pk}">(.*?)</form>', html, re.S)
    return match.group(1) if match else ""


def _options(control: str) -> list[tuple[str, str]]:
    return [
        (value, " ".join(text.split()))
        for value, text in re.findall(r'<option value="(\d+)">(.*?)</option>', control, re.S)
    ]


def _post(client, scene, judge, entry=None, round_=None):
    url = reverse("judging:reassign", args=[scene.contest.pk])
    data = {
        "round": (round_ or scene.round).pk,
        "entry": (entry or scene.entries[1]).pk,
        "judge": judge.pk,
    }
    return client.post(url, data, follow=True)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_conflicts_page_offers_free_judges_least_loaded_first(scene, organizer_client):
    _ga, na, _da, ra = scene.judges
    page = organizer_client.get(reverse("judging:conflicts", args=[scene.contest.pk]))
    html = page.content.decode()
    control = _control(html, scene.entries[1])
    # 가심사 already has the entry, 다심사 is challenged: only 나심사 (0) and 라심사 (1) are free.
    assert _options(control) == [
        (str(na.pk), "나심사 · 0 entries assigned"),
        (str(ra.pk), "라심사 · 1 entry assigned"),
    ]
    assert f"Reassign to another judge ({scene.round.name})" in control
    assert html.count("data-reassign=") == 1  # only the row that needs reassignment


def test_reassigning_creates_the_assignment_and_emails_the_judge(
    scene, organizer_client, organizer, django_capture_on_commit_callbacks
):
    ga, na, da, _ra = scene.judges
    e2 = scene.entries[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(organizer_client, scene, na)
    assert response.redirect_chain == [(reverse("judging:conflicts", args=[scene.contest.pk]), 302)]
    assert _messages(response) == [f"2026-0002 was assigned to 나심사 in {scene.round.name}."]
    new = Assignment.objects.get(round=scene.round, judge=na, entry=e2)
    assert (new.method, new.created_by) == (Assignment.Method.MANUAL, organizer)
    # Nothing else changed: 가심사 keeps the entry; 다심사's assignment went with the challenge.
    assert set(
        Assignment.objects.filter(round=scene.round, entry=e2).values_list("judge", flat=True)
    ) == {ga.pk, na.pk}
    assert not Assignment.objects.filter(judge=da).exists()
    assert [message.to for message in mail.outbox] == [["na@example.kr"]]
    # The entry has its two judges again: no control is offered any more.
    assert "data-reassign=" not in response.content.decode()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            2,
            "A conflict of interest is recorded for this pair: Challenge (recorded by the "
            "organizer).",
        ),
        (0, "This judge already has this entry in this round."),
    ],
)
def test_a_conflicted_or_already_assigned_judge_is_refused(
    scene, organizer_client, who, message, django_capture_on_commit_callbacks
):
    before = set(Assignment.objects.values_list("pk", "judge", "entry"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(organizer_client, scene, scene.judges[who])
    assert _messages(response) == [message]
    assert set(Assignment.objects.values_list("pk", "judge", "entry")) == before
    assert mail.outbox == []


def test_own_agency_is_refused(scene, organizer_client):
    na = scene.judges[1]  # 행정안전부, the agency of entry 1
    response = _post(organizer_client, scene, na, entry=scene.entries[0])
    assert _messages(response) == ["The judge belongs to the entry's agency (exclusion)."]
    assert not Assignment.objects.filter(judge=na).exists()


def test_a_finalized_round_is_refused_and_offers_nothing(
    scene, organizer_client, organizer, django_capture_on_commit_callbacks
):
    RoundResult.objects.create(round=scene.round, snapshot="{}", digest="0" * 64, by=organizer)
    na = scene.judges[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(organizer_client, scene, na)
    assert _messages(response) == ["This round is finalized; reopen it with a reason first."]
    assert not Assignment.objects.filter(judge=na).exists()
    assert mail.outbox == []
    assert "data-reassign=" not in response.content.decode()


def test_missing_or_foreign_ids(scene, organizer_client):
    url = reverse("judging:reassign", args=[scene.contest.pk])
    response = organizer_client.post(url, {"round": scene.round.pk, "entry": "x"}, follow=True)
    assert _messages(response) == ["Choose a judge to give the entry to."]
    stranger = factories.JudgeFactory()
    assert _post(organizer_client, scene, stranger).status_code == 404
    other_round = factories.RoundFactory()
    assert _post(organizer_client, scene, scene.judges[1], round_=other_round).status_code == 404
    assert organizer_client.get(url).status_code == 405
