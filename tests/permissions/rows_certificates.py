"""Permission-matrix rows for the award certificates (columns as in test_matrix.py: anonymous,
plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin)."""

# The contest's organizers and site admins only; the world's final round is live (no result in
# force), so there are no certificates yet: 404, as the results workbooks.
MATRIX: dict[str, tuple[int, ...]] = {
    "reports:certificates_pdf": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    "reports:entry_certificate_pdf": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
}

METHOD: dict[str, str] = {}
