"""A published contest to object to: tests/results/pages_scene.py with both rounds finalized and
the results published, an objection period open for a week, and two members of the agency of
2026-0001 (이담당, 박담당); 2026-0002's agency has its own member (최타기관)."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from scoring.models import ObjectionWindow
from scoring.services.results import results_publish, round_finalize
from tests import factories
from tests.results.pages_scene import Scene, build_scene

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class Published:
    scene: Scene
    window: ObjectionWindow
    member: object  # 이담당, of 2026-0001's agency
    colleague: object  # 박담당, same agency
    other: object  # 최타기관, of 2026-0002's agency

    @property
    def contest(self):
        return self.scene.contest

    def entry(self, receipt: str):
        return self.scene.entries[receipt]


def build_published(organizer) -> Published:
    scene = build_scene(organizer)
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    results_publish(contest=scene.contest, by=organizer, scores=True, ranks=True)
    scene.contest.refresh_from_db()
    window = ObjectionWindow.objects.create(
        contest=scene.contest, closes_at=timezone.now() + dt.timedelta(days=7), set_by=organizer
    )
    agency = scene.entries["2026-0001"].agency
    member = factories.AgencyMembershipFactory(
        agency=agency, user=factories.UserFactory(name="이담당", email="lee@mois.go.kr")
    ).user
    colleague = factories.AgencyMembershipFactory(
        agency=agency, user=factories.UserFactory(name="박담당", email="park@mois.go.kr")
    ).user
    other = factories.AgencyMembershipFactory(
        agency=scene.entries["2026-0002"].agency,
        user=factories.UserFactory(name="최타기관", email="choi@other.go.kr"),
    ).user
    return Published(scene, window, member, colleague, other)


def pdf_upload(name: str = "산정근거.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
