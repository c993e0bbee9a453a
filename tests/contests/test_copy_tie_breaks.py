"""Copying a contest copies its tie-break chain, each step pointing at the copy's own criterion,
round or panel; and a copy of a contest whose results were published starts unpublished."""

from decimal import Decimal

import pytest
from django.utils import timezone

from contests import services
from contests.models import TieBreakRule
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(organizer):
    contest = f.ContestFactory(organizers=[organizer], year=2025, name_ko="2025 적극행정")
    written = f.RoundFactory(contest=contest, order=0, name_ko="1차 서면심사", weight=Decimal(30))
    talk = f.RoundFactory(contest=contest, order=1, name_ko="2차 발표심사", weight=Decimal(70))
    f.CriterionFactory(round=written, name_ko="효과성", order=0)
    innovation = f.CriterionFactory(round=written, name_ko="혁신성", order=1)
    f.PanelFactory(round=talk, name_ko="전문가", weight=Decimal(60), order=0)
    public = f.PanelFactory(round=talk, name_ko="국민심사단", weight=Decimal(40), order=1)
    for order, kind, target in (
        (1, "criterion", {"criterion": innovation}),
        (2, "round", {"round": written}),
        (3, "panel", {"panel": public}),
        (4, "untrimmed", {}),
        (5, "first_places", {}),
    ):
        TieBreakRule.objects.create(contest=contest, order=order, kind=kind, **target)
    return contest


def chain(contest) -> list[tuple]:
    return [
        (rule.order, rule.kind, rule.criterion_id, rule.round_id, rule.panel_id)
        for rule in TieBreakRule.objects.filter(contest=contest).order_by("order")
    ]


def test_copy_copies_the_chain_onto_its_own_rubric(source, other_organizer):
    before = chain(source)
    copy = services.contest_copy(source=source, by=other_organizer, year=2026)
    innovation = copy.rounds.get(name_ko="1차 서면심사").criteria.get(name_ko="혁신성")
    written = copy.rounds.get(name_ko="1차 서면심사")
    public = copy.rounds.get(name_ko="2차 발표심사").panels.get(name_ko="국민심사단")
    assert chain(copy) == [
        (1, "criterion", innovation.pk, None, None),
        (2, "round", None, written.pk, None),
        (3, "panel", None, None, public.pk),
        (4, "untrimmed", None, None, None),
        (5, "first_places", None, None, None),
    ]
    assert chain(source) == before  # the source keeps its own chain
    assert {innovation.pk, written.pk, public.pk}.isdisjoint(
        {pk for _order, _kind, *targets in before for pk in targets if pk}
    )
    assert TieBreakRule.objects.count() == 10


def test_copy_of_a_contest_without_a_chain_has_none(organizer, other_organizer):
    contest = f.ContestFactory(organizers=[organizer], year=2025)
    copy = services.contest_copy(source=contest, by=other_organizer, year=2026)
    assert chain(copy) == []


def test_copy_of_published_results_starts_unpublished(source, organizer, other_organizer):
    source.results_published_at, source.results_published_by = timezone.now(), organizer
    source.save()
    copy = services.contest_copy(source=source, by=other_organizer, year=2026)
    copy.refresh_from_db()
    assert (copy.results_published_at, copy.results_published_by) == (None, None)
