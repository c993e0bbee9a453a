"""The data of bench/load_stack.py, in its scratch database: built once the stack has migrated
it (before any request is sent), and checked after the stack stopped.

- The judged contest: `manage.py bench_data` size S (or L, or with --tiny the tests' size T with
  24 entries) through scoring.demo.bench_data. The honest judges are the first --judges judges; the
  hostile clients' own cards belong to the next ones. Each drives its cards not yet submitted (at
  L, where every card is submitted, those judges' cards are first set back to draft, as an
  organizer's reopen would). Organizers: the contest's, and more added to the contest, each with
  TOTP set up (production asks organizers for it).
- The second contest, whose window the run closes: a small size "C" of bench_data (a judge per
  closed-window client, at least 3; 6 cards each, 3 criteria, nothing scored yet).
- Sessions are made directly in the database (bench/load_common.login); SECRET_KEY is the stack's.
"""

from dataclasses import dataclass, field

from bench import load_common
from bench.load_stack_http import Actor

CLOSED_SIZE = "C"
TINY_ENTRIES = 24


@dataclass
class World:
    round_pk: int
    contest_pk: int
    closed_round_pk: int
    honest: list[Actor]
    stale_own: list[Actor]
    submit_own: list[Actor]
    closed: list[Actor]
    organizers: list[load_common.Login]
    counts: dict[str, int] = field(default_factory=dict)


def build(args) -> World:
    """The world in the scratch database, which the stack has migrated."""
    from django.db import connection

    from scoring.demo import bench_data

    size = "T" if args.tiny else args.size
    entries = args.entries or (TINY_ENTRIES if args.tiny else None)
    built = bench_data.build(size, seed=args.seed, entries=entries)
    round_ = built.round
    judges = list(round_.contest.judges.select_related("user").order_by("pk"))
    hostile = args.hostile_clients if args.hostile else 0
    if len(judges) < args.judges + 2 * hostile:
        raise SystemExit(f"size {size} has {len(judges)} judges: fewer than --judges "
                         f"{args.judges} + 2 x --hostile-clients {hostile}")  # fmt: skip
    honest, pool = judges[: args.judges], judges[args.judges : args.judges + 2 * hostile]
    if size == "L":
        _reopen(round_, honest + pool)
    actors = [_actor(round_, judge) for judge in honest + pool]
    closed_round = _closed_round(hostile, args.seed)
    closed = [_actor(closed_round, judge) for judge in closed_round.contest.judges.order_by("pk")]
    world = World(
        round_pk=round_.pk, contest_pk=round_.contest_id, closed_round_pk=closed_round.pk,
        honest=actors[: args.judges], stale_own=actors[args.judges : args.judges + hostile],
        submit_own=actors[args.judges + hostile :], closed=closed[:hostile],
        organizers=_organizers(round_.contest, args.organizers),
    )  # fmt: skip
    world.counts = {
        "entries": round_.contest.entries.count(), "judges": len(judges),
        "cards": sum(len(actor.entries) for actor in world.honest),
        "scores": sum(len(actor.known) for actor in world.honest),
    }  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return world


def _reopen(round_, judges) -> None:
    from scoring.models import Scorecard

    Scorecard.objects.filter(round=round_, judge__in=judges).update(
        status=Scorecard.Status.DRAFT, submitted_at=None, total=None
    )


def _actor(round_, judge) -> Actor:
    """The judge's session and its cards not submitted yet, with what is stored on them."""
    from scoring.models import Assignment, Scorecard

    entries = dict.fromkeys(
        Assignment.objects.filter(round=round_, judge=judge).values_list("entry_id", flat=True), 0
    )
    for entry, status, version in Scorecard.objects.filter(round=round_, judge=judge).values_list(
        "entry_id", "status", "version"
    ):
        if status == Scorecard.Status.SUBMITTED:
            entries.pop(entry, None)
        else:
            entries[entry] = version
    actor = Actor(
        login=load_common.login(judge.user), round_pk=round_.pk, entries=entries,
        criteria=list(round_.criteria.order_by("order").values_list("pk", flat=True)),
    )  # fmt: skip
    actor.known = stored(actor)
    return actor


