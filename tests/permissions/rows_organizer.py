"""Permission-matrix rows for declining a judge invitation (scoring.views.invitations; columns
as in test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin).

The link is the secret, as for `invitations:detail`: whoever holds it may open the decline form
(the invited person may have no account yet). Declining by POST is tested in
tests/judging/test_joining.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "invitations:decline": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
}

METHOD: dict[str, str] = {}
