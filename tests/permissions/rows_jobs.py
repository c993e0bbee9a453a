"""Permission-matrix rows for the files built in the background (reports.views.builds; columns
as in test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin).

Signed-in users only. An empty request names no report kind, and the world has no report file
(`number` 1 names none): a 404 for everyone signed in. Who may request, watch, download and
retry a real file (the kind's exporter decides: 403 for a judge) is tested in
tests/reports/test_builds_pages.py."""

_NOTHING = (302, 404, 404, 404, 404, 404, 404, 404, 404, 404)
_ACTIONS = ("reports:build_request", "reports:build_retry")

MATRIX: dict[str, tuple[int, ...]] = {
    "reports:build_status": _NOTHING,
    "reports:build_download": _NOTHING,
    **dict.fromkeys(_ACTIONS, _NOTHING),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = dict.fromkeys(_ACTIONS, "POST")
