"""A contest with entries in every state, for the organizer's screening pages and exports."""

import datetime as dt
import hashlib
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from submissions.models import Agency, Attachment, Entry
from tests import factories as f

SEOUL = dt.timezone(dt.timedelta(hours=9))


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def make_entry(contest, category, agency, title, *, status="submitted", number=None, **extra):
    """An entry as the agency flow would leave it (receipt number and time set when submitted)."""
    entry = f.EntryFactory(contest=contest, category=category, agency=agency, title=title)
    entry.status = status
    if number is not None:
        entry.receipt_number = f"{contest.year}-{number:04d}"
        first = dt.datetime(2026, 3, 2, 9, 30, tzinfo=SEOUL)
        entry.submitted_at = extra.pop("submitted_at", first + dt.timedelta(hours=number))
    for key, value in extra.items():
        setattr(entry, key, value)
    entry.save()
    return entry


def attach(entry, name: str, data: bytes, kind: str = "pdf") -> Attachment:
    attachment = Attachment(
        entry=entry,
        original_name=name,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    attachment.file.save(f"ignored.{kind}", ContentFile(data), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def world(db, organizer):
    contest = f.ContestFactory(
        year=2026,
        name_ko="2026 정부혁신 우수사례 경진대회",
        name_en="2026 Government Innovation Contest",
        organizers=[organizer],
    )
    central = f.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central", order=1)
    local = f.CategoryFactory(contest=contest, name_ko="지자체", name_en="Local", order=2)
    background = f.EntryQuestionFactory(
        contest=contest, label_ko="추진배경", label_en="Background", order=1
    )
    results = f.EntryQuestionFactory(
        contest=contest, label_ko="주요성과", label_en="Results", order=2
    )
    mois = f.AgencyFactory(
        code="MOIS",
        name_ko="행정안전부",
        name_en="Ministry of the Interior",
        kind=Agency.Kind.CENTRAL,
    )
    seoul = f.AgencyFactory(
        code="SEOUL", name_ko="서울특별시", name_en="Seoul", kind=Agency.Kind.METROPOLITAN
    )
    gangnam = f.AgencyFactory(
        code="GANGNAM", name_ko="강남구", name_en="Gangnam-gu", kind=Agency.Kind.LOCAL
    )
    shortcut = make_entry(contest, central, mois, "찾아라! 119 지름길", number=1)
    bus = make_entry(
        contest, local, seoul, "스마트 버스정류장", number=2, eligibility=Entry.Eligibility.ELIGIBLE
    )
    onestop = make_entry(
        contest,
        local,
        gangnam,
        "민원 원스톱 창구",
        number=3,
        eligibility=Entry.Eligibility.INELIGIBLE,
        eligibility_reason="제출 기한 이후 보완",
    )
    withdrawn = make_entry(contest, local, gangnam, "철회된 사례", status="withdrawn", number=4)
    draft = make_entry(contest, local, seoul, "작성 중인 사례", status="draft")
    f.AnswerFactory(entry=shortcut, question=background, text="출동 지연\n<b>교통</b> 문제")
    f.AnswerFactory(
        entry=shortcut, question=results, text='=HYPERLINK("http://evil.example","클릭")'
    )
    f.AnswerFactory(entry=bus, question=background, text="+82 정류장 정보")
    return SimpleNamespace(
        contest=contest,
        central=central,
        local=local,
        background=background,
        results=results,
        mois=mois,
        seoul=seoul,
        gangnam=gangnam,
        shortcut=shortcut,
        bus=bus,
        onestop=onestop,
        withdrawn=withdrawn,
        draft=draft,
    )


@pytest.fixture
def org(organizer_client):
    return english(organizer_client)


@pytest.fixture
def roles(db, world):
    """One user per role; the agency is the one of the first entry (행정안전부)."""
    member = f.UserFactory()
    f.AgencyMembershipFactory(agency=world.mois, user=member)
    agency_admin = f.UserFactory()
    f.AgencyMembershipFactory(agency=world.mois, user=agency_admin, is_admin=True)
    return {
        "plain": f.UserFactory(),
        "member": member,
        "agency_admin": agency_admin,
        "judge": f.JudgeFactory(contest=world.contest).user,
        "other_organizer": f.OrganizerFactory(),
    }
