"""Permission-matrix rows for reassigning an entry from the conflicts page (columns as in
test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin).

The contest's organizers and site admins post it; with an empty POST they are sent back to the
conflicts page with a message (302). The matrix's paging is a query string of judging:matrix,
whose row stays in test_matrix.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "judging:reassign": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {"judging:reassign": "POST"}
