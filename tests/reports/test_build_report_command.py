"""`manage.py build_report KIND SUBJECT`: the operator's synchronous build from the shell."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from reports.jobs import KINDS
from reports.models import ReportFile
from reports.results_workbook import build_round_workbook
from tests.reports.test_builds import ENGLISH_ROUND, cells
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("build_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def result(organizer):
    scene = build_scene(organizer)
    return scene.finish_round1()


def test_list():
    lines = run("--list").splitlines()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f"round_workbook\t{xlsx}" in lines
    assert f"contest_workbook\t{xlsx}" in lines
    assert lines == sorted(lines)


def test_builds_the_file_to_the_download_name(result, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("round_workbook", f"round_result:{result.pk}")
    name = "2026_정부혁신우수사례경진대회_심사결과_1차.xlsx"
    data = (tmp_path / name).read_bytes()
    assert out == f"{name} ({len(data)} bytes)\n"
    with translation.override("ko"):
        assert cells(data) == cells(build_round_workbook(result))
    assert ReportFile.objects.count() == 0  # nothing kept: the shell's own file


def test_output_and_language(result, tmp_path):
    target = tmp_path / "round.xlsx"
    run("round_workbook", f"round_result:{result.pk}", "--language", "en", "--output", str(target))
    assert list(cells(target.read_bytes())) == ENGLISH_ROUND
    assert translation.get_language() == "ko"


def test_a_report_made_in_the_language_asked(result, tmp_path):
    """The results report is made (not only written) in the language given: its words and its
    name come from the object the kind makes under that language."""
    target = tmp_path / "round.pdf"
    run("round_report", f"round_result:{result.pk}", "--language", "en", "--output", str(target))
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(target), "-"],  # noqa: S607 (poppler-utils, installed by ./run)
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Results report" in text
    assert "심사 결과 보고서" not in text


def error(*args) -> str:
    with pytest.raises(CommandError) as raised:
        run(*args)
    return str(raised.value)


def test_clear_errors(result, tmp_path):
    contest = result.round.contest_id
    known = ", ".join(sorted(KINDS))
    assert "contest_workbook, " in known
    assert error("nothing", "contest:1") == f"Unknown report kind 'nothing'. Known kinds: {known}."
    assert error("round_workbook", "round_result:999999") == (
        "No round_workbook subject 'round_result:999999'."
    )
    assert error("round_workbook", "contest:1") == "No round_workbook subject 'contest:1'."
    assert error("round_workbook") == "Give a KIND and a SUBJECT (or --list to see the kinds)."
    output = tmp_path / "contest.xlsx"
    message = error("contest_workbook", f"contest:{contest}", "--output", str(output))
    assert message == "모든 심사 단계를 먼저 확정하십시오: 2차 발표심사."
    assert not Path(output).exists()
