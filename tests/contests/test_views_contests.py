from decimal import Decimal

import pytest
from django.urls import reverse

from contests.models import Category, Contest, EntryQuestion
from tests import factories as f
from tests.contests.conftest import at

pytestmark = pytest.mark.django_db


def contest_post(**overrides):
    data = {
        "name_ko": "2027 적극행정 우수사례 경진대회",
        "name_en": "2027 Proactive Administration Contest",
        "year": "2027",
        "description": "공고문",
        "submission_opens_at": "2027-03-02T09:00",
        "submission_closes_at": "2027-04-30T18:00",
        "blind_judging": "on",
        "max_entries_per_agency": "3",
        "attachment_max_file_mb": "20",
        "attachment_max_total_mb": "50",
        "max_attachments_per_entry": "10",
        "rounding": "ROUND_HALF_UP",
        "decimal_places": "2",
    }
    return data | overrides


def test_list_shows_published_contests_to_everyone(client, contest, draft):
    response = client.get(reverse("contests:list"))
    assert response.status_code == 200
    assert list(response.context["contests"]) == [contest]
    assert b"New contest" not in response.content
    assert reverse("contests:edit", args=[contest.pk]).encode() not in response.content


def test_list_shows_an_organizer_their_drafts_with_edit_links(organizer_client, contest, draft):
    other_draft = f.ContestFactory(is_published=False)
    response = organizer_client.get(reverse("contests:list"))
    assert set(response.context["contests"]) == {contest, draft}
    assert other_draft not in response.context["contests"]
    content = response.content.decode()
    assert 'href="/contests/new/"' in content
    assert f'href="/contests/{draft.pk}/edit/"' in content
    assert "Draft" in content


def test_list_hides_edit_links_of_contests_another_organizer_runs(login, other_organizer, contest):
    response = login(other_organizer).get(reverse("contests:list"))
    assert list(response.context["contests"]) == [contest]
    assert f'href="/contests/{contest.pk}/edit/"' not in response.content.decode()
    assert 'href="/contests/new/"' in response.content.decode()


