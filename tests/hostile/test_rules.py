"""Issue 7, item 24: one `rules.py` per app, loaded by `AutodiscoverRulesConfig`, with the state
rules (may this entry still be edited, may this scorecard be reopened, is the scoring window open,
may the rubric still change) defined once and asked the same way by views and services."""

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rules
from django.conf import settings
from django.utils import timezone

from contests.rules import is_rubric_open
from scoring.models import Scorecard
from scoring.rules import window_open
from submissions.models import Entry
from submissions.rules import is_entry_editable, is_entry_reopenable, is_entry_withdrawable
from tests import factories as f

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = ("accounts", "contests", "submissions", "scoring")
PERMS = (
    "contests.create_contest",
    "contests.manage_contest",
    "contests.view_published_or_managed_contest",
    "contests.change_rubric",
    "submissions.view_agency",
    "submissions.manage_agency_members",
    "submissions.view_entry",
    "submissions.change_entry",
    "submissions.reopen_entry",
    "submissions.withdraw_entry",
    "submissions.decide_join_requests",
    "submissions.import_agencies",
    "scoring.view_judge_dashboard",
    "scoring.score_entry",
    "scoring.set_up_judging",
    "scoring.accept_invitation",
    "scoring.reopen_own_scorecard",
    "scoring.reopen_scorecard",
)


def test_item_24_no_permissions_module_is_left_in_any_app():
    left = sorted(
        str(path.relative_to(BASE_DIR))
        for app in APPS
        for path in (BASE_DIR / app).glob("permissions*.py")
    )
    assert left == []
    assert all((BASE_DIR / app / "rules.py").is_file() for app in APPS)


def test_item_24_autodiscovery_alone_loads_every_apps_rules():
    assert "rules.apps.AutodiscoverRulesConfig" in settings.INSTALLED_APPS
    # A fresh interpreter that only sets Django up: no view or service imports a rules module.
    code = (
        "import sys, django, rules; django.setup(); "
        f"print(sorted(m for m in sys.modules if m in {[f'{a}.rules' for a in APPS]!r})); "
        "print(rules.perm_exists('scoring.reopen_scorecard'))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == [repr(sorted(f"{a}.rules" for a in APPS)), "True"]


@pytest.mark.parametrize("name", PERMS)
def test_item_24_every_predicate_is_registered(name):
    assert rules.perm_exists(name)


def test_item_24_the_contest_access_helper_exists_once():
    from reports.views import exports
    from submissions.views import screening

    assert not hasattr(screening, "managed_contest")
    assert screening.manageable_contest is exports.manageable_contest


# ---- entries: may this entry still be edited / reopened / withdrawn ----


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "closed", "editable", "reopenable", "withdrawable"),
    [
        (Entry.Status.DRAFT, False, True, False, True),
        (Entry.Status.SUBMITTED, False, False, True, True),
        (Entry.Status.WITHDRAWN, False, False, False, False),
        (Entry.Status.DRAFT, True, False, False, False),
        (Entry.Status.SUBMITTED, True, False, False, False),
    ],
)
def test_item_24_entry_state_rules(status, closed, editable, reopenable, withdrawable):
    entry = f.EntryFactory(status=status)
    if closed:
        entry.contest.submission_closes_at = timezone.now() - dt.timedelta(minutes=1)
    assert (
        is_entry_editable(None, entry),
        is_entry_reopenable(None, entry),
        is_entry_withdrawable(None, entry),
    ) == (editable, reopenable, withdrawable)


@pytest.mark.django_db
def test_item_24_change_entry_needs_a_member_and_an_editable_entry():
    entry = f.EntryFactory()
    member = f.AgencyMembershipFactory(agency=entry.agency).user
    outsider = f.AgencyMembershipFactory().user
    assert rules.has_perm("submissions.change_entry", member, entry) is True
    assert rules.has_perm("submissions.change_entry", outsider, entry) is False
    entry.status = Entry.Status.SUBMITTED
    assert rules.has_perm("submissions.change_entry", member, entry) is False
    assert rules.has_perm("submissions.reopen_entry", member, entry) is True
    assert rules.has_perm("submissions.withdraw_entry", outsider, entry) is False


