from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contests.models import Criterion, Round
from tests import factories as f

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def criteria(round1):
    return [
        f.CriterionFactory(
            round=round1, name_ko="혁신성", name_en="", max_points=Decimal("30"), order=0
        ),
        f.CriterionFactory(
            round=round1, name_ko="효과성", name_en="", max_points=Decimal("30"), order=1
        ),
        f.CriterionFactory(
            round=round1, name_ko="확산가능성", name_en="", max_points=Decimal("20"), order=2
        ),
    ]


def url(name, round_, criterion=None):
    args = [round_.contest_id, round_.pk] + ([criterion.pk] if criterion else [])
    return reverse(f"contests:{name}", args=args)


def names(round_):
    return list(round_.criteria.values_list("name_ko", flat=True))


def add_post(**overrides):
    return {
        "new-name_ko": "국민체감도",
        "new-name_en": "Public benefit",
        "new-description": "체감",
        "new-max_points": "20",
        "new-step": "1",
    } | overrides


def update_post(criterion, **overrides):
    p = f"c{criterion.pk}-"
    data = {
        "name_ko": criterion.name_ko,
        "name_en": "",
        "description": "",
        "max_points": "30",
        "step": "1",
    }
    return {p + key: value for key, value in (data | overrides).items()}


def test_rubric_page_shows_criteria_and_total(organizer_client, round1, criteria):
    response = organizer_client.get(url("rubric", round1))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Total max points: <strong>80</strong>" in content
    assert content.index("혁신성") < content.index("효과성") < content.index("확산가능성")
    assert 'for="id_new-max_points"' in content
    # No levels yet: one blank, labelled level row per criterion.
    assert (
        f'<label class="sr-only" for="id_levels-{criteria[0].pk}-0-points">Points — level 1</label>'
        in content
    )
    assert f'id="id_levels-{criteria[0].pk}-1-points"' not in content


def test_add_without_htmx_redirects(organizer_client, round1, criteria):
    response = organizer_client.post(url("criterion_add", round1), add_post())
    assert response.status_code == 302
    assert response["Location"] == url("rubric", round1)
    added = round1.criteria.get(name_ko="국민체감도")
    assert (added.order, added.max_points, added.description) == (3, Decimal("20"), "체감")


