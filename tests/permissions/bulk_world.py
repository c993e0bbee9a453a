"""The permission world's contest at a chosen size, built with bulk_create, for
test_listing_queries.py.

`prepare` turns the world's round into one being judged (open since yesterday, scoring started,
three criteria, a question, two panels); `grow` then adds, around the world's objects, what every
listing page lists. The entries, their assignments, submitted scorecards and scores come from
tests/results/bulk.py (`scored_entries`, seeded); this module adds the rest around them:

- judges: `judges` more, in the two panels by turns; the entries are assigned (three per entry)
  to the world's judge and every judge added here, so each judge's own lists grow too;
- entries: `entries` more, in the world's categories; every tenth belongs to the world's agency
  (its members' lists grow); every fifth stays unscreened, the rest are eligible; of their
  scorecards a third is turned back into drafts (their scores kept) and a sixth removed (not
  started), each submitted one with its audit event; one answer per question and one attachment
  row (no file: no listing page opens one) per entry;
- `rows` more of each smaller list: conflicts, judge invitations, members and invitations of the
  world's agency, memberships of its admin in other agencies, pending join requests,
  co-organizers, contests of the world's organizer, announcements to the world's agency, dismissed
  objections (one each on the first `rows` new entries), award tiers of one award each (every
  other one per category), and audit events on the world's scorecard.

`finalize` then makes the round final and publishes the results (see its docstring), for the
pages that list a final result.

Calling `grow` again adds more of each (numbers and e-mail addresses carry on), so a test can
measure at one size and then grow the same contest to the next.
"""

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from contests.models import AwardTier, Contest, EntryQuestion, Panel, Round
from scoring.models import (
    Announcement,
    Assignment,
    Conflict,
    Judge,
    JudgeInvitation,
    Objection,
    ResultExclusion,
    Score,
    Scorecard,
    ScoreEvent,
    TieDecision,
)
from scoring.selectors.results import round_inputs
from scoring.services.results import results_publish, round_finalize, tie_decide
from submissions.models import (
    AgencyInvitation,
    AgencyMembership,
    Answer,
    Attachment,
    Entry,
    JoinRequest,
)
from tests import factories
from tests.permissions.world import World
from tests.results.bulk import scored_entries

PER_ENTRY = 3
TAG = "bulk"  # starts every e-mail address and code made here


def prepare(world: World) -> None:
    """The world's round, open and being scored, with a rubric of three criteria, a question to
    answer and two panels."""
    now = timezone.now()
    Round.objects.filter(pk=world.round.pk).update(
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        scoring_started_at=now,
    )
    world.round.refresh_from_db()
    for _ in range(2):
        factories.CriterionFactory(round=world.round, max_points=Decimal(20))
    factories.EntryQuestionFactory(contest=world.contest)
    for n in range(2):
        factories.PanelFactory(round=world.round, name_ko=f"심사단 {n + 1}", weight=Decimal(50))


def _users(prefix: str, start: int, count: int, **fields) -> list[User]:
    return User.objects.bulk_create(
        User(email=f"{TAG}-{prefix}{start + n}@example.kr", name=f"{prefix} {start + n}",
             password="!", **fields)
        for n in range(count)
    )  # fmt: skip


def _judges(world: World, start: int, count: int) -> list[Judge]:
    judges = Judge.objects.bulk_create(
        Judge(contest=world.contest, user=user) for user in _users("judge", start, count)
    )
    panels = list(Panel.objects.filter(round=world.round).order_by("pk"))
    Judge.panels.through.objects.bulk_create(
        Judge.panels.through(judge=judge, panel=panels[n % len(panels)])
        for n, judge in enumerate(judges)
    )
    return judges


