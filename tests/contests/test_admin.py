from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(organizer):
    contest = f.ContestFactory(organizers=[organizer])
    f.CategoryFactory(contest=contest, name_ko="중앙부처")
    f.AwardTierFactory(contest=contest)
    f.EntryQuestionFactory(contest=contest)
    round_ = f.RoundFactory(contest=contest)
    f.PanelFactory(round=round_)
    criterion = f.CriterionFactory(round=round_, name_ko="혁신성")
    f.LevelFactory(criterion=criterion, points=Decimal("30"))
    return contest, round_, criterion


def test_admin_pages_show_the_setup_with_inlines(admin_client_, setup):
    contest, round_, criterion = setup
    pages = {
        reverse("admin:contests_contest_changelist"): contest.name_ko,
        reverse("admin:contests_contest_change", args=[contest.pk]): "중앙부처",
        reverse("admin:contests_round_change", args=[round_.pk]): "혁신성",
        reverse("admin:contests_criterion_change", args=[criterion.pk]): "매우우수",
    }
    for url, text in pages.items():
        response = admin_client_.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_admin_locks_the_rubric_once_scoring_started(admin_client_, setup):
    _contest, round_, criterion = setup
    Round.objects.filter(pk=round_.pk).update(scoring_started_at=timezone.now())
    content = admin_client_.get(
        reverse("admin:contests_round_change", args=[round_.pk])
    ).content.decode()
    assert 'name="criteria-0-max_points"' not in content  # criteria shown read-only
    assert 'name="panels-0-weight"' in content
    response = admin_client_.get(reverse("admin:contests_criterion_change", args=[criterion.pk]))
    assert 'name="max_points"' not in response.content.decode()
