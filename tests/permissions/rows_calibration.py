"""Permission-matrix rows for the judge's calibration pages (scoring.views.judge_overview;
columns as in test_matrix.py: anonymous, plain, agency_member, agency_admin, judge,
judge_unassigned, judge_conflicted, organizer_other, organizer, site_admin).

나의 평가 현황 opens for every judge of the round's contest (each sees their own entries only;
tests/judge/test_overview.py); anyone else gets 404. The side-by-side view without `a` and `b`
sends a judge back to the overview with a message (302). An empty private note posted by the
judge assigned to the world's entry deletes nothing and goes back to the scorecard (302); the
note of an entry not assigned to the user is a 404."""

_JUDGES_ONLY = (302, 404, 404, 404, 200, 200, 200, 404, 404, 404)

MATRIX: dict[str, tuple[int, ...]] = {
    "judge:overview": _JUDGES_ONLY,
    "judge:compare": (302, 404, 404, 404, 302, 302, 302, 404, 404, 404),
    "judge:note": (302, 404, 404, 404, 302, 404, 404, 404, 404, 404),
}

METHOD: dict[str, str] = {"judge:note": "POST"}
