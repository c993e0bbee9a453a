"""Permission-matrix rows for the 2차 발표심사 (scoring/presentation_urls.py; columns as in
test_matrix.py: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
judge_conflicted, organizer_other, organizer, site_admin).

The world's round has no schedule: the organizer's pages open (an empty auto-fill form is shown
again with its errors: 200; an empty deadline clears it: 302; publishing nothing is refused with
a message: 302); a slot of the world's entry does not exist (404 to its organizers, 403 to
everyone else, who may not manage the contest). The judge's order of presentations opens for the
judge of the round only (a page saying it is not published yet); the slides page for the members
of the entry's agency; no slides were uploaded, so the download is 404 to all. The same with
slides uploaded and a schedule published: tests/scoring/test_presentation_views.py."""

_ORGANIZERS = (302, 403, 403, 403, 403, 403, 403, 403, 200, 200)
_ORGANIZERS_ACTION = (302, 403, 403, 403, 403, 403, 403, 403, 302, 302)
_NO_SLOT = (302, 403, 403, 403, 403, 403, 403, 403, 404, 404)

MATRIX: dict[str, tuple[int, ...]] = {
    "presentations:schedule": _ORGANIZERS,
    "presentations:autofill": _ORGANIZERS,
    "presentations:deadline": _ORGANIZERS_ACTION,
    "presentations:publish": _ORGANIZERS_ACTION,
    "presentations:live": _ORGANIZERS,
    "presentations:slot": _NO_SLOT,
    "presentations:slot_remove": _NO_SLOT,
    "presentations:today": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    "presentations:slides": (302, 404, 200, 200, 404, 404, 404, 404, 404, 404),
    "presentations:slides_file": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}

METHOD: dict[str, str] = {
    "presentations:autofill": "POST",
    "presentations:deadline": "POST",
    "presentations:publish": "POST",
    "presentations:slot_remove": "POST",
}
