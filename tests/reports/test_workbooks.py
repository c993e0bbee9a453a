"""Every workbook we write keeps user text as text: a cell beginning with = + - @ tab or CR is
read back with openpyxl as a plain string (data_type "s"), never a formula."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from scoring.models import Scorecard
from submissions.sheets import EXCEL_MAX_TEXT, set_text
from tests import factories

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example","클릭")',
    "+82 2-2100-3000",
    "-1+1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def read(content: bytes):
    return load_workbook(io.BytesIO(content))


def cells(workbook):
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_text(workbook, payloads):
    """Each payload is in some cell, as a string; no cell of the workbook is a formula."""
    found = {cell.value: cell.data_type for cell in cells(workbook) if cell.value is not None}
    for payload in payloads:
        value = payload.replace("\r", "\n")  # XML reads a bare CR as LF: still text
        assert found.get(value) == "s", (payload, found.get(value))
    assert [cell.coordinate for cell in cells(workbook) if cell.data_type == "f"] == []


@pytest.mark.parametrize("write_only", [True, False])
def test_the_text_cell_rule_on_both_kinds_of_sheet(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    if write_only:
        sheet.append([set_text(WriteOnlyCell(sheet), payload) for payload in PAYLOADS])
    else:
        for column, payload in enumerate(PAYLOADS, start=1):
            set_text(sheet.cell(row=1, column=column), payload)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert_text(read(buffer.getvalue()), PAYLOADS)


def test_the_text_cell_rule_drops_what_xml_cannot_hold_and_cuts_to_excels_limit():
    sheet = Workbook().active
    assert set_text(sheet["A1"], "=1+1\x07벨").value == "=1+1벨"
    assert set_text(sheet["A2"], None).value == ""
    assert len(set_text(sheet["A3"], "가" * (EXCEL_MAX_TEXT + 5)).value) == EXCEL_MAX_TEXT


def test_entries_workbook(downloads):
    w = downloads.world
    w.entry.title = PAYLOADS[0]
    w.entry.eligibility_reason = PAYLOADS[1]
    w.entry.save(update_fields=["title", "eligibility_reason"])
    w.agency.name_ko = PAYLOADS[2]
    w.agency.save(update_fields=["name_ko"])
    for order, payload in enumerate(PAYLOADS[3:], start=1):
        question = factories.EntryQuestionFactory(contest=w.contest, order=order)
        factories.AnswerFactory(entry=w.entry, question=question, text=payload)
    response = downloads.client("organizer").get(downloads.url("entries_workbook"))
    assert_text(read(response.content), PAYLOADS)


def test_score_template(downloads):
    """Judges' names, the case title and a comment, each beginning with a payload."""
    w = downloads.world
    w.entry.title = PAYLOADS[0]
    w.entry.save(update_fields=["title"])
    Scorecard.objects.filter(pk=w.scorecard.pk).update(comment=PAYLOADS[1])
    for payload in PAYLOADS:
        judge = factories.JudgeFactory(contest=w.contest, user__name=payload)
        factories.AssignmentFactory(round=w.round, judge=judge, entry=w.entry)
    response = downloads.client("organizer").get(downloads.url("score_template"))
    assert_text(read(response.content), PAYLOADS)


def test_agency_template_has_no_user_text_and_only_text_cells(downloads):
    response = downloads.client("organizer").get(downloads.url("agency_template"))
    workbook = read(response.content)
    assert {cell.data_type for cell in cells(workbook) if cell.value is not None} == {"s"}
    assert_text(workbook, ["code", "행정안전부", "kind", "중앙행정기관"])
