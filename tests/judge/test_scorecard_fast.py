"""Issue 10 on the scorecard page: the fast path's "next entry" (items 2), the entry read only
from the round's opening (item 6), and the judge told what the organizer did (item 5)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Scorecard, ScoreEvent
from scoring.selectors.judge_next import next_unscored
from scoring.services.scorecards import scorecard_fill, scorecard_reopen
from tests import factories
from tests.judge.conftest import attach, submitted_entry

pytestmark = pytest.mark.django_db


def _entries(setup, count=3):
    """The setup's entry (2026-0001) and more assigned entries 2026-0002 …"""
    more = [submitted_entry(setup.contest, n=n, title=f"사례 {n}") for n in range(2, count + 1)]
    for entry in more:
        factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entry)
    return [setup.entry, *more]


def _submitted(setup, entry):
    return Scorecard.objects.create(
        round=setup.round, judge=setup.judge, entry=entry, status="submitted", total=Decimal(0)
    )


def _scored(setup, client, entry):
    """Both criteria scored through the page's autosave; returns the card's version."""
    url = reverse("judge:save", args=[setup.round.pk, entry.pk])
    for name, value in ((f"score-{setup.innovation.pk}", "24"), (f"score-{setup.effect.pk}", "15")):
        assert client.post(url, {name: value, "base": ""}).status_code == 200
    return Scorecard.objects.get(entry=entry, judge=setup.judge).version


def _confirm(setup, client, entry, version, **extra):
    url = reverse("judge:submit", args=[setup.round.pk, entry.pk])
    return client.post(url, {"confirm": "1", "version": version, **extra})


def test_next_is_the_following_unsubmitted_entry_in_list_order_wrapping_round(setup):
    first, second, third, fourth = _entries(setup, 4)
    _submitted(setup, third)
    assignment = setup.judge.assignments.get(entry=second)
    assert next_unscored(assignment) == fourth.pk  # third is submitted: skipped
    _submitted(setup, fourth)
    assert next_unscored(assignment) == first.pk  # wraps round
    _submitted(setup, first)
    assert next_unscored(assignment) is None  # only itself is left


def test_next_query_is_one_query(setup, django_assert_num_queries):
    _entries(setup, 3)
    assignment = setup.judge.assignments.select_related("entry").get(entry=setup.entry)
    with django_assert_num_queries(1):
        next_unscored(assignment)


def test_submit_and_next_opens_the_next_entry_then_the_dashboard_when_none_is_left(setup):
    first, second = _entries(setup, 2)
    client = setup.client()
    response = _confirm(setup, client, first, _scored(setup, client, first), next="1")
    assert response.status_code == 302
    assert response.url == reverse("judge:scorecard", args=[setup.round.pk, second.pk])
    page = client.get(response.url)
    assert "Submitted: 찾아라! 119 지름길. It is locked now." in page.content.decode()
    response = _confirm(setup, client, second, _scored(setup, client, second), next="1")
    assert response.url == reverse("judge:dashboard")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Submitted: 사례 2. It is locked now.",
        "Every entry assigned to you in this round is submitted.",
    ]
    assert set(Scorecard.objects.values_list("status", flat=True)) == {"submitted"}


def test_submit_without_next_still_goes_to_the_dashboard(setup):
    first, _second = _entries(setup, 2)
    client = setup.client()
    response = _confirm(setup, client, first, _scored(setup, client, first))
    assert response.url == reverse("judge:dashboard")


def test_the_no_js_fast_button_asks_on_the_confirmation_page_and_keeps_next(setup):
    client = setup.client()
    _scored(setup, client, setup.entry)
    response = client.get(setup.url("judge:submit") + "?next=1")
    html = response.content.decode()
    assert '<input type="hidden" name="next" value="1">' in html
    assert "Submit and go to the next entry" in html
    html = client.get(setup.url("judge:submit")).content.decode()
    assert '<input type="hidden" name="next" value="1">' not in html
    assert "Submit and lock" in html


def test_the_scorecard_offers_the_fast_path_and_focuses_the_first_empty_box(setup):
    client = setup.client()
    url = reverse("judge:save", args=[setup.round.pk, setup.entry.pk])
    client.post(url, {f"score-{setup.innovation.pk}": "24", "base": ""})
    html = client.get(setup.url()).content.decode()
    submit = setup.url("judge:submit")
    assert (
        f'<button type="submit" class="krds-btn primary medium" formaction="{submit}?next=1" '
        'data-next="1" id="scorecard-next">Submit and go to the next entry</button>'
    ) in html
    assert '<dialog id="scorecard-dialog"' in html
    assert html.count('data-autofocus="1"') == 1
    effect_box = html[html.index(f'id="score-{setup.effect.pk}"') :]
    assert effect_box[: effect_box.index(">")].endswith('data-autofocus="1"')
    assert f'href="{reverse("judge:overview", args=[setup.round.pk])}"' in html
    assert "My scoring overview" in html


