"""Issue 10, item 3: an optional comment per criterion, in rounds that ask for it; autosaved
through the one write path, audited, shown read-only once submitted; the organizer turns it on
in the round set-up form."""

import pytest
from django.urls import reverse

from contests.models import Round
from scoring.models import Scorecard, ScoreEvent
from scoring.models.judge_aids import CriterionComment

pytestmark = pytest.mark.django_db


def _on(setup):
    Round.objects.filter(pk=setup.round.pk).update(criterion_comments=True)
    setup.round.refresh_from_db()


def _save(setup, client, value, base=""):
    name = f"ccomment-{setup.innovation.pk}"
    return client.post(setup.url("judge:save"), {name: value, "base": base})


def _stored():
    return list(CriterionComment.objects.values_list("criterion__name_ko", "text"))


def test_a_comment_on_a_criterion_is_saved_audited_and_deleted_when_emptied(setup):
    _on(setup)
    client = setup.client()
    response = _save(setup, client, "  새로운 방식임\r\n확산 가능  ")
    assert response.status_code == 200
    body = response.json()
    assert (body["field"], body["value"], body["state"]) == (
        f"ccomment-{setup.innovation.pk}",
        "새로운 방식임\n확산 가능",
        "saved",
    )
    assert _stored() == [("혁신성", "새로운 방식임\n확산 가능")]
    assert _save(setup, client, "", base="새로운 방식임\n확산 가능").json()["value"] == ""
    assert _stored() == []
    events = ScoreEvent.objects.filter(field=ScoreEvent.Field.CRITERION_COMMENT)
    assert list(events.values_list("criterion__name_ko", "old", "new", "via")) == [
        ("혁신성", "", "새로운 방식임\n확산 가능", "judge"),
        ("혁신성", "새로운 방식임\n확산 가능", "", "judge"),
    ]
    assert Scorecard.objects.get().version == 2


def test_a_comment_saved_meanwhile_in_another_window_is_a_conflict(setup):
    _on(setup)
    client = setup.client()
    _save(setup, client, "첫 의견")
    response = _save(setup, client, "다른 창의 의견", base="")
    assert response.status_code == 409
    assert (response.json()["value"], response.json()["state"]) == ("첫 의견", "conflict")
    assert _stored() == [("혁신성", "첫 의견")]


def test_a_round_without_the_option_refuses_comments_on_criteria(setup):
    response = _save(setup, setup.client(), "의견")
    assert response.status_code == 422
    assert response.json()["message"] == "This round does not ask for comments on each criterion."
    assert _stored() == []


def test_the_page_offers_a_collapsed_comment_box_per_criterion_only_when_asked(setup):
    client = setup.client()
    html = client.get(setup.url()).content.decode()
    assert "ccomment-" not in html
    _on(setup)
    html = client.get(setup.url()).content.decode()
    assert html.count('<details class="scorecard-ccomment">') == 2  # closed while empty
    assert f'<label for="ccomment-{setup.innovation.pk}">Comment on Innovation</label>' in html
    _save(setup, client, "의견 있음")
    html = client.get(setup.url()).content.decode()
    assert html.count('<details class="scorecard-ccomment">') == 1
    assert html.count('<details class="scorecard-ccomment" open>') == 1
    assert 'data-base="의견 있음" aria-describedby' in html


def test_the_no_js_form_saves_comments_on_criteria(setup):
    _on(setup)
    client = setup.client()
    form = {
        "version": 0, f"score-{setup.innovation.pk}": "24", f"score-{setup.effect.pk}": "",
        "comment": "", f"ccomment-{setup.innovation.pk}": "혁신적",
        f"ccomment-{setup.effect.pk}": "",
    }  # fmt: skip
    response = client.post(setup.url(), form)
    assert response.status_code == 302
    assert _stored() == [("혁신성", "혁신적")]


def test_a_submitted_card_shows_the_comments_read_only(setup):
    _on(setup)
    client = setup.client()
    _save(setup, client, "혁신적임")
    url = reverse("judge:save", args=[setup.round.pk, setup.entry.pk])
    client.post(url, {f"score-{setup.innovation.pk}": "24", "base": ""})
    client.post(url, {f"score-{setup.effect.pk}": "15", "base": ""})
    version = Scorecard.objects.get().version
    client.post(setup.url("judge:submit"), {"confirm": "1", "version": version})
    html = client.get(setup.url()).content.decode()
    assert "<textarea" not in html.split('id="rubric"')[1].split("private-note")[0]
    assert (
        '<div class="scorecard-readonly-ccomment"><dt>Comment on Innovation</dt>'
        "<dd>혁신적임</dd></div>"
    ) in html


def test_the_organizer_turns_the_option_on_in_the_round_form(setup):
    from contests.forms import RoundForm

    form = RoundForm(instance=setup.round, contest=setup.contest)
    assert "criterion_comments" in form.fields


def test_the_evaluation_sheet_pdf_carries_the_comments_on_criteria(setup):
    from reports.sheets_pdf import _sheets
    from scoring.selectors.judge import rubric_of

    _on(setup)
    client = setup.client()
    _save(setup, client, "현장 적용성 높음")
    card = Scorecard.objects.select_related("round__contest", "entry__agency").get()
    sheet = _sheets([card], rubric_of(setup.round))[0]
    assert [(line.name, line.comment) for line in sheet.lines] == [
        ("Innovation", "현장 적용성 높음"),
        ("Effect", ""),
    ]
