"""Permission-matrix rows for the analysis pages (columns as in test_matrix.py: anonymous, plain,
agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin). Like every organizer page: the contest's organizers and site admins."""

MATRIX: dict[str, tuple[int, ...]] = {
    "analysis:judges": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "analysis:robustness": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {}
