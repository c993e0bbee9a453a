"""Reads of contests, already filtered to what the user may see, with the annotations pages need."""

from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.http import Http404

from accounts.rules import is_organizer, is_site_admin
from contests.models import Contest, Criterion, Round
from contests.services.checks import SetupGap, setup_gaps


def _manages(user):
    """An expression: does `user` manage the contest in the current row?"""
    if is_site_admin(user):
        return Value(True, output_field=BooleanField())
    if not is_organizer(user):
        return Value(False, output_field=BooleanField())
    through = Contest.organizers.through
    return Exists(through.objects.filter(contest_id=OuterRef("pk"), user_id=user.pk))


def contests_managed_by(user) -> QuerySet[Contest]:
    qs = Contest.objects.all() if is_site_admin(user) else Contest.objects.filter(organizers=user)
    return qs.annotate(
        category_count=Count("categories", distinct=True),
        round_count=Count("rounds", distinct=True),
    )


def contests_open_to_agencies() -> QuerySet[Contest]:
    return Contest.objects.filter(is_published=True).annotate(
        category_count=Count("categories", distinct=True)
    )


def contests_visible_to(user) -> QuerySet[Contest]:
    """Published contests for everyone, plus the drafts the user manages (`user_manages`)."""
    qs = Contest.objects.annotate(user_manages=_manages(user))
    if not is_site_admin(user):
        qs = qs.filter(Q(is_published=True) | Q(user_manages=True))
    return qs.annotate(
        category_count=Count("categories", distinct=True),
        round_count=Count("rounds", distinct=True),
    )


def contest_get(user, pk: int) -> Contest:
    """The contest with `user_manages` annotated.

    404 when it is missing or a draft the user cannot see.
    """
    contest = Contest.objects.annotate(user_manages=_manages(user)).filter(pk=pk).first()
    if contest is None or not (contest.is_published or contest.user_manages):
        raise Http404
    return contest


def rounds_with_rubric_totals() -> QuerySet[Round]:
    return Round.objects.annotate(
        rubric_total=Sum("criteria__max_points"), criterion_count=Count("criteria")
    )


def contest_setup(user, pk: int) -> Contest:
    """Everything the overview page shows, in a fixed number of queries."""
    contest = contest_get(user, pk)
    contest.category_list = list(contest.categories.all())
    contest.round_list = list(
        rounds_with_rubric_totals().filter(contest=contest).prefetch_related("panels")
    )
    contest.award_list = list(contest.award_tiers.all())
    contest.tie_break_list = list(
        contest.tie_breaks.select_related("criterion__round", "round", "panel__round")
    )
    contest.question_list = list(contest.questions.all())
    contest.slot_list = list(contest.attachment_slots.all())
    contest.document_list = list(contest.documents.all())
    return contest


def round_get(contest: Contest, round_pk: int) -> Round:
    round_ = Round.objects.filter(contest=contest, pk=round_pk).first()
    if round_ is None:
        raise Http404
    round_.contest = contest
    return round_


def round_rubric(contest: Contest, round_pk: int) -> Round:
    """The round with its criteria and their levels (`criterion_list`) and `rubric_total`."""
    round_ = round_get(contest, round_pk)
    round_.criterion_list = list(Criterion.objects.filter(round=round_).prefetch_related("levels"))
    round_.rubric_total = sum((c.max_points for c in round_.criterion_list), Decimal(0))
    return round_


def rubric_total(round_: Round) -> Decimal:
    return Criterion.objects.filter(round=round_).aggregate(total=Sum("max_points"))[
        "total"
    ] or Decimal(0)


SetupWarning = SetupGap  # what the overview calls a gap of the set-up


def setup_warnings(contest: Contest) -> list[SetupGap]:
    """What is still missing or inconsistent in a contest loaded by `contest_setup` (no query):
    the gaps that keep it from being published (contests.services.checks.setup_gaps)."""
    return setup_gaps(
        has_categories=bool(contest.category_list),
        rounds=contest.round_list,
        has_questions=bool(contest.question_list),
    )
