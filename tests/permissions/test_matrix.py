"""Permission matrix: every URL of the project, every role → the expected status code.

A URL pattern added anywhere (our apps, allauth, i18n) without a row here fails
`test_every_url_is_in_the_matrix`. The Django admin is covered model by model in test_admin_site.py.

Codes: 200 page, 302 redirect (to sign-in for anonymous users, or after a successful POST), 403 the
role may not do this, 404 the object is private to the role, 405 wrong method.
"""

from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.world import ROLES, World, build_world

# Order of the columns: anonymous, plain, agency_member, agency_admin, judge (assigned to the
# world's entry), judge_unassigned, judge_conflicted, organizer_other, organizer, site_admin.
MATRIX: dict[str, tuple[int, ...]] = {
    # Home, language switch
    "home": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "set_language": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # Accounts (allauth): sign-in pages for anonymous users, account pages for signed-in users;
    # MFA pages need a recent sign-in (else a reauthentication redirect) or an existing
    # authenticator (404 without one)
    "account_change_password": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_confirm_email": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_confirm_login_code": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "account_email": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_email_verification_sent": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_inactive": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_login": (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "account_logout": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_reauthenticate": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_request_login_code": (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "account_reset_password": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_done": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_from_key": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_from_key_done": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "account_set_password": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "account_signup": (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa_activate_totp": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa_authenticate": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa_deactivate_totp": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "mfa_download_recovery_codes": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "mfa_generate_recovery_codes": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa_index": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "mfa_reauthenticate": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "mfa_view_recovery_codes": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # Contests: published contests are public; set-up only for the contest's organizers and admins.
    # The world's round has a scorecard, so removing it is refused (409)
    "contests:awards": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:categories": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:copy": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:create": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "contests:criterion_add": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:criterion_delete": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "contests:criterion_move": (302, 403, 403, 403, 403, 403, 403, 403, 400, 400),
    "contests:criterion_update": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:detail": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "contests:draft_detail": (404, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    "contests:edit": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:levels": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:levels_standard": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "contests:list": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "contests:questions": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:round_create": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:round_delete": (302, 403, 403, 403, 403, 403, 403, 403, 409, 409),
    "contests:round_edit": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:rubric": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "contests:tie_breaks": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    # Agencies: members see their agency; only its admins change the member list; others get 404.
    # Join requests: anyone signed in asks; only the asker withdraws; organizers decide and import
    "submissions:agency_detail": (302, 404, 200, 200, 404, 404, 404, 404, 404, 200),
    "submissions:agency_import": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "submissions:agency_import_template": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "submissions:join_request_create": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "submissions:join_request_decide": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "submissions:join_request_detail": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "submissions:join_request_list": (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    "submissions:join_request_new_agency": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "submissions:join_request_withdraw": (302, 302, 404, 404, 404, 404, 404, 404, 404, 404),
    "submissions:invitation_cancel": (302, 404, 403, 302, 404, 404, 404, 404, 404, 302),
    # An agency invitation link opens for anyone holding it; only the invited address accepts
    "submissions:invitation_detail": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "submissions:member_add": (302, 404, 403, 200, 404, 404, 404, 404, 404, 200),
    "submissions:member_remove": (302, 404, 403, 302, 404, 404, 404, 404, 404, 302),
    "submissions:member_toggle_admin": (302, 404, 403, 302, 404, 404, 404, 404, 404, 302),
    "submissions:my_agencies": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Entries (the world's entry is agency A's, submitted): only A's members write; the contest's
    # organizers and site admins read; everyone else gets 404
    "entries:attachment_delete": (302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    "entries:attachment_download": (302, 404, 200, 200, 404, 404, 404, 404, 200, 200),
    "entries:attachment_replace": (302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    "entries:attachment_upload": (302, 404, 200, 200, 404, 404, 404, 404, 404, 404),
    "entries:autosave": (302, 404, 400, 400, 404, 404, 404, 404, 404, 404),
    "entries:create": (302, 403, 200, 200, 403, 403, 403, 403, 403, 403),
    "entries:detail": (302, 404, 200, 200, 404, 404, 404, 404, 200, 200),
    "entries:list": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "entries:receipt": (302, 404, 200, 200, 404, 404, 404, 404, 200, 200),
    "entries:reopen": (302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    "entries:submit": (302, 404, 200, 200, 404, 404, 404, 404, 404, 404),
    "entries:withdraw": (302, 404, 200, 200, 404, 404, 404, 404, 404, 404),
    "reports:entry_receipt_pdf": (302, 404, 200, 200, 404, 404, 404, 404, 200, 200),
    # The organizer's view of a contest's entries and its exports
    "reports:attachments_zip": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "reports:entries_xlsx": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "screening:detail": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "screening:list": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    # Judging set-up and scoring control: the contest's organizers and site admins only
    "control:audit_entry": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:audit_judge": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:on_behalf": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:progress": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:remind": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:score_import": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:score_template": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "control:scorecard_reopen": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:auto": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:conflicts": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:invitation_cancel": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "judging:invitation_resend": (302, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "judging:invite": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:invite_bulk": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:judges": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:matrix": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:panels": (302, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "judging:toggle": (302, 403, 403, 403, 403, 403, 403, 403, 400, 400),
    # A judge invitation link works for anyone holding it (signing in comes next)
    "invitations:detail": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The judge's pages: only the judge assigned to the world's entry; an empty save names no
    # field (400). The world's round opens later: its entry's files are refused even to the
    # assigned judge until then (issue 10; after the opening: tests/judge/test_scorecard_fast.py)
    "judge:attachment": (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "judge:dashboard": (302, 403, 403, 403, 200, 200, 200, 403, 403, 403),
    "judge:recusal": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    "judge:reopen": (302, 404, 404, 404, 302, 404, 404, 404, 404, 404),
    "judge:save": (302, 404, 404, 404, 400, 404, 404, 404, 404, 404),
    "judge:scorecard": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    "judge:submit": (302, 404, 404, 404, 200, 404, 404, 404, 404, 404),
}

# POST-only actions are requested with POST (empty form); the rest with GET.
METHOD = {
    "set_language": "POST",
    "contests:round_delete": "POST",
    "contests:criterion_add": "POST",
    "contests:criterion_update": "POST",
    "contests:criterion_delete": "POST",
    "contests:criterion_move": "POST",  # no direction given: 400
    "contests:levels": "POST",
    "contests:levels_standard": "POST",
    "submissions:member_add": "POST",
    "submissions:invitation_cancel": "POST",
    "submissions:member_remove": "POST",
    "submissions:member_toggle_admin": "POST",
    "submissions:join_request_withdraw": "POST",
    "submissions:join_request_decide": "POST",
    "entries:autosave": "POST",
    "entries:submit": "POST",
    "entries:reopen": "POST",
    "entries:attachment_upload": "POST",
    "entries:attachment_replace": "POST",
    "entries:attachment_delete": "POST",
    "judge:save": "POST",
    "judge:reopen": "POST",
    "judging:invitation_resend": "POST",
    "judging:invitation_cancel": "POST",
    "judging:toggle": "POST",
}

# Rows kept beside the pages they test (one module per area), merged here.
for _path in sorted(Path(__file__).parent.glob("rows_*.py")):
    _rows = __import__(f"tests.permissions.{_path.stem}", fromlist=["MATRIX", "METHOD"])
    MATRIX |= _rows.MATRIX
    METHOD |= _rows.METHOD

# Matrix rows that are a second look at one URL name with other objects.
VARIANTS = {"contests:draft_detail": "contests:detail"}


def _url_params(pattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex)


def project_urls() -> dict[str, set[str]]:
    """Every named URL outside the Django admin, with the names of its parameters."""

    def walk(patterns, namespace, params):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                yield from walk(pattern.url_patterns, inner, params | _url_params(pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, params | _url_params(pattern)

    return dict(walk(get_resolver().url_patterns, "", set()))


def project_url_names() -> set[str]:
    return set(project_urls())


# What `pk` names in each URL namespace.
PK_OWNER = {
    "contests": "contest",
    "screening": "contest",
    "reports": "contest",
    "entries": "entry",
    "submissions": "agency",
    "judging": "contest",
    "control": "contest",
    "results": "contest",
    "analysis": "contest",
    "public": "contest",
}


def url_for(name: str, world: World) -> str:
    """Reverse a matrix row with the world's objects as arguments."""
    real = VARIANTS.get(name, name)
    contest = world.draft if name == "contests:draft_detail" else world.contest
    namespace = real.split(":")[0] if ":" in real else ""
    owners = {"contest": contest, "entry": world.entry, "agency": world.agency}
    pk_owner = PK_OWNER.get(namespace)
    if real.startswith("submissions:join_request_"):
        pk = world.join_request.pk
    else:
        pk = owners[pk_owner].pk if pk_owner else None
    values = {
        "pk": pk,
        "contest_pk": contest.pk,
        "entry_pk": world.entry.pk,
        "round_pk": world.round.pk,
        "criterion_pk": world.criterion.pk,
        "membership_pk": world.member_ship.pk,
        "attachment_pk": world.attachment.pk,
        "judge_pk": world.judge.pk,
        "scorecard_pk": world.scorecard.pk,
        "invitation_pk": world.invitation.pk,
        "agency_invitation_pk": world.agency_invitation.pk,
        "document_pk": world.document.pk,
        "invitation_token": world.agency_invitation.token,
        "token": world.invitation.token,
        "number": 1,
        "key": "not-a-real-key",
        "uidb36": "1",
    }
    return reverse(real, kwargs={key: values[key] for key in project_urls()[real]})


def test_every_url_is_in_the_matrix():
    missing = project_url_names() - set(MATRIX) - set(VARIANTS.values())
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"
    stale = {name for name in MATRIX if VARIANTS.get(name, name) not in project_url_names()}
    assert not stale, f"matrix rows for URLs that no longer exist: {sorted(stale)}"


def _status(name: str, role: str) -> int:
    """One request on a fresh world, rolled back: a POST by one role cannot affect another's."""
    with transaction.atomic():
        world = build_world()
        url = url_for(name, world)
        method = METHOD.get(name, "GET").lower()
        status = getattr(world.client(role), method)(url).status_code
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.django_db
def test_permission_matrix(name, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    got = tuple(_status(name, role) for role in ROLES)
    wrong = {
        role: (want, have)
        for role, want, have in zip(ROLES, MATRIX[name], got, strict=True)
        if want != have
    }
    assert not wrong, f"{name}: role → (expected, got) {wrong}"
