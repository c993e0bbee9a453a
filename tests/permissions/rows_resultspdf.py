"""Permission-matrix rows for the results reports (PDF) (columns as in test_matrix.py: anonymous,
plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin).

The contest's organizers and site admins only. The world's round is live (its scorecard is not
submitted): without `?draft=1` there is no finalized report to give (404), as for the results
workbooks; tests/reports/test_results_report*.py request the drafts and the finalized reports."""

_REPORT = (302, 403, 403, 403, 403, 403, 403, 403, 404, 404)

MATRIX: dict[str, tuple[int, ...]] = {
    "reports:round_results_pdf": _REPORT,
    "reports:contest_results_pdf": _REPORT,
}

METHOD: dict[str, str] = {}
