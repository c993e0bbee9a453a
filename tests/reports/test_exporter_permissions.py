"""Each exporter's own permission, role by role (columns as in tests/permissions/test_matrix.py),
asked directly and through `export_response`: the exporter refuses (403) even where a view's
look-up would have let the user through. The URLs themselves are rows of the permission matrix."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from reports.exporters import EXPORTERS, export_response
from tests.reports.conftest import ROLES

pytestmark = pytest.mark.django_db

_ = False
Y = True
# anonymous, plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted,
# organizer_other, organizer, site_admin
ALLOWED: dict[str, tuple[bool, ...]] = {
    "entries_workbook": (_, _, _, _, _, _, _, _, Y, Y),
    "attachments_zip": (_, _, _, _, _, _, _, _, Y, Y),
    "entry_receipt": (_, _, Y, Y, _, _, _, _, Y, Y),
    "entry_attachment": (_, _, Y, Y, _, _, _, _, Y, Y),
    "score_template": (_, _, _, _, _, _, _, _, Y, Y),
    "agency_template": (_, _, _, _, _, _, _, Y, Y, Y),
    "judge_attachment": (_, _, _, _, Y, _, _, _, _, _),
    "judge_files_zip": (_, _, _, _, Y, _, _, _, _, _),
    "round_snapshot": (_, _, _, _, _, _, _, _, Y, Y),  # before the results are published
    "round_workbook": (_, _, _, _, _, _, _, _, Y, Y),
    "contest_workbook": (_, _, _, _, _, _, _, _, Y, Y),
    "round_report": (_, _, _, _, _, _, _, _, Y, Y),
    "contest_report": (_, _, _, _, _, _, _, _, Y, Y),
    "evaluation_sheet": (_, _, _, _, Y, _, _, _, Y, Y),  # a submitted one
    "judge_booklet": (_, _, _, _, Y, _, _, _, Y, Y),
    "tally_sheet": (_, _, _, _, _, _, _, _, Y, Y),
    "entry_tally_sheet": (_, _, _, _, _, _, _, _, Y, Y),
    "feedback_report": (_, _, _, _, _, _, _, _, Y, Y),  # before the results are published
    "certificates": (_, _, _, _, _, _, _, _, Y, Y),
    "entry_certificate": (_, _, _, _, _, _, _, _, Y, Y),
    "objection_file": (_, _, Y, Y, _, _, _, _, Y, Y),  # the entry's agency and the organizers
    # The entry's agency and the organizers; the round's judges only once the slides deadline
    # passed or scoring opened (the world's round has neither).
    "presentation_slides": (_, _, Y, Y, _, _, _, _, Y, Y),
}


def user(downloads, role):
    return AnonymousUser() if role == "anonymous" else downloads.world.users[role]


def test_every_exporter_has_a_row():
    assert set(ALLOWED) == set(EXPORTERS)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_exporter_permission(downloads, name):
    exporter, obj = EXPORTERS[name], downloads.obj(name)
    allowed = tuple(exporter.allows(user(downloads, role), obj) for role in ROLES)
    assert allowed == ALLOWED[name]


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_export_response_refuses_before_building(downloads, name):
    built = []
    exporter = replace(EXPORTERS[name], build=lambda obj: built.append(obj) or b"")
    obj = downloads.obj(name)
    for role, allowed in zip(ROLES, ALLOWED[name], strict=True):
        request = RequestFactory().get("/")
        request.user = user(downloads, role)
        if allowed:
            assert export_response(exporter, request, obj).status_code == 200
        else:
            with pytest.raises(PermissionDenied):
                export_response(exporter, request, obj)
    assert built == [obj] * sum(ALLOWED[name])


def test_published_snapshots_are_everyones(downloads):
    contest = downloads.world.contest
    contest.results_published_at = timezone.now()
    contest.save(update_fields=["results_published_at"])
    exporter, result = EXPORTERS["round_snapshot"], downloads.obj("round_snapshot")
    assert all(exporter.allows(user(downloads, role), result) for role in ROLES)
