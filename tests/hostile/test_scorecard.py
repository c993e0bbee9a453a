"""Issue 7, the judge's scorecard (items 3, 5, 6, 7, 9): what a judge typed is never lost or
silently changed. The browser side of items 3-7 and 10 is in tests/e2e/test_scorecard_trust.py."""

import pytest
from django.test import Client
from django.urls import reverse

from scoring.models import Score, Scorecard, ScoreEvent
from submissions.models import Entry
from tests import factories
from tests.judge.conftest import Setup

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def setup(db):
    return Setup()


def _save(setup, client, name, value, base, **extra):
    return client.post(setup.url("judge:save"), {name: value, "base": base, **extra}, **JSON)


def _innovation(setup):
    return f"score-{setup.innovation.pk}"


def _stored(setup):
    return list(Score.objects.values_list("value", flat=True))


@pytest.mark.parametrize("typo", ["1e400", "NaN", "abc", "٣", ""])
def test_item_3_a_typo_over_a_saved_score_is_refused_and_the_score_kept(setup, typo):
    client = setup.client()
    assert _save(setup, client, _innovation(setup), "25", "").status_code == 200
    response = _save(setup, client, _innovation(setup), typo, "25")
    assert response.status_code == 422
    assert (response.json()["value"], response.json()["total"]) == ("25", "25")
    assert [str(v) for v in _stored(setup)] == ["25.00"]
    assert ScoreEvent.objects.count() == 1
    # The box is a text box: the browser sends exactly what was typed, never "" for a typo.
    page = client.get(setup.url()).content.decode()
    assert (
        f'<input type="text" class="krds-input scorecard-score" name="{_innovation(setup)}"' in page
    )


def test_item_3_the_no_js_form_does_not_clear_a_score_for_an_empty_box(setup):
    client = setup.client()
    form = {"version": 0, _innovation(setup): "25", f"score-{setup.effect.pk}": "", "comment": ""}
    assert client.post(setup.url(), form).status_code == 302
    response = client.post(setup.url(), {**form, "version": 1, _innovation(setup): ""})
    assert response.status_code == 200
    assert "The box is empty, so the saved score was kept." in response.content.decode()
    assert [str(v) for v in _stored(setup)] == ["25.00"]


def test_item_5_an_expired_session_answers_401_to_page_scripts_not_the_login_page(setup):
    anonymous = Client()
    response = _save(setup, anonymous, _innovation(setup), "25", "")
    assert response.status_code == 401
    assert response.json()["reason"] == "login"
    assert response.json()["login_url"].startswith(reverse("account_login"))
    # The same for htmx requests anywhere (the entry form's autosave).
    entry = factories.EntryFactory(status=Entry.Status.DRAFT)
    autosave = reverse("entries:autosave", args=[entry.pk])
    response = anonymous.post(autosave, {"title": "새 제목"}, HTTP_HX_REQUEST="true")
    assert (response.status_code, response.json()["reason"]) == (401, "login")
    # Pages opened by a person still go to the sign-in page.
    assert anonymous.get(setup.url()).status_code == 302
    assert not Score.objects.exists()


