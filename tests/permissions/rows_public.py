"""Permission-matrix rows for the public pages (columns as in test_matrix.py: anonymous, plain,
agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin).

The world's contest has no published results, so every public page is a 404 for everyone (the
agency's own result asks anonymous visitors to sign in first). The pages after publication, role
by role, are tested in tests/results/test_public.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "public:contest": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "public:entry": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "public:snapshot": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {}
