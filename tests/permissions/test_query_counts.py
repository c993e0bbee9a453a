"""Every page, at two data sizes: the number of database queries must not grow with the data.

Each GET row of the permission matrix is requested by a role that may see it, once on the small
shared world and once after adding more of everything around the same objects (entries with
answers and attachments, criteria with levels, judges with assignments and scores, members, join
requests). A page whose count differs does work per row: an N+1 to fix.
"""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from scoring.models import Score
from scoring.services.scorecards import scorecard_open
from submissions.models import AgencyInvitation, Entry
from tests import factories
from tests.permissions.test_matrix import MATRIX, METHOD, url_for
from tests.permissions.world import ROLES, World, build_world

# The roles tried, in order, for a page: the first one that gets 200 is used.
PREFERRED = ("organizer", "site_admin", "judge", "agency_admin", "plain", "anonymous")

# Pages whose size is fixed by design, whatever the data: nothing to compare.
FIXED = {"set_language"}


def grow(world: World, n: int = 6) -> None:
    """More of everything that pages list, around the world's contest, round, agency and judge."""
    contest, round_ = world.contest, world.round
    question = factories.EntryQuestionFactory(contest=contest)
    criteria = [
        factories.CriterionFactory(round=round_, max_points=Decimal("20")) for _ in range(n // 2)
    ]
    for criterion in criteria:
        factories.LevelFactory(criterion=criterion, points=Decimal("20"))
    judges = [factories.JudgeFactory(contest=contest) for _ in range(n // 2)]
    for index in range(n):
        entry = factories.EntryFactory(
            contest=contest,
            agency=world.agency if index % 2 else factories.AgencyFactory(),
            status=Entry.Status.SUBMITTED,
            receipt_number=f"2026-{index + 100:04d}",
        )
        factories.AnswerFactory(entry=entry, question=question)
        for judge in [world.judge, *judges]:
            assignment = factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
            card = scorecard_open(round_=round_, judge=assignment.judge, entry=entry)
            Score.objects.bulk_create(
                Score(scorecard=card, criterion=c, value=Decimal("10")) for c in criteria
            )
        factories.AgencyMembershipFactory(agency=world.agency)
        AgencyInvitation.objects.create(
            agency=world.agency, email=f"invited{index}@example.kr", name="초대", token=f"t{index}"
        )
        factories.JoinRequestFactory()
        factories.ContestFactory(organizers=[world.users["organizer"]])


def _count(name: str, role: str, *, bigger: bool) -> tuple[int, int]:
    with transaction.atomic():
        world = build_world()
        if bigger:
            grow(world)
        client = world.client(role)
        url = url_for(name, world)
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        transaction.set_rollback(True)
    return status, len(queries)


def _reader(name: str) -> str:
    expected = dict(zip(ROLES, MATRIX[name], strict=True))
    return next(role for role in PREFERRED if expected[role] == 200)


PAGES = sorted(
    name
    for name, statuses in MATRIX.items()
    if METHOD.get(name, "GET") == "GET" and 200 in statuses and name not in FIXED
)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(name, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    role = _reader(name)
    small_status, small = _count(name, role, bigger=False)
    big_status, big = _count(name, role, bigger=True)
    assert (small_status, big_status) == (200, 200)
    assert big == small, f"{name} as {role}: {small} queries, then {big} with more data"