def stored(actor: Actor) -> dict[tuple[int, int], str]:
    from scoring.models import Score

    rows = Score.objects.filter(
        scorecard__round_id=actor.round_pk, scorecard__judge__user_id=actor.login.user_id,
        scorecard__entry_id__in=list(actor.entries),
    ).values_list("scorecard__entry_id", "criterion_id", "value")  # fmt: skip
    return {(entry, criterion): f"{value.normalize():f}" for entry, criterion, value in rows}


def _closed_round(clients: int, seed: int):
    """The second contest (a judge per closed-window client), its window open for now."""
    from scoring.demo import bench_data

    judges = max(3, clients)  # the bench round's trimmed mean needs 3 judges per entry
    bench_data.SIZES.setdefault(CLOSED_SIZE, bench_data.Size(
        entries=2 * judges, judges=judges, per_entry=3, criteria=3, submitted=0.0, draft=0.0,
    ))  # fmt: skip
    return bench_data.build(CLOSED_SIZE, seed=seed).round


def close_window(round_pk: int) -> None:
    """The round's scoring window closed now, through the organizer's service."""
    from django.db import connection
    from django.utils import timezone

    from contests.models import Round
    from contests.services.contest import ROUND_FIELDS, round_save

    try:
        round_ = Round.objects.select_related("contest").get(pk=round_pk)
        data = {name: getattr(round_, name) for name in ROUND_FIELDS}
        round_save(contest=round_.contest, round_=round_, data=data | {"closes_at": timezone.now()})
    finally:
        connection.close()  # this thread's connection


def _organizers(contest, count: int) -> list[load_common.Login]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User

    users = list(contest.organizers.order_by("pk"))
    for n in range(len(users), count):
        user = User.objects.create(email=f"load-organizer{n}@bench.example.kr",
                                   name=f"부하 주관 {n}", is_organizer=True)  # fmt: skip
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        contest.organizers.add(user)
        users.append(user)
    for user in users[:count]:
        TOTP.activate(user, generate_totp_secret())
    return [load_common.login(user) for user in users[:count]]


def texts() -> dict[str, str]:
    """What the refusals must say, in Korean (the default language), HTML-escaped where a page
    shows them: the same gettext calls the views and services make."""
    from decimal import Decimal

    from django.utils import translation
    from django.utils.html import escape
    from django.utils.translation import gettext as _

    from contests.models import Criterion
    from scoring.services.scorecard_edit import score_error_message
    from scoring.views.judge import conflict_text

    criterion = Criterion(max_points=Decimal(10), step=Decimal(1))
    with translation.override("ko"):
        return {
            "conflict": conflict_text(),
            "stale_form": escape(_("This scorecard was changed in another window. Nothing was "
                                   "saved from this form; the page now shows the newer values.")),
            "dup_stale": escape(_("This scorecard was changed in another window. Check it and "
                                  "submit again.")),
            "dup_submitted": escape(_("This scorecard is already submitted.")),
            "closed": _("The scoring window of this round is closed."),
            **{code: score_error_message(code, criterion)
               for code in ("number", "max", "step", "negative")},
        }  # fmt: skip


def mismatches(actors: list[Actor]) -> list[str]:
    """Every score of every driven card against what its judge was told (a save that got no
    answer may have gone either way)."""
    found = []
    for actor in actors:
        now = stored(actor)
        for entry in actor.entries:
            for criterion in actor.criteria:
                key = (entry, criterion)
                expected = actor.unsure.get(key) or {actor.known.get(key, "")}
                if now.get(key, "") not in expected:
                    found.append(
                        f"round {actor.round_pk} entry {entry} criterion {criterion}: "
                        f"stored {now.get(key, '')!r}, told {sorted(expected)}"
                    )
    return found


def submits_recorded(submitted: list[tuple[int, int, int]]) -> list[str]:
    """Each card submitted twice at once: submitted, with exactly one "submitted" event."""
    from scoring.models import Scorecard, ScoreEvent

    found = []
    for round_pk, user_id, entry in submitted:
        card = Scorecard.objects.get(round_id=round_pk, judge__user_id=user_id, entry_id=entry)
        events = ScoreEvent.objects.filter(
            scorecard=card, field=ScoreEvent.Field.STATUS, new="submitted"
        ).count()
        if card.status != Scorecard.Status.SUBMITTED or events != 1:
            found.append(f"entry {entry}: {card.status}, {events} submit events")
    return found
