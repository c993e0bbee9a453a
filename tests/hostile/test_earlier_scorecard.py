"""Earlier hostile cases of the judge's scorecard: nobody but the assigned judge reaches or writes
a scorecard, forged and non-ASCII ids (`²` is a digit to `str.isdigit` but not to `int`) are
refused without a crash, and blind judging never reveals the agency."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from pytest_django.asserts import assertContains, assertNotContains

from scoring.models import Score, ScoreEvent
from scoring.services.scorecards import score_save, scorecard_open
from tests import factories
from tests.judge import conftest as judge
from tests.judge.conftest import attach
from tests.judge.test_scorecard_views import _full_form, _save, _scores
from tests.scoring import test_scorecards as scoring_tests
from tests.scoring.test_scorecards import _save as service_save

pytestmark = pytest.mark.django_db

setup = judge.setup  # an open round, one judge assigned one entry, blind judging on (fixture)
card = scoring_tests.card  # an assigned scorecard of an open round (fixture)


@pytest.mark.parametrize("who", ["other_judge", "other_contest_judge", "organizer", "member"])
def test_anyone_but_the_assigned_judge_gets_404_on_the_scorecard_save_and_attachment(setup, who):
    attach(setup.entry, "행정안전부_사례.pdf")
    users = {
        "other_judge": lambda: factories.JudgeFactory(contest=setup.contest).user,
        "other_contest_judge": lambda: factories.JudgeFactory().user,
        "organizer": lambda: setup.organizer,
        "member": lambda: factories.AgencyMembershipFactory(agency=setup.agency).user,
    }
    client = setup.client(users[who]())
    assert client.get(setup.url()).status_code == 404
    assert client.get(setup.url("judge:attachment", 1)).status_code == 404
    assert _save(setup, client, f"score-{setup.innovation.pk}", "10").status_code == 404
    assert client.get(setup.url("judge:submit")).status_code == 404
    assert client.get(setup.url("judge:recusal")).status_code == 404
    assert not Score.objects.exists()


def test_another_judge_cannot_overwrite_a_score_through_the_save_url(setup):
    mine = scorecard_open(round_=setup.round, judge=setup.judge, entry=setup.entry)
    score_save(scorecard=mine, criterion_id=setup.innovation.pk, raw="22", version=0,
               by=setup.judge.user)  # fmt: skip
    other = factories.JudgeFactory(contest=setup.contest)
    other_entry = factories.EntryFactory(contest=setup.contest, status="submitted")
    factories.AssignmentFactory(round=setup.round, judge=other, entry=other_entry)
    client = setup.client(other.user)
    response = _save(setup, client, f"score-{setup.innovation.pk}", "1", base="22")
    assert response.status_code == 404
    assert _scores(setup) == {"혁신성": Decimal("22")}
    assert ScoreEvent.objects.count() == 1


def test_another_judge_cannot_save_through_the_service(card):
    stranger = factories.JudgeFactory(contest=card.round.contest)
    with pytest.raises(PermissionDenied):
        service_save(card, "혁신성", "10", by=stranger.user)
    assert not Score.objects.exists()


def test_an_organizer_of_another_contest_cannot_save_on_behalf(card):
    with pytest.raises(PermissionDenied):
        service_save(card, "혁신성", "10", by=factories.OrganizerFactory(), via="organizer")


def test_a_non_ascii_digit_in_the_field_name_or_level_is_refused_not_a_crash(setup):
    client = setup.client()
    response = _save(setup, client, "score-²", "3")
    assert response.status_code == 400
    response = _save(setup, client, f"level-{setup.innovation.pk}", "²")
    assertContains(response, "Choose one of this criterion", status_code=422)
    response = client.post(
        setup.url(), _full_form(setup, "20", "10", **{f"level-{setup.innovation.pk}": "²"})
    )
    assert response.status_code == 200
    assert not Score.objects.exists()


# ---- blind judging: a judge never sees the agency, not even in a file name ----


def test_blind_judging_serves_numbered_file_names_not_the_agencys(setup):
    attach(setup.entry, "행정안전부_혁신사례.pdf")
    attach(setup.entry, "행정안전부 사진.png", kind="png", data=b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    client = setup.client()
    page = client.get(setup.url()).content.decode()
    assert "행정안전부" not in page
    assert 'title="첨부1.pdf"' in page
    assert "Download 첨부2.png" in page
    pdf = client.get(setup.url("judge:attachment", 1))
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"] == (
        "inline; filename=\"attachment-1.pdf\"; filename*=utf-8''%EC%B2%A8%EB%B6%801.pdf"
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-1.4")
    png = client.get(setup.url("judge:attachment", 2))
    assert png["Content-Disposition"] == (
        "attachment; filename=\"attachment-2.png\"; filename*=utf-8''%EC%B2%A8%EB%B6%802.png"
    )
    assert client.get(setup.url("judge:attachment", 3)).status_code == 404
    # Every other page keeps the global policy.
    assert client.get(setup.url())["X-Frame-Options"] == "DENY"


def test_blind_judging_scorecard_page_never_names_the_agency(setup):
    response = setup.client().get(setup.url())
    assertNotContains(response, "행정안전부")
    assertNotContains(response, "Ministry of Interior")
