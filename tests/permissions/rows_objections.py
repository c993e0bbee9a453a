"""Permission-matrix rows for objections (이의신청; columns as in test_matrix.py: anonymous,
plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin).

The world's entry is agency A's and its contest's results are not published: A's members are
sent back to their entries page with the reason (302); anyone else does not see the entry (404).
The organizer's list, period and objection #1 (the world's, without a file): the contest's
organizers and site admins; its file: 404 for everyone, as it has none (the download itself:
tests/objections/test_views.py)."""

_ORGANIZERS = (302, 403, 403, 403, 403, 403, 403, 403, 200, 200)

MATRIX: dict[str, tuple[int, ...]] = {
    "objections:new": (302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    "objections:list": _ORGANIZERS,
    "objections:window": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "objections:detail": _ORGANIZERS,
    "objections:download": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}

METHOD: dict[str, str] = {"objections:window": "POST"}
