"""The organizer's timeline of a contest (scoring.selectors.timeline): the stages in order, their
state, summary with counts, what is missing and the next action, through a contest's whole life;
its counts equal the progress board's; a fixed number of queries; shown to organizers only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from scoring.models import Assignment, Scorecard
from scoring.selectors.progress import progress_board, rounds_totals
from scoring.selectors.timeline import contest_timeline
from scoring.services.results import results_publish, round_finalize
from submissions.models import Entry
from tests import factories as f
from tests.contests.conftest import at
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db

NAMES = [
    "Call for entries",
    "Submission",
    "Screening",
    "Assignment",
    "Round 1 judging",
    "Advancement confirmed",
    "Round 2 judging",
    "Results finalized",
    "Announcement",
    "Objections",
]
NO_OBJECTION = "Filed 0 · Under review 0 · Answered 0"


def md(value) -> str:
    """How the timeline writes a moment in English: month, day and time in Korea time."""
    local = timezone.localtime(value)
    return f"{local:%B} {local.day} {local:%H:%M}"


def rows(stages) -> list[tuple]:
    """(key, state, summary, missing (text, url), action (label, url) or None) per stage."""
    return [
        (
            s.key,
            s.state,
            s.summary,
            [(m.text, m.url) for m in s.missing],
            (s.action.label, s.action.url) if s.action else None,
        )
        for s in stages
    ]


def url(name, contest, *args, query=""):
    return reverse(name, args=[contest.pk, *args]) + query


def test_a_new_draft_says_what_to_set_up_before_anything_else(organizer):
    contest = f.ContestFactory(
        organizers=[organizer], is_published=False,
        submission_opens_at=at(3, 2), submission_closes_at=at(4, 30, 18),
    )  # fmt: skip
    stages = contest_timeline(contest, now=at(2, 1))
    assert [s.name for s in stages] == NAMES
    fix = [
        ("Add at least one category.", url("contests:categories", contest)),
        ("Add at least one round.", url("contests:round_create", contest)),
        ("Add at least one entry question.", url("contests:questions", contest)),
    ]
    no_round = "No round yet."
    assert rows(stages) == [
        ("publish", "current", "Draft: only organizers can see it", fix,
         ("Complete the set-up", url("contests:categories", contest))),
        ("submission", "upcoming", "Submitted 0 · Drafts 0, opens March 2 09:00", [], None),
        ("screening", "upcoming", "Eligible 0 · Ineligible 0 · Not screened 0", [], None),
        ("assignment", "upcoming", no_round, [],
         ("Add a round", url("contests:round_create", contest))),
        ("round-1", "upcoming", no_round, [], None),
        ("advancement-1", "not_applicable", no_round, [], None),
        ("round-2", "not_applicable", no_round, [], None),
        ("final", "upcoming", no_round, [], None),
        ("announcement", "upcoming", "Not published yet.", [], None),
        ("objection", "upcoming", f"{NO_OBJECTION}, no objection period set", [], None),
    ]  # fmt: skip
    assert [s.state_label for s in stages[:3]] == ["In progress", "Upcoming", "Upcoming"]
    assert stages[5].state_label == "Not applicable"


def test_a_complete_draft_is_one_step_from_publishing(organizer):
    contest = f.ContestFactory(organizers=[organizer], is_published=False)
    f.CategoryFactory(contest=contest)
    f.CriterionFactory(round=f.RoundFactory(contest=contest))
    f.EntryQuestionFactory(contest=contest)
    publish = contest_timeline(contest)[0]
    assert (publish.state, publish.missing) == ("current", [])
    assert (publish.action.label, publish.action.url) == (
        "Publish the contest",
        url("contests:edit", contest) + "#id_is_published",
    )


def timeline_scene(organizer):
    """tests/results/pages_scene.py's two rounds, submission closed five days ago, with an entry
    question, 3 judges per entry in round 1 and 2 in round 2; six entries screened eligible, one
    not screened (2026-0007); an ineligible entry, a draft and a withdrawn one beside them.
    Round 1 is open, every card submitted but 라심사's one (21 of 22)."""
    scene = build_scene(organizer)
    contest, now = scene.contest, timezone.now()
    contest.submission_opens_at = now - dt.timedelta(days=30)
    contest.submission_closes_at = now - dt.timedelta(days=5)
    contest.save()
    f.EntryQuestionFactory(contest=contest)
    Round.objects.filter(pk=scene.round1.pk).update(judges_per_entry=3)
    Round.objects.filter(pk=scene.round2.pk).update(judges_per_entry=2)
    scene.round1.refresh_from_db()
    scene.round2.refresh_from_db()
    Entry.objects.filter(contest=contest).exclude(receipt_number="2026-0007").update(
        eligibility=Entry.Eligibility.ELIGIBLE
    )
    submitted = {"contest": contest, "category": scene.central, "submitted_at": now}
    f.EntryFactory(**submitted, status=Entry.Status.SUBMITTED, receipt_number="2026-0008",
                   eligibility=Entry.Eligibility.INELIGIBLE)  # fmt: skip
    f.EntryFactory(contest=contest, category=scene.central, status=Entry.Status.DRAFT)
    f.EntryFactory(contest=contest, category=scene.local, status=Entry.Status.WITHDRAWN)
    return scene


