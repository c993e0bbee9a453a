import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import models
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from accounts.models import User
from contests.models import (
    AwardTier,
    Category,
    Contest,
    Criterion,
    EntryQuestion,
    Level,
    Panel,
    Round,
)
from scoring.demo import DEMO_PASSWORD, build_demo
from scoring.demo.base import SEOUL
from scoring.models import Assignment, Judge
from submissions.models import Agency, AgencyMembership, Answer, Attachment, Entry
from submissions.services.filetypes import detect_kind

pytestmark = pytest.mark.django_db

EXPECTED_COUNTS = {
    "contests": 1,
    "categories": 3,
    "rounds": 2,
    "panels": 3,
    "criteria": 8,
    "levels": 40,
    "award tiers": 4,
    "entry questions": 4,
    "agencies": 40,
    "users": 54,
    "email addresses": 54,
    "agency memberships": 40,
    "judges": 12,
    "entries": 60,
    "answers": 240,
    "attachments": 80,
    "assignments": 270,
}
MODELS = {
    "contests": Contest,
    "categories": Category,
    "rounds": Round,
    "panels": Panel,
    "criteria": Criterion,
    "levels": Level,
    "award tiers": AwardTier,
    "entry questions": EntryQuestion,
    "agencies": Agency,
    "users": User,
    "email addresses": EmailAddress,
    "agency memberships": AgencyMembership,
    "judges": Judge,
    "entries": Entry,
    "answers": Answer,
    "attachments": Attachment,
    "assignments": Assignment,
}


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in MODELS.items()}


def run() -> str:
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def printed_logins(output: str) -> list[tuple[str, str, str]]:
    rows = re.findall(r"^\| (.+?) +\| (\S+@\S+) +\| (\S+) +\|", output, flags=re.MULTILINE)
    return [(role.strip(), email, password) for role, email, password in rows]


def test_running_twice_creates_exactly_the_same_objects():
    first = run()
    assert counts() == EXPECTED_COUNTS
    assert first.startswith("Demo data created: 1 contests, 3 categories, 2 rounds, 3 panels,")

    second = run()
    assert counts() == EXPECTED_COUNTS
    assert second.startswith("Demo data already present: nothing created.")
    assert printed_logins(second) == printed_logins(first)


def test_a_partial_demo_is_completed_without_duplicates():
    run()
    AwardTier.objects.get(name_ko="우수상").delete()
    Judge.objects.filter(user__email="judge05@demo.example.kr").delete()
    Entry.objects.get(title="찾아라! 119 지름길").delete()
    result = build_demo()
    # The re-made entry is submitted again and gets its five judges, and the places the deleted
    # judge held are filled again; judge05's panel seat comes back with the judge.
    assert result.created == {
        "award tiers": 1,
        "judges": 1,
        "entries": 1,
        "panel seats": 1,
        "assignments": 23,
    }
    assert counts() == EXPECTED_COUNTS
    # The re-made entry takes a new receipt number: numbers are never reused.
    remade = Entry.objects.get(title="찾아라! 119 지름길")
    assert remade.receipt_number == f"2026-{remade.contest_id:03d}-0057"


