"""Who published the results, and the append-only history of every publication and withdrawal
(contests.PublicationEvent); withdrawing needs a reason. The contest of
tests/results/pages_scene.py with both rounds finalized."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from contests.models import Contest, PublicationEvent
from scoring.services.results import results_publish, results_unpublish, round_finalize
from tests import factories
from tests.results.pages_scene import build_scene, english, flashes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    return scene


@pytest.fixture
def client(organizer_client):
    return english(organizer_client)


def events(contest) -> list[tuple]:
    return list(
        PublicationEvent.objects.filter(contest=contest)
        .order_by("id")
        .values_list("action", "scores", "ranks", "reason", "by__name")
    )


def history(html: str) -> list[tuple[str, str, str, str]]:
    """The publication history table's rows: (when, by, what, reason)."""
    body = html[html.index('data-k="history"') :]
    body = body[: body.index("</table>")]
    rows = re.findall(r"<tr data-event=\"\d+\">(.*?)</tr>", body, re.S)
    return [
        tuple(" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells)
        for cells in (re.findall(r'data-k="\w+">(.*?)</t[hd]>', row, re.S) for row in rows)
    ]


def minute(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_publishing_records_who_and_what(scene):
    contest = results_publish(contest=scene.contest, by=scene.organizer, scores=True, ranks=False)
    contest.refresh_from_db()
    assert contest.results_published_by == scene.organizer
    assert contest.results_published_at is not None
    assert events(contest) == [("published", True, False, "", "김주관")]


def test_withdrawing_needs_a_reason_and_is_recorded(scene):
    results_publish(contest=scene.contest, by=scene.organizer, scores=False, ranks=True)
    other = factories.OrganizerFactory(name="이주관")
    scene.contest.organizers.add(other)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            results_unpublish(contest=scene.contest, by=other, reason=reason)
        assert refused.value.messages == ["Give the reason for withdrawing the publication."]
    contest = Contest.objects.get(pk=scene.contest.pk)
    assert (contest.results_published_by, len(events(contest))) == (scene.organizer, 1)

    results_unpublish(contest=scene.contest, by=other, reason="  수상작 표절 확인  ")
    contest.refresh_from_db()
    assert (contest.results_published_at, contest.results_published_by) == (None, None)
    assert events(contest) == [
        ("published", False, True, "", "김주관"),
        ("unpublished", False, True, "수상작 표절 확인", "이주관"),
    ]
    with pytest.raises(ValidationError, match="The results are not published"):
        results_unpublish(contest=contest, by=other, reason="다시")
    results_publish(contest=contest, by=other, scores=True, ranks=True)
    contest.refresh_from_db()
    assert contest.results_published_by == other
    assert [e[:2] for e in events(contest)] == [
        ("published", False), ("unpublished", False), ("published", True)
    ]  # fmt: skip


def test_the_history_is_append_only(scene):
    results_publish(contest=scene.contest, by=scene.organizer, scores=True, ranks=True)
    event = PublicationEvent.objects.get()
    event.reason = "고쳐 쓰기"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert PublicationEvent.objects.get().reason == ""


def test_the_page_shows_who_published_and_the_history(scene, client):
    response = client.post(scene.url("publish"), {"scores": "on"}, follow=True)
    assert flashes(response) == [("success", "The results are published.")]
    published = PublicationEvent.objects.get()
    html = " ".join(response.content.decode().split())
    assert f"Published: 김주관, {minute(published.at)}. Scores are public." in html
    assert history(response.content.decode()) == [
        (minute(published.at), "김주관", "Published: Scores are public. Agencies do not see "
         "their rank.", "—"),
    ]  # fmt: skip

    response = client.post(scene.url("unpublish"), {"reason": " "}, follow=True)
    assert flashes(response) == [("error", "Give the reason for withdrawing the publication.")]
    scene.contest.refresh_from_db()
    assert scene.contest.results_published_at is not None
    assert PublicationEvent.objects.count() == 1

    response = client.post(scene.url("unpublish"), {"reason": "수상작 재검토"}, follow=True)
    assert flashes(response) == [("success", "The results are withdrawn from the public.")]
    withdrawn = PublicationEvent.objects.latest("id")
    html = response.content.decode()
    assert "Not published." in html
    assert history(html) == [
        (minute(published.at), "김주관", "Published: Scores are public. Agencies do not see "
         "their rank.", "—"),
        (minute(withdrawn.at), "김주관", "Withdrawn", "수상작 재검토"),
    ]  # fmt: skip


def test_results_published_before_the_actor_was_kept_show_a_dash(scene, client):
    Contest.objects.filter(pk=scene.contest.pk).update(results_published_at=timezone.now())
    html = " ".join(client.get(scene.url("index")).content.decode().split())
    assert "Published: —, " in html
    assert 'data-k="history"' not in html


def test_the_history_adds_no_query_per_event(scene, client):
    def count() -> int:
        client.get(scene.url("index"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(scene.url("index")).status_code == 200
        return len(queries)

    results_publish(contest=scene.contest, by=scene.organizer, scores=True, ranks=True)
    one = count()
    for n in range(3):
        by = factories.OrganizerFactory(name=f"주관{n}")
        results_unpublish(contest=scene.contest, by=by, reason="재검토")
        results_publish(contest=scene.contest, by=by, scores=False, ranks=True)
    assert PublicationEvent.objects.count() == 7
    assert count() == one
