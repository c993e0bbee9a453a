"""The judge's dashboard, attachments with blind judging, recusal, and query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from scoring.models import Assignment, Conflict, Score, Scorecard, ScoreEvent
from scoring.selectors.judge import time_left_text
from scoring.services.scorecards import score_save, scorecard_open
from submissions.models import Entry
from tests import factories
from tests.judge.conftest import attach, english, submitted_entry
from tests.judge.dashboard_html import _no_throttle, badges, cell, counts, entry_rows  # noqa: F401

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("judge:dashboard")


def test_dashboard_lists_entries_with_state_progress_and_time_left(setup):
    second = submitted_entry(setup.contest, 2, title="두 번째 사례")
    third = submitted_entry(setup.contest, 3, title="세 번째 사례")
    for entry in (second, third):
        factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entry)
    card = scorecard_open(round_=setup.round, judge=setup.judge, entry=second)
    score_save(scorecard=card, criterion_id=setup.effect.pk, raw="10", version=0,
               by=setup.judge.user)  # fmt: skip
    done = Scorecard.objects.create(round=setup.round, judge=setup.judge, entry=third,
                                    status="submitted", total=Decimal(0))  # fmt: skip
    assert done.status == "submitted"
    response = setup.client().get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 days 4 hours left until the deadline" in html
    assert f'<progress id="progress-{setup.round.pk}" max="3" value="1">1 / 3</progress>' in html
    assert '<span class="judge-progress-text">1 / 3</span>' in html
    rows = [html.index(t) for t in ("찾아라! 119 지름길", "두 번째 사례", "세 번째 사례")]
    assert rows == sorted(rows)
    assert counts(html) == {"not_started": 1, "draft": 1, "submitted": 1}
    assert entry_rows(html) == [setup.entry.pk, second.pk, third.pk]
    assert badges(html, setup.entry) == ["Not started"]
    assert badges(html, second) == ["Draft"]
    assert badges(html, third) == ["Submitted"]
    assert cell(html, second, "Total") == "10"
    assert cell(html, third, "Total") == "0"
    assert cell(html, setup.entry, "Total") == "—"
    assert cell(html, setup.entry, "Last saved") == "—"
    saved = timezone.localtime(Scorecard.objects.get(entry=second).updated_at)
    assert f'datetime="{saved.isoformat()}">{saved:%Y-%m-%d %H:%M}</time>' in html
    next_link = f'class="krds-btn primary judge-next" href="{setup.url()}">'
    assert f"{next_link}Next: 찾아라! 119 지름길" in html
    # Blind judging: no agency column, no agency name.
    assert "행정안전부" not in html
    assert "Agency" not in html


def test_dashboard_shows_the_agency_when_judging_is_not_blind(setup):
    type(setup.contest).objects.filter(pk=setup.contest.pk).update(blind_judging=False)
    html = setup.client().get(DASHBOARD).content.decode()
    assert '<th scope="col">Agency</th>' in html
    assert cell(html, setup.entry, "Agency") == "Ministry of Interior"


def test_dashboard_hides_withdrawn_and_conflicted_and_lists_closed_rounds_as_past(setup):
    withdrawn = submitted_entry(setup.contest, 2, title="철회된 사례")
    Entry.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    conflicted = submitted_entry(setup.contest, 3, title="기피된 사례")
    for entry in (withdrawn, conflicted):
        factories.AssignmentFactory(round=setup.round, judge=setup.judge, entry=entry)
    Conflict.objects.create(judge=setup.judge, entry=conflicted, kind="challenge", reason="x")
    now = timezone.now()
    closed = factories.RoundFactory(
        contest=setup.contest, name_ko="지난 단계", name_en="Past round",
        opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    factories.AssignmentFactory(round=closed, judge=setup.judge, entry=setup.entry)
    Scorecard.objects.create(round=closed, judge=setup.judge, entry=setup.entry,
                             status="submitted", total=Decimal("42.5"), version=3)  # fmt: skip
    # A closed round the judge had no entry in is left out.
    factories.RoundFactory(
        contest=setup.contest, name_en="Empty past round",
        opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(days=10),
    )  # fmt: skip
    html = setup.client().get(DASHBOARD).content.decode()
    assert "찾아라! 119 지름길" in html
    assert "철회된 사례" not in html
    assert "기피된 사례" not in html
    assert ">0 / 1</progress>" in html
    assert "Empty past round" not in html
    current, past = html.split('<h2 id="past-title">Past rounds</h2>')
    assert "Past round" not in current
    assert "<summary>" in past
    assert "Past round" in past
    assert f'<h3 id="round-{closed.pk}">' in past
    booklet = reverse("reports:judge_booklet_pdf", args=[closed.pk, setup.judge.pk])
    assert (
        f'<a href="{booklet}" target="_blank" rel="noopener">Print my evaluation sheets (PDF)</a>'
        in past
    )
    assert cell(past, setup.entry, "Total") == "42.5"
    assert "judge-next" not in past
    conflicted_url = reverse("judge:scorecard", args=[setup.round.pk, conflicted.pk])
    assert setup.client().get(conflicted_url).status_code == 404


def test_dashboard_links_each_round_to_the_overview_and_the_zip(setup):
    upcoming = factories.RoundFactory(contest=setup.contest, name_en="Upcoming round")
    factories.AssignmentFactory(round=upcoming, judge=setup.judge, entry=setup.entry)
    html = setup.client().get(DASHBOARD).content.decode()
    overview = reverse("judge:overview", args=[setup.round.pk])
    assert f'<li><a href="{overview}">My scoring overview</a></li>' in html
    zip_url = reverse("judge:files_zip", args=[setup.round.pk])
    assert f'<a href="{zip_url}">Download all files of my entries (ZIP)</a>' in html
    # Before the round opens there is nothing to download yet.
    assert reverse("judge:files_zip", args=[upcoming.pk]) not in html
    assert reverse("judge:overview", args=[upcoming.pk]) in html


def test_dashboard_without_a_judge_role_is_403(db):
    client = english(Client())
    client.force_login(factories.UserFactory())
    assert client.get(DASHBOARD).status_code == 403
    assert Client().get(DASHBOARD).status_code == 302


def test_time_left_is_computed_on_the_server():
    now = timezone.now()
    round_ = factories.RoundFactory.build(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=3, hours=4)
    )
    from django.utils import translation

    with translation.override("en"):
        assert time_left_text(round_, now) == "3 days 4 hours left until the deadline"
        round_.closes_at = now + dt.timedelta(minutes=42)
        assert time_left_text(round_, now) == "42 minutes left until the deadline"
        round_.closes_at = now + dt.timedelta(days=1)
        assert time_left_text(round_, now) == "1 day 0 hours left until the deadline"
        round_.opens_at = now + dt.timedelta(hours=2)
        assert time_left_text(round_, now) == "Scoring opens in 2 hours."
        round_.closes_at = now
        assert time_left_text(round_, now) == "Scoring is closed."


# --- attachments and blind judging -----------------------------------------------------------


def test_without_blind_judging_the_original_name_is_kept(setup):
    type(setup.contest).objects.filter(pk=setup.contest.pk).update(blind_judging=False)
    attach(setup.entry, "report.pdf")
    client = setup.client()
    response = client.get(setup.url("judge:attachment", 1))
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assertContains(client.get(setup.url()), "<dd>Ministry of Interior</dd>")


# --- recusal ---------------------------------------------------------------------------------


def test_recusal_needs_a_reason_then_withdraws_the_entry(setup):
    client = setup.client()
    assertContains(client.get(setup.url()), setup.url("judge:recusal"))
    response = client.post(setup.url("judge:recusal"), {"reason": "  "})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assert Assignment.objects.filter(judge=setup.judge).count() == 1
    response = client.post(setup.url("judge:recusal"), {"reason": "자문한 사례"}, follow=True)
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assertContains(response, "Your conflict of interest with 찾아라! 119 지름길 is recorded.")
    assertContains(response, "No entries are assigned to you in this round yet.")
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.reason, conflict.recorded_by) == (
        "recusal",
        "자문한 사례",
        setup.judge.user,
    )
    assert not Assignment.objects.filter(judge=setup.judge).exists()
    assert client.get(setup.url()).status_code == 404
    assert client.post(setup.url("judge:recusal"), {"reason": "again"}).status_code == 404


# --- query counts ----------------------------------------------------------------------------


def _bulk_assign(setup, n):
    category = setup.entry.category
    entries = Entry.objects.bulk_create(
        Entry(contest=setup.contest, category=category, agency=setup.agency, title=f"사례 {i}",
              status="submitted", receipt_number=f"2026-{i + 10:04d}")
        for i in range(n - 1)
    )  # fmt: skip
    Assignment.objects.bulk_create(
        Assignment(round=setup.round, judge=setup.judge, entry=entry) for entry in entries
    )
    cards = Scorecard.objects.bulk_create(
        Scorecard(
            round=setup.round,
            judge=setup.judge,
            entry=entry,
            status=status,
            total=Decimal(10) if status == "submitted" else None,
        )
        for entry, status in zip(entries[: n // 2], ["draft", "submitted"] * n, strict=False)
    )
    Score.objects.bulk_create(
        Score(scorecard=card, criterion=setup.innovation, value=Decimal("10")) for card in cards
    )


@pytest.mark.parametrize("n", [5, 40])
def test_dashboard_query_count_is_constant(setup, n, django_assert_num_queries):
    _bulk_assign(setup, n)
    second = factories.RoundFactory(contest=setup.contest, name_en="Round 2")
    Assignment.objects.bulk_create(
        Assignment(round=second, judge=setup.judge, entry=entry)
        for entry in Entry.objects.filter(contest=setup.contest)
    )
    card = Scorecard.objects.filter(round=setup.round, status="submitted").first()
    ScoreEvent.objects.create(scorecard=card, field="status", old="draft", new="submitted",
                              via="organizer", by=setup.organizer)  # fmt: skip
    client = setup.client()
    client.get(DASHBOARD)  # the first view also runs the 24-hour notices (then throttled)
    with django_assert_num_queries(9):
        response = client.get(DASHBOARD, {"status": "submitted", "sort": "total"})
    html = response.content.decode()
    assert f">{n // 4} / {n}</progress>" in html
    assert len(entry_rows(html)) == n // 4
    assert html.count("Submitted on your behalf") == 1


@pytest.mark.parametrize("n", [2, 10])
def test_scorecard_page_query_count_is_constant(setup, n, django_assert_num_queries):
    for i in range(n - 2):
        criterion = factories.CriterionFactory(round=setup.round, order=10 + i)
        factories.LevelFactory(criterion=criterion, points=Decimal("5"))
    attach(setup.entry, "a.pdf")
    factories.AnswerFactory(entry=setup.entry)
    card = scorecard_open(round_=setup.round, judge=setup.judge, entry=setup.entry)
    score_save(scorecard=card, criterion_id=setup.innovation.pk, raw="10", version=0,
               by=setup.judge.user)  # fmt: skip
    client = setup.client()
    with django_assert_num_queries(13):  # the scorecard page as of issue 10 (scorecard helper)
        response = client.get(setup.url())
    assert response.content.decode().count('class="krds-input scorecard-score"') == n
