"""Permission-matrix rows for the printed judging documents (columns as in test_matrix.py:
anonymous, plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted,
organizer_other, organizer, site_admin).

In the world the judge's scorecard is a draft and the round is live: no evaluation sheet exists
yet (404 for everyone, its judge and the organizers too); a judge's booklet is theirs and the
organizers' (with no sheet yet, only its first page), nobody else's (404); the 집계표 is the
organizers' only (403 for the other visitors of the published contest, as on the results pages)
and a 404 while the round is live; the feedback report is a 404 before any round is finalized
(and for the agency's members until the results are published). The documents themselves, role
by role, are tested in tests/reports/test_evaluation_sheets.py, test_tally_pdf.py and
test_feedback_pdf.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "reports:evaluation_sheet_pdf": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "reports:judge_booklet_pdf": (302, 404, 404, 404, 200, 404, 404, 404, 200, 200),
    "reports:tally_pdf": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    "reports:entry_tally_pdf": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    "reports:feedback_pdf": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {}