# ---- rubric: may it still change ----


@pytest.mark.django_db
def test_item_24_the_rubric_changes_only_before_the_first_score_site_admins_included():
    organizer = f.OrganizerFactory()
    round_ = f.RoundFactory(contest=f.ContestFactory(organizers=[organizer]))
    admin = f.AdminFactory()
    assert is_rubric_open(None, round_) is True
    assert rules.has_perm("contests.change_rubric", organizer, round_) is True
    assert rules.has_perm("contests.change_rubric", f.OrganizerFactory(), round_) is False
    round_.scoring_started_at = timezone.now()
    assert is_rubric_open(None, round_) is False
    assert rules.has_perm("contests.change_rubric", organizer, round_) is False
    # Django's user.has_perm lets every superuser through: state rules are asked via rules.has_perm.
    assert admin.has_perm("contests.change_rubric", round_) is True
    assert rules.has_perm("contests.change_rubric", admin, round_) is False


# ---- scorecards: the scoring window and reopening ----


def _window(round_, *, opened_minutes_ago: int, closes_in_minutes: int):
    now = timezone.now()
    round_.opens_at = now - dt.timedelta(minutes=opened_minutes_ago)
    round_.closes_at = now + dt.timedelta(minutes=closes_in_minutes)
    round_.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opened", "closes", "expected"),
    [(10, 10, True), (-5, 10, False), (20, -1, False), (0, 10, True), (10, 0, False)],
)
def test_item_24_scoring_window_is_open_from_opening_until_before_closing(opened, closes, expected):
    round_ = f.RoundFactory()
    _window(round_, opened_minutes_ago=opened, closes_in_minutes=closes)
    assert window_open(round_) is expected


@pytest.fixture
def submitted_card(db):
    card = f.ScorecardFactory(
        status=Scorecard.Status.SUBMITTED, submitted_at=timezone.now(), total=Decimal(0)
    )
    _window(card.round, opened_minutes_ago=10, closes_in_minutes=10)
    card.round.allow_reopen = True
    card.round.save()
    return card


def test_item_24_a_judge_reopens_their_own_submitted_card_only_where_the_round_allows(
    submitted_card,
):
    card, judge = submitted_card, submitted_card.judge.user
    other_judge = f.JudgeFactory(contest=card.round.contest).user
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is True
    assert rules.has_perm("scoring.reopen_own_scorecard", other_judge, card) is False
    card.round.allow_reopen = False
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is False
    card.round.allow_reopen = True
    _window(card.round, opened_minutes_ago=20, closes_in_minutes=-1)
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is False
    card.status = Scorecard.Status.DRAFT
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is False


def test_item_24_an_organizer_reopens_any_submitted_card_of_their_contest_at_any_time(
    submitted_card,
):
    card = submitted_card
    organizer = f.OrganizerFactory()
    card.round.contest.organizers.add(organizer)
    _window(card.round, opened_minutes_ago=20, closes_in_minutes=-1)
    card.round.allow_reopen = False
    assert rules.has_perm("scoring.reopen_scorecard", organizer, card) is True
    assert rules.has_perm("scoring.reopen_scorecard", f.OrganizerFactory(), card) is False
    assert rules.has_perm("scoring.reopen_scorecard", card.judge.user, card) is False
    card.status = Scorecard.Status.DRAFT
    assert rules.has_perm("scoring.reopen_scorecard", organizer, card) is False


def test_item_24_the_service_and_the_page_ask_the_same_reopen_rule(submitted_card):
    """The judge's page offers reopening exactly when the service accepts it."""
    from django.core.exceptions import ValidationError

    from scoring.services.scorecards import scorecard_reopen

    card, judge = submitted_card, submitted_card.judge.user
    card.round.allow_reopen = False
    card.round.save()
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is False
    with pytest.raises(ValidationError):
        scorecard_reopen(scorecard=card, by=judge)
    card.round.allow_reopen = True
    card.round.save()
    assert rules.has_perm("scoring.reopen_own_scorecard", judge, card) is True
    assert scorecard_reopen(scorecard=card, by=judge).status == Scorecard.Status.DRAFT
