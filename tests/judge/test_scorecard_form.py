"""ScorecardForm: the one place where the scorecard's posted field names and values are read,
for one autosaved field and for the whole form without JavaScript. What it gives is a list of
Change for the services (scoring.services.scorecards)."""

import pytest
from django.http import QueryDict
from django.utils import translation

from scoring.forms.scorecard import (
    ScorecardForm,
    clear_name,
    level_name,
    score_name,
)
from scoring.selectors.judge import rubric_of
from scoring.services.scorecards import Change

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _post(**data) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query[name.replace("_", "-")] = value
    return query


def _one(data: dict) -> ScorecardForm:
    query = QueryDict(mutable=True)
    query.update(data)
    return ScorecardForm(query)


# --- one autosaved field ---------------------------------------------------------------------


def test_a_score_field_with_its_base():
    form = _one({"score-12": " 17,5 ", "base": "15"})
    assert form.is_valid()
    assert form.changes() == [Change(12, " 17,5 ", base="15")]
    assert form.key == "12"


def test_remove_this_score_sends_clear():
    form = _one({"score-12": "", "base": "20", "clear": "1"})
    assert form.is_valid()
    assert form.changes() == [Change(12, "", clear=True, base="20")]


def test_a_level_field_names_its_level():
    form = _one({"level-12": "7", "base": ""})
    assert form.is_valid()
    assert form.changes() == [Change(12, level_id=7, by_level=True, base="")]


def test_a_level_value_that_is_no_id_still_reaches_the_service_to_be_refused_beside_the_field():
    for value in ("²", "", "-1", "9" * 5000):
        form = _one({"level-12": value, "base": ""})
        assert form.is_valid()
        assert form.changes() == [Change(12, level_id=None, by_level=True, base="")]


def test_the_comment_is_kept_as_typed_for_the_service_to_clean():
    form = _one({"comment": "  좋음\r\n", "base": ""})
    assert form.is_valid()
    assert form.changes() == [Change(None, "  좋음\r\n", base="")]
    assert form.key == "comment"


@pytest.mark.parametrize(
    "data",
    [
        {"score-12": "3"},  # no base
        {"score-12": "3", "score-13": "4", "base": ""},  # two fields
        {"score-12": "3", "comment": "x", "base": ""},
        {"base": ""},  # no field
        {"version": "0", "base": ""},
        {"score-12": "3", "base": "x" * 5101},  # a base longer than any value
    ],
)
def test_exactly_one_field_and_the_base_or_400(data):
    form = _one(data)
    assert not form.is_valid()
    assert form.refusal() == "Send exactly one field and the value the page knew."


@pytest.mark.parametrize(
    "name", ["score-²", "score-", "score-abc", "level-1.5", "score-" + "9" * 20]
)
def test_a_field_name_without_a_criterion_id_is_unknown(name):
    form = _one({name: "3", "base": ""})
    assert not form.is_valid()
    assert form.refusal() == "Unknown field."


# --- the whole form --------------------------------------------------------------------------


@pytest.fixture
def rubric(setup):
    return rubric_of(setup.round)


def _whole(setup, rubric, checked=None, **data) -> ScorecardForm:
    form = ScorecardForm(
        _post(**{"version": "0", "comment": "", **data}), criteria=rubric, checked=checked
    )
    assert form.is_valid(), form.errors
    return form


def test_the_whole_form_gives_every_criterion_in_rubric_order_then_the_comment(setup, rubric):
    inn, eff = setup.innovation.pk, setup.effect.pk
    data = {f"score_{inn}": " 28 ", f"score_{eff}": "15,5", "comment": " 좋은 사례 "}
    form = _whole(setup, rubric, **data)
    assert form.changes() == [Change(inn, "28"), Change(eff, "15,5"), Change(None, "좋은 사례")]


def test_a_newly_chosen_level_wins_a_number_left_as_it_was(setup, rubric):
    inn, good = setup.innovation.pk, setup.good.pk
    data = {f"score_{inn}": "30", f"level_{inn}": str(good)}
    checked = {inn: setup.excellent.pk}  # the page showed 매우우수 checked
    assert _whole(setup, rubric, checked, **data).changes()[0] == Change(inn, "24.00", good)


def test_a_number_typed_over_an_unchanged_level_wins(setup, rubric):
    inn, excellent = setup.innovation.pk, setup.excellent.pk
    data = {f"score_{inn}": "29", f"level_{inn}": str(excellent)}
    checked = {inn: excellent}
    assert _whole(setup, rubric, checked, **data).changes()[0] == Change(inn, "29")


def test_a_level_with_an_empty_box_or_the_same_number_saves_the_level(setup, rubric):
    inn, good = setup.innovation.pk, setup.good.pk
    checked = {inn: good}
    for typed in ("", "24", "24,0"):
        data = {f"score_{inn}": typed, f"level_{inn}": str(good)}
        assert _whole(setup, rubric, checked, **data).changes()[0] == Change(inn, "24.00", good)


def test_remove_this_score_wins_over_everything(setup, rubric):
    inn = setup.innovation.pk
    data = {f"score_{inn}": "20", f"level_{inn}": str(setup.good.pk), f"clear_{inn}": "on"}
    assert _whole(setup, rubric, **data).changes()[0] == Change(inn, "", clear=True)


def test_the_whole_form_refuses_a_level_of_another_criterion_and_a_missing_version(setup, rubric):
    inn = setup.innovation.pk
    data = _post(version="0", comment="", **{f"level_{setup.effect.pk}": str(setup.good.pk)})
    form = ScorecardForm(data, criteria=rubric)
    assert not form.is_valid()
    assert list(form.errors) == [level_name(setup.effect.pk)]
    form = ScorecardForm(_post(comment="", **{f"score_{inn}": "3"}), criteria=rubric)
    assert list(form.errors) == ["version"]


def test_is_whole_tells_the_two_posts_apart():
    assert ScorecardForm.is_whole(_post(version="0", comment=""))
    assert not ScorecardForm.is_whole(_post(comment="", base=""))


def test_field_errors_and_replaced_fields_are_named_as_the_page_names_them(setup, rubric):
    inn, eff = setup.innovation.pk, setup.effect.pk
    form = _whole(setup, rubric, **{f"score_{inn}": "10", f"score_{eff}": " 5 ", "comment": "a"})
    errors, comment_error = form.field_errors({inn: ["At most 30 points."], None: ["Too", "long"]})
    assert (errors, comment_error) == ({score_name(inn): ["At most 30 points."]}, "Too long")
    assert form.replaced({inn: "25", eff: "5"}, "a") == [score_name(inn)]
    assert form.replaced({inn: "10", eff: "5"}, "b") == ["comment"]


def test_names_are_built_in_one_place():
    assert (score_name(3), level_name(3), clear_name(3)) == ("score-3", "level-3", "clear-3")
