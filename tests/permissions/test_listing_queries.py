"""Every listing page reads the same number of queries at 10 entries and at 1,000 (issue 12).

Each URL name of the project is classified here: LISTING pages list rows that grow with a
contest (entries, judges, assignments, scorecards, results, agencies, members, invitations,
announcements, audit events, contests, join requests); every other name is in NOT_LISTING with
a one-word reason. A new URL fails `test_every_url_is_classified` until it is put in one of them.

The world is the permission matrix's (tests/permissions/world.py), its round opened and grown
in bulk (tests/permissions/bulk_world.py) to 10 entries, then, in the same contest, to 1,000.
Each listing page is requested with the matrix's `url_for` by the first role in
test_query_counts' PREFERRED order that gets 200 (READERS names the pages where that role sees
none of the rows), at both sizes, while the round is being scored; the pages of a final result
(FINAL) again after the round is finalized and the results published, in a savepoint rolled
back before the world grows. One test measures every page and lists, in one failure, each page
whose query count changed (with both counts), that did not answer 200, or whose page did not get
longer (the world does not feed it: it would prove nothing).
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from submissions.models import Entry
from tests.permissions.bulk_world import finalize, grow, prepare
from tests.permissions.test_matrix import project_url_names, url_for
from tests.permissions.test_query_counts import PREFERRED
from tests.permissions.world import build_world

# What each listing page lists.
LISTING: dict[str, str] = {
    "home": "contests",  # the organizer's contests (first 10)
    "contests:list": "contests",
    "contests:organizers": "organizers",
    "entries:list": "entries",  # the agency's entries and its announcements
    "screening:list": "entries",
    "submissions:agency_detail": "members",  # members and pending invitations
    "submissions:join_request_list": "requests",
    "submissions:my_agencies": "agencies",
    "judging:judges": "judges",  # judges and pending invitations
    "judging:panels": "judges",
    "judging:matrix": "assignments",
    "judging:auto": "assignments",
    "judging:conflicts": "conflicts",
    "control:progress": "scorecards",
    "control:remind": "judges",
    "control:audit_entry": "events",
    "control:audit_judge": "events",
    "judge:dashboard": "assignments",
    "judge:overview": "scorecards",
    "results:index": "results",
    "results:round": "results",
    "public:contest": "results",
    "analysis:judges": "judges",
    "analysis:robustness": "results",
    "announcements:list": "announcements",
    "objections:list": "objections",
    "presentations:schedule": "entries",  # the round's entries, with and without a slot
    "presentations:live": "scorecards",  # per entry, each judge's submitted total
}

# allauth's pages: the signed-in user's own account, sign-in and password forms
ALLAUTH = (
    "account_change_password", "account_confirm_email", "account_confirm_login_code",
    "account_email", "account_email_verification_sent", "account_inactive", "account_login",
    "account_logout", "account_reauthenticate", "account_request_login_code",
    "account_reset_password", "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_set_password", "account_signup",
    "mfa_activate_totp", "mfa_authenticate", "mfa_deactivate_totp", "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_index", "mfa_reauthenticate", "mfa_view_recovery_codes",
)  # fmt: skip

# Files built from a contest's data (reports app)
REPORT_FILES = (
    "reports:attachments_zip", "reports:entries_xlsx", "reports:entry_receipt_pdf",
    "reports:build_download", "reports:certificates_pdf", "reports:contest_results_pdf",
    "reports:contest_results_xlsx", "reports:entry_certificate_pdf", "reports:entry_tally_pdf",
    "reports:evaluation_sheet_pdf", "reports:feedback_pdf", "reports:judge_booklet_pdf",
    "reports:round_results_pdf", "reports:round_results_xlsx", "reports:tally_pdf",
)  # fmt: skip

# Why every other URL name is not a listing page.
NOT_LISTING: dict[str, str] = {
    **dict.fromkeys(ALLAUTH, "allauth"),
    "set_language": "action",
    "privacy": "static",
    "terms": "static",
    # Contest set-up: forms over the contest's own configuration
    "contests:create": "form",
    "contests:edit": "form",
    "contests:copy": "form",
    "contests:delete": "confirmation",
    "contests:detail": "detail",
    "contests:awards": "form",
    "contests:categories": "form",
    "contests:questions": "form",
    "contests:slots": "form",
    "documents:manage": "form",  # a contest's few documents (공고문, 서식)
    "documents:download": "download",
    "documents:remove": "action",
    "contests:tie_breaks": "form",
    "contests:rubric": "form",
    "contests:round_create": "form",
    "contests:round_edit": "form",
    "contests:round_delete": "action",
    "contests:criterion_add": "action",
    "contests:criterion_update": "action",
    "contests:criterion_delete": "action",
    "contests:criterion_move": "action",
    "contests:levels": "action",
    "contests:levels_standard": "action",
    "contests:organizer_remove": "action",
    # Agencies and join requests
    "submissions:agency_import": "form",
    "submissions:agency_import_template": "download",
    "submissions:invitation_detail": "token",
    "submissions:invitation_cancel": "action",
    "submissions:member_add": "action",
    "submissions:member_remove": "action",
    "submissions:member_toggle_admin": "action",
    "submissions:join_request_create": "form",
    "submissions:join_request_new_agency": "form",
    "submissions:join_request_detail": "detail",
    "submissions:join_request_decide": "action",
    "submissions:join_request_withdraw": "action",
    # One entry
    "entries:create": "form",
    "entries:detail": "detail",
    "entries:receipt": "detail",
    "entries:withdraw": "form",
    "entries:autosave": "action",
    "entries:submit": "action",
    "entries:reopen": "action",
    "entries:attachment_upload": "action",
    "entries:attachment_replace": "action",
    "entries:attachment_delete": "action",
    "entries:attachment_download": "download",
    "screening:detail": "detail",
    "screening:bulk": "action",  # its confirm page is a POST; GET goes back to the list
    # Judging set-up and control
    "judging:invite": "form",
    "judging:invite_bulk": "form",
    "judging:invitation_resend": "action",
    "judging:invitation_cancel": "action",
    "judging:toggle": "action",
    "invitations:detail": "token",
    "invitations:decline": "token",
    "control:on_behalf": "form",
    "control:score_import": "form",
    "control:score_template": "download",
    "control:scorecard_reopen": "form",
    "control:progress_totals": "counts",  # the progress board's totals only: no rows
    # The judge's own pages for one entry
    "judge:scorecard": "form",
    "judge:submit": "form",
    "judge:recusal": "form",
    "judge:compare": "detail",
    "judge:save": "action",
    "judge:reopen": "action",
    "judge:note": "action",
    "judge:attachment": "download",
    "judge:files_zip": "download",
    # Results: one entry's sheet, the actions, the frozen snapshot
    "results:sheet": "detail",
    "results:snapshot": "download",
    "results:exclude": "action",
    "results:include": "action",
    "results:decide": "action",
    "results:decide_award": "action",
    "results:finalize": "action",
    "results:reopen": "action",
    "results:override": "action",
    "results:publish": "action",
    "results:unpublish": "action",
    "public:entry": "detail",
    "public:snapshot": "download",
    "announcements:new": "form",
    "objections:new": "form",
    "objections:window": "action",
    "objections:detail": "detail",
    "objections:download": "download",
    **dict.fromkeys(REPORT_FILES, "download"),  # their query counts: tests/reports/
    "reports:build_status": "detail",
    "reports:build_request": "action",
    "reports:build_retry": "action",
    "judging:reassign": "action",
    # The 2차 발표심사: the judge's order lists only a published schedule (none in the world;
    # its query count at two sizes: tests/scoring/test_presentation_queries.py)
    "presentations:today": "schedule",
    "presentations:slot": "form",
    "presentations:slides": "form",
    "presentations:slides_file": "download",
    "presentations:autofill": "action",
    "presentations:deadline": "action",
    "presentations:publish": "action",
    "presentations:slot_remove": "action",
}

# Pages where the first role that gets 200 sees none of the rows: the role that does.
READERS = {"entries:list": "agency_admin", "submissions:my_agencies": "agency_admin"}

# Pages measured again once the round is finalized and the results published (`finalize`), and
# those measured only then: before, they list no result (results:index) or are not found.
FINAL = ("results:index", "results:round", "public:contest")
FINAL_ONLY = {"results:index", "public:contest"}
LIVE = tuple(sorted(set(LISTING) - FINAL_ONLY))

SMALL = {"entries": 9, "judges": 3, "rows": 3}  # with the world's own entry: 10
LARGE = {"entries": 990, "judges": 27, "rows": 27}  # 1,000 entries, 30 judges added


def test_every_url_is_classified():
    names = project_url_names()
    unclassified = names - set(LISTING) - set(NOT_LISTING)
    assert not unclassified, f"URL names in neither LISTING nor NOT_LISTING: {sorted(unclassified)}"
    both = set(LISTING) & set(NOT_LISTING)
    assert not both, f"URL names in both LISTING and NOT_LISTING: {sorted(both)}"
    stale = (set(LISTING) | set(NOT_LISTING)) - names
    assert not stale, f"classified URL names that no longer exist: {sorted(stale)}"
    assert set(FINAL) <= set(LISTING)


Counts = dict[tuple[str, str], tuple[int, int, int]]  # (phase, name) → (status, queries, bytes)


class Readers:
    """One signed-in client per role, kept from one size to the next, and the role that reads
    each page: READERS', else the first in PREFERRED that gets 200 (chosen at the first size)."""

    def __init__(self, world):
        self.world, self.clients, self.roles = world, {}, {}

    def client(self, role: str):
        if role not in self.clients:
            self.clients[role] = self.world.client(role)
        return self.clients[role]

    def first(self, phase: str, name: str) -> bool:
        """Choose the page's reader unless chosen already; True when it was just chosen."""
        if (phase, name) in self.roles:
            return False
        url = url_for(name, self.world)
        self.roles[phase, name] = READERS.get(name) or next(
            (role for role in PREFERRED if self.client(role).get(url).status_code == 200), "none"
        )
        return True

    def measure(self, phase: str, names) -> Counts:
        """Per page: status, queries and bytes of its reader's request. At the first size the
        page is requested once before (the first visit's session and caches are not counted)."""
        measured = {}
        for name in names:
            warm = self.first(phase, name)
            client, url = self.client(self.roles[phase, name]), url_for(name, self.world)
            if warm:
                client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            measured[phase, name] = (response.status_code, len(queries), len(response.content))
        return measured

    def both_phases(self) -> Counts:
        """The live pages, then the final ones in a savepoint rolled back (the world grows on)."""
        measured = self.measure("live", LIVE)
        with transaction.atomic():
            finalize(self.world)
            measured |= self.measure("final", FINAL)
            transaction.set_rollback(True)
        return measured


@pytest.mark.django_db
def test_listing_pages_read_as_many_queries_at_1000_entries_as_at_10(settings):
    settings.ACCOUNT_RATE_LIMITS = False
    world = build_world()
    prepare(world)
    grow(world, **SMALL)
    readers = Readers(world)
    small = readers.both_phases()
    grow(world, **LARGE)
    large = readers.both_phases()
    assert Entry.objects.filter(contest=world.contest).count() == 1000
    print(
        *(f"{k[0]:5} {k[1]:30} {readers.roles[k]:13} {small[k]} {large[k]}" for k in sorted(small)),
        sep="\n",
    )
    wrong = [
        f"{phase} {name} as {readers.roles[phase, name]}: {small[phase, name][1]} queries at 10 "
        f"entries, {large[phase, name][1]} at 1,000 (status {small[phase, name][0]}, "
        f"{large[phase, name][0]}; {small[phase, name][2]} → {large[phase, name][2]} bytes)"
        for phase, name in sorted(small)
        if small[phase, name][:2] != large[phase, name][:2]
        or small[phase, name][0] != 200
        or large[phase, name][2] <= small[phase, name][2]
    ]
    assert not wrong, "Listing pages whose queries changed, or that did not grow:\n" + "\n".join(
        wrong
    )
