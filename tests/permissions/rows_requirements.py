"""Permission-matrix rows for a contest's attachment slots and documents (issue 11, item 4;
columns as in test_matrix.py: anonymous, plain, agency_member, agency_admin, judge,
judge_unassigned, judge_conflicted, organizer_other, organizer, site_admin).

Setting slots and adding or removing documents: the contest's organizers and site admins only.
A document of a published contest downloads for everyone, anonymous visitors too (a draft's:
404 but for its managers, tests/contests/test_documents.py). A slot's file is uploaded with
entries:attachment_upload, whose row stays in test_matrix.py."""

_ORGANIZERS = (302, 403, 403, 403, 403, 403, 403, 403, 200, 200)

MATRIX: dict[str, tuple[int, ...]] = {
    "contests:slots": _ORGANIZERS,
    "documents:manage": _ORGANIZERS,
    "documents:download": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "documents:remove": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
}

METHOD: dict[str, str] = {"documents:remove": "POST"}