@pytest.fixture
def scene(organizer):
    return timeline_scene(organizer)


def test_the_stages_follow_the_contest_from_judging_to_publication(scene, organizer):
    contest, round1, round2 = scene.contest, scene.round1, scene.round2
    pending = url("screening:list", contest, query="?status=submitted&screening=pending")
    closed = f"closed {md(contest.submission_closes_at)}"
    start = [
        ("publish", "done", "Published: agencies can see it.", [], None),
        ("submission", "done", f"Submitted 8 · Drafts 1 · Withdrawn 1, {closed}", [], None),
        ("screening", "current", "Eligible 6 · Ineligible 1 · Not screened 1",
         [("1 submitted entry is not screened yet.", pending)],
         ("Screen the remaining entries", pending)),
        ("assignment", "done", "Fully assigned 7/7 · Short 0 · Judges 4", [], None),
    ]  # fmt: skip
    closes1, closes2 = f"closes {md(round1.closes_at)}", f"closes {md(round2.closes_at)}"
    progress1 = url("control:progress", contest, query=f"?round={round1.pk}")

    # Round 1 open: 라심사 has not submitted the one card 다른 judges have.
    stages = contest_timeline(contest)
    assert rows(stages) == [
        *start,
        ("round-1", "current", f"Submitted scorecards 21/22, {closes1}", [],
         ("See the scoring progress", progress1)),
        ("advancement-1", "upcoming", "Top N per category: 2", [], None),
        ("round-2", "upcoming", f"Submitted scorecards 0/0, {closes2}", [], None),
        ("final", "upcoming", "Not finalized yet.", [], None),
        ("announcement", "upcoming", "Not published yet.", [], None),
        ("objection", "upcoming", f"{NO_OBJECTION}, no objection period set", [], None),
    ]  # fmt: skip
    assert [s.subject for s in stages[3:8]] == [
        "Written review", "Written review", "Written review", "Presentation", "Presentation",
    ]  # fmt: skip

    # Round 1 finalized (라심사's card excluded): four entries advance, none has judges yet.
    scene.finish_round1()
    under = url("control:progress", contest,
                query=f"?round={round2.pk}&coverage=under#entries-title")  # fmt: skip
    assert rows(contest_timeline(contest))[4:8] == [
        ("round-1", "done", f"Submitted scorecards 21/22, {closes1}", [], None),
        ("advancement-1", "done", "4 entries advanced to Presentation", [], None),
        ("round-2", "current", f"Submitted scorecards 0/0, {closes2}",
         [("4 entries have fewer judges than the round asks for.", under)],
         ("Assign judges", url("judging:matrix", contest, round2.pk))),
        ("final", "upcoming", "Not finalized yet.", [], None),
    ]  # fmt: skip

    # Round 2 scored: the results wait to be finalized.
    scene.score_round2()
    finalize = url("results:round", contest, round2.pk)
    assert rows(contest_timeline(contest))[6:9] == [
        ("round-2", "done", f"Submitted scorecards 8/8, {closes2}", [], None),
        ("final", "current", "Not finalized yet.", [], ("Finalize the results", finalize)),
        ("announcement", "upcoming", "Not published yet.", [], None),
    ]

    result = round_finalize(round_=round2, by=organizer)
    publish = url("results:index", contest) + "#publish-title"
    assert rows(contest_timeline(contest))[7:9] == [
        ("final", "done", f"Finalized {md(result.at)}", [], None),
        ("announcement", "current", "Not published yet.", [], ("Publish the results", publish)),
    ]

    published = results_publish(contest=contest, by=organizer, scores=True, ranks=True)
    stages = contest_timeline(published)
    assert stages[8].summary == f"Published {md(published.results_published_at)}"
    assert [s.state for s in stages] == ["done"] * 2 + ["current"] + ["done"] * 6 + ["current"]
    objections = url("objections:list", contest)
    assert rows(stages)[9] == (
        "objection", "current", f"{NO_OBJECTION}, no objection period set",
        [("No objection period is set: agencies cannot file objections.", objections)],
        ("Set the objection period", objections),
    )  # fmt: skip


