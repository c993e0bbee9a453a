"""The results workbooks read back with openpyxl: 순위, 집계표 and 부문별 equal the pure core's
numbers (scoring.outcome.compute on the frozen inputs) cell by cell, scores are numbers at full
precision shown with the contest's decimal places, every table has a frozen header row and a
filter, hostile user text stays text, sheet names follow the language, and a round without a
result in force is refused."""

import io
import json
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from reports.results_workbook import (
    NotFinalized,
    build_contest_workbook,
    build_round_workbook,
)
from scoring.models import RoundResult, Scorecard
from scoring.outcome import compute
from scoring.reliability import round_statistics
from scoring.services.results import round_finalize
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db

KOREAN_ROUND = ["요약", "순위", "집계표", "원점수", "심사위원 통계", "부문별"]
ENGLISH_ROUND = ["Summary", "Ranking", "Tally sheet", "Raw scores", "Judge statistics",
                 "By category"]  # fmt: skip
HOSTILE = {"title": '=HYPERLINK("x")', "agency": "+1", "comment": "-1", "comment2": "@SUM(A1)"}
NAMES = {"J1": "가심사", "J2": "나심사", "J3": "다심사", "J4": "라심사"}


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    entry = scene.entries["2026-0002"]
    entry.title = HOSTILE["title"]
    entry.save(update_fields=["title"])
    entry.agency.name_ko = HOSTILE["agency"]
    entry.agency.save(update_fields=["name_ko"])
    cards = Scorecard.objects.filter(round=scene.round1, entry=entry)
    cards.filter(judge=scene.judges[0]).update(comment=HOSTILE["comment"])
    cards.filter(judge=scene.judges[1]).update(comment=HOSTILE["comment2"])
    return scene


@pytest.fixture
def finished(scene):
    """Both rounds finalized."""
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=scene.organizer)
    return scene


def book(data: bytes):
    return load_workbook(io.BytesIO(data))


