"""Permission-matrix rows for the judge's ZIP of a round's files (columns as in test_matrix.py:
anonymous, plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted,
organizer_other, organizer, site_admin).

The world's round has not opened yet, and a judge reads the entries only from the round's
opening: a 404 for everyone signed in, the assigned judge too. The open round (the assigned
judge's 200, the others' 404) is tested in tests/judge/test_assigned_zip.py. The dashboard's
own row (judge:dashboard) stays in test_matrix.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "judge:files_zip": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = {}
