import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests import factories

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def english(client: Client) -> Client:
    """Pin the page language to English so assertions read the msgids, not a translation."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


SAMPLES = {
    "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
    "hwp": OLE2
    + b"\x00" * 200
    + "FileHeader".encode("utf-16-le")
    + b"\x00" * 50
    + b"HWP Document File"
    + b"\x00" * 100,
    "hwpx": zip_bytes({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<x/>"}),
    "docx": zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}),
    "pptx": zip_bytes({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}),
    "xlsx": zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
    "exe": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode",
}


def upload(name: str, kind: str = "pdf", *, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SAMPLES[kind] if data is None else data)


def close_submission(contest) -> None:
    """Move the deadline into the past (keeping the window ordered)."""
    now = timezone.now()
    type(contest).objects.filter(pk=contest.pk).update(
        submission_opens_at=now - dt.timedelta(days=30),
        submission_closes_at=now - dt.timedelta(seconds=1),
    )
    contest.refresh_from_db()


@pytest.fixture
def contest(db):
    contest = factories.ContestFactory(
        name_ko="2026 정부혁신 우수사례 경진대회", name_en="2026 Government Innovation Contest"
    )
    factories.EntryQuestionFactory(
        contest=contest, label_ko="추진배경", label_en="Background", max_length=20, order=1
    )
    factories.EntryQuestionFactory(
        contest=contest,
        label_ko="추진성과",
        label_en="Results",
        max_length=50,
        order=2,
        required=False,
    )
    return contest


@pytest.fixture
def category(contest):
    return factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")


@pytest.fixture
def questions(contest):
    return list(contest.questions.order_by("order"))


@pytest.fixture
def agency(db):
    return factories.AgencyFactory(
        code="MOIS", name_ko="행정안전부", name_en="Ministry of the Interior"
    )


@pytest.fixture
def other_agency(db):
    return factories.AgencyFactory(code="MOE", name_ko="교육부", name_en="Ministry of Education")


@pytest.fixture
def member(agency):
    user = factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=user)
    return user


@pytest.fixture
def agency_admin(agency):
    user = factories.UserFactory(name="박기관", email="park@mois.go.kr")
    factories.AgencyMembershipFactory(agency=agency, user=user, is_admin=True)
    return user


@pytest.fixture
def outsider(other_agency):
    user = factories.UserFactory(name="최타기관", email="choi@moe.go.kr")
    factories.AgencyMembershipFactory(agency=other_agency, user=user)
    return user


@pytest.fixture
def client_for(login):
    def make(user) -> Client:
        return english(login(user) if user is not None else Client())

    return make


@pytest.fixture
def draft(contest, category, agency, member):
    from submissions.services.entries import entry_create

    return entry_create(
        contest=contest, category=category, agency=agency, title="찾아라! 119 지름길", by=member
    )
