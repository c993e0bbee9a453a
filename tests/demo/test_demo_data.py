"""The demo's set-up: contests, people, entries and assignments; built once, idempotent."""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
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
    TieBreakRule,
)
from scoring.demo import DEMO_PASSWORD, build_demo
from scoring.demo.base import SEOUL
from scoring.models import (
    Announcement,
    Assignment,
    Judge,
    Objection,
    ObjectionWindow,
    RoundResult,
    Score,
    Scorecard,
    ScoreEvent,
    TieDecision,
)
from scoring.services.results import results_unpublish
from submissions.models import Agency, AgencyMembership, Answer, Attachment, Entry
from submissions.services.filetypes import detect_kind
from tests.demo.conftest import printed_logins, run_demo

GOV = "2026 정부혁신 우수사례 경진대회"
PAST = "2025 적극행정 우수사례 경진대회"
NEXT = "2026 하반기 적극행정 우수사례 경진대회"

EXPECTED_COUNTS = {
    "contests": 3,
    "categories": 7,
    "rounds": 4,
    "panels": 3,
    "criteria": 16,
    "levels": 80,
    "tie-break rules": 6,
    "award tiers": 10,
    "entry questions": 8,
    "agencies": 40,
    "users": 54,
    "email addresses": 54,
    "agency memberships": 40,
    "judges": 19,
    "entries": 76,
    "answers": 272,
    "attachments": 80,
    "assignments": 382,
    "scorecards": 379,
    "scores": 1514,
    "score changes": 2107,
    "round results": 1,
    "tie decisions": 2,
    "objection periods": 1,
    "objections": 2,
    "announcements": 1,
}
MODELS = {
    "contests": Contest,
    "categories": Category,
    "rounds": Round,
    "panels": Panel,
    "criteria": Criterion,
    "levels": Level,
    "tie-break rules": TieBreakRule,
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
    "scorecards": Scorecard,
    "scores": Score,
    "score changes": ScoreEvent,
    "round results": RoundResult,
    "tie decisions": TieDecision,
    "objection periods": ObjectionWindow,
    "objections": Objection,
    "announcements": Announcement,
}


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in MODELS.items()}


def today():
    return timezone.now().astimezone(SEOUL).date()


def test_the_first_run_creates_exactly_these_objects(demo):
    assert counts() == EXPECTED_COUNTS
    assert demo.output.startswith(
        "Demo data created: 3 contests, 7 categories, 4 rounds, 16 criteria, 80 levels, "
        "6 tie-break rules, 10 award tiers, 8 entry questions, 3 panels, 40 agencies, 54 users, "
        "54 email addresses, 40 agency memberships, 19 judges, 12 judge invitations, 76 entries, "
        "12 panel seats, "
        "382 assignments, 379 scorecards, 2 tie decisions, 1 round results, 1 objection periods, "
        "2 objections, 1 announcements.\n"
    )


def test_a_second_run_changes_nothing(demo):
    stamps = list(Scorecard.objects.order_by("pk").values_list("version", "updated_at"))
    digest = RoundResult.objects.get().digest
    second = run_demo()
    assert second.startswith("Demo data already present: nothing created.")
    assert counts() == EXPECTED_COUNTS
    assert printed_logins(second) == printed_logins(demo.output)
    assert list(Scorecard.objects.order_by("pk").values_list("version", "updated_at")) == stamps
    assert RoundResult.objects.get().digest == digest


def test_a_partial_demo_is_completed_without_duplicates(demo):
    Contest.objects.get(name_ko=NEXT).delete()
    AwardTier.objects.get(contest__name_ko=GOV, name_ko="우수상").delete()
    TieBreakRule.objects.filter(contest__name_ko=GOV).delete()
    past = Contest.objects.get(name_ko=PAST)
    results_unpublish(contest=past, by=past.organizers.get(), reason="재검토")
    result = build_demo()
    # The upcoming contest is copied again from 2025; what the organizer did to the finished
    # contest (withdrawing the publication) is left as it is.
    assert result.created == {
        "award tiers": 4,
        "tie-break rules": 4,
        "contests": 1,
        "categories": 2,
        "rounds": 1,
        "criteria": 4,
        "levels": 20,
        "entry questions": 2,
    }
    assert counts() == EXPECTED_COUNTS
    past.refresh_from_db()
    assert past.results_published_at is None


