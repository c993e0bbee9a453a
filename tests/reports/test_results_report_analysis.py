"""The results report's judge statistics, robustness and conflicts: the figures and words of the
organizer's analysis pages, read back from the PDF. Scene of tests/results/test_analysis_pages.py
(three judges, one of them named with markup; without 가심사 the 대상 changes hands), finalized,
in English (the analysis pages' tests are English too)."""

import html as markup
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.results_report import RoundReport, build_round_report
from scoring.models import Conflict
from scoring.selectors.analysis import report_key
from scoring.selectors.frozen import frozen
from scoring.services.results import round_finalize
from submissions.models import Entry
from tests import factories
from tests.reports.test_results_report import flat, has_row, page_texts, page_with, tool
from tests.results.test_analysis_pages import HOSTILE, build, cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    organizer = factories.OrganizerFactory(name="김주관")
    contest, round_ = build(organizer)
    result = round_finalize(round_=round_, by=organizer)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    return contest, round_, result, client


def pdf_of(scene) -> bytes:
    contest, round_, _result, client = scene
    response = client.get(reverse("reports:round_results_pdf", args=[contest.pk, round_.pk]))
    assert response.status_code == 200
    return response.content


def packed(text: str) -> str:
    """`text` without any white space: cells that wrap in a narrow column read the same."""
    return "".join(text.split())


def raw(pdf: bytes, tmp_path) -> str:
    """The text in the order it is drawn (pdftotext -raw): each cell whole, row by row."""
    return flat(tool("pdftotext", pdf, tmp_path, "-raw"))


def test_judge_statistics_are_the_pages(scene, tmp_path):
    contest, round_, _result, client = scene
    page = client.get(reverse("analysis:judges", args=[contest.pk, round_.pk])).content.decode()
    pdf = pdf_of(scene)
    drawn = packed(raw(pdf, tmp_path))
    for pseudonym, name in (("J1", "가심사"), ("J2", "나심사"), ("J3", HOSTILE)):
        row = cells(page, f'data-judge="{pseudonym}"')
        values = [row[k] for k in ("count", "mean", "sd", "leniency", "agreement", "flags")]
        assert packed(" ".join([name, *values])) in drawn, (name, values)
    stats = page_with(page_texts(pdf, tmp_path), "Judge statistics")
    assert has_row(stats, "가심사", "3", "73.33", "15.28", "-1.67", "0.619", "—")
    assert "J1" not in drawn  # judges by name, never by pseudonym
    alpha = re.search(r'data-k="alpha">([\d.]+)<', page).group(1)
    assert alpha == "0.754"
    everything = raw(pdf, tmp_path)
    assert f"Alpha (interval) {alpha} Alpha is from 0.667 to below 0.800" in everything
    block = cells(page, 'data-block="1"')
    judges = markup.unescape(block["judges"])
    line = (
        f"All judges Central {judges} {block['entries']} {block['icc']} {block['icc-single']} "
        f"{block['w']}"
    )
    assert line.replace(" ", "") in everything.replace(" ", "")  # the judges' cell wraps
    assert "the mean of all totals in this round is 74.44." in everything
    # scoring.charts' SVG, drawn with the Korean font: each judge's and the round's means
    assert everything.count("Round mean 74.44") == 3
    assert "This judge's mean 73.33" in everything


def test_robustness_in_the_pages_words(scene, tmp_path):
    contest, round_, result, client = scene
    page = client.get(reverse("analysis:robustness", args=[contest.pk, round_.pk]))
    page = page.content.decode()
    decisive = re.findall(r'<li data-decisive="\w+">(.*?)</li>', page)
    assert decisive == ["Without 가심사: the winner becomes 2026-0002 사례 2; an award changes."]
    everything = raw(pdf_of(scene), tmp_path)
    assert "Current winner 2026-0001 사례 1" in everything
    assert "Without one judge The outcome depends on 1 judge:" in everything
    assert decisive[0] in everything
    differing = re.search(r"<p>(The rank of \d+ entr\w+ differs between the methods\.)", page)
    assert differing.group(1) == "The rank of 2 entries differs between the methods."
    assert f"Ranking under each method {differing.group(1)}" in everything
    assert "The round is aggregated by: Mean." in everything
    # The report was computed once and kept for the page, by the digest of the frozen inputs.
    result.round = round_
    assert cache.get(report_key(frozen(result).inputs)) is not None


def test_hostile_judge_name_stays_text(scene, tmp_path):
    everything = "\n".join(page_texts(pdf_of(scene), tmp_path))
    assert HOSTILE in everything
    assert markup.escape(HOSTILE) not in everything


def test_conflicts_recorded_and_automatic(scene, tmp_path):
    """A recusal the organizer decided, and a judge of the round whose agency sent an entry
    (an automatic 제척); a conflict on another contest's entry is not this report's."""
    contest, round_, result, _client = scene
    judges = {j.user.name: j for j in contest.judges.select_related("user")}
    entry = Entry.objects.get(contest=contest, receipt_number="2026-0003")
    organizer = result.by
    Conflict.objects.create(
        judge=judges["나심사"], entry=entry, kind=Conflict.Kind.RECUSAL, reason="전 직장",
        recorded_by=judges["나심사"].user, status=Conflict.Status.REJECTED, decided_by=organizer,
        decided_at=result.at, decision_reason="이해관계 없음",
    )  # fmt: skip
    judges["가심사"].affiliation = Entry.objects.get(receipt_number="2026-0001").agency
    judges["가심사"].save(update_fields=["affiliation"])
    other = factories.EntryFactory(status=Entry.Status.SUBMITTED)
    Conflict.objects.create(
        judge=factories.JudgeFactory(contest=other.contest), entry=other,
        kind=Conflict.Kind.CHALLENGE, reason="다른 대회",
    )  # fmt: skip
    report = RoundReport(round_, 1, result, "en")
    everything = raw(build_round_report(report), tmp_path)
    section = everything[everything.index("Conflicts of interest") :]
    at = timezone.localtime(result.at).strftime("%Y-%m-%d %H:%M")
    agency = Entry.objects.get(receipt_number="2026-0001").agency.name_en
    recusal = (
        f"Recusal (declared by the judge) Rejected by the organizer (김주관, {at}): 이해관계 없음 "
        f"나심사 2026-0003 사례 3 전 직장 나심사, "
    )
    assert packed(recusal) in packed(section)
    automatic = f"Exclusion (own agency) In effect 가심사 2026-0001 사례 1 Own agency: {agency} —"
    assert packed(automatic) in packed(section)
    assert "다른 대회" not in everything
