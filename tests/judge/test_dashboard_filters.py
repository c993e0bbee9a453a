"""The judge's dashboard: filter by state and category, sort, the organizer's markers and the
24-hour warning."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.models import Score, Scorecard, ScoreEvent
from tests import factories
from tests.judge.conftest import submitted_entry
from tests.judge.dashboard_html import _no_throttle, badges, counts, entry_rows  # noqa: F401

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("judge:dashboard")


# --- filter, sort, markers, the 24-hour warning ----------------------------------------------


@pytest.fixture
def board(setup):
    """Five entries: 0001 not started (setup's); 0002 draft 12, 0003 submitted 40, 0004 draft
    25, 0005 submitted 7, saved 30, 20, 5 and 10 minutes ago; 0003 and 0005 in category Local."""
    other = factories.CategoryFactory(
        contest=setup.contest, name_en="Local", order=setup.entry.category.order + 1
    )
    entries = {1: setup.entry}
    titles = {2: "나 사례", 3: "가 사례", 4: "라 사례", 5: "다 사례"}
    for n, title in titles.items():
        category = other if n in (3, 5) else setup.entry.category
        entries[n] = submitted_entry(setup.contest, n, title=title, category=category)
        factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entries[n])
    now = timezone.now()
    cards = ((2, "draft", "12", 30), (3, "submitted", "40", 20), (4, "draft", "25", 5),
             (5, "submitted", "7", 10))  # fmt: skip
    for n, status, total, minutes in cards:
        card = Scorecard.objects.create(
            round=setup.round, judge=setup.judge, entry=entries[n], status=status, version=2,
            total=Decimal(total) if status == "submitted" else None,
        )  # fmt: skip
        Score.objects.create(scorecard=card, criterion=setup.innovation, value=Decimal(total))
        Scorecard.objects.filter(pk=card.pk).update(updated_at=now - dt.timedelta(minutes=minutes))
    return setup, entries, other


def _pks(entries, *numbers):
    return [entries[n].pk for n in numbers]


def test_counts_per_status_and_the_default_receipt_order(board):
    setup, entries, _other = board
    html = setup.client().get(DASHBOARD).content.decode()
    assert counts(html) == {"not_started": 1, "draft": 2, "submitted": 2}
    assert entry_rows(html) == _pks(entries, 1, 2, 3, 4, 5)
    assert "Remove filters" not in html


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("receipt", (1, 2, 3, 4, 5)),
        ("title", (3, 2, 5, 4, 1)),  # 가 나 다 라, then 찾아라
        ("category", (1, 2, 4, 3, 5)),
        ("status", (1, 2, 4, 3, 5)),  # not started, drafts, submitted
        ("saved", (4, 5, 3, 2, 1)),  # latest first, never saved last
        ("total", (3, 4, 2, 5, 1)),  # highest first, none last
    ],
)
def test_sort(board, sort, order):
    setup, entries, _other = board
    html = setup.client().get(DASHBOARD, {"sort": sort}).content.decode()
    assert entry_rows(html) == _pks(entries, *order)
    assert f'<option value="{sort}" selected>' in html


def test_filter_by_status_and_category_then_remove_the_filters(board):
    setup, entries, other = board
    client = setup.client()
    html = client.get(DASHBOARD, {"status": "draft", "sort": "total"}).content.decode()
    assert entry_rows(html) == _pks(entries, 4, 2)
    # The counts stay those of the whole round; the active filter is named, with a way out.
    assert counts(html) == {"not_started": 1, "draft": 2, "submitted": 2}
    assert "Showing only:" in html
    assert "<strong>Draft</strong>" in html
    assert f'<a class="judge-filter-clear" href="{DASHBOARD}?sort=total">Remove filters</a>' in html
    html = client.get(DASHBOARD, {"category": other.pk}).content.decode()
    assert entry_rows(html) == _pks(entries, 3, 5)
    assert "<strong>Local</strong>" in html
    assert f'<a class="judge-filter-clear" href="{DASHBOARD}">Remove filters</a>' in html
    html = client.get(DASHBOARD, {"category": other.pk, "status": "not_started"}).content.decode()
    assert entry_rows(html) == []
    assert "None of your entries in this round match these filters." in html


def test_a_bad_filter_value_is_reported_and_the_others_still_apply(board):
    setup, entries, _other = board
    response = setup.client().get(DASHBOARD, {"status": "done", "category": "x", "sort": "title"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Select a valid choice.") == 2
    assert entry_rows(html) == _pks(entries, 3, 2, 5, 4, 1)
    assert "Showing only:" not in html


def test_htmx_filter_gets_only_the_boards(board):
    setup, entries, _other = board
    response = setup.client().get(DASHBOARD, {"status": "submitted"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<h1>" not in html
    assert 'id="judge-filter"' not in html
    assert entry_rows(html) == _pks(entries, 3, 5)


def test_organizer_reopen_and_submit_on_behalf_are_marked(board):
    setup, entries, _other = board
    for n, old, new in ((2, "submitted", "draft"), (5, "draft", "submitted")):
        card = Scorecard.objects.get(entry=entries[n])
        ScoreEvent.objects.create(scorecard=card, field="status", old=old, new=new,
                                  via="organizer", reason="요청", by=setup.organizer)  # fmt: skip
    # The judge's own status changes are not marked: reopened by the organizer, then submitted
    # again by the judge.
    card = Scorecard.objects.get(entry=entries[3])
    for old, new, via, by in (("submitted", "draft", "organizer", setup.organizer),
                              ("draft", "submitted", "judge", setup.judge.user)):  # fmt: skip
        ScoreEvent.objects.create(scorecard=card, field="status", old=old, new=new, via=via, by=by)
    # Submitted by an Excel import counts as on the judge's behalf too.
    card = Scorecard.objects.get(entry=entries[4])
    Scorecard.objects.filter(pk=card.pk).update(status="submitted", total=Decimal(25))
    ScoreEvent.objects.create(scorecard=card, field="status", old="draft", new="submitted",
                              via="import", by=setup.organizer)  # fmt: skip
    html = setup.client().get(DASHBOARD).content.decode()
    assert badges(html, entries[2]) == ["Draft", "Reopened by the organizer"]
    assert badges(html, entries[5]) == ["Submitted", "Submitted on your behalf"]
    assert badges(html, entries[3]) == ["Submitted"]
    assert badges(html, entries[4]) == ["Submitted", "Submitted on your behalf"]
    assert badges(html, entries[1]) == ["Not started"]


def _closes_in(setup, delta):
    closes = timezone.now() + delta
    type(setup.round).objects.filter(pk=setup.round.pk).update(closes_at=closes)
    return timezone.localtime(closes)


def test_warning_banner_within_24_hours_with_deadline_and_number_left(board):
    setup, _entries, _other = board
    closes = _closes_in(setup, dt.timedelta(hours=5, minutes=30))
    html = setup.client().get(DASHBOARD).content.decode()
    alert = html[html.index('<div class="app-alert warning judge-closing" role="alert"') :]
    alert = alert[: alert.index("</div>")]
    assert f'data-round="{setup.round.pk}"' in alert
    assert "<strong>Judging closes within 24 hours.</strong>" in alert
    assert f"{setup.contest.name} · Round 1: written review<br>" in alert
    assert (
        f"Deadline {closes:%Y-%m-%d %H:%M} (Korea time): 3 scorecards are not yet submitted."
        in alert
    )
    # Above the filter form, so that it is the first thing seen.
    assert html.index("judge-closing") < html.index('id="judge-filter"')
    korean = setup.client()
    korean.defaults["HTTP_ACCEPT_LANGUAGE"] = "ko"
    html = korean.get(DASHBOARD).content.decode()
    assert "심사 마감까지 24시간이 남지 않았습니다." in html
    assert f"마감 {closes:%Y-%m-%d %H:%M}(한국 시간): 미제출 평가표 3건" in html


def test_no_warning_when_all_submitted_or_more_than_a_day_left_or_closed(setup):
    _closes_in(setup, dt.timedelta(hours=25))
    assert 'role="alert"' not in setup.client().get(DASHBOARD).content.decode()
    _closes_in(setup, dt.timedelta(hours=23))
    assert 'role="alert"' in setup.client().get(DASHBOARD).content.decode()
    Scorecard.objects.create(round=setup.round, judge=setup.judge, entry=setup.entry,
                             status="submitted", total=Decimal(30), version=2)  # fmt: skip
    assert 'role="alert"' not in setup.client().get(DASHBOARD).content.decode()
    Scorecard.objects.filter(entry=setup.entry).update(status="draft", total=None)
    _closes_in(setup, -dt.timedelta(minutes=1))
    html = setup.client().get(DASHBOARD).content.decode()
    assert 'role="alert"' not in html
    assert "Past rounds" in html
