"""scoring.charts: one judge's score distribution as a self-contained, escaped SVG."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from scoring.charts import counts, judge_chart, number

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "홍길동"'


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(svg: str) -> ET.Element:
    """Our own generated SVG (no DTD, no entities): the standard parser is safe here and raises
    on anything that is not well-formed."""
    return ET.fromstring(svg)  # noqa: S314


def chart(totals, **options):
    values = {"maximum": 100.0, "name": "홍길동", "chart_id": "chart-J1"} | options
    return judge_chart(totals, **values)


def test_bins_on_the_rubric_scale():
    assert counts([0, 9.9, 10, 55, 100], 100) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
    assert counts([-3, 120], 100) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]  # off the scale: clamped


def test_numbers_on_the_chart():
    assert [number(50.0), number(16.666, 2), number(-0.01), number(7.25, 2)] == [
        "50", "16.67", "0", "7.25",
    ]  # fmt: skip


def test_a_hostile_name_is_escaped_and_the_svg_is_well_formed():
    svg = chart([10, 20, 20], name=HOSTILE, judge_mean=50 / 3, round_mean=50.0)
    assert "<script" not in svg
    assert "style=" not in svg
    assert "href" not in svg
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 320 184"
    assert (root.get("role"), root.get("aria-labelledby"), root.get("aria-describedby")) == (
        "img", "chart-J1-title", "chart-J1-desc",
    )  # fmt: skip
    assert root.find(f"{SVG}title").text == (
        f"Score distribution of {HOSTILE}: 3 scores, mean 16.67; round mean 50."
    )
    assert root.find(f"{SVG}desc").text == (
        "0 to 10: 0; 10 to 20: 1; 20 to 30: 2; 30 to 40: 0; 40 to 50: 0; 50 to 60: 0; "
        "60 to 70: 0; 70 to 80: 0; 80 to 90: 0; 90 to 100: 0"
    )
    assert not [el for el in root.iter() if el.tag == f"{SVG}script"]


def test_bars_and_mean_lines():
    """Plot area x 34…306 (27.2 per bin), y 14…118; the tallest bin (2) is 104 high."""
    root = parse(chart([10, 20, 20], judge_mean=50 / 3, round_mean=50.0))
    bars = [
        (r.get("x"), r.get("y"), r.get("width"), r.get("height"), r.get("fill"))
        for r in root.iter(f"{SVG}rect")
    ]
    assert bars == [
        ("62.20", "66.00", "25.20", "52.00", "#256ef4"),
        ("89.40", "14.00", "25.20", "104.00", "#256ef4"),
    ]
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert [(line.get("x1"), line.get("y1"), line.get("y2")) for line in dashed] == [
        ("170.00", "8", "118"),  # the round's mean, 50 of 100
        ("34", "154", "154"),  # its key in the legend
    ]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["2", "0", "0", "50", "100", "Round mean 50", "This judge's mean 16.67"]


def test_a_judge_without_scores():
    root = parse(chart([], round_mean=None))
    assert root.find(f"{SVG}title").text == "Score distribution of 홍길동: no scores."
    assert list(root.iter(f"{SVG}rect")) == []
    assert [t.text for t in root.iter(f"{SVG}text")][-1] == "No scores"
