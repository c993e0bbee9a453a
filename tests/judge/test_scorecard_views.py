"""The scorecard page: who may see it, autosaves (JSON, per field with the value the page knew),
conflicts, bad values, the no-JS form, submit, reopen."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from scoring.models import Score, Scorecard, ScoreEvent
from tests import factories
from tests.judge.conftest import english

SAVED_AT = re.compile(r"\d{2}:\d{2}:\d{2}")

pytestmark = pytest.mark.django_db


def _save(setup, client, name, value, base="", **extra):
    return client.post(
        setup.url("judge:save"),
        {name: value, "base": base, **extra},
        HTTP_ACCEPT="application/json",
    )


def _scores(setup):
    return dict(
        Score.objects.filter(scorecard__entry=setup.entry).values_list(
            "criterion__name_ko", "value"
        )
    )


def test_assigned_judge_sees_the_entry_beside_the_rubric(setup):
    factories.AnswerFactory(entry=setup.entry, text="첫 줄\n둘째 줄")
    response = setup.client().get(setup.url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "첫 줄<br>둘째 줄" in html
    heading = (
        f'<h3 class="scorecard-criterion-name" id="criterion-{setup.innovation.pk}">'
        'Innovation <span class="scorecard-max">(up to 30 points)</span></h3>'
    )
    assert heading in html
    assert f'name="score-{setup.innovation.pk}"' in html
    assert 'inputmode="decimal" pattern="-?[0-9]+(?:[.,][0-9]+)?"' in html
    assert 'data-base="" data-max="30" data-step="1"' in html
    assert 'data-base="" data-max="20" data-step="0.5"' in html
    assert 'data-msg-step="Use steps of 0.5 points."' in html
    label = (
        '<span class="scorecard-segment-label">매우우수</span> '
        '<span class="scorecard-segment-points">30 points</span>'
    )
    assert label in html
    assert 'id="scorecard-version" value="0"' in html
    assert '<a class="scorecard-skip" href="#rubric">' in html
    # Opening the page writes nothing.
    assert not Scorecard.objects.exists()


def test_anonymous_is_sent_to_login(setup):
    from django.test import Client

    response = Client().get(setup.url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_save_answers_with_the_stored_value_the_version_and_the_total(setup):
    client = setup.client()
    response = _save(setup, client, f"score-{setup.innovation.pk}", "27")
    assert response.status_code == 200
    body = response.json()
    assert SAVED_AT.fullmatch(body.pop("saved_at"))
    assert body == {
        "field": str(setup.innovation.pk), "value": "27", "level": None, "total": "27",
        "version": 1, "message": "", "state": "saved",
    }  # fmt: skip
    assert _scores(setup) == {"혁신성": Decimal("27")}
    response = _save(setup, client, f"score-{setup.effect.pk}", "17,5")
    assert (response.status_code, response.json()["total"]) == (200, "44.5")


def test_choosing_a_level_saves_its_points(setup):
    response = _save(setup, setup.client(), f"level-{setup.innovation.pk}", setup.good.pk)
    assert response.status_code == 200
    assert (response.json()["value"], response.json()["level"]) == ("24", setup.good.pk)
    score = Score.objects.get()
    assert (score.value, score.level) == (Decimal("24"), setup.good)


def test_a_comment_is_saved_the_same_way(setup):
    response = _save(setup, setup.client(), "comment", "  확산 가능성이 높음  ")
    assert response.status_code == 200
    assert response.json()["value"] == "확산 가능성이 높음"
    card = Scorecard.objects.get()
    assert (card.comment, card.version) == ("확산 가능성이 높음", 1)


def test_a_conflicting_save_answers_409_with_the_stored_value_and_changes_nothing(setup):
    client = setup.client()
    assert _save(setup, client, f"score-{setup.innovation.pk}", "25").status_code == 200
    # A second tab still shows the field empty and sends another value.
    response = _save(setup, client, f"score-{setup.innovation.pk}", "10", base="")
    assert response.status_code == 409
    body = response.json()
    assert (body["state"], body["value"], body["version"]) == ("conflict", "25", 1)
    assert body["message"].startswith("Another window saved a newer value for this field.")
    assert _scores(setup) == {"혁신성": Decimal("25")}
    assert ScoreEvent.objects.count() == 1


def test_a_conflict_is_per_field_other_fields_still_save(setup):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "25")
    # The page knew version 0, but its base for 효과성 is still right: saved.
    response = _save(setup, client, f"score-{setup.effect.pk}", "12.5", base="")
    assert (response.status_code, response.json()["version"]) == (200, 2)
    assert _scores(setup) == {"혁신성": Decimal("25"), "효과성": Decimal("12.5")}


def test_a_resent_save_is_a_success_and_records_nothing(setup):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "25")
    # The same save again (a beacon, then the restored queue), still with the old base.
    response = _save(setup, client, f"score-{setup.innovation.pk}", "25", base="")
    assert (response.status_code, response.json()["value"]) == (200, "25")
    assert ScoreEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31", "At most 30 points."),
        ("27.5", "Use steps of 1 points."),
        ("abc", "Enter a number."),
        ("-3", "A score cannot be negative."),
        ("NaN", "Enter a number."),
        ("1e-9999999999", "Enter a number."),
        ("1e400", "Enter a number."),
        ("٣", "Enter a number."),
        ("1_0", "Enter a number."),
        ("+5", "Enter a number."),
        ("", "The box is empty, so the saved score was kept. "
             "To remove the score, use “Remove this score”."),
    ],
)  # fmt: skip
def test_bad_values_are_refused_in_the_field_and_change_nothing(setup, raw, message):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "20")
    response = _save(setup, client, f"score-{setup.innovation.pk}", raw, base="20")
    assert response.status_code == 422
    body = response.json()
    assert (body["state"], body["message"], body["value"], body["total"]) == (
        "error",
        message,
        "20",
        "20",
    )
    assert _scores(setup) == {"혁신성": Decimal("20")}
    assert Scorecard.objects.get().version == 1
    assert ScoreEvent.objects.count() == 1


def test_remove_this_score_clears_on_purpose(setup):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "20")
    response = _save(setup, client, f"score-{setup.innovation.pk}", "", base="20", clear="1")
    assert (response.status_code, response.json()["value"]) == (200, "")
    assert _scores(setup) == {}
    assert list(ScoreEvent.objects.values_list("old", "new")) == [("", "20"), ("20", "")]


def test_a_criterion_of_another_round_is_refused(setup):
    other = factories.CriterionFactory(max_points=Decimal("30"))
    response = _save(setup, setup.client(), f"score-{other.pk}", "10")
    assert response.status_code == 422
    assertContains(response, "This criterion is not part of this round", status_code=422)
    assert not Score.objects.exists()
    assert not ScoreEvent.objects.exists()


def test_a_level_of_another_criterion_is_refused(setup):
    response = _save(setup, setup.client(), f"level-{setup.effect.pk}", setup.good.pk)
    assertContains(response, "Choose one of this criterion", status_code=422)
    assert not Score.objects.exists()


def test_a_save_needs_exactly_one_field_and_the_value_the_page_knew(setup):
    client = setup.client()
    response = client.post(setup.url("judge:save"), {f"score-{setup.innovation.pk}": "3"})
    assert response.status_code == 400
    response = client.post(
        setup.url("judge:save"),
        {f"score-{setup.innovation.pk}": "3", f"score-{setup.effect.pk}": "3", "base": ""},
    )
    assert response.status_code == 400
    assert not Score.objects.exists()


def _close(round_):
    now = timezone.now()
    type(round_).objects.filter(pk=round_.pk).update(
        opens_at=now - dt.timedelta(days=5), closes_at=now - dt.timedelta(minutes=1)
    )


def test_a_closed_window_refuses_saves_and_shows_read_only(setup):
    _close(setup.round)
    client = setup.client()
    response = _save(setup, client, f"score-{setup.innovation.pk}", "10")
    assert response.status_code == 422
    assert response.json()["message"] == "The scoring window of this round is closed."
    assert not Score.objects.exists()
    page = client.get(setup.url())
    assertContains(page, "The scoring window of this round is closed.")
    assertNotContains(page, "scorecard-score")
    response = client.post(setup.url(), {"version": 0, f"score-{setup.innovation.pk}": "5"})
    assertContains(response, "The scoring window of this round is closed.", status_code=409)
    assert not Score.objects.exists()


def _full_form(setup, innovation="", effect="", comment="", version=0, **extra):
    return {
        "version": version,
        f"score-{setup.innovation.pk}": innovation,
        f"score-{setup.effect.pk}": effect,
        "comment": comment,
        **extra,
    }


def test_the_no_js_form_saves_every_field(setup):
    client = setup.client()
    response = client.post(setup.url(), _full_form(setup, "28", "15.5", "좋은 사례"))
    assert response.status_code == 302
    assert response.url == setup.url()
    assert _scores(setup) == {"혁신성": Decimal("28"), "효과성": Decimal("15.5")}
    card = Scorecard.objects.get()
    assert (card.comment, card.version) == ("좋은 사례", 3)
    assert ScoreEvent.objects.count() == 3


def test_the_no_js_form_keeps_values_and_shows_errors_next_to_fields(setup):
    client = setup.client()
    response = client.post(setup.url(), _full_form(setup, "31", "15.5", "메모"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="score-{setup.innovation.pk}" value="31"' in html
    assert (
        f'id="state-{setup.innovation.pk}" aria-live="polite"><span class="scorecard-state-error">'
        "At most 30 points.</span>"
    ) in html
    assert 'aria-invalid="true"' in html
    # The valid fields were saved; the refused one changed nothing.
    assert _scores(setup) == {"효과성": Decimal("15.5")}


def test_the_no_js_form_level_radio_wins_when_newly_chosen(setup):
    client = setup.client()
    data = _full_form(setup, "", "10")
    data[f"level-{setup.innovation.pk}"] = setup.excellent.pk
    client.post(setup.url(), data)
    assert _scores(setup) == {"혁신성": Decimal("30"), "효과성": Decimal("10")}
    # The radio stays on 매우우수 and the judge types 29: the number wins.
    data = _full_form(setup, "29", "10", version=2)
    data[f"level-{setup.innovation.pk}"] = setup.excellent.pk
    client.post(setup.url(), data)
    assert _scores(setup)["혁신성"] == Decimal("29")
    # Now the judge picks 우수 without touching the number: the level wins.
    data = _full_form(setup, "29", "10", version=3)
    data[f"level-{setup.innovation.pk}"] = setup.good.pk
    client.post(setup.url(), data)
    assert _scores(setup)["혁신성"] == Decimal("24")


def test_the_no_js_form_keeps_a_stored_score_for_an_empty_box_unless_removed_on_purpose(setup):
    client = setup.client()
    client.post(setup.url(), _full_form(setup, "28", "15.5"))
    response = client.post(setup.url(), _full_form(setup, "", "15.5", version=2))
    assert response.status_code == 200
    assertContains(response, "The box is empty, so the saved score was kept.")
    assert _scores(setup) == {"혁신성": Decimal("28"), "효과성": Decimal("15.5")}
    data = _full_form(setup, "", "15.5", version=2, **{f"clear-{setup.innovation.pk}": "on"})
    assert client.post(setup.url(), data).status_code == 302
    assert _scores(setup) == {"효과성": Decimal("15.5")}


def test_the_no_js_form_is_refused_whole_when_stale(setup):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "25")
    response = client.post(setup.url(), _full_form(setup, "10", "5", version=0))
    assert response.status_code == 409
    html = response.content.decode()
    assert "This scorecard was changed in another window." in html
    assert f'id="score-{setup.innovation.pk}" value="25"' in html
    assert _scores(setup) == {"혁신성": Decimal("25")}


def test_submit_incomplete_shows_the_missing_criteria(setup):
    client = setup.client()
    _save(setup, client, f"score-{setup.innovation.pk}", "25")
    response = client.get(setup.url("judge:submit"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Score every criterion before submitting." in html
    assert (
        f'id="state-{setup.effect.pk}" aria-live="polite"><span class="scorecard-state-error">'
        "Score this criterion.</span>"
    ) in html
    assert Scorecard.objects.get().status == "draft"


def test_submit_asks_to_confirm_then_locks(setup):
    client = setup.client()
    response = client.post(setup.url("judge:submit"), _full_form(setup, "25", "12.5", "메모"))
    assert response.status_code == 200
    assertContains(response, "Submit the scorecard?")
    assertContains(response, '<input type="hidden" name="version" value="3">')
    assert Scorecard.objects.get().status == "draft"
    response = client.post(setup.url("judge:submit"), {"confirm": "1", "version": 3})
    assert response.status_code == 302
    assert response.url == reverse("judge:dashboard")
    card = Scorecard.objects.get()
    assert card.status == "submitted"
    page = client.get(setup.url())
    assertNotContains(page, "scorecard-score")
    assertContains(page, "You submitted this scorecard.")
    assertContains(page, "Reopen to change it")
    response = _save(setup, client, f"score-{setup.innovation.pk}", "1", base="25")
    assertContains(response, "This scorecard is submitted", status_code=422)
    assert _scores(setup)["혁신성"] == Decimal("25")


def test_a_stale_confirmation_is_refused(setup):
    client = setup.client()
    client.post(setup.url(), _full_form(setup, "25", "12.5"))
    response = client.post(setup.url("judge:submit"), {"confirm": "1", "version": 1}, follow=True)
    assertContains(response, "This scorecard was changed in another window.")
    assert Scorecard.objects.get().status == "draft"


@pytest.mark.parametrize(("allow", "expected"), [(True, "draft"), (False, "submitted")])
def test_reopen_follows_the_round_setting(setup, allow, expected):
    type(setup.round).objects.filter(pk=setup.round.pk).update(allow_reopen=allow)
    client = setup.client()
    client.post(setup.url(), _full_form(setup, "25", "12.5"))
    client.post(setup.url("judge:submit"), {"confirm": "1", "version": 2})
    page = client.get(setup.url())
    assert ("Reopen to change it" in page.content.decode()) is allow
    response = client.post(setup.url("judge:reopen"), follow=True)
    assert Scorecard.objects.get().status == expected
    if not allow:
        assertContains(response, "In this round judges cannot reopen a submitted scorecard.")


def test_reopen_after_the_window_closed_is_refused(setup):
    client = setup.client()
    client.post(setup.url(), _full_form(setup, "25", "12.5"))
    client.post(setup.url("judge:submit"), {"confirm": "1", "version": 2})
    _close(setup.round)
    assertNotContains(client.get(setup.url()), "Reopen to change it")
    response = client.post(setup.url("judge:reopen"), follow=True)
    assertContains(response, "The scoring window of this round is closed.")
    assert Scorecard.objects.get().status == "submitted"


def test_pages_are_in_korean_by_default(setup):
    from django.test import Client

    client = Client()
    client.force_login(setup.judge.user)
    response = client.get(setup.url())
    assert response.status_code == 200
    assert english(client).get(setup.url()).status_code == 200