def rows(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def result_of(round_) -> RoundResult:
    return RoundResult.objects.get(round=round_, voided_at=None)


def core(round_) -> dict:
    """compute() on the frozen inputs: the pure core's numbers."""
    return compute(json.loads(result_of(round_).snapshot)["inputs"])


def num(text: str | None) -> float | None:
    return None if text is None else float(Decimal(text))


def test_round_ranking_equals_the_core(finished):
    wb = book(build_round_workbook(result_of(finished.round1)))
    assert wb.sheetnames == KOREAN_ROUND
    expected = core(finished.round1)["entries"]
    got = rows(wb["순위"])
    assert len(got) == len(expected) == 7
    for row, line in zip(got, expected, strict=True):
        rank, tied, receipt, _title, _agency, category, score, _split, _award, advanced = row
        assert (rank, tied, receipt) == (line["rank"], "공동" if line["shared"] else None,
                                         line["entry"])  # fmt: skip
        assert score == num(line["score"])
        assert advanced == ("진출" if line["advanced"] else "미진출")
        assert category == (
            "중앙부처" if line["category"] == f"K{finished.central.pk}" else "지자체"
        )
    assert [r[2] for r in got] == ["2026-0001", "2026-0003", "2026-0002", "2026-0005",
                                   "2026-0004", "2026-0007", "2026-0006"]  # fmt: skip
    assert got[2][3:5] == (HOSTILE["title"], HOSTILE["agency"])


def test_tally_sheet_equals_the_core(finished):
    wb = book(build_round_workbook(result_of(finished.round1)))
    ws = wb["집계표"]
    header = [cell.value for cell in ws[1]]
    assert header == ["접수번호", "사례 제목", "부문", "심사위원 1", "점수 1", "심사위원 2",
                      "점수 2", "심사위원 3", "점수 3", "최고·최저점 제외", "단계 점수", "순위",
                      "결과"]  # fmt: skip
    for cells, line in zip(ws.iter_rows(min_row=2), core(finished.round1)["entries"], strict=True):
        values = [cell.value for cell in cells]
        assert values[0] == line["entry"]
        for n, judge in enumerate(line["judges"]):
            name, total = cells[3 + 2 * n], cells[4 + 2 * n]
            assert name.value == NAMES[judge["judge"]]
            assert total.value == num(judge["total"])
            assert total.font.strike is (True if judge["dropped"] else None)
        dropped = [NAMES[j["judge"]] for j in line["judges"] if j["dropped"]]
        assert values[9] == (", ".join(dropped) or None)
        assert values[10] == num(line["score"])
        assert cells[10].number_format == "0.00"
        assert values[12] == ("진출" if line["advanced"] else "미진출")


def test_contest_workbook_equals_the_core(finished):
    wb = book(build_contest_workbook(finished.contest))
    assert wb.sheetnames == ["요약", "순위", "부문별", "집계표 1", "원점수 1", "심사위원 통계 1",
                             "집계표 2", "원점수 2", "심사위원 통계 2"]  # fmt: skip
    expected = core(finished.round2)["contest"]["entries"]
    awards = {f"A{finished.grand.pk}": "대상", f"A{finished.merit.pk}": "우수상", None: None}
    got = rows(wb["순위"])
    assert len(got) == len(expected) == 4
    r1, r2 = f"R{finished.round1.pk}", f"R{finished.round2.pk}"
    for row, line in zip(got, expected, strict=True):
        assert (row[0], row[2]) == (line["rank"], line["entry"])
        assert row[6:9] == (num(line["rounds"][r1]), num(line["rounds"][r2]), num(line["score"]))
        assert row[10] == awards[line["award"]]
    assert [(r[2], r[10]) for r in got] == [
        ("2026-0003", "대상"), ("2026-0001", "우수상"),
        ("2026-0007", "우수상"), ("2026-0005", None),
    ]  # fmt: skip
    by_category = rows(wb["부문별"])
    assert [(r[0], r[1], r[3]) for r in by_category] == [
        ("중앙부처", 1, "2026-0003"), ("중앙부처", 2, "2026-0001"),
        ("지자체", 1, "2026-0007"), ("지자체", 2, "2026-0005"),
    ]  # fmt: skip


def test_tables_have_frozen_headers_filters_and_the_contests_places(organizer):
    scene = build_scene(organizer)
    scene.contest.decimal_places = 3
    scene.contest.save(update_fields=["decimal_places"])
    scene.finish_round1()
    wb = book(build_round_workbook(result_of(scene.round1)))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert (ws.auto_filter.ref or "").startswith("A1:"), ws.title
    assert wb["순위"].auto_filter.ref == "A1:J8"
    score = wb["순위"]["G2"]
    assert score.number_format == "0.000"
    assert isinstance(score.value, int | float)  # a number, not text
    # The trimmed mean 85 is held as 85; 2026-0002's 80 likewise; a Decimal with many places
    # stays unrounded in the cell.
    assert [c.number_format for c in wb["집계표"][2][4:9:2]] == ["0.000"] * 3
    assert wb["요약"].freeze_panes == "A2"


def test_summary_names_the_method_chain_decisions_exclusions_and_digest(finished):
    result = result_of(finished.round1)
    wb = book(build_round_workbook(result))
    summary = {r[0]: r[1] for r in rows(wb["요약"]) if r[0]}
    assert summary["경진대회"] == "2026 정부혁신 우수사례 경진대회"
    assert summary["다이제스트(SHA-256)"] == result.digest
    text = "\n".join(str(v) for r in rows(wb["요약"]) for v in r if v)
    assert "라심사, 2026-0006 사례 6: 심사위원 불참" in text  # the exclusion with its reason
    assert "심사위원회 의결" in text  # the tie decision
    assert "혁신성" in text  # the chain


def test_raw_scores_one_row_per_counted_criterion_score(finished):
    wb = book(build_round_workbook(result_of(finished.round1)))
    got = rows(wb["원점수"])
    assert len(got) == 7 * 3 * 2  # 라심사's unsubmitted scorecard is not counted
    first = [r for r in got if r[0] == "2026-0001"]
    assert [(r[3], r[4], r[5], r[6]) for r in first] == [
        ("가심사", "혁신성", 60, 50), ("가심사", "효과성", 40, 35),
        ("나심사", "혁신성", 60, 55), ("나심사", "효과성", 40, 35),
        ("다심사", "혁신성", 60, 45), ("다심사", "효과성", 40, 35),
    ]  # fmt: skip
    comments = {r[7] for r in got if r[0] == "2026-0002"}
    assert comments == {HOSTILE["comment"], HOSTILE["comment2"], None}


def test_judge_statistics_equal_round_statistics(finished):
    result = result_of(finished.round1)
    wb = book(build_round_workbook(result))
    stats = round_statistics(json.loads(result.snapshot)["inputs"])
    got = rows(wb["심사위원 통계"])
    judges = got[: len(stats["judges"])]
    for row, (pseudonym, profile) in zip(judges, stats["judges"].items(), strict=True):
        assert row[0] == NAMES[pseudonym]
        assert row[1] == profile["count"]
        numbers = (profile["mean"], profile["sd"], profile["leniency"], profile["agreement"])
        # Excel keeps 15 significant digits; a judge with no score has no figures.
        assert row[2:6] == tuple(
            None if n is None else pytest.approx(n, rel=1e-12) for n in numbers
        )
    alpha = next(r for r in got if r[0] == "알파(등간 척도)")
    assert alpha[5] == pytest.approx(stats["alpha"])


def test_hostile_text_stays_text(finished):
    # 2026-0002 did not advance: in the contest workbook it appears in round 1's 집계표 and 원점수,
    # which do not show agencies.
    contest = set(HOSTILE.values()) - {HOSTILE["agency"]}
    round_book = build_round_workbook(result_of(finished.round1))
    contest_book = build_contest_workbook(finished.contest)
    for data, expected in ((round_book, set(HOSTILE.values())), (contest_book, contest)):
        wb = book(data)
        found = {}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value in HOSTILE.values():
                        found.setdefault(cell.value, []).append(cell.data_type)
                    assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
        assert set(found) == expected
        assert {kind for kinds in found.values() for kind in kinds} == {"s"}


def test_english_sheet_names(finished):
    with translation.override("en"):
        wb = book(build_round_workbook(result_of(finished.round1)))
        contest = book(build_contest_workbook(finished.contest))
    assert wb.sheetnames == ENGLISH_ROUND
    assert contest.sheetnames[:3] == ["Summary", "Ranking", "By category"]
    assert [c.value for c in wb["Ranking"][1]][:3] == ["Rank", "Tied", "Receipt no."]


def test_an_unfinalized_round_is_refused(scene):
    with pytest.raises(NotFinalized):
        build_contest_workbook(scene.contest)  # no round finalized
    scene.finish_round1()
    with pytest.raises(NotFinalized):
        build_contest_workbook(scene.contest)  # the final round is live
    result = result_of(scene.round1)
    result.voided_at = result.at
    with pytest.raises(NotFinalized):
        build_round_workbook(result)  # a voided result
