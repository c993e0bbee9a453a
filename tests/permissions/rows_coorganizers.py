"""Permission-matrix rows for a contest's organizers page and its deletion
(contests.views.organizers; columns as in test_matrix.py: anonymous, plain, agency_member,
agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other, organizer, site_admin).

Only the contest's organizers and site admins reach them. Removing is POST-only: the empty form
names nobody, so it is a 404 for them. The world's contest has an entry, so its deletion page
only explains why it cannot be deleted (200); a POST is refused with 409
(tests/contests/test_contest_delete.py)."""

MATRIX: dict[str, tuple[int, ...]] = {
    "contests:organizers": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:organizer_remove": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    "contests:delete": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {"contests:organizer_remove": "POST"}
