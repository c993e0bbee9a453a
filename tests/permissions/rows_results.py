"""Permission-matrix rows for the results pages (columns as in test_matrix.py: anonymous, plain,
agency_member, agency_admin, judge, judge_unassigned, judge_conflicted, organizer_other,
organizer, site_admin)."""

# The organizer's results pages: the contest's organizers and site admins only. The world's
# round is live (its scorecard is not submitted): no snapshot to download yet (404). Every
# action redirects back to its page (302), with the refusal as a message for an empty form.
_ORGANIZERS = (302, 403, 403, 403, 403, 403, 403, 403, 200, 200)
_ACTION = (302, 403, 403, 403, 403, 403, 403, 403, 302, 302)
_ACTIONS = (
    "results:exclude",
    "results:include",
    "results:decide",
    "results:decide_award",
    "results:finalize",
    "results:reopen",
    "results:override",
    "results:publish",
    "results:unpublish",
)

MATRIX: dict[str, tuple[int, ...]] = {
    "results:index": _ORGANIZERS,
    "results:round": _ORGANIZERS,
    "results:sheet": _ORGANIZERS,
    "results:snapshot": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    # The results workbooks (reports app): likewise 404 while a round is live.
    "reports:round_results_xlsx": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    "reports:contest_results_xlsx": (302, 403, 403, 403, 403, 403, 403, 403, 404, 404),
    **dict.fromkeys(_ACTIONS, _ACTION),
}

# POST-only actions (requested with an empty POST).
METHOD: dict[str, str] = dict.fromkeys(_ACTIONS, "POST")