# --- item 6: the entry is read from the round's opening --------------------------------------


def _not_open_yet(setup):
    now = timezone.now()
    setup.round.opens_at, setup.round.closes_at = (
        now + dt.timedelta(days=2),
        now + dt.timedelta(days=9),
    )
    setup.round.save()


def test_before_the_opening_the_page_shows_title_and_receipt_but_not_answers_or_files(setup):
    factories.AnswerFactory(entry=setup.entry, text="비공개 답변")
    attach(setup.entry, "사례.pdf")
    _not_open_yet(setup)
    client = setup.client()
    html = client.get(setup.url()).content.decode()
    assert "찾아라! 119 지름길" in html
    assert "2026-0001" in html
    assert "비공개 답변" not in html
    assert "사례.pdf" not in html
    assert "첨부1.pdf" not in html
    assert "The answers and attachments of the entry are shown when scoring opens." in html
    opens = timezone.localtime(setup.round.opens_at).strftime("%Y-%m-%d %H:%M")
    assert f"Scoring opens at {opens}. You can read the entry from then on." in html
    assert client.get(setup.url("judge:attachment", 1)).status_code == 404


def test_after_the_opening_answers_and_files_are_there(setup):
    factories.AnswerFactory(entry=setup.entry, text="공개 답변")
    attach(setup.entry, "사례.pdf")
    client = setup.client()
    html = client.get(setup.url()).content.decode()
    assert "공개 답변" in html
    assert "첨부1.pdf" in html
    assert client.get(setup.url("judge:attachment", 1)).status_code == 200


# --- item 5: told what happened ----------------------------------------------------------------


def _organizer_submits(setup):
    setup.organizer.name = "박주관"
    setup.organizer.save()
    card = Scorecard.objects.create(round=setup.round, judge=setup.judge, entry=setup.entry)
    values = {setup.innovation.pk: "24", setup.effect.pk: "15"}
    return scorecard_fill(
        scorecard=card, values=values, comment=None, version=0, by=setup.organizer,
        via=ScoreEvent.Via.ORGANIZER, reason="서면 평가표 대리 입력", submit=True,
    ).scorecard  # fmt: skip


def _when(field):
    event = ScoreEvent.objects.filter(field=field).latest("at", "id")
    return timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M")


def test_a_card_submitted_on_the_judges_behalf_says_so(setup):
    _organizer_submits(setup)
    html = setup.client().get(setup.url()).content.decode()
    when = _when(ScoreEvent.Field.STATUS)
    assert f"The organizer submitted this scorecard on your behalf (박주관, {when})." in html
    assert "Reason: 서면 평가표 대리 입력" in html


def test_a_card_reopened_by_the_organizer_says_why_who_and_when(setup):
    card = _organizer_submits(setup)
    scorecard_reopen(scorecard=card, by=setup.organizer, via=ScoreEvent.Via.ORGANIZER,
                     reason="효과성 점수 확인 필요")  # fmt: skip
    html = setup.client().get(setup.url()).content.decode()
    when = _when(ScoreEvent.Field.STATUS)
    assert (
        f"The organizer reopened this scorecard (박주관, {when}). "
        "Change it if needed and submit it again."
    ) in html
    assert "Reason: 효과성 점수 확인 필요" in html
    assert "on your behalf" not in html


def test_the_judges_own_submit_and_reopen_tell_nothing(setup):
    client = setup.client()
    version = _scored(setup, client, setup.entry)
    _confirm(setup, client, setup.entry, version)
    client.post(setup.url("judge:reopen"))
    html = client.get(setup.url()).content.decode()
    assert "scorecard-told" not in html


def test_without_javascript_the_fast_button_saves_asks_and_opens_the_next_entry(setup):
    first, second = _entries(setup, 2)
    client = setup.client()
    form = {
        "version": 0, f"score-{setup.innovation.pk}": "24", f"score-{setup.effect.pk}": "15",
        "comment": "좋음",
    }  # fmt: skip
    response = client.post(setup.url("judge:submit") + "?next=1", form)
    assert response.status_code == 200
    assert '<input type="hidden" name="next" value="1">' in response.content.decode()
    version = Scorecard.objects.get(entry=first).version
    response = _confirm(setup, client, first, version, next="1")
    assert response.url == reverse("judge:scorecard", args=[setup.round.pk, second.pk])
