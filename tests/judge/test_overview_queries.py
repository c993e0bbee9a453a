"""The calibration pages read the same number of queries whatever the size of the round."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scoring.services.notes import note_save
from tests import factories
from tests.judge.calibration import Scene
from tests.judge.conftest import attach

pytestmark = pytest.mark.django_db


def _scene(n: int, year: int) -> Scene:
    scene = Scene(n=n, year=year)
    for i, entry in enumerate(scene.entries):
        if i % 3 == 0:
            scene.score(entry, 20, 10, submit=True)
        elif i % 3 == 1:
            scene.score(entry, 10)
        if i % 2:
            note_save(judge=scene.judge, entry=entry, text=f"메모 {i}")
    return scene


def _queries(client, url: str) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("sort", ["receipt", "total", "note"])
def test_overview_5_and_40_entries(sort):
    counts = []
    for n, year in ((5, 2026), (40, 2027)):
        scene = _scene(n, year)
        url = reverse("judge:overview", args=[scene.round.pk]) + f"?sort={sort}&dir=desc"
        counts.append(_queries(scene.client(), url))
        assert len(scene.client().get(url).context["page"].rows) == n
    assert counts == [10, 10]


def _grow(scene: Scene, entry, n: int) -> None:
    for k in range(n):
        question = factories.EntryQuestionFactory(contest=scene.contest, order=k + 1)
        factories.AnswerFactory(entry=entry, question=question, text=f"답 {k}")
        attach(entry, f"붙임{k}.pdf")


def test_compare_with_few_and_many_answers_and_files():
    counts = []
    for n, year in ((1, 2026), (8, 2027)):
        scene = Scene(n=n + 1, year=year)
        a, b = scene.entries[:2]
        scene.score(a, 20, 10, submit=True)
        note_save(judge=scene.judge, entry=b, text="메모")
        _grow(scene, a, n)
        _grow(scene, b, n)
        url = f"{reverse('judge:compare', args=[scene.round.pk])}?a={a.pk}&b={b.pk}"
        counts.append(_queries(scene.client(), url))
    assert counts == [16, 16]
