"""Copy a contest (usually last year's) as the starting point of a new one."""

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from contests.models import (
    AttachmentSlot,
    AwardTier,
    Category,
    Contest,
    EntryQuestion,
    Level,
    Panel,
    Round,
    TieBreakRule,
)


def shift_years(value: dt.datetime | None, years: int) -> dt.datetime | None:
    """The same local wall-clock time `years` later; 29 February becomes 28 February."""
    if value is None or years == 0:
        return value
    local = timezone.localtime(value)
    try:
        shifted = local.replace(year=local.year + years)
    except ValueError:  # 29 February into a non-leap year
        shifted = local.replace(year=local.year + years, day=28)
    return shifted


def replace_year(text: str, old: int, new: int) -> str:
    """Replace the year as a whole number: "2025 정부혁신" → "2026 정부혁신", "2025년" → "2026년",
    but not the digits inside "120250"."""
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _clone(obj, **changes):
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    return obj


def _mapped(copies: dict, pk):
    """The copy of the source object `pk` (None stays None)."""
    return None if pk is None else copies[pk]


@transaction.atomic
def contest_copy(*, source: Contest, by, year: int) -> Contest:
    """Deep-copy `source` into a new unpublished contest for `year`, organized by `by`.

    Copies categories, rounds (scoring not started), panels, criteria, levels, award tiers, entry
    questions, attachment slots and the tie-break chain (each step's criterion, round or panel
    the copy's own); every date moves by the year difference and the source year in the contest's
    names becomes the new year. Judges, entries, scores and results (nor their publication) are
    not copied, nor the contest's documents (a 공고문 is written for its year).
    """
    years = year - source.year
    contest = Contest.objects.get(pk=source.pk)
    _clone(
        contest,
        year=year,
        name_ko=replace_year(contest.name_ko, source.year, year),
        name_en=replace_year(contest.name_en, source.year, year),
        submission_opens_at=shift_years(contest.submission_opens_at, years),
        submission_closes_at=shift_years(contest.submission_closes_at, years),
        is_published=False,
        results_published_at=None,
        results_published_by=None,
        copied_from=source,
    )
    contest.full_clean()
    contest.save()
    contest.organizers.set([by])

    Category.objects.bulk_create(
        _clone(c, contest=contest) for c in Category.objects.filter(contest=source)
    )
    AwardTier.objects.bulk_create(
        _clone(a, contest=contest) for a in AwardTier.objects.filter(contest=source)
    )
    EntryQuestion.objects.bulk_create(
        _clone(q, contest=contest) for q in EntryQuestion.objects.filter(contest=source)
    )
    AttachmentSlot.objects.bulk_create(
        _clone(slot, contest=contest) for slot in AttachmentSlot.objects.filter(contest=source)
    )
    copies: dict[str, dict] = {"round": {}, "panel": {}, "criterion": {}}  # source pk → copy
    rounds = Round.objects.filter(contest=source).prefetch_related("panels", "criteria__levels")
    for round_ in rounds:
        panels = [(p.pk, p) for p in round_.panels.all()]
        criteria = [(c.pk, c, list(c.levels.all())) for c in round_.criteria.all()]
        copies["round"][round_.pk] = round_
        _clone(
            round_,
            contest=contest,
            opens_at=shift_years(round_.opens_at, years),
            closes_at=shift_years(round_.closes_at, years),
            scoring_started_at=None,
        )
        round_.save()
        Panel.objects.bulk_create(_clone(p, round=round_) for _pk, p in panels)
        copies["panel"] |= dict(panels)
        for pk, criterion, levels in criteria:
            _clone(criterion, round=round_)
            criterion.save()
            copies["criterion"][pk] = criterion
            Level.objects.bulk_create(_clone(level, criterion=criterion) for level in levels)
    TieBreakRule.objects.bulk_create(
        _clone(
            rule,
            contest=contest,
            criterion=_mapped(copies["criterion"], rule.criterion_id),
            round=_mapped(copies["round"], rule.round_id),
            panel=_mapped(copies["panel"], rule.panel_id),
        )
        for rule in TieBreakRule.objects.filter(contest=source)
    )
    return contest