def test_item_5_a_csrf_failure_answers_json_to_scripts_and_a_403_page_otherwise(setup):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(setup.judge.user)
    response = _save(setup, client, _innovation(setup), "25", "")
    assert (response.status_code, response.json()["reason"]) == (403, "csrf")
    response = client.post(setup.url(), {"version": 0, _innovation(setup): "25"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form was sent with an out-of-date security token" in html
    assert '<html lang="en">' in html
    assert not Score.objects.exists()


def test_item_6_a_reload_race_neither_refuses_nor_wipes_the_next_edit(setup):
    client = setup.client()
    # The judge typed 25 and pressed F5: the reload is served before the beacon's save lands.
    page = client.get(setup.url()).content.decode()
    assert 'data-base="" data-max="30"' in page
    assert _save(setup, client, _innovation(setup), "25", "").status_code == 200  # the beacon
    # The reloaded page restores 25 from sessionStorage and sends it again with the same base.
    again = _save(setup, client, _innovation(setup), "25", "")
    assert (again.status_code, again.json()["value"]) == (200, "25")
    # The next edit carries the base the answer gave: accepted.
    response = _save(setup, client, _innovation(setup), "27", again.json()["value"])
    assert response.status_code == 200
    assert [str(v) for v in _stored(setup)] == ["27.00"]
    assert list(ScoreEvent.objects.values_list("old", "new")) == [("", "25"), ("25", "27")]


def test_item_7_a_stale_comment_save_keeps_both_texts(setup):
    client = setup.client()
    assert _save(setup, client, "comment", "다른 창에서 쓴 의견", "").status_code == 200
    response = _save(setup, client, "comment", "이 창에서 쓴 의견", "")
    assert response.status_code == 409
    assert (response.json()["state"], response.json()["value"]) == (
        "conflict",
        "다른 창에서 쓴 의견",
    )
    assert Scorecard.objects.get().comment == "다른 창에서 쓴 의견"
    # "Save mine": the same text again, now with the stored text as the base.
    response = _save(setup, client, "comment", "이 창에서 쓴 의견", "다른 창에서 쓴 의견")
    assert response.status_code == 200
    assert Scorecard.objects.get().comment == "이 창에서 쓴 의견"


@pytest.mark.parametrize("typed", ["٣", "١٢", "1_0", "+5", "\uff12\uff15", "1e1"])
def test_item_9_only_plain_ascii_numbers_are_accepted(setup, typed):
    response = _save(setup, setup.client(), _innovation(setup), typed, "")
    assert (response.status_code, response.json()["message"]) == (422, "Enter a number.")
    assert not Score.objects.exists()


def test_item_9_minus_zero_is_zero_and_no_change_over_zero(setup):
    client = setup.client()
    assert _save(setup, client, _innovation(setup), "-0", "").json()["value"] == "0"
    response = _save(setup, client, _innovation(setup), "-0", "0")
    assert (response.status_code, response.json()["value"]) == (200, "0")
    assert list(ScoreEvent.objects.values_list("old", "new")) == [("", "0")]


# --- The walk-through in a real browser after issue 7 (the browser side is in
# tests/e2e/test_scorecard_walkthrough.py) ---


def _korean(setup) -> Client:
    client = Client()
    client.force_login(setup.judge.user)
    return client


def test_walkthrough_2_each_criterion_has_a_visible_heading_not_only_a_hidden_legend(setup):
    html = _korean(setup).get(setup.url()).content.decode()
    pk = setup.innovation.pk
    assert f'<fieldset class="scorecard-criterion" aria-labelledby="criterion-{pk}">' in html
    assert (
        f'<h3 class="scorecard-criterion-name" id="criterion-{pk}">'
        '혁신성 <span class="scorecard-max">(배점 30점)</span></h3>'
    ) in html
    assert f'<fieldset class="scorecard-levels" aria-labelledby="levels-{pk}">' in html
    assert f'<p class="scorecard-levels-name" id="levels-{pk}">혁신성 평가 수준</p>' in html
    assert "<legend" not in html  # KRDS clips every legend to 1px


def test_walkthrough_4_a_refused_submit_redirects_to_the_scorecard_and_a_reload_posts_nothing(
    setup,
):
    client = _korean(setup)
    form = {"version": 0, _innovation(setup): "25", f"score-{setup.effect.pk}": "", "comment": ""}
    response = client.post(setup.url("judge:submit"), form)  # the no-JS form: saved, then checked
    assert (response.status_code, response.url) == (302, f"{setup.url()}?check=1")
    assert [str(v) for v in _stored(setup)] == ["25.00"]
    for _reload in range(2):  # the page a reload shows is the same GET, nothing sent again
        html = client.get(response.url).content.decode()
        assert "제출하기 전에 모든 평가항목에 점수를 입력해 주십시오." in html
        assert (
            f'id="state-{setup.effect.pk}" aria-live="polite"><span class="scorecard-state-error">'
            "이 평가항목에 점수를 입력해 주십시오.</span>"
        ) in html
        assert html.count(" autofocus>") == 1
        assert f'aria-describedby="state-{setup.effect.pk}" aria-invalid="true" autofocus>' in html
        assert "다른 창에서 저장한 값으로 바뀌었습니다" not in html
    assert ScoreEvent.objects.count() == 1
    # Without ?check=1 the page is the plain scorecard.
    assert " autofocus>" not in client.get(setup.url()).content.decode()


def test_walkthrough_9_the_dashboard_counts_submitted_scorecards_not_a_date(setup):
    html = _korean(setup).get(reverse("judge:dashboard")).content.decode()
    assert '">제출 완료</label>' in html
    assert "제출 일시" not in html
