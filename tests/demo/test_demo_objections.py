"""The demo's objections (scoring.demo.objections) on the published 2025 contest: a period that
closed on 2025-08-05, 행정안전부's objection answered (기각), another agency's still under review;
the publication stays in force, and the demo agency login reads its answer."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import translation

from contests.models import Contest
from scoring.demo.base import SEOUL
from scoring.demo.objections import OBJECTIONS
from scoring.models import Objection, ObjectionWindow
from scoring.selectors.timeline import contest_timeline
from submissions.models import AgencyMembership

PAST = "2025 적극행정 우수사례 경진대회"


def test_one_objection_answered_and_one_under_review_after_a_closed_period(demo):
    contest = Contest.objects.get(name_ko=PAST)
    window = ObjectionWindow.objects.get(contest=contest)
    assert window.closes_at == dt.datetime(2025, 8, 5, 18, 0, tzinfo=SEOUL)
    assert contest.results_published_at is not None
    rows = list(
        Objection.objects.filter(contest=contest)
        .order_by("number")
        .values_list("number", "entry__agency__code", "concern", "round__name_ko", "status",
                     "answer", "filed_at", "answered_at")
    )  # fmt: skip
    (filed1, answered1, _c, _t, answer1), (filed2, *_rest) = OBJECTIONS
    assert rows[0] == (1, "MOIS", "scores", "본선 심사", "dismissed", answer1, filed1, answered1)
    assert rows[1][0] == 2
    assert rows[1][1] != "MOIS"
    assert rows[1][2:] == ("procedure", None, "open", "", filed2, None)
    for filed in (filed1, filed2):
        assert contest.results_published_at < filed < window.closes_at


def test_the_timeline_asks_for_the_open_answer(demo):
    contest = Contest.objects.get(name_ko=PAST)
    with translation.override("en"):
        stage = contest_timeline(contest)[-1]
    assert (stage.key, stage.state) == ("objection", "current")
    assert stage.summary == "Filed 2 · Under review 1 · Answered 1, closed August 5 18:00"
    objections = reverse("objections:list", args=[contest.pk]) + "?status=open"
    assert (stage.action.label, stage.action.url) == ("Answer the objections", objections)


def test_the_demo_agency_login_reads_its_answer(demo):
    officer = AgencyMembership.objects.get(agency__code="MOIS", is_admin=True).user
    client = Client()
    client.force_login(officer)
    with translation.override("en"):
        page = client.get(reverse("entries:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = page[page.index('<section id="objections"') :]
    assert 'data-objection="1"' in section
    assert OBJECTIONS[0][4] in section
    assert 'data-objection="2"' not in section  # another agency's