def test_add_with_htmx_returns_the_rubric_region(organizer_client, round1, criteria):
    response = organizer_client.post(url("criterion_add", round1), add_post(), **HX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="rubric" class="rubric">')
    assert "<html" not in content
    assert "Total max points: <strong>100</strong>" in content
    assert "국민체감도" in content
    assert names(round1) == ["혁신성", "효과성", "확산가능성", "국민체감도"]


@pytest.mark.parametrize("headers", [{}, HX])
def test_add_errors_keep_the_values(organizer_client, round1, headers):
    response = organizer_client.post(
        url("criterion_add", round1),
        add_post(**{"new-max_points": "25", "new-step": "2"}),
        **headers,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<p class="form-hint-invalid" id="id_new-max_points_error">'
        "Max points must be a multiple of the step (2).</p>"
    ) in content
    assert 'value="Public benefit"' in content
    assert ("<html" in content) is (not headers)
    assert round1.criteria.count() == 0


def test_update_with_htmx_returns_the_card_and_the_total_out_of_band(
    organizer_client, round1, criteria
):
    target = criteria[1]
    response = organizer_client.post(
        url("criterion_update", round1, target),
        update_post(target, name_ko="효과성(개정)", max_points="40"),
        **HX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith(f'<li id="criterion-{target.pk}" class="rubric-criterion">')
    assert (
        '<p id="rubric-total" class="rubric-total" tabindex="-1" aria-live="polite" '
        'hx-swap-oob="true">'
        "Total max points: <strong>90</strong></p>"
    ) in content
    target.refresh_from_db()
    assert (target.name_ko, target.max_points) == ("효과성(개정)", Decimal("40"))


def test_update_without_htmx_redirects_to_the_criterion(organizer_client, round1, criteria):
    target = criteria[0]
    response = organizer_client.post(
        url("criterion_update", round1, target), update_post(target, step="0.5")
    )
    assert response["Location"] == url("rubric", round1) + f"#criterion-{target.pk}"
    target.refresh_from_db()
    assert target.step == Decimal("0.5")


@pytest.mark.parametrize("headers", [{}, HX])
def test_update_errors_keep_the_values(organizer_client, round1, criteria, headers):
    target = criteria[0]
    response = organizer_client.post(
        url("criterion_update", round1, target),
        update_post(target, name_ko="새 이름", max_points="0"),
        **headers,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<p class="form-hint-invalid" id="id_c{target.pk}-max_points_error">'
        "Max points must be greater than 0.</p>"
    ) in content
    assert 'value="새 이름"' in content
    target.refresh_from_db()
    assert (target.name_ko, target.max_points) == ("혁신성", Decimal("30"))


@pytest.mark.parametrize("headers", [{}, HX])
def test_delete(organizer_client, round1, criteria, headers):
    response = organizer_client.post(url("criterion_delete", round1, criteria[1]), **headers)
    assert names(round1) == ["혁신성", "확산가능성"]
    if headers:
        assert response.status_code == 200
        assert "Total max points: <strong>50</strong>" in response.content.decode()
        assert "효과성" not in response.content.decode()
    else:
        assert response["Location"] == url("rubric", round1)


@pytest.mark.parametrize("headers", [{}, HX])
def test_move(organizer_client, round1, criteria, headers):
    response = organizer_client.post(
        url("criterion_move", round1, criteria[2]), {"direction": "up"}, **headers
    )
    assert names(round1) == ["혁신성", "확산가능성", "효과성"]
    if headers:
        content = response.content.decode()
        assert content.index("확산가능성") < content.index("효과성")
    else:
        assert response.status_code == 302
    organizer_client.post(
        url("criterion_move", round1, criteria[0]), {"direction": "down"}, **headers
    )
    assert names(round1) == ["확산가능성", "혁신성", "효과성"]


def test_move_needs_a_direction(organizer_client, round1, criteria):
    assert (
        organizer_client.post(
            url("criterion_move", round1, criteria[0]), {"direction": "left"}
        ).status_code
        == 400
    )


def levels_post(criterion, rows, initial=0):
    p = f"levels-{criterion.pk}"
    data = {
        f"{p}-TOTAL_FORMS": str(len(rows)),
        f"{p}-INITIAL_FORMS": str(initial),
        f"{p}-MIN_NUM_FORMS": "0",
        f"{p}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data |= {f"{p}-{i}-{key}": value for key, value in row.items()}
    return data


@pytest.mark.parametrize("headers", [{}, HX])
def test_levels_save(organizer_client, round1, criteria, headers):
    target = criteria[0]
    data = levels_post(
        target,
        [
            {"label": "매우우수", "points": "30", "description": "탁월"},
            {"label": "보통", "points": "18"},
            {"label": "", "points": ""},
        ],
    )
    response = organizer_client.post(url("levels", round1, target), data, **headers)
    assert list(target.levels.values_list("label", "points", "order")) == [
        ("매우우수", Decimal("30"), 0),
        ("보통", Decimal("18"), 1),
    ]
    if headers:
        assert f'<li id="criterion-{target.pk}"' in response.content.decode()
        assert 'value="탁월"' in response.content.decode()
    else:
        assert response["Location"] == url("rubric", round1) + f"#criterion-{target.pk}"


@pytest.mark.parametrize("headers", [{}, HX])
def test_level_errors_keep_the_values(organizer_client, round1, criteria, headers):
    target = criteria[0]
    data = levels_post(
        target, [{"label": "매우우수", "points": "31"}, {"label": "우수", "points": "23.5"}]
    )
    response = organizer_client.post(url("levels", round1, target), data, **headers)
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<p class="form-hint-invalid" id="id_levels-{target.pk}-0-points_error">'
        "Points must be between 0 and 30.</p>"
    ) in content
    assert (
        f'<p class="form-hint-invalid" id="id_levels-{target.pk}-1-points_error">'
        "Points must be a multiple of the step (1).</p>"
    ) in content
    assert 'value="23.5"' in content
    assert target.levels.count() == 0


def test_fill_standard_levels(organizer_client, round1, criteria):
    target = criteria[2]
    response = organizer_client.post(url("levels_standard", round1, target), **HX)
    assert list(target.levels.values_list("label", "points")) == [
        ("매우우수", Decimal("20")),
        ("우수", Decimal("16")),
        ("보통", Decimal("12")),
        ("미흡", Decimal("8")),
        ("매우미흡", Decimal("4")),
    ]
    assert 'value="매우미흡"' in response.content.decode()


def test_rubric_endpoints_refuse_get(organizer_client, round1, criteria):
    for name in [
        "criterion_update",
        "criterion_delete",
        "criterion_move",
        "levels",
        "levels_standard",
    ]:
        assert organizer_client.get(url(name, round1, criteria[0])).status_code == 405
    assert organizer_client.get(url("criterion_add", round1)).status_code == 405
    assert round1.criteria.count() == 3


def _locked_calls(round1, criterion):
    return [
        (url("criterion_add", round1), add_post()),
        (url("criterion_update", round1, criterion), update_post(criterion, name_ko="바뀜")),
        (url("criterion_delete", round1, criterion), {}),
        (url("criterion_move", round1, criterion), {"direction": "down"}),
        (url("levels", round1, criterion), levels_post(criterion, [{"label": "x", "points": "1"}])),
        (url("levels_standard", round1, criterion), {}),
    ]


@pytest.mark.parametrize("headers", [{}, HX])
def test_locked_rubric_refuses_every_change(organizer_client, round1, criteria, headers):
    Round.objects.filter(pk=round1.pk).update(scoring_started_at=timezone.now())
    message = "Scoring has started in this round, so its rubric can no longer change."
    for target, data in _locked_calls(round1, criteria[0]):
        response = organizer_client.post(target, data, **headers)
        assert response.status_code == 409, target
        assert message in response.content.decode()
        if headers:
            assert response["HX-Retarget"] == "#rubric-alert"
    assert names(round1) == ["혁신성", "효과성", "확산가능성"]
    assert not criteria[0].levels.exists()


def test_locked_rubric_page_is_read_only(organizer_client, round1, criteria):
    Round.objects.filter(pk=round1.pk).update(scoring_started_at=timezone.now())
    content = organizer_client.get(url("rubric", round1)).content.decode()
    assert "Scoring has started in this round, so its rubric can no longer change." in content
    assert "<form" not in content.split('id="main"')[1].split("</main>")[0]


def test_another_organizer_cannot_touch_the_rubric(login, other_organizer, round1, criteria):
    client = login(other_organizer)
    assert client.get(url("rubric", round1)).status_code == 403
    assert client.post(url("criterion_delete", round1, criteria[0]), **HX).status_code == 403
    assert Criterion.objects.filter(pk=criteria[0].pk).exists()


def test_criterion_of_another_round_is_404(organizer_client, contest, round1):
    foreign = f.CriterionFactory()
    assert organizer_client.post(url("criterion_delete", round1, foreign)).status_code == 404
    assert Criterion.objects.filter(pk=foreign.pk).exists()
