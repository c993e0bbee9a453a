"""One small world with one user per role, shared by the permission-matrix tests."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from contests.models import ContestDocument
from scoring.models import Conflict, JudgeInvitation, Objection
from submissions.models import AgencyInvitation, Attachment, Entry
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

ROLES = (
    "anonymous",
    "plain",  # signed in, no role yet
    "agency_member",
    "agency_admin",
    "judge",  # judge in the published contest, assigned to the world's entry
    "judge_unassigned",  # judge in the same contest, not assigned to it
    "judge_conflicted",  # judge in the same contest with a recorded conflict on it (기피)
    "organizer_other",  # organizer, not on this contest
    "organizer",  # organizer of this contest
    "site_admin",
)


@dataclass
class World:
    contest: object
    draft: object
    round: object
    criterion: object
    agency: object
    member_ship: object
    admin_ship: object
    entry: object
    attachment: object
    join_request: object
    judge: object
    scorecard: object
    invitation: object
    users: dict
    agency_invitation: object = None
    document: object = None  # a contest document (공고문) of the published contest

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def build_world() -> World:
    organizer = factories.OrganizerFactory(email="org@example.kr")
    contest = factories.ContestFactory(organizers=[organizer], is_published=True)
    draft = factories.ContestFactory(organizers=[organizer], is_published=False)
    round_ = factories.RoundFactory(contest=contest)
    criterion = factories.CriterionFactory(round=round_)
    factories.CategoryFactory(contest=contest)
    agency = factories.AgencyFactory()
    member_ship = factories.AgencyMembershipFactory(agency=agency, is_admin=False)
    admin_ship = factories.AgencyMembershipFactory(agency=agency, is_admin=True)
    entry = factories.EntryFactory(
        contest=contest,
        agency=agency,
        status=Entry.Status.SUBMITTED,
        receipt_number="2026-0001",
        submitted_at=timezone.now(),
    )
    attachment = Attachment(
        entry=entry, original_name="추진성과.pdf", kind="pdf", size=len(PDF), sha256="0" * 64
    )
    attachment.file.save("ignored.pdf", ContentFile(PDF))
    judge = factories.JudgeFactory(contest=contest)
    assignment = factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    scorecard = factories.ScorecardFactory(assignment=assignment)
    invitation = JudgeInvitation.objects.create(
        contest=contest, email="invited@example.kr", name="초대심사", token="pending-token"
    )
    unassigned = factories.JudgeFactory(contest=contest)
    conflicted = factories.JudgeFactory(contest=contest)
    Conflict.objects.create(
        judge=conflicted, entry=entry, kind=Conflict.Kind.CHALLENGE, reason="같은 연구과제 참여"
    )
    plain = factories.UserFactory()
    agency_invitation = AgencyInvitation.objects.create(
        agency=agency, email="colleague@example.kr", name="초대동료", token="agency-token"
    )
    join_request = factories.JoinRequestFactory(user=plain)
    Objection.objects.create(  # objection #1 (objections:detail), filed by the agency's member
        contest=contest, number=1, entry=entry, concern=Objection.Concern.PROCEDURE,
        text="발표 순서가 공지와 달랐습니다.", filed_by=member_ship.user,
    )  # fmt: skip
    users = {
        "plain": plain,
        "agency_member": member_ship.user,
        "agency_admin": admin_ship.user,
        "judge": judge.user,
        "judge_unassigned": unassigned.user,
        "judge_conflicted": conflicted.user,
        "organizer_other": factories.OrganizerFactory(),
        "organizer": organizer,
        "site_admin": factories.AdminFactory(),
    }
    document = ContestDocument(
        contest=contest, title="2026 공고문", original_name="공고문.pdf", kind="pdf", size=len(PDF)
    )
    document.file.save("ignored.pdf", ContentFile(PDF))
    world = World(
        contest,
        draft,
        round_,
        criterion,
        agency,
        member_ship,
        admin_ship,
        entry,
        attachment,
        join_request,
        judge,
        scorecard,
        invitation,
        users,
        agency_invitation,
    )
    world.document = document
    return world
