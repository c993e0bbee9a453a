import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from submissions.models import Attachment, Entry
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def open_round(**kwargs):
    now = timezone.now()
    return factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=3, hours=4, minutes=30),
        **kwargs,
    )


def submitted_entry(contest, n=1, **kwargs):
    return factories.EntryFactory(
        contest=contest,
        status=Entry.Status.SUBMITTED,
        receipt_number=f"2026-{n:04d}",
        **kwargs,
    )


def attach(entry, name, kind="pdf", data=PDF):
    attachment = Attachment(
        entry=entry, original_name=name, kind=kind, size=len(data), sha256="0" * 64
    )
    attachment.file.save(f"x.{kind}", ContentFile(data), save=False)
    attachment.save()
    return attachment


class Setup:
    """An open round (혁신성 30 step 1 with levels; 효과성 20 step 0.5), one judge assigned one
    submitted entry of agency 행정안전부 (blind judging on)."""

    def __init__(self):
        self.organizer = factories.OrganizerFactory()
        self.contest = factories.ContestFactory(organizers=[self.organizer])
        self.round = open_round(contest=self.contest)
        self.innovation = factories.CriterionFactory(
            round=self.round, name_ko="혁신성", name_en="Innovation", max_points=Decimal("30"),
            order=0, description="새로운 방식인가",
        )  # fmt: skip
        self.excellent = factories.LevelFactory(
            criterion=self.innovation, label="매우우수", points=Decimal("30"), order=0
        )
        self.good = factories.LevelFactory(
            criterion=self.innovation, label="우수", points=Decimal("24"), order=1
        )
        self.effect = factories.CriterionFactory(
            round=self.round, name_ko="효과성", name_en="Effect", max_points=Decimal("20"),
            step=Decimal("0.5"), order=1,
        )  # fmt: skip
        self.agency = factories.AgencyFactory(name_ko="행정안전부", name_en="Ministry of Interior")
        self.entry = submitted_entry(self.contest, agency=self.agency, title="찾아라! 119 지름길")
        self.judge = factories.JudgeFactory(contest=self.contest)
        self.assignment = factories.AssignmentFactory(
            round=self.round, judge=self.judge, entry=self.entry
        )

    def client(self, user=None) -> Client:
        client = Client()
        client.force_login(user or self.judge.user)
        return english(client)

    def url(self, name="judge:scorecard", *extra):
        return reverse(name, args=[self.round.pk, self.entry.pk, *extra])


@pytest.fixture
def setup(db):
    return Setup()
