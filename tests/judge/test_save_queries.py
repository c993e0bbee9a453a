"""Issue 10, Speed: one autosave is one transaction of at most eight queries, whatever the size
of the rubric or of the judge's assignments; fewer once the process has read the criterion of a
round whose rubric is locked (scoring started). On PostgreSQL the card, its changed scores and
the audit events are written by one statement (config.compiled.Batch: `WITH … UPDATE …, …
INSERT …`), five statements for a score saved over a stored one; elsewhere one statement each.

Counted: every statement the request sends (the session and the user included), except the
transaction's own markers (SAVEPOINT / RELEASE here, BEGIN / COMMIT in production), which are
asserted apart: exactly one transaction around all the work.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contests.models import Round
from scoring.models import Scorecard
from tests import factories
from tests.judge.conftest import Setup, submitted_entry

pytestmark = pytest.mark.django_db

JSON = "application/json"
CONTROL = re.compile(r"^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|BEGIN|COMMIT)\b")
TABLE = re.compile(r'^(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*?(?:FROM )?"(\w+)"', re.S)

SESSION_AND_USER = ["SELECT django_session", "SELECT accounts_user"]
LOCK = "SELECT scoring_scorecard"  # the judge's own card FOR UPDATE OF the card alone
# After the lock, its own statement: the scores, whether the result is finalized and the
# assignment still in effect (it sees what committed while the lock was awaited).
SCORES = "SELECT scoring_scorecard"
# The criterion with its levels: read once per process when the round's rubric is locked.
CRITERION = "SELECT contests_criterion"
ASSIGNED = "SELECT scoring_assignment"  # no card yet: the assignment in effect instead
CARD = "UPDATE scoring_scorecard"
EVENT = "INSERT INTO scoring_scoreevent"
SCORE_SAVE = [*SESSION_AND_USER, LOCK, SCORES, CRITERION]  # the criterion read
SCORE_AGAIN = [*SESSION_AND_USER, LOCK, SCORES]  # the criterion known
POSTGRESQL = connection.vendor == "postgresql"


def together(*labels: str) -> list[str]:
    """The writes of a config.compiled.Batch: one statement on PostgreSQL, one each elsewhere."""
    return [" + ".join(labels)] if POSTGRESQL else list(labels)


def _label(sql: str) -> str:
    """ "SELECT <table>" (the outer FROM, not a subquery's), "UPDATE <table>", …; the parts of
    a WITH of writes joined by " + "."""
    if sql.startswith("WITH "):
        parts = re.split(
            r"\), w\d+ AS \(|\) (?=INSERT|UPDATE|DELETE)", sql.removeprefix("WITH w0 AS (")
        )
        return " + ".join(_label(part) for part in parts)
    if sql.startswith("SELECT"):
        top = sql
        while "(" in top:  # drop subqueries and every other parenthesis, innermost first
            top = re.sub(r"\([^()]*\)", "", top)
        return "SELECT " + re.search(r'\bFROM "(\w+)"', top).group(1)
    verb, table = TABLE.match(sql).groups()
    return f"{verb} {table}"


class Counted:
    """The statements of one request, without the transaction markers. `outside`: those sent
    before the transaction (the session, the user, the read-only check of the assignment);
    every other statement is inside one transaction (checked)."""

    def __init__(self, ctx: CaptureQueriesContext):
        sqls = [query["sql"] for query in ctx.captured_queries]
        control = [i for i, sql in enumerate(sqls) if CONTROL.match(sql)]
        self.statements = [_label(sql) for sql in sqls if not CONTROL.match(sql)]
        self.outside = self.statements[: control[0]] if control else self.statements
        if control:  # one transaction, from its first marker to the last statement
            first, last = control[0], control[-1]
            assert sqls[first].startswith(("SAVEPOINT", "BEGIN")), sqls[first]
            assert sqls[last].startswith(("RELEASE SAVEPOINT", "COMMIT")), sqls[last]
            assert last == len(sqls) - 1
            outer = sqls[first].split()[-1]
            assert sum(sql == f"SAVEPOINT {outer}" for sql in sqls) == 1

    def __len__(self):
        return len(self.statements)


def _save(setup: Setup, client, name: str, value, base="", **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            setup.url("judge:save"),
            {name: value, "base": base, **extra},
            HTTP_ACCEPT="application/json",
        )
    return response, Counted(ctx)


@pytest.fixture
def setup(db):
    """The judge's card already has a comment and the round has started: the state of every
    save after a judge's first one."""
    world = Setup()
    client = world.client()
    response, _counted = _save(world, client, "comment", "검토 중")
    assert response.status_code == 200
    world.http = client
    return world


def _score(setup):
    return f"score-{setup.innovation.pk}"


def test_saving_a_score_is_eight_queries_in_one_transaction(setup):
    response, counted = _save(setup, setup.http, _score(setup), "27")
    assert (response.status_code, response.json()["version"]) == (200, 2)
    assert counted.statements == [*SCORE_SAVE, "INSERT INTO scoring_score", *together(CARD, EVENT)]
    assert counted.outside == SESSION_AND_USER
    assert len(counted) == (7 if POSTGRESQL else 8)
    # A new value over a stored one: the score row is updated, not inserted; the criterion of
    # this round (its rubric locked) is not read again.
    response, counted = _save(setup, setup.http, _score(setup), "25", base="27")
    assert response.json()["value"] == "25"
    assert counted.statements == [*SCORE_AGAIN, *together(CARD, "UPDATE scoring_score", EVENT)]
    assert len(counted) == (5 if POSTGRESQL else 7)


def test_choosing_a_level_is_eight_queries(setup):
    response, counted = _save(setup, setup.http, f"level-{setup.innovation.pk}", setup.good.pk)
    assert (response.json()["value"], response.json()["level"]) == ("24", setup.good.pk)
    assert counted.statements == [*SCORE_SAVE, "INSERT INTO scoring_score", *together(CARD, EVENT)]


def test_clearing_a_score_is_eight_queries(setup):
    _save(setup, setup.http, _score(setup), "20")
    response, counted = _save(setup, setup.http, _score(setup), "", base="20", clear="1")
    assert (response.status_code, response.json()["value"]) == (200, "")
    assert counted.statements == [*SCORE_AGAIN, "DELETE FROM scoring_score", *together(CARD, EVENT)]


def test_saving_the_comment_is_six_queries(setup):
    response, counted = _save(setup, setup.http, "comment", "확산 가능성이 높음", base="검토 중")
    assert (response.status_code, response.json()["value"]) == (200, "확산 가능성이 높음")
    assert counted.statements == [*SESSION_AND_USER, LOCK, SCORES, *together(CARD, EVENT)]


def test_a_stale_save_is_refused_in_four_queries(setup):
    _save(setup, setup.http, _score(setup), "25")
    # Another window still knew the field empty: 409, the stored value comes back.
    response, counted = _save(setup, setup.http, _score(setup), "10", base="")
    assert (response.status_code, response.json()["value"]) == (409, "25")
    assert counted.statements == [*SESSION_AND_USER, LOCK, SCORES]


def test_a_refused_value_and_a_resent_value_write_nothing(setup):
    _save(setup, setup.http, _score(setup), "25")
    response, counted = _save(setup, setup.http, _score(setup), "31", base="25")
    assert response.status_code == 422
    assert counted.statements == [*SESSION_AND_USER, LOCK, SCORES]
    response, counted = _save(setup, setup.http, _score(setup), "25", base="")
    assert (response.status_code, response.json()["state"]) == (200, "saved")
    assert counted.statements == [*SESSION_AND_USER, LOCK, SCORES]


def test_the_first_save_of_a_card_is_eight_queries_too(setup):
    """No card yet: the lock finds none, the assignment is read instead (after the lock, with
    `finalized`), the card is inserted with its first change (in a savepoint of its own:
    another window may create it meanwhile)."""
    entry = submitted_entry(setup.contest, n=2)
    factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entry)
    setup.entry = entry
    response, counted = _save(setup, setup.http, _score(setup), "27")
    assert (response.status_code, response.json()["version"]) == (200, 1)
    assert counted.statements == [
        *SESSION_AND_USER, LOCK, ASSIGNED, CRITERION,
        "INSERT INTO scoring_scorecard", "INSERT INTO scoring_score", EVENT,
    ]  # fmt: skip


