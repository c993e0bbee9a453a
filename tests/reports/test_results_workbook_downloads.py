"""The results workbooks as downloads: headers, the links on the results pages (only once
finalized), 404 while a round is live, and a fixed number of queries at 10 and 200 entries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.services.results import round_finalize
from tests import factories
from tests.reports.test_downloads import XLSX, korean
from tests.results.bulk import scored_entries
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db


def urls(scene) -> dict[str, str]:
    contest = scene.contest.pk
    return {
        "round1": reverse("reports:round_results_xlsx", args=[contest, scene.round1.pk]),
        "round2": reverse("reports:round_results_xlsx", args=[contest, scene.round2.pk]),
        "contest": reverse("reports:contest_results_xlsx", args=[contest]),
    }


def test_downloads_links_and_refusals(organizer, organizer_client):
    scene = build_scene(organizer)
    url = urls(scene)
    index = reverse("results:index", args=[scene.contest.pk])
    round1 = reverse("results:round", args=[scene.contest.pk, scene.round1.pk])
    # Live rounds: no workbook (404), no link.
    for name in url.values():
        assert organizer_client.get(name).status_code == 404
    assert url["round1"] not in organizer_client.get(round1).content.decode()
    scene.finish_round1()
    assert url["round1"] in organizer_client.get(round1).content.decode()
    assert organizer_client.get(url["contest"]).status_code == 404  # round 2 is live
    assert url["contest"] not in organizer_client.get(index).content.decode()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    assert url["contest"] in organizer_client.get(index).content.decode()
    short = "2026_정부혁신우수사례경진대회"
    expected = {
        "round1": korean("attachment", "2026_results_round1.xlsx", f"{short}_심사결과_1차.xlsx"),
        "round2": korean("attachment", "2026_results_round2.xlsx", f"{short}_심사결과_2차.xlsx"),
        "contest": korean("attachment", "2026_results.xlsx", f"{short}_심사결과.xlsx"),
    }
    for name, disposition in expected.items():
        response = organizer_client.get(url[name])
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"] == disposition
        assert response["Cache-Control"] == "private, no-store"
        assert response.content.startswith(b"PK\x03\x04")


def one_round(organizer, n: int):
    """A finalized one-round contest of `n` entries, each scored by 7 of 9 judges on 2
    criteria (tests.results.bulk)."""
    now = timezone.now()
    contest = factories.ContestFactory(organizers=[organizer])
    categories = [factories.CategoryFactory(contest=contest, order=i) for i in range(2)]
    round_ = factories.RoundFactory(
        contest=contest, method=Round.Method.TRIMMED_MEAN, trim_count=1, weight=Decimal(100),
        advancement=Round.Advancement.NONE, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    criteria = [
        factories.CriterionFactory(round=round_, max_points=Decimal(50), order=i) for i in range(2)
    ]
    judges = [factories.JudgeFactory(contest=contest) for _ in range(9)]
    scored_entries(round_, categories, judges, criteria, n)
    round_finalize(round_=round_, by=organizer)
    return contest, round_


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_workbook_queries_do_not_grow_with_entries(organizer, organizer_client):
    counts = []
    for n in (10, 200):
        contest, round_ = one_round(organizer, n)
        organizer_client.get(reverse("results:index", args=[contest.pk]))  # warm the session
        round_url = reverse("reports:round_results_xlsx", args=[contest.pk, round_.pk])
        contest_url = reverse("reports:contest_results_xlsx", args=[contest.pk])
        counts.append(
            (queries(organizer_client, round_url), queries(organizer_client, contest_url))
        )
    assert counts[0] == counts[1]
