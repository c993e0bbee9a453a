"""One small world for the downloads: the permission matrix's world (one user per role), with a
Korean contest name, a finalized round (a snapshot) and the URL and object of every exporter.
Also the background builds' scene (tests/reports/test_builds*.py): `scene`, `result`."""

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from reports.catalog import ContestEntries, JudgeFile
from reports.certificates import Certificate, Certificates
from reports.results_report import ContestReport, RoundReport
from reports.sheets_pdf import JudgeRound
from reports.tally_pdf import EntryTally
from scoring.models import Assignment, Objection, PresentationSlides, RoundResult, Scorecard
from scoring.selectors.judge_board import RoundFiles
from submissions.selectors.screening import EntryFilters
from tests.permissions.world import ROLES, World, build_world
from tests.results.pages_scene import build_scene

__all__ = ["ROLES", "Downloads", "downloads"]

SNAPSHOT = '{"contest":"2026 정부혁신 우수사례 경진대회","results":[]}'


@dataclass
class Downloads:
    world: World
    result: RoundResult

    def client(self, role: str) -> Client:
        return self.world.client(role)

    def url(self, exporter: str) -> str:
        """The URL of each exporter in the world (the snapshot: the organizer's page)."""
        w = self.world
        contest, round_, entry = w.contest.pk, w.round.pk, w.entry.pk
        return {
            "entries_workbook": reverse("reports:entries_xlsx", args=[contest]),
            "attachments_zip": reverse("reports:attachments_zip", args=[contest]),
            "entry_receipt": reverse("reports:entry_receipt_pdf", args=[entry]),
            "entry_attachment": reverse(
                "entries:attachment_download", args=[entry, w.attachment.pk]
            ),
            "score_template": reverse("control:score_template", args=[contest, round_]),
            "agency_template": reverse("submissions:agency_import_template"),
            "judge_attachment": reverse("judge:attachment", args=[round_, entry, 1]),
            "judge_files_zip": reverse("judge:files_zip", args=[round_]),
            "round_snapshot": reverse("results:snapshot", args=[contest, round_]),
            "round_workbook": reverse("reports:round_results_xlsx", args=[contest, round_]),
            "contest_workbook": reverse("reports:contest_results_xlsx", args=[contest]),
            "round_report": reverse("reports:round_results_pdf", args=[contest, round_]),
            "contest_report": reverse("reports:contest_results_pdf", args=[contest]),
            "evaluation_sheet": reverse("reports:evaluation_sheet_pdf", args=[w.scorecard.pk]),
            "judge_booklet": reverse("reports:judge_booklet_pdf", args=[round_, w.judge.pk]),
            "tally_sheet": reverse("reports:tally_pdf", args=[contest, round_]),
            "entry_tally_sheet": reverse("reports:entry_tally_pdf", args=[contest, round_, entry]),
            "feedback_report": reverse("reports:feedback_pdf", args=[entry]),
            "certificates": reverse("reports:certificates_pdf", args=[contest]),
            "entry_certificate": reverse("reports:entry_certificate_pdf", args=[contest, entry]),
        }[exporter]

    def certificates(self) -> Certificates:
        return _certificates_of(self.world, self.result)

    def obj(self, exporter: str):
        """The object each exporter is handed by its view."""
        w = self.world
        assignment = Assignment.objects.get(round=w.round, entry=w.entry, judge=w.judge)
        return {
            "entries_workbook": ContestEntries(w.contest, EntryFilters()),
            "attachments_zip": w.contest,
            "entry_receipt": w.entry,
            "entry_attachment": w.attachment,
            "score_template": w.round,
            "agency_template": None,
            "judge_attachment": JudgeFile(assignment, 1, w.attachment),
            "judge_files_zip": RoundFiles(w.round, [assignment]),
            "round_snapshot": self.result,
            "round_workbook": self.result,
            "contest_workbook": w.contest,
            "round_report": RoundReport(w.round, 1, self.result, "ko"),
            "contest_report": ContestReport(w.contest, [w.round], {w.round.pk: self.result}),
            "evaluation_sheet": _submitted(w.scorecard),
            "judge_booklet": JudgeRound(w.round, w.judge),
            "tally_sheet": self.result,
            "entry_tally_sheet": EntryTally(self.result, w.entry),
            "feedback_report": w.entry,
            "certificates": self.certificates(),
            "entry_certificate": self.certificates(),
            "objection_file": Objection.objects.get(contest=w.contest, number=1),
            "presentation_slides": PresentationSlides(
                round=w.round, entry=w.entry, original_name="발표자료.pdf", kind="pdf", size=1
            ),
        }[exporter]


def _certificates_of(w, result: RoundResult) -> Certificates:
    number = "2026-001"
    certificate = Certificate(
        number=number, receipt=w.entry.receipt_number, entry_pk=w.entry.pk, award="대상",
        agency=w.agency.name_ko, title=w.entry.title, check=f"{result.digest[:12]}-{number}",
    )  # fmt: skip
    return Certificates(w.contest, result, w.contest.name_ko, dt.date(2026, 12, 1), [certificate])


def _submitted(card: Scorecard) -> Scorecard:
    """The world's (draft) scorecard as if submitted, not saved: only a submitted scorecard has an
    evaluation sheet."""
    card.status = Scorecard.Status.SUBMITTED
    return card


@pytest.fixture
def downloads(db) -> Downloads:
    world = build_world()
    world.contest.name_ko = "2026 정부혁신 우수사례 경진대회"
    world.contest.save(update_fields=["name_ko"])
    result = RoundResult.objects.create(
        round=world.round,
        snapshot=SNAPSHOT,
        digest=hashlib.sha256(SNAPSHOT.encode()).hexdigest(),
        by=world.users["organizer"],
    )
    return Downloads(world, result)


@pytest.fixture
def scene(organizer):
    """tests.results.pages_scene's contest with round 1 finished and finalized."""
    scene = build_scene(organizer)
    scene.finish_round1()
    return scene


@pytest.fixture
def result(scene) -> RoundResult:
    """Round 1's result in force, with its round and contest."""
    return RoundResult.objects.select_related("round__contest").get(
        round=scene.round1, voided_at=None
    )
