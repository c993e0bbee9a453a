"""What the Documents-section tests share (test_documents_round.py, test_documents_contest.py,
test_documents_queries.py): the scene, the worker on the database queue, and reading the
section's rows back from a page. The Documents section of the organizer's results pages
(reports.documents, templates/reports/builds/_documents.html) and the report kinds it builds
(reports.jobs): one row per document with the state of its file for the results in force and the
reader's language, "만들기" through the worker, "내려받기" once ready, "다시 만들기" after a
failure, and the direct "바로 열기" link. Before finalization, the draft results report only.
The worker runs as in tests/reports/test_builds.py."""

import html
import re

import pytest
from django.urls import reverse

from scoring.models import RoundResult
from scoring.services.results import round_finalize
from tests.reports.test_builds import DB_BACKEND
from tests.results.pages_scene import build_scene

BUILD = reverse("reports:build_request")
CONTEST = "2026 정부혁신 우수사례 경진대회"


@pytest.fixture(autouse=True, name="_database_tasks")
def database_tasks_fixture(settings):
    settings.TASKS = DB_BACKEND


@pytest.fixture(name="scene")
def scene_fixture(organizer):
    scene = build_scene(organizer)
    scene.finish_round1()
    return scene


def finish(scene) -> RoundResult:
    scene.score_round2()
    return round_finalize(round_=scene.round2, by=scene.organizer)


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def section(markup: str) -> str:
    found = re.findall(r'<section aria-labelledby="documents-title".*?</section>', markup, re.S)
    assert len(found) <= 1
    return found[0] if found else ""


def rows(markup: str) -> list[dict]:
    """Each row: key, state, title, the state cell's text and the action cell's markup."""
    found = re.findall(
        r'<tr data-document="([^"]+)" data-state="([^"]+)">\s*<th scope="row">(.*?)</th>\s*'
        r'<td data-k="state">(.*?)</td>\s*<td>(.*?)</td>\s*</tr>',
        section(markup),
        re.S,
    )
    return [
        {"key": k, "state": s, "title": text_of(t), "text": text_of(x), "actions": a}
        for k, s, t, x, a in found
    ]


def page(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return rows(response.content.decode())


def summary(found: list[dict]) -> list[tuple]:
    return [(row["key"], row["state"], row["title"], row["text"]) for row in found]


def build(client, capture, row: dict, next_url: str):
    """Press the row's 만들기 (or 다시 만들기) form as the browser would post it."""
    form = re.search(r'<form method="post" action="([^"]+)" data-k="[^"]+-build">', row["actions"])
    assert form
    assert form.group(1) == BUILD
    fields = dict(re.findall(r'name="(kind|subject|next)" value="([^"]*)"', row["actions"]))
    assert fields["next"] == next_url
    with capture(execute=True):
        return client.post(BUILD, fields)
