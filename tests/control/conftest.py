"""A round being scored: 3 judges, 4 submitted entries, 2 criteria; helpers for pages."""

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from scoring.models import Assignment, ScoreEvent
from scoring.services.scorecards import score_save, scorecard_open, scorecard_submit
from submissions.models import Entry
from tests import factories


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages asserted in English (the Korean catalogue translates the msgids)."""
    with translation.override("en"):
        yield


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@dataclass
class Scene:
    contest: object
    round: object
    innovation: object  # 혁신성, 30 points, step 1
    effect: object  # 효과성, 20 points, step 0.5
    judges: list
    entries: list
    organizer: object

    def card(self, judge, entry):
        return scorecard_open(round_=self.round, judge=judge, entry=entry)

    def score(self, judge, entry, values: dict, *, submit=False):
        """The judge saves `values` ({criterion: raw}) and perhaps submits."""
        card = self.card(judge, entry)
        for criterion, raw in values.items():
            card = score_save(
                scorecard=card, criterion_id=criterion.pk, raw=raw, version=card.version,
                by=judge.user,
            ).scorecard  # fmt: skip
        if submit:
            card = scorecard_submit(scorecard=card, version=card.version, by=judge.user)
        return card


def submitted_entry(contest, number: int, **kwargs):
    return factories.EntryFactory(
        contest=contest,
        status=Entry.Status.SUBMITTED,
        receipt_number=f"2026-{number:04d}",
        submitted_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def scene(organizer) -> Scene:
    """Judges 김심사 (entries 1, 2, 3), 이심사 (1, 2), 박심사 (nothing); entry 4 unassigned."""
    now = timezone.now()
    contest = factories.ContestFactory(
        organizers=[organizer], name_ko="2026 정부혁신 우수사례 경진대회", name_en="2026 Innovation"
    )
    round_ = factories.RoundFactory(
        contest=contest,
        opens_at=now - dt.timedelta(days=1),
        closes_at=dt.datetime(2030, 11, 30, 9, 0, tzinfo=dt.UTC),  # 18:00 in Seoul
    )
    innovation = factories.CriterionFactory(
        round=round_, name_ko="혁신성", name_en="Innovation", max_points=Decimal("30"), order=0
    )
    effect = factories.CriterionFactory(
        round=round_, name_ko="효과성", name_en="Effect", max_points=Decimal("20"),
        step=Decimal("0.5"), order=1,
    )  # fmt: skip
    judges = [
        factories.JudgeFactory(
            contest=contest,
            user=factories.UserFactory(name=name, email=email),
        )
        for name, email in (
            ("김심사", "kim@judge.kr"),
            ("이심사", "lee@judge.kr"),
            ("박심사", "park@judge.kr"),
        )
    ]
    entries = [
        submitted_entry(
            contest, n, title=f"사례 {n}", category=factories.CategoryFactory(contest=contest)
        )
        for n in (1, 2, 3, 4)
    ]
    for judge, wanted in ((judges[0], entries[:3]), (judges[1], entries[:2])):
        for entry in wanted:
            Assignment.objects.create(round=round_, judge=judge, entry=entry)
    return Scene(contest, round_, innovation, effect, judges, entries, organizer)


def row_values(html: str, attribute: str, pk: int) -> dict[str, str]:
    """The `data-k` cells of the table row `<tr {attribute}="{pk}">` as text."""
    match = re.search(rf'<tr {attribute}="{pk}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row {attribute}={pk}"
    cells = re.findall(r'data-k="(\w+)">(.*?)</td>', match.group(1), re.S)
    return {key: re.sub(r"<[^>]+>", "", value).strip() for key, value in cells}


def totals(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-total="(\w+)">([^<]*)</dd>', html))


def score_template(client: Client, scene: Scene):
    """The round's Excel score sheet as the organizer downloads it (an openpyxl workbook)."""
    url = reverse("control:score_template", args=[scene.contest.pk, scene.round.pk])
    response = english(client).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def score_upload(client: Client, scene: Scene, workbook, name="심사결과.xlsx"):
    """The organizer uploads `workbook` as the filled-in score sheet; the page it ends on."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    url = reverse("control:score_import", args=[scene.contest.pk, scene.round.pk])
    file = SimpleUploadedFile(name, buffer.getvalue())
    return english(client).post(url, {"file": file}, follow=True)


def events(**filters):
    return list(
        ScoreEvent.objects.filter(**filters)
        .order_by("id")
        .values_list("field", "criterion__name_ko", "old", "new", "via", "reason")
    )
