"""Permission-matrix rows for the organizer's announcements to agencies (columns as in
test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin).

The list of sent announcements and the compose page: the contest's organizers and site admins
only. Sending is a POST of the compose page (tested in tests/contests/test_announcements.py);
agency members read their notices on entries:list, whose row stays in test_matrix.py."""

_ORGANIZERS = (302, 403, 403, 403, 403, 403, 403, 403, 200, 200)

MATRIX: dict[str, tuple[int, ...]] = {
    "announcements:list": _ORGANIZERS,
    "announcements:new": _ORGANIZERS,
}

METHOD: dict[str, str] = {}