def test_contest_setup_matches_the_brief(demo):
    contest = Contest.objects.get(name_ko=GOV)
    assert (contest.name_en, contest.year, contest.is_published) == (
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
    chain = contest.tie_breaks.order_by("order")
    assert [(r.kind, r.criterion and r.criterion.name_ko) for r in chain] == [
        ("criterion", "혁신성"),
        ("untrimmed", None),
    ]
    assert chain[0].criterion.round == written


def test_each_rubric_totals_100_with_five_levels_per_criterion(demo):
    for round_ in Round.objects.filter(contest__name_ko=GOV):
        assert list(round_.criteria.values_list("name_ko", "max_points")) == [
            ("혁신성", Decimal("30")),
            ("효과성", Decimal("30")),
            ("확산가능성", Decimal("20")),
            ("국민체감도", Decimal("20")),
        ]
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
    for round_ in Round.objects.exclude(contest__name_ko=GOV):
        assert list(round_.criteria.values_list("name_ko", "max_points")) == [
            ("적극성", Decimal("30")),
            ("난이도", Decimal("20")),
            ("창의·전문성", Decimal("20")),
            ("국민체감 효과", Decimal("30")),
        ]
        assert Level.objects.filter(criterion__round=round_).count() == 20


def test_entries_are_closed_round_one_is_open_now_and_round_two_follows(demo):
    contest = Contest.objects.get(name_ko=GOV)
    day = today()
    opens = contest.submission_opens_at.astimezone(SEOUL)
    closes = contest.submission_closes_at.astimezone(SEOUL)
    assert (opens.date(), opens.hour) == (day - dt.timedelta(days=49), 9)
    assert (closes.date(), closes.hour) == (day - dt.timedelta(days=14), 18)
    assert contest.submission_is_open is False
    written, final = contest.rounds.all()
    opens, closes = written.opens_at.astimezone(SEOUL), written.closes_at.astimezone(SEOUL)
    assert (opens.date(), opens.hour) == (day - dt.timedelta(days=10), 9)
    assert (closes.date(), closes.hour) == (day + dt.timedelta(days=4), 18)
    assert written.opens_at <= timezone.now() < written.closes_at
    assert written.opens_at < written.scoring_started_at < timezone.now()
    assert written.closes_at < final.opens_at < final.closes_at
    assert final.scoring_started_at is None


def test_agencies_come_from_the_csv_copy(demo):
    assert Agency.objects.filter(kind=Agency.Kind.CENTRAL).count() == 20
    assert Agency.objects.filter(kind=Agency.Kind.METROPOLITAN).count() == 8
    assert Agency.objects.filter(kind=Agency.Kind.LOCAL).count() == 5
    assert Agency.objects.filter(kind=Agency.Kind.EDUCATION).count() == 2
    assert Agency.objects.filter(kind=Agency.Kind.PUBLIC).count() == 5
    mois = Agency.objects.get(code="MOIS")
    assert (mois.name_ko, mois.name_en) == ("행정안전부", "Ministry of the Interior and Safety")


def test_roles_of_the_demo_users(demo):
    organizer = User.objects.get(email="organizer@demo.example.kr")
    assert organizer.is_organizer is True
    for contest in Contest.objects.all():
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
    judges = Judge.objects.filter(contest__name_ko=GOV)
    assert judges.count() == 12
    assert sorted(judges.exclude(affiliation=None).values_list("affiliation__code", flat=True)) == [
        "NHIS",
        "NIA",
        "SEOUL",
    ]
    assert all(j.expertise for j in Judge.objects.all())
    past_judges = Judge.objects.filter(contest__name_ko=PAST).order_by("user__email")
    assert [j.user.email.split("@")[0] for j in past_judges] == [
        "judge01", "judge02", "judge03", "judge05", "judge07", "judge10", "judge11",
    ]  # fmt: skip
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 54


def test_printed_logins_log_in_and_say_what_each_contest_offers(demo):
    logins = printed_logins(demo.output)
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
    closes = Round.objects.get(name_ko="1차 서면심사").closes_at.astimezone(SEOUL)
    digest = RoundResult.objects.get().digest
    upcoming = Contest.objects.get(name_ko=NEXT).submission_closes_at.astimezone(SEOUL)
    assert demo.output.endswith(
        "Now:\n"
        f"- {GOV}: 1차 서면심사 closes {closes:%Y-%m-%d} 18:00 KST; 4 scorecards not "
        "submitted yet (judge01: 4).\n"
        f"- {PAST}: results published, snapshot digest {digest[:16]}…\n"
        f"- {NEXT}: accepting entries until {upcoming:%Y-%m-%d} 18:00 KST.\n"
    )


def test_rerun_keeps_a_changed_password(demo):
    officer = User.objects.get(email="officer@demo.example.kr")
    officer.set_password("changed-by-the-officer-77")
    officer.save()
    run_demo()
    assert Client().login(email=officer.email, password="changed-by-the-officer-77") is True


def test_entries_are_submitted_screened_and_dated_inside_their_windows(demo):
    contest = Contest.objects.get(name_ko=GOV)
    entries = Entry.objects.filter(contest=contest).order_by("receipt_number")
    assert {status: entries.filter(status=status).count() for status in Entry.Status.values} == {
        "draft": 4,
        "submitted": 55,
        "withdrawn": 1,
    }
    numbered = list(entries.exclude(receipt_number=None).values_list("receipt_number", flat=True))
    assert numbered == [f"2026-{contest.pk:03d}-{n:04d}" for n in range(1, 57)]
    assert not entries.filter(status="draft").exclude(receipt_number=None).exists()
    assert {
        value: entries.filter(eligibility=value).count() for value in Entry.Eligibility.values
    } == {"pending": 5, "eligible": 54, "ineligible": 1}
    assert entries.get(eligibility="ineligible").eligibility_reason.startswith("공모 기간 이전")
    submitted = list(entries.exclude(submitted_at=None).values_list("submitted_at", flat=True))
    assert submitted == sorted(submitted)
    assert contest.submission_opens_at < submitted[0] < submitted[-1] < contest.submission_closes_at
    assert (
        not entries.exclude(screened_at=None)
        .filter(screened_at__lt=contest.submission_closes_at)
        .exists()
    )
    # Every entry has all its answers filled and a PDF summary whose content is a real PDF.
    assert not Answer.objects.filter(text="").exists()
    for attachment in Attachment.objects.filter(kind="pdf"):
        with attachment.file.open("rb") as handle:
            assert detect_kind(handle) == "pdf"
    assert Attachment.objects.filter(kind="png").count() == 20
    agencies = Agency.objects.filter(entries__isnull=False).distinct()
    assert all(a.memberships.filter(is_admin=True).exists() for a in agencies)
    past = Contest.objects.get(name_ko=PAST)
    assert set(past.entries.values_list("status", "eligibility")) == {("submitted", "eligible")}
    assert past.entries.count() == 16
    assert not past.entries.filter(
        models.Q(submitted_at__gt=past.submission_closes_at)
        | models.Q(submitted_at__lt=past.submission_opens_at)
    ).exists()


def test_round_one_is_assigned_automatically_and_panels_are_seated(demo):
    written, final = Round.objects.filter(contest__name_ko=GOV).order_by("order")
    assignments = Assignment.objects.filter(round=written)
    judged = Entry.objects.filter(contest__name_ko=GOV, status="submitted").exclude(
        eligibility="ineligible"
    )
    assert judged.count() == 54
    assert {e.assignments.count() for e in judged} == {5}
    loads = [j.assignments.count() for j in Judge.objects.filter(contest__name_ko=GOV)]
    assert (min(loads), max(loads), sum(loads)) == (22, 23, 270)
    assert not assignments.filter(judge__affiliation=models.F("entry__agency")).exists()
    assert not Assignment.objects.filter(round=final).exists()
    assert [(panel.name_ko, panel.judges.count()) for panel in final.panels.order_by("order")] == [
        ("전문가 심사단", 8),
        ("국민심사단", 3),
        ("국민투표", 1),
    ]