def test_create_contest(organizer_client, organizer):
    response = organizer_client.post(reverse("contests:create"), contest_post())
    contest = Contest.objects.get(name_ko="2027 적극행정 우수사례 경진대회")
    assert response.status_code == 302
    assert response["Location"] == reverse("contests:detail", args=[contest.pk])
    assert list(contest.organizers.all()) == [organizer]
    assert contest.submission_opens_at == at(3, 2, year=2027)
    assert contest.submission_closes_at == at(4, 30, 18, year=2027)
    assert (contest.year, contest.blind_judging, contest.is_published) == (2027, True, False)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"submission_closes_at": "2027-03-01T09:00"},
            "submission_closes_at",
            "The closing time must be after the opening time.",
        ),
        ({"name_ko": ""}, "name_ko", "This field is required."),
        ({"year": "1999"}, "year", "Ensure this value is greater than or equal to 2000."),
        ({"submission_opens_at": "not a date"}, "submission_opens_at", "Enter a valid date/time."),
    ],
)
def test_create_contest_errors_rerender_with_kept_values(
    organizer_client, overrides, field, message
):
    response = organizer_client.post(reverse("contests:create"), contest_post(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    content = response.content.decode()
    assert f'<p class="form-hint-invalid" id="id_{field}_error">{message}</p>' in content
    assert 'value="2027 Proactive Administration Contest"' in content
    assert "공고문" in content
    assert Contest.objects.count() == 0


def test_edit_contest(organizer_client, contest):
    response = organizer_client.post(
        reverse("contests:edit", args=[contest.pk]),
        contest_post(
            name_ko="2026 정부혁신 경진대회",
            year="2026",
            submission_opens_at="2026-03-01T09:00",
            submission_closes_at="2026-04-01T18:00",
        ),
    )
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.name_ko == "2026 정부혁신 경진대회"
    assert contest.is_published is False  # the checkbox was not sent
    assert contest.submission_closes_at == at(4, 1, 18)


def test_edit_contest_shows_the_form_with_its_values(organizer_client, contest):
    response = organizer_client.get(reverse("contests:edit", args=[contest.pk]))
    content = response.content.decode()
    assert 'value="2026-04-30T18:00"' in content
    assert 'value="2026 정부혁신 우수사례 경진대회"' in content


def test_edit_refuses_publishing_while_round_weights_are_incomplete(
    organizer_client, contest, round1
):
    f.CategoryFactory(contest=contest)
    f.CriterionFactory(round=round1)
    f.EntryQuestionFactory(contest=contest)
    response = organizer_client.post(
        reverse("contests:edit", args=[contest.pk]),
        contest_post(
            year="2026",
            submission_opens_at="2026-03-01T09:00",
            submission_closes_at="2026-04-01T18:00",
            is_published="on",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["is_published"] == [
        "The contest cannot be published until its set-up is complete:",
        "Round weights add up to 30; they must add up to exactly 100.",
    ]
    contest.refresh_from_db()
    assert contest.submission_closes_at == at(4, 30, 18)


def test_edit_refuses_a_submission_window_overlapping_the_first_round(
    organizer_client, contest, round1
):
    response = organizer_client.post(
        reverse("contests:edit", args=[contest.pk]),
        contest_post(
            year="2026",
            submission_opens_at="2026-03-01T09:00",
            submission_closes_at="2026-05-02T18:00",
        ),
    )
    assert response.context["form"].errors["submission_closes_at"] == [
        "The submission window must close at or before the first round, 1차 서면심사, "
        "opens (2026-05-01 09:00)."
    ]
    assert 'value="2026-05-02T18:00"' in response.content.decode()


def test_detail_shows_the_whole_setup(client, contest, round1):
    f.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="")
    f.AwardTierFactory(contest=contest, name_ko="대통령상", name_en="", count=2)
    f.EntryQuestionFactory(contest=contest, label_ko="추진배경", label_en="", max_length=1500)
    f.PanelFactory(round=round1, name_ko="전문가", name_en="", weight=Decimal("100"))
    f.CriterionFactory(round=round1, max_points=Decimal("30"))
    f.CriterionFactory(round=round1, max_points=Decimal("20.5"), step=Decimal("0.5"))
    response = client.get(reverse("contests:detail", args=[contest.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    for text in [
        "중앙부처",
        "대통령상 × 2",  # noqa: RUF001
        "추진배경",
        "up to 1500 characters",
        "전문가 100%",
        "2 criteria, 50.50 points",
        "30%",
        "2026-05-01 09:00 – 2026-05-15 18:00",  # noqa: RUF001
        "2026-03-02 09:00 – 2026-04-30 18:00",  # noqa: RUF001
    ]:
        assert text in content
    assert "Edit categories" not in content  # anonymous: no manage links
    assert response.context["warnings"] == []


def test_detail_warns_a_manager_while_round_weights_are_incomplete(
    organizer_client, contest, round1
):
    response = organizer_client.get(reverse("contests:detail", args=[contest.pk]))
    messages = [w.message for w in response.context["warnings"]]
    assert messages == [
        "Add at least one category.",
        "Round weights add up to 30; they must add up to exactly 100.",
        "1차 서면심사 has no criteria with their points yet.",
        "Add at least one entry question.",
    ]
    assert (
        "Round weights add up to 30; they must add up to exactly 100." in response.content.decode()
    )


def test_draft_detail_is_404_for_others(
    client, login, other_organizer, plain_user, draft, organizer_client
):
    url = reverse("contests:detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert login(plain_user).get(url).status_code == 404
    assert login(other_organizer).get(url).status_code == 404
    assert organizer_client.get(url).status_code == 200


def test_organizer_not_on_the_contest_gets_403(login, other_organizer, contest):
    client = login(other_organizer)
    assert client.get(reverse("contests:edit", args=[contest.pk])).status_code == 403
    response = client.post(reverse("contests:edit", args=[contest.pk]), contest_post())
    assert response.status_code == 403
    contest.refresh_from_db()
    assert contest.name_ko == "2026 정부혁신 우수사례 경진대회"


def test_site_admin_manages_every_contest(admin_client_, draft):
    assert admin_client_.get(reverse("contests:edit", args=[draft.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("contests:edit", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_copy_page_creates_next_years_contest(organizer_client, organizer, contest, round1):
    url = reverse("contests:copy", args=[contest.pk])
    assert 'value="2027"' in organizer_client.get(url).content.decode()
    response = organizer_client.post(url, {"year": "2027"})
    copy = Contest.objects.get(copied_from=contest)
    assert response["Location"] == reverse("contests:detail", args=[copy.pk])
    assert copy.name_ko == "2027 정부혁신 우수사례 경진대회"
    assert copy.rounds.get().opens_at == at(5, 1, year=2027)
    assert list(copy.organizers.all()) == [organizer]


def test_copy_page_rejects_a_bad_year(organizer_client, contest):
    response = organizer_client.post(reverse("contests:copy", args=[contest.pk]), {"year": "20277"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == [
        "Ensure this value is less than or equal to 2100."
    ]
    assert 'value="20277"' in response.content.decode()
    assert Contest.objects.count() == 1


# --- the generic ordered-rows pages ---------------------------------------------------------------


def rows_post(rows, *, initial):
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(initial),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"rows-{i}-{key}": value for key, value in row.items()})
    return data


def test_categories_page_adds_reorders_and_removes(organizer_client, contest):
    a = f.CategoryFactory(contest=contest, name_ko="중앙부처", order=0)
    b = f.CategoryFactory(contest=contest, name_ko="광역", order=1)
    c = f.CategoryFactory(contest=contest, name_ko="기초", order=2)
    data = rows_post(
        [
            {"id": a.pk, "contest": contest.pk, "name_ko": "중앙부처", "ORDER": "3"},
            {"id": b.pk, "contest": contest.pk, "name_ko": "광역자치단체", "ORDER": "1"},
            {"id": c.pk, "contest": contest.pk, "name_ko": "기초", "ORDER": "2", "DELETE": "on"},
            {"contest": contest.pk, "name_ko": "공공기관", "name_en": "Public", "ORDER": "2"},
        ],
        initial=3,
    )
    response = organizer_client.post(reverse("contests:categories", args=[contest.pk]), data)
    assert response.status_code == 302
    assert list(contest.categories.values_list("name_ko", "order")) == [
        ("광역자치단체", 0),
        ("공공기관", 1),
        ("중앙부처", 2),
    ]
    assert not Category.objects.filter(pk=c.pk).exists()


def test_categories_page_sets_the_agency_kinds_a_category_is_open_to(organizer_client, contest):
    local = f.CategoryFactory(contest=contest, name_ko="지방자치단체", order=0)
    data = rows_post(
        [
            {"id": local.pk, "contest": contest.pk, "name_ko": "지방자치단체", "ORDER": "1"},
            {"contest": contest.pk, "name_ko": "중앙행정기관", "ORDER": "2"},
        ],
        initial=1,
    )
    data["rows-0-agency_kinds"] = ["metropolitan", "local"]
    data["rows-1-agency_kinds"] = ["central"]
    response = organizer_client.post(reverse("contests:categories", args=[contest.pk]), data)
    assert response.status_code == 302
    assert list(contest.categories.values_list("name_ko", "agency_kinds")) == [
        ("지방자치단체", ["metropolitan", "local"]),
        ("중앙행정기관", ["central"]),
    ]
    page = organizer_client.get(reverse("contests:categories", args=[contest.pk])).content.decode()
    assert (
        '<input type="checkbox" name="rows-0-agency_kinds" value="local" '
        'id="id_rows-0-agency_kinds_2" checked>'
    ) in page
    assert '<legend class="sr-only">Open to — row 1</legend>' in page
    detail = organizer_client.get(reverse("contests:detail", args=[contest.pk]))
    assert "open to Metropolitan government, Local government" in detail.content.decode()


def test_categories_page_refuses_an_unknown_agency_kind(organizer_client, contest):
    data = rows_post([{"contest": contest.pk, "name_ko": "지방자치단체", "ORDER": "1"}], initial=0)
    data["rows-0-agency_kinds"] = ["ministry"]
    response = organizer_client.post(reverse("contests:categories", args=[contest.pk]), data)
    assert response.status_code == 200
    assert "Select a valid choice. ministry is not one of the available choices." in (
        response.content.decode()
    )
    assert contest.categories.count() == 0


def test_rows_page_add_row_keeps_typed_values_and_saves_nothing(organizer_client, contest):
    data = rows_post([{"contest": contest.pk, "name_ko": "중앙부처", "ORDER": ""}], initial=0)
    data["add_row"] = "1"
    response = organizer_client.post(reverse("contests:categories", args=[contest.pk]), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert 'value="중앙부처"' in response.content.decode()
    assert contest.categories.count() == 0


def test_questions_page_errors_rerender_with_kept_values(organizer_client, contest):
    data = rows_post(
        [
            {
                "contest": contest.pk,
                "label_ko": "",
                "guidance": "배경을 쓰세요",
                "max_length": "0",
                "required": "on",
            }
        ],
        initial=0,
    )
    response = organizer_client.post(reverse("contests:questions", args=[contest.pk]), data)
    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form.errors == {
        "label_ko": ["This field is required."],
        "max_length": ["Ensure this value is greater than or equal to 1."],
    }
    assert "배경을 쓰세요" in response.content.decode()
    assert EntryQuestion.objects.count() == 0


def test_awards_page_cannot_touch_another_contests_rows(organizer_client, contest):
    foreign = f.AwardTierFactory(name_ko="남의 상")
    data = rows_post(
        [{"id": foreign.pk, "contest": contest.pk, "name_ko": "바꿈", "count": "1"}], initial=1
    )
    organizer_client.post(reverse("contests:awards", args=[contest.pk]), data)
    foreign.refresh_from_db()
    assert (foreign.name_ko, foreign.contest_id) != ("바꿈", contest.pk)
    assert foreign.name_ko == "남의 상"
