"""Permission-matrix rows for the policy pages linked from every footer (columns as in
test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin): public, the same for everyone."""

MATRIX: dict[str, tuple[int, ...]] = {
    "privacy": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "terms": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {}
