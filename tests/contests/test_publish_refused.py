"""Publishing a contest whose set-up is incomplete is refused with the list of what it lacks
(부문, 심사 단계, 평가항목(배점), 제출 항목, weights), through the form and the services alike,
and nothing changes; a complete contest is published."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from contests import services
from contests.models import Contest
from contests.services.checks import publication_gaps
from tests import factories as f
from tests.contests.conftest import at, messages_of
from tests.contests.test_views_contests import contest_post

pytestmark = pytest.mark.django_db

INTRO = "The contest cannot be published until its set-up is complete:"


@pytest.fixture
def draft(organizer):
    return f.ContestFactory(
        organizers=[organizer], is_published=False, name_ko="2026 적극행정 경진대회",
        submission_opens_at=at(3, 2), submission_closes_at=at(4, 30, 18),
    )  # fmt: skip


def publish_post(**overrides):
    return contest_post(
        name_ko="2026 적극행정 경진대회", year="2026", is_published="on",
        submission_opens_at="2026-03-02T09:00", submission_closes_at="2026-04-30T18:00",
        **overrides,
    )  # fmt: skip


def test_the_edit_page_refuses_with_every_missing_thing_and_changes_nothing(
    organizer_client, draft
):
    round_ = f.RoundFactory(contest=draft, name_ko="1차 서면심사", name_en="",
                            opens_at=at(5, 1), closes_at=at(5, 15, 18))  # fmt: skip
    edit = reverse("contests:edit", args=[draft.pk])
    response = organizer_client.post(edit, publish_post(description="바뀐 공고문"))
    assert response.status_code == 200
    errors = [
        "Add at least one category.",
        "1차 서면심사 has no criteria with their points yet.",
        "Add at least one entry question.",
    ]
    assert response.context["form"].errors["is_published"] == [INTRO, *errors]
    html = response.content.decode()
    listed = "".join(f"<li>{error}</li>" for error in errors)
    assert f'id="id_is_published_error">\n    <p class="form-hint-invalid">{INTRO}</p>\n' in html
    assert f'<ul class="krds-info-list dash">{listed}</ul>' in html
    draft.refresh_from_db()
    assert (draft.is_published, draft.description) == (False, "")
    assert round_.criteria.count() == 0


def test_each_gap_is_named_and_a_complete_contest_is_published(organizer_client, draft):
    edit = reverse("contests:edit", args=[draft.pk])
    first = organizer_client.post(edit, publish_post())
    assert first.context["form"].errors["is_published"] == [
        INTRO,
        "Add at least one category.",
        "Add at least one round.",
        "Add at least one entry question.",
    ]
    f.CategoryFactory(contest=draft)
    f.EntryQuestionFactory(contest=draft)
    written = f.RoundFactory(contest=draft, name_ko="서면", name_en="", weight=Decimal("40"),
                             opens_at=at(5, 1), closes_at=at(5, 15, 18))  # fmt: skip
    f.CriterionFactory(round=written)
    talk = f.RoundFactory(contest=draft, name_ko="발표", name_en="", weight=Decimal("50"),
                          opens_at=at(6, 1), closes_at=at(6, 5, 18))  # fmt: skip
    f.PanelFactory(round=talk, weight=Decimal("60"))
    second = organizer_client.post(edit, publish_post())
    assert second.context["form"].errors["is_published"] == [
        INTRO,
        "Round weights add up to 90; they must add up to exactly 100.",
        "Panel weights of 발표 add up to 60, not 100.",
        "발표 has no criteria with their points yet.",
    ]
    assert Contest.objects.get(pk=draft.pk).is_published is False

    f.CriterionFactory(round=talk)
    talk.panels.update(weight=Decimal("100"))
    talk.weight = Decimal("60")
    talk.save()
    assert publication_gaps(draft) == []
    response = organizer_client.post(edit, publish_post())
    assert response.status_code == 302
    assert Contest.objects.get(pk=draft.pk).is_published is True


def test_a_new_contest_cannot_be_created_published(organizer_client, organizer):
    response = organizer_client.post(reverse("contests:create"), publish_post())
    assert response.status_code == 200
    assert response.context["form"].errors["is_published"] == [
        INTRO,
        "Add at least one category.",
        "Add at least one round.",
        "Add at least one entry question.",
    ]
    assert not Contest.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.contest_create(
            by=organizer,
            data={"name_ko": "x", "year": 2026, "is_published": True,
                  "submission_opens_at": at(3, 2), "submission_closes_at": at(4, 30, 18)},
        )  # fmt: skip
    assert messages_of(error.value)["is_published"][0] == INTRO
    assert not Contest.objects.exists()


def test_the_service_refuses_too_and_saves_nothing(draft):
    with pytest.raises(ValidationError) as error:
        services.contest_update(contest=draft, data={"is_published": True, "description": "새"})
    assert messages_of(error.value) == {
        "is_published": [
            INTRO,
            "Add at least one category.",
            "Add at least one round.",
            "Add at least one entry question.",
        ]
    }
    stored = Contest.objects.get(pk=draft.pk)
    assert (stored.is_published, stored.description) == (False, "")


def test_the_refusal_in_korean_names_each_missing_thing(draft):
    f.RoundFactory(contest=draft, name_ko="1차 서면심사", weight=Decimal("100"),
                   opens_at=at(5, 1), closes_at=at(5, 15, 18))  # fmt: skip
    with translation.override("ko"), pytest.raises(ValidationError) as error:
        services.contest_update(contest=draft, data={"is_published": True})
    assert messages_of(error.value)["is_published"] == [
        "설정이 끝나지 않아 경진대회를 공개할 수 없습니다. 다음을 먼저 갖추십시오.",
        "부문을 하나 이상 추가하십시오.",
        "1차 서면심사에 평가항목(배점)이 아직 없습니다.",
        "제출 항목을 하나 이상 추가하십시오.",
    ]


def test_the_contest_page_lists_the_gaps_in_its_first_stage_with_links(organizer_client, draft):
    page = organizer_client.get(reverse("contests:detail", args=[draft.pk])).content.decode()
    stage = page[page.index('data-stage="publish"') : page.index('data-stage="submission"')]
    categories = reverse("contests:categories", args=[draft.pk])
    assert "Draft: only organizers can see it" in stage
    assert (
        f'<li>Add at least one category. <a href="{categories}">Fix'
        '<span class="sr-only">: Add at least one category.</span></a></li>'
    ) in stage
    assert f'<a class="krds-btn small primary" href="{categories}" data-k="action">' in stage