def _mix_cards(world: World, entries: list[Entry]) -> None:
    """A third of the new cards back to draft, a sixth removed; an audit event per submitted."""
    cards = list(Scorecard.objects.filter(entry__in=entries).select_related("judge").order_by("pk"))
    drafts = [card.pk for n, card in enumerate(cards) if n % 6 in (1, 3)]
    gone = [card.pk for n, card in enumerate(cards) if n % 6 == 5]
    Scorecard.objects.filter(pk__in=drafts).update(
        status=Scorecard.Status.DRAFT, total=None, submitted_at=None
    )
    Score.objects.filter(scorecard__in=gone).delete()
    Scorecard.objects.filter(pk__in=gone).delete()
    ScoreEvent.objects.bulk_create(
        ScoreEvent(scorecard=card, field=ScoreEvent.Field.STATUS, old="draft", new="submitted",
                   by_id=card.judge.user_id)
        for n, card in enumerate(cards)
        if n % 6 in (0, 2, 4)
    )  # fmt: skip


def _entries(world: World, start: int, count: int, judges: list[Judge]) -> list[Entry]:
    contest = world.contest
    categories = list(contest.categories.order_by("pk"))
    criteria = list(world.round.criteria.order_by("order", "pk"))
    entries = scored_entries(
        world.round, categories, judges, criteria, count, per_entry=PER_ENTRY, start=start,
        seed=start,
    )  # fmt: skip
    ours = [e.pk for n, e in enumerate(entries) if (start + n) % 10 == 0]
    Entry.objects.filter(pk__in=ours).update(agency=world.agency)
    unscreened = {e.pk for n, e in enumerate(entries) if (start + n) % 5 == 0}
    Entry.objects.filter(pk__in=[e.pk for e in entries if e.pk not in unscreened]).update(
        eligibility=Entry.Eligibility.ELIGIBLE
    )
    _mix_cards(world, entries)
    Answer.objects.bulk_create(
        Answer(entry=entry, question=question, text=f"추진 내용 {entry.pk}")
        for question in EntryQuestion.objects.filter(contest=contest)
        for entry in entries
    )
    Attachment.objects.bulk_create(
        Attachment(entry=entry, file=f"attachments/{contest.pk}/{TAG}-{entry.pk}.pdf",
                   original_name=f"추진성과 {entry.pk}.pdf", kind=Attachment.Kind.PDF, size=1024,
                   sha256="0" * 64)
        for entry in entries
    )  # fmt: skip
    return entries