def test_the_timeline_counts_what_the_progress_board_counts(scene):
    scene.finish_round1()
    scene.score_round2()
    # A card of an entry screened out afterwards is withdrawn from the count, on both.
    Entry.objects.filter(receipt_number="2026-0005").update(
        eligibility=Entry.Eligibility.INELIGIBLE
    )
    rounds = [scene.round1, scene.round2]
    totals = rounds_totals(rounds)
    assert totals == {r.pk: progress_board(r).totals for r in rounds}
    assert (totals[scene.round2.pk].assigned, totals[scene.round2.pk].withdrawn) == (6, 2)


def test_three_rounds_a_round_without_advancement_and_scorecards_missing_after_the_deadline(
    organizer,
):
    contest = f.ContestFactory(organizers=[organizer], submission_opens_at=at(3, 2),
                               submission_closes_at=at(4, 30, 18))  # fmt: skip
    window = {"opens_at": at(5, 1), "closes_at": at(5, 15, 18)}
    written = f.RoundFactory(contest=contest, name_en="Written", order=0, judges_per_entry=1,
                             weight=Decimal("20"), **window)  # fmt: skip
    f.RoundFactory(contest=contest, name_en="Talk", order=1, weight=Decimal("30"),
                   opens_at=at(6, 1), closes_at=at(6, 5, 18))  # fmt: skip
    f.RoundFactory(contest=contest, name_en="Vote", order=2, weight=Decimal("50"),
                   opens_at=at(6, 10), closes_at=at(6, 12, 18))  # fmt: skip
    judge = f.JudgeFactory(contest=contest)
    entries = [f.EntryFactory(contest=contest, status=Entry.Status.SUBMITTED) for _ in range(2)]
    for entry in entries:
        Assignment.objects.create(round=written, judge=judge, entry=entry)
    f.ScorecardFactory(
        assignment=Assignment.objects.get(entry=entries[0]), version=1,
        status=Scorecard.Status.SUBMITTED, total=Decimal("50"),
    )  # fmt: skip
    stages = contest_timeline(contest, now=at(5, 20))
    assert [s.key for s in stages] == [
        "publish", "submission", "screening", "assignment", "round-1", "advancement-1", "round-2",
        "advancement-2", "round-3", "final", "announcement", "objection",
    ]  # fmt: skip
    assert stages[8].name == "Round 3 judging"
    results = url("results:round", contest, written.pk)
    assert rows(stages)[4:6] == [
        ("round-1", "current", "Submitted scorecards 1/2, closed May 15 18:00",
         [("1 scorecard was not submitted by the deadline.", results)],
         ("Decide on the missing scorecards", results)),
        ("advancement-1", "not_applicable", "Written has no advancement rule.", [], None),
    ]  # fmt: skip
    # Without an advancement rule both entries take part in round 2 at once, unassigned.
    assert rows(stages)[6][1:] == (
        "upcoming", "Submitted scorecards 0/0, opens June 1 09:00", [], None,
    )  # fmt: skip
    talk = stages[6]
    under = url("control:progress", contest,
                query=f"?round={talk_round(contest).pk}&coverage=under#entries-title")  # fmt: skip
    assert rows(contest_timeline(contest, now=at(6, 2)))[6] == (
        "round-2", "current", "Submitted scorecards 0/0, closes June 5 18:00",
        [("2 entries have fewer judges than the round asks for.", under)],
        ("Assign judges", url("judging:matrix", contest, talk_round(contest).pk)),
    )  # fmt: skip
    assert talk.subject == "Talk"