def test_the_rounds_very_first_save_also_marks_scoring_started():
    setup = Setup()
    response, counted = _save(setup, setup.client(), _score(setup), "27")
    assert response.status_code == 200
    assert counted.statements[-1] == "UPDATE contests_round"
    assert len(counted) == 9  # once in a round's life
    assert Round.objects.get(pk=setup.round.pk).scoring_started_at is not None


def _world(criteria: int, entries: int):
    """An open round with `criteria` criteria (each with three levels) and one judge assigned
    `entries` entries; the judge's card of the first entry has a comment."""
    now = timezone.now()
    round_ = factories.RoundFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1),
        scoring_started_at=now,
    )  # fmt: skip
    rubric = []
    for n in range(criteria):
        criterion = factories.CriterionFactory(round=round_, max_points=Decimal("10"), order=n)
        for k, points in enumerate(("10", "8", "6")):
            factories.LevelFactory(criterion=criterion, label=f"L{k}", points=points, order=k)
        rubric.append(criterion)
    judge = factories.JudgeFactory(contest=round_.contest)
    assigned = [submitted_entry(round_.contest, n=n + 1) for n in range(entries)]
    for entry in assigned:
        factories.AssignmentFactory(round=round_, judge=judge, entry=entry)
    Scorecard.objects.create(
        round=round_, judge=judge, entry=assigned[0], comment="메모", version=1
    )
    return round_, rubric, judge, assigned[0]


