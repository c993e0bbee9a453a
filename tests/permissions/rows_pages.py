"""Permission-matrix rows for the progress board's self-refresh (columns as in test_matrix.py:
anonymous, plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted,
organizer_other, organizer, site_admin).

control:progress_totals is the board's totals alone, fetched every 30 seconds by the board
(control:progress): like the board, the contest's organizers and site admins only."""

MATRIX: dict[str, tuple[int, ...]] = {
    "control:progress_totals": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
}

METHOD: dict[str, str] = {}
