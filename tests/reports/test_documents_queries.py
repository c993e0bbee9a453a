"""The Documents section reads the files of all its rows in one query, whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import jobs, kinds
from reports.models import ReportFile
from scoring.models import RoundResult
from tests.reports.documents_section import (  # noqa: F401  (fixtures)
    BUILD,
    CONTEST,
    build,
    database_tasks_fixture,
    finish,
    page,
    rows,
    scene_fixture,
    section,
    summary,
)

pytestmark = pytest.mark.django_db


def test_the_section_reads_its_files_in_one_query(scene, organizer, organizer_client):
    """As many queries with no file as with a file per row (tests/results/test_pages_queries.py
    compares the pages at two sizes)."""
    final = finish(scene)
    urls = [scene.url("round", scene.round1), scene.url("index")]

    def counts() -> list[int]:
        seen = []
        for url in urls:
            organizer_client.get(url)
            with CaptureQueriesContext(connection) as queries:
                organizer_client.get(url)
            seen.append(len(queries))
        return seen

    before = counts()
    result = RoundResult.objects.get(round=scene.round1, voided_at=None)
    contest = jobs.subject_key(contest=scene.contest.pk)
    for kind, subject, digest, status in (
        ("round_report", f"round_result:{result.pk}", result.digest, "done"),
        ("round_workbook", f"round_result:{result.pk}", result.digest, "failed"),
        ("tally_sheet", f"round_result:{result.pk}", result.digest, "running"),
        ("contest_report", contest, kinds.contest_digest(scene.contest), "done"),
        ("contest_workbook", contest, kinds.contest_digest(scene.contest), "queued"),
        ("certificates", contest, final.digest, "failed"),
    ):
        ReportFile.objects.create(
            kind=kind, subject=subject, language="ko", digest=digest, status=status,
            file="reports/x.pdf" if status == "done" else "", size=2048, requested_by=organizer,
        )  # fmt: skip
    states = [[row["state"] for row in page(organizer_client, url)] for url in urls]
    assert states == [["done", "failed", "running"], ["done", "queued", "failed"]]
    assert counts() == before