@pytest.mark.parametrize(("criteria", "entries"), [(3, 1), (30, 1), (3, 40), (30, 40)])
def test_the_count_does_not_grow_with_the_rubric_or_the_assignments(criteria, entries):
    from django.test import Client
    from django.urls import reverse

    round_, rubric, judge, entry = _world(criteria, entries)
    client = Client()
    client.force_login(judge.user)
    url = reverse("judge:save", args=[round_.pk, entry.pk])
    counts = []
    for data in (
        {f"score-{rubric[-1].pk}": "7", "base": ""},
        {f"level-{rubric[0].pk}": str(rubric[0].levels.first().pk), "base": ""},
        {f"score-{rubric[-1].pk}": "", "base": "7", "clear": "1"},
        {"comment": "다시 봄", "base": "메모"},
    ):
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(url, data, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content
        counts.append(len(Counted(ctx)))
    # The first save of each criterion reads it; the clear finds it known; the comment needs none.
    assert counts == ([7, 7, 6, 5] if POSTGRESQL else [8, 8, 7, 6])


def test_a_stranger_is_answered_404_without_reading_or_locking_a_card(setup):
    stranger = factories.JudgeFactory(contest=setup.contest)
    client = setup.client(stranger.user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            setup.url("judge:save"),
            {_score(setup): "3", "base": ""},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 404
    statements = [_label(q["sql"]) for q in ctx.captured_queries if not CONTROL.match(q["sql"])]
    # The lock asks for the stranger's own card (there is none: nothing is locked), then the
    # stranger's assignment (none); the rest is the 404 page's navigation, and nothing written.
    assert statements[:4] == [*SESSION_AND_USER, LOCK, ASSIGNED]
    assert not [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]


def _commented(setup):
    Round.objects.filter(pk=setup.round.pk).update(criterion_comments=True)
    return f"ccomment-{setup.innovation.pk}"


def test_saving_a_comment_on_a_criterion_is_eight_queries(setup):
    """Issue 10, item 3: the stored comment is read with the scores (no statement of its own);
    a first comment is inserted, a changed one updated, an emptied one deleted."""
    name = _commented(setup)
    response, counted = _save(setup, setup.http, name, "새로운 방식임")
    assert (response.status_code, response.json()["value"]) == (200, "새로운 방식임")
    inserted = "INSERT INTO scoring_criterioncomment"
    assert counted.statements == [*SCORE_SAVE, inserted, *together(CARD, EVENT)]
    assert len(counted) == (7 if POSTGRESQL else 8)
    response, counted = _save(setup, setup.http, name, "매우 새로움", base="새로운 방식임")
    assert response.json()["value"] == "매우 새로움"
    updated = "UPDATE scoring_criterioncomment"
    assert counted.statements == [*SCORE_AGAIN, updated, *together(CARD, EVENT)]
    response, counted = _save(setup, setup.http, name, "", base="매우 새로움")
    assert (response.status_code, response.json()["value"]) == (200, "")
    deleted = "DELETE FROM scoring_criterioncomment"
    assert counted.statements == [*SCORE_AGAIN, deleted, *together(CARD, EVENT)]
