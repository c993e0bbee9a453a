"""Permission-matrix rows for screening many entries at once (columns as in test_matrix.py:
anonymous, plain, agency_member, agency_admin, judge, judge_unassigned, judge_conflicted,
organizer_other, organizer, site_admin).

`screening:bulk` is the entry list's bulk form, POSTed; with nothing selected (the matrix's
empty POST) it goes back to the list with a message (302) for the contest's organizers and site
admins. The previous / next links live on `screening:detail`, whose row is in test_matrix.py."""

MATRIX: dict[str, tuple[int, ...]] = {
    "screening:bulk": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
}

METHOD: dict[str, str] = {"screening:bulk": "POST"}