def test_entries_without_judges_ask_for_judges_to_be_invited(organizer):
    contest = f.ContestFactory(organizers=[organizer], submission_opens_at=at(3, 2),
                               submission_closes_at=at(4, 30, 18))  # fmt: skip
    round_ = f.RoundFactory(contest=contest, opens_at=at(5, 1), closes_at=at(5, 15, 18))
    f.EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)
    invite = url("judging:invite", contest)
    under = url("control:progress", contest,
                query=f"?round={round_.pk}&coverage=under#entries-title")  # fmt: skip
    assert rows(contest_timeline(contest, now=at(4, 30, 19)))[3] == (
        "assignment", "current", "Fully assigned 0/1 · Short 1 · Judges 0",
        [("No judge yet.", invite), ("1 entry has fewer judges than the round asks for.", under)],
        ("Invite judges", invite),
    )  # fmt: skip


def talk_round(contest):
    return contest.rounds.get(name_en="Talk")


def grow(contest, rounds, n: int) -> None:
    """n more submitted entries, each assigned to three new judges in every round, one card
    submitted and one saved as a draft per entry and round."""
    judges = [f.JudgeFactory(contest=contest) for _ in range(3)]
    for _ in range(n):
        entry = f.EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)
        for round_ in rounds:
            for index, judge in enumerate(judges):
                assignment = Assignment.objects.create(round=round_, judge=judge, entry=entry)
                if index == 0:
                    f.ScorecardFactory(assignment=assignment, version=1, total=Decimal("9"),
                                       status=Scorecard.Status.SUBMITTED)  # fmt: skip
                elif index == 1:
                    f.ScorecardFactory(assignment=assignment, version=1)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_a_fixed_number_of_queries_whatever_the_entries_judges_and_scorecards(organizer):
    contest = f.ContestFactory(organizers=[organizer])
    rounds = [f.RoundFactory(contest=contest, order=n, weight=Decimal("50"),
                             advancement=Round.Advancement.NONE) for n in range(2)]  # fmt: skip
    grow(contest, rounds, 2)
    small = _queries(lambda: contest_timeline(contest))
    grow(contest, rounds, 12)
    # 11, then one aggregate query for the objections and one for the presentation schedules
    # (two more when a round has one: tests/contests/test_timeline_late.py).
    assert _queries(lambda: contest_timeline(contest)) == small == 13
    assert contest_timeline(contest)[4].summary.startswith("Submitted scorecards 14/42")
    # The same with a third round: the number of rounds does not add queries either.
    f.RoundFactory(contest=contest, order=2, weight=Decimal("0"))
    assert _queries(lambda: contest_timeline(contest)) == small


def test_organizers_see_the_timeline_first_and_nobody_else_does(
    client, organizer_client, login, scene
):
    detail = reverse("contests:detail", args=[scene.contest.pk])
    page = organizer_client.get(detail).content.decode()
    timeline = page.index('<section class="contest-timeline"')
    assert page.index('<div class="contest-actions">') < timeline < page.index('id="basics-title"')
    assert '<ol class="timeline-stages">' in page
    assert page.count('<li class="timeline-stage ') == 10
    assert page.count('aria-current="step"') == 2  # screening and round 1
    assert 'data-stage="round-1" data-state="current"' in page
    assert "Submitted scorecards 21/22" in page
    assert "css/timeline.css" in page
    member = f.AgencyMembershipFactory().user
    judge = scene.judges[0].user
    for other in (client, login(member), login(judge)):
        html = other.get(detail).content.decode()
        assert "contest-timeline" not in html
        assert "css/timeline.css" not in html