def _around(world: World, start: int, rows: int, judges: list[Judge], entries: list[Entry]):
    """`rows` more of each smaller list."""
    contest, organizer = world.contest, world.users["organizer"]
    assigned = set(Assignment.objects.filter(entry__in=entries).values_list("judge_id", "entry_id"))
    free = ((j, e) for e in entries for j in judges if (j.pk, e.pk) not in assigned)
    Conflict.objects.bulk_create(
        Conflict(judge=judge, entry=entry, kind=Conflict.Kind.CHALLENGE, reason="공동 연구",
                 recorded_by=organizer)
        for (judge, entry), _n in zip(free, range(rows), strict=False)
    )  # fmt: skip
    JudgeInvitation.objects.bulk_create(
        JudgeInvitation(contest=contest, email=f"{TAG}-invited{start + n}@example.kr",
                        name=f"초대 {start + n}", token=f"{TAG}-judge-{start + n}",
                        invited_by=organizer)
        for n in range(rows)
    )  # fmt: skip
    AgencyMembership.objects.bulk_create(
        AgencyMembership(agency=world.agency, user=user) for user in _users("member", start, rows)
    )
    AgencyMembership.objects.bulk_create(
        AgencyMembership(agency=entry.agency, user=world.users["agency_admin"])
        for entry in entries[:rows]
    )
    AgencyInvitation.objects.bulk_create(
        AgencyInvitation(agency=world.agency, email=f"{TAG}-colleague{start + n}@example.kr",
                         name=f"동료 {start + n}", token=f"{TAG}-agency-{start + n}")
        for n in range(rows)
    )  # fmt: skip
    JoinRequest.objects.bulk_create(
        JoinRequest(user=user, agency=world.agency, position="주무관")
        for user in _users("asker", start, rows)
    )
    contest.organizers.add(*_users("organizer", start, rows, is_organizer=True))
    organizer.organized_contests.add(
        *Contest.objects.bulk_create(factories.ContestFactory.build_batch(rows))
    )
    announcements = Announcement.objects.bulk_create(
        Announcement(contest=contest, title=f"공지 {start + n}", body="심사 일정을 알립니다.",
                     audience=Announcement.Audience.ALL, agency_count=1, recipient_count=2,
                     key=uuid.uuid4(), sent_by=organizer)
        for n in range(rows)
    )  # fmt: skip
    Announcement.agencies.through.objects.bulk_create(
        Announcement.agencies.through(announcement=a, agency=world.agency) for a in announcements
    )
    number = Objection.objects.filter(contest=contest).count()
    Objection.objects.bulk_create(
        Objection(contest=contest, number=number + n + 1, entry=entry, concern="scores",
                  round=world.round, text="점수 산정 오류", filed_by=world.users["agency_admin"],
                  status=Objection.Status.DISMISSED, answer="오류 없음", answered_by=organizer,
                  answered_at=timezone.now())
        for n, entry in enumerate(e for e in entries[:rows])
    )  # fmt: skip
    AwardTier.objects.bulk_create(
        AwardTier(contest=contest, name_ko=f"장려상 {start + n}", name_en=f"Award {start + n}",
                  order=start + n, per_category=n % 2 == 1)
        for n in range(rows)
    )  # fmt: skip
    ScoreEvent.objects.bulk_create(
        ScoreEvent(scorecard=world.scorecard, field=ScoreEvent.Field.SCORE,
                   criterion=world.criterion, old=str(n), new=str(n + 1), by=world.judge.user)
        for n in range(rows)
    )  # fmt: skip


def grow(world: World, *, entries: int, judges: int, rows: int) -> None:
    """`entries` more submitted entries in the world's contest, `judges` more judges and `rows`
    more of every smaller list (see the module's docstring)."""
    start = Entry.objects.filter(contest=world.contest).count() + 1
    added = _judges(world, start, judges)
    pool = [world.judge, *Judge.objects.filter(contest=world.contest, user__email__startswith=TAG)]
    new = _entries(world, start, entries, pool)
    _around(world, start, rows, added, new)


def finalize(world: World) -> None:
    """The round made final and published: judged by the mean of everyone's totals (its panels
    and trimming removed, as the few judges of an entry cannot fill them), the world's own
    scorecard filled and submitted, every other scorecard not submitted excluded and every tie
    decided in receipt order (one decision per ranking, with reasons), the round finalized and
    the results published with their scores and ranks (the services)."""
    organizer, card = world.users["organizer"], world.scorecard
    Panel.objects.filter(round=world.round).delete()
    Round.objects.filter(pk=world.round.pk).update(method=Round.Method.MEAN, trim_count=0)
    round_ = Round.objects.get(pk=world.round.pk)
    criteria = list(round_.criteria.all())
    Score.objects.bulk_create(
        Score(scorecard=card, criterion=criterion, value=Decimal(10)) for criterion in criteria
    )
    Scorecard.objects.filter(pk=card.pk).update(
        status=Scorecard.Status.SUBMITTED, version=len(criteria), total=10 * len(criteria),
        submitted_at=timezone.now(),
    )  # fmt: skip
    data = round_inputs(round_)
    ResultExclusion.objects.bulk_create(
        ResultExclusion(round=round_, judge_id=judge.pk, entry_id=entry.pk, reason="미제출",
                        by=organizer)
        for judge, entry in data.unsubmitted
    )  # fmt: skip
    for scope in TieDecision.Scope.values:  # one order that covers every tie
        tie_decide(round_=round_, scope=scope, entries=sorted(data.entries), reason="추첨",
                   by=organizer)  # fmt: skip
    round_finalize(round_=round_, by=organizer)
    results_publish(contest=world.contest, by=organizer, scores=True, ranks=True)