def test_contest_setup_matches_the_brief():
    run()
    contest = Contest.objects.get()
    assert (contest.name_ko, contest.name_en, contest.year, contest.is_published) == (
        "2026 정부혁신 우수사례 경진대회",
        "2026 Government Innovation Best Practice Contest",
        2026,
        True,
    )
    assert list(contest.categories.values_list("name_ko", flat=True)) == [
        "중앙행정기관",
        "광역·기초자치단체",
        "공공기관·교육청",
    ]
    written, final = contest.rounds.all()
    assert (written.name_ko, written.weight, written.method, written.trim_count) == (
        "1차 서면심사",
        Decimal("30"),
        Round.Method.TRIMMED_MEAN,
        1,
    )
    assert (written.judges_per_entry, written.advancement, written.advancement_value) == (
        5,
        Round.Advancement.TOP_N,
        Decimal("6"),
    )
    assert (final.name_ko, final.weight, final.method, final.advancement) == (
        "2차 발표심사",
        Decimal("70"),
        Round.Method.MEAN,
        Round.Advancement.NONE,
    )
    assert list(final.panels.values_list("name_ko", "weight")) == [
        ("전문가 심사단", Decimal("50")),
        ("국민심사단", Decimal("30")),
        ("국민투표", Decimal("20")),
    ]
    assert contest.rounds.aggregate(total=Sum("weight"))["total"] == Decimal("100")
    assert list(contest.award_tiers.values_list("name_ko", "count")) == [
        ("대통령상", 1),
        ("국무총리상", 2),
        ("행정안전부장관상", 6),
        ("우수상", 9),
    ]
    assert list(contest.questions.values_list("label_ko", "max_length")) == [
        ("추진배경", 1000),
        ("주요내용", 3000),
        ("추진성과", 2000),
        ("확산가능성", 1000),
    ]
    assert all(q.guidance for q in contest.questions.all())


@pytest.mark.parametrize("round_name", ["1차 서면심사", "2차 발표심사"])
def test_each_rubric_totals_100_with_five_levels_per_criterion(round_name):
    run()
    round_ = Round.objects.get(name_ko=round_name)
    assert list(round_.criteria.values_list("name_ko", "max_points")) == [
        ("혁신성", Decimal("30")),
        ("효과성", Decimal("30")),
        ("확산가능성", Decimal("20")),
        ("국민체감도", Decimal("20")),
    ]
    assert round_.criteria.aggregate(total=Sum("max_points"))["total"] == Decimal("100")
    innovation = round_.criteria.get(name_ko="혁신성")
    assert list(innovation.levels.values_list("label", "points")) == [
        ("매우우수", Decimal("30")),
        ("우수", Decimal("24")),
        ("보통", Decimal("18")),
        ("미흡", Decimal("12")),
        ("매우미흡", Decimal("6")),
    ]
    assert Level.objects.filter(criterion__round=round_).count() == 20
    assert all(c.description for c in round_.criteria.all())


def test_submission_window_is_open_now_and_rounds_follow_it():
    run()
    contest = Contest.objects.get()
    today = timezone.now().astimezone(SEOUL).date()
    opens = contest.submission_opens_at.astimezone(SEOUL)
    closes = contest.submission_closes_at.astimezone(SEOUL)
    assert (opens.date(), opens.hour) == (today - dt.timedelta(days=21), 9)
    assert (closes.date(), closes.hour) == (today + dt.timedelta(days=21), 18)
    assert contest.submission_is_open is True
    written, final = contest.rounds.all()
    assert contest.submission_closes_at < written.opens_at < written.closes_at
    assert written.closes_at < final.opens_at < final.closes_at


def test_agencies_come_from_the_csv_copy():
    run()
    assert Agency.objects.filter(kind=Agency.Kind.CENTRAL).count() == 20
    assert Agency.objects.filter(kind=Agency.Kind.METROPOLITAN).count() == 8
    assert Agency.objects.filter(kind=Agency.Kind.LOCAL).count() == 5
    assert Agency.objects.filter(kind=Agency.Kind.EDUCATION).count() == 2
    assert Agency.objects.filter(kind=Agency.Kind.PUBLIC).count() == 5
    mois = Agency.objects.get(code="MOIS")
    assert (mois.name_ko, mois.name_en) == ("행정안전부", "Ministry of the Interior and Safety")


