from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contests.models import Round
from tests import factories as f
from tests.contests.conftest import at

pytestmark = pytest.mark.django_db


def round_post(panels=(), **overrides):
    data = {
        "name_ko": "2차 발표심사",
        "name_en": "Round 2: presentation",
        "opens_at": "2026-06-01T09:00",
        "closes_at": "2026-06-02T18:00",
        "judges_per_entry": "7",
        "method": "trimmed_mean",
        "trim_count": "1",
        "weight": "70",
        "advancement": "none",
        "advancement_value": "",
        "allow_reopen": "on",
        "panels-TOTAL_FORMS": str(len(panels)),
        "panels-INITIAL_FORMS": "0",
        "panels-MIN_NUM_FORMS": "0",
        "panels-MAX_NUM_FORMS": "1000",
    }
    for i, (name, weight) in enumerate(panels):
        data |= {f"panels-{i}-name_ko": name, f"panels-{i}-weight": weight}
    return data | overrides


def test_new_round_form_suggests_the_unused_weight_and_the_next_window(
    organizer_client, contest, round1
):
    response = organizer_client.get(reverse("contests:round_create", args=[contest.pk]))
    content = response.content.decode()
    assert 'name="weight" value="70.00"' in content
    assert 'name="opens_at" value="2026-05-15T18:00"' in content


def test_create_round_with_panels_then_go_to_its_rubric(organizer_client, contest, round1):
    response = organizer_client.post(
        reverse("contests:round_create", args=[contest.pk]),
        round_post(panels=[("전문가", "50"), ("국민심사단", "30"), ("국민투표", "20")]),
    )
    new = contest.rounds.get(name_ko="2차 발표심사")
    assert response.status_code == 302
    assert response["Location"] == reverse("contests:rubric", args=[contest.pk, new.pk])
    assert (new.order, new.weight, new.judges_per_entry, new.opens_at) == (
        1,
        Decimal("70"),
        7,
        at(6, 1),
    )
    assert list(new.panels.values_list("name_ko", "weight")) == [
        ("전문가", Decimal("50")),
        ("국민심사단", Decimal("30")),
        ("국민투표", Decimal("20")),
    ]


def test_first_round_with_a_partial_weight_can_be_added(organizer_client, contest):
    response = organizer_client.post(
        reverse("contests:round_create", args=[contest.pk]), round_post(weight="30")
    )
    assert response.status_code == 302
    assert contest.rounds.get().weight == Decimal("30")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"opens_at": "2026-05-15T17:00"},
            "opens_at",
            "This round must open at or after the previous round, 1차 서면심사, "
            "closes (2026-05-15 18:00).",
        ),
        (
            {"closes_at": "2026-06-01T08:00"},
            "closes_at",
            "The closing time must be after the opening time.",
        ),
        (
            {"weight": "71"},
            "weight",
            "Round weights in a contest add up to at most 100: the other rounds use 30, "
            "so this round can have at most 70.",
        ),
        (
            {"trim_count": "4"},
            "trim_count",
            "Dropping 4 scores at each end needs more than 8 judges per entry.",
        ),
        (
            {"advancement": "top_n"},
            "advancement_value",
            "Enter N, how many entries per category advance.",
        ),
        (
            {"advancement": "top_n", "advancement_value": "0"},
            "advancement_value",
            "N must be a whole number of at least 1.",
        ),
        (
            {"advancement": "cutoff"},
            "advancement_value",
            "Enter the minimum score an entry needs to advance.",
        ),
        (
            {"advancement": "cutoff", "advancement_value": "-1"},
            "advancement_value",
            "The cut-off cannot be negative.",
        ),
    ],
)
def test_round_errors_rerender_next_to_the_field(
    organizer_client, contest, round1, overrides, field, message
):
    response = organizer_client.post(
        reverse("contests:round_create", args=[contest.pk]), round_post(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    content = response.content.decode()
    assert f'<p class="form-hint-invalid" id="id_{field}_error">{message}</p>' in content
    assert 'value="Round 2: presentation"' in content
    assert contest.rounds.count() == 1


def test_panel_weights_error_is_shown_at_the_top_of_the_panels(organizer_client, contest, round1):
    response = organizer_client.post(
        reverse("contests:round_create", args=[contest.pk]),
        round_post(panels=[("전문가", "50"), ("국민심사단", "30")]),
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "Panel weights in a round must add up to exactly 100 (now 80)."
    ]
    content = response.content.decode()
    assert "Panel weights in a round must add up to exactly 100 (now 80)." in content
    assert 'value="국민심사단"' in content
    assert contest.rounds.count() == 1


def test_add_panel_row_keeps_values(organizer_client, contest):
    data = round_post(panels=[("전문가", "50")]) | {"add_row": "1"}
    response = organizer_client.post(reverse("contests:round_create", args=[contest.pk]), data)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert 'value="전문가"' in response.content.decode()
    assert contest.rounds.count() == 0


def test_edit_round_and_remove_a_panel(organizer_client, contest, round1):
    panel = f.PanelFactory(round=round1, name_ko="전문가", weight=Decimal("60"))
    other = f.PanelFactory(round=round1, name_ko="국민", weight=Decimal("40"))
    data = round_post(
        name_ko="1차 서면심사",
        opens_at="2026-05-01T09:00",
        closes_at="2026-05-20T18:00",
        weight="100",
        advancement="top_n",
        advancement_value="10",
    ) | {
        "panels-TOTAL_FORMS": "2",
        "panels-INITIAL_FORMS": "2",
        "panels-0-id": panel.pk,
        "panels-0-round": round1.pk,
        "panels-0-name_ko": "전문가",
        "panels-0-weight": "100",
        "panels-1-id": other.pk,
        "panels-1-round": round1.pk,
        "panels-1-name_ko": "국민",
        "panels-1-weight": "40",
        "panels-1-DELETE": "on",
    }
    response = organizer_client.post(
        reverse("contests:round_edit", args=[contest.pk, round1.pk]), data
    )
    assert response.status_code == 302
    round1.refresh_from_db()
    assert (round1.closes_at, round1.weight, round1.advancement_value) == (
        at(5, 20, 18),
        Decimal("100"),
        Decimal("10"),
    )
    assert list(round1.panels.values_list("name_ko", "weight")) == [("전문가", Decimal("100"))]


def test_round_of_another_contest_is_404(organizer_client, contest):
    foreign = f.RoundFactory()
    assert (
        organizer_client.get(
            reverse("contests:round_edit", args=[contest.pk, foreign.pk])
        ).status_code
        == 404
    )


def test_delete_round(organizer_client, contest, round1):
    url = reverse("contests:round_delete", args=[contest.pk, round1.pk])
    assert organizer_client.get(url).status_code == 200
    assert Round.objects.filter(pk=round1.pk).exists()  # GET changes nothing
    response = organizer_client.post(url)
    assert response["Location"] == reverse("contests:detail", args=[contest.pk])
    assert not Round.objects.filter(pk=round1.pk).exists()


def test_delete_round_refuses_once_scoring_started(organizer_client, contest, round1):
    Round.objects.filter(pk=round1.pk).update(scoring_started_at=timezone.now())
    response = organizer_client.post(reverse("contests:round_delete", args=[contest.pk, round1.pk]))
    assert response.status_code == 409
    assert (
        "Scoring has started in this round, so it cannot be removed." in response.content.decode()
    )
    assert Round.objects.filter(pk=round1.pk).exists()
