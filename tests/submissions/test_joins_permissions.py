"""Join-request and agency-import URLs by every role, with the exact status each one gets.

The object of each URL is a pending join request of another user for agency A of the shared
permission world (tests/permissions/world.py).
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.permissions.world import ROLES, build_world

# Columns: anonymous, plain, agency_member, agency_admin, judge, judge_unassigned,
# judge_conflicted, organizer_other, organizer, site_admin. Agencies belong to no contest, so
# every organizer has the same rights here.
MATRIX = {
    ("my_agencies", "get"): (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("join_request_create", "get"): (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The world's plain user already has a pending request: the form says so (200).
    ("join_request_create", "post"): (302, 200, 403, 403, 302, 302, 302, 302, 302, 302),
    ("join_request_new_agency", "get"): (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("join_request_withdraw", "post"): (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("join_request_list", "get"): (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    ("join_request_detail", "get"): (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    ("join_request_decide", "post"): (302, 403, 403, 403, 403, 403, 403, 302, 302, 302),
    ("agency_import", "get"): (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
    ("agency_import_template", "get"): (302, 403, 403, 403, 403, 403, 403, 200, 200, 200),
}
WITH_PK = {"join_request_withdraw", "join_request_detail", "join_request_decide"}


@pytest.mark.parametrize(("name", "method"), list(MATRIX))
@pytest.mark.django_db
def test_join_and_import_urls_by_role(name, method):
    world = build_world()
    statuses = []
    for role in ROLES:
        join_request = factories.JoinRequestFactory(agency=world.agency)
        args = [join_request.pk] if name in WITH_PK else []
        url = reverse(f"submissions:{name}", args=args)
        data = {
            "join_request_create": {
                "agency": world.agency.pk,
                "position": "혁신담당관",
                "phone": "044-205-1234",
            },
            "join_request_decide": {"decision": "reject", "reason": "확인 불가"},
        }.get(name, {})
        client = world.client(role)
        response = client.post(url, data) if method == "post" else client.get(url)
        statuses.append(response.status_code)
    assert dict(zip(ROLES, statuses, strict=True)) == dict(
        zip(ROLES, MATRIX[(name, method)], strict=True)
    )