def test_roles_of_the_demo_users():
    run()
    contest = Contest.objects.get()
    organizer = User.objects.get(email="organizer@demo.example.kr")
    assert organizer.is_organizer is True
    assert list(contest.organizers.all()) == [organizer]
    admin = User.objects.get(email="admin@demo.example.kr")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert list(
        AgencyMembership.objects.filter(agency__code="MOIS")
        .order_by("-is_admin")
        .values_list("agency__code", "user__email", "is_admin")
    ) == [
        ("MOIS", "officer@demo.example.kr", True),
        ("MOIS", "officer2@demo.example.kr", False),
    ]
    # Every other entering agency has one officer, its agency admin.
    others = AgencyMembership.objects.exclude(agency__code="MOIS")
    assert others.count() == 38
    assert set(others.values_list("is_admin", flat=True)) == {True}
    assert others.get(agency__code="KCS").user.email == "officer.kcs@demo.example.kr"
    judges = Judge.objects.filter(contest=contest)
    assert judges.count() == 12
    assert sorted(judges.exclude(affiliation=None).values_list("affiliation__code", flat=True)) == [
        "NHIS",
        "NIA",
        "SEOUL",
    ]
    assert all(j.expertise for j in judges)
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 54


def test_printed_logins_log_in():
    output = run()
    logins = printed_logins(output)
    assert len(logins) == 16
    assert [role for role, _, _ in logins[:4]] == [
        "site admin",
        "organizer",
        "agency admin (MOIS)",
        "agency member (MOIS)",
    ]
    assert {role for role, _, _ in logins[4:]} == {"judge"}
    for _, email, password in logins:
        assert password == DEMO_PASSWORD
        assert Client().login(email=email, password=password) is True, email


def test_rerun_keeps_a_changed_password():
    run()
    officer = User.objects.get(email="officer@demo.example.kr")
    officer.set_password("changed-by-the-officer-77")
    officer.save()
    run()
    assert Client().login(email=officer.email, password="changed-by-the-officer-77") is True


def test_entries_are_submitted_with_receipts_attachments_and_screening():
    run()
    entries = Entry.objects.order_by("receipt_number")
    assert {status: entries.filter(status=status).count() for status in Entry.Status.values} == {
        "draft": 4,
        "submitted": 55,
        "withdrawn": 1,
    }
    numbered = list(entries.exclude(receipt_number=None).values_list("receipt_number", flat=True))
    contest_id = entries.first().contest_id
    assert numbered == [f"2026-{contest_id:03d}-{n:04d}" for n in range(1, 57)]
    assert not entries.filter(status="draft").exclude(receipt_number=None).exists()
    assert {
        value: entries.filter(eligibility=value).count() for value in Entry.Eligibility.values
    } == {"pending": 30, "eligible": 29, "ineligible": 1}
    assert entries.get(eligibility="ineligible").eligibility_reason.startswith("공모 기간 이전")
    # Every entry has all four answers filled and a PDF summary whose content is a real PDF.
    assert not Answer.objects.filter(text="").exists()
    for attachment in Attachment.objects.filter(kind="pdf"):
        with attachment.file.open("rb") as handle:
            assert detect_kind(handle) == "pdf"
    assert Attachment.objects.filter(kind="png").count() == 20
    # Each entering agency has an officer who is its agency admin.
    agencies = Agency.objects.filter(entries__isnull=False).distinct()
    assert all(a.memberships.filter(is_admin=True).exists() for a in agencies)


def test_round_one_is_assigned_automatically_and_panels_are_seated():
    run()
    contest = Contest.objects.get()
    written, final = contest.rounds.order_by("order")
    assignments = Assignment.objects.filter(round=written)
    judged = Entry.objects.filter(status="submitted").exclude(eligibility="ineligible")
    assert judged.count() == 54
    assert {e.assignments.count() for e in judged} == {5}
    loads = [j.assignments.count() for j in Judge.objects.all()]
    assert (min(loads), max(loads), sum(loads)) == (22, 23, 270)
    assert not assignments.filter(judge__affiliation=models.F("entry__agency")).exists()
    assert not Assignment.objects.filter(round=final).exists()
    assert [(panel.name_ko, panel.judges.count()) for panel in final.panels.order_by("order")] == [
        ("전문가 심사단", 8),
        ("국민심사단", 4),
        ("국민투표", 0),
    ]
