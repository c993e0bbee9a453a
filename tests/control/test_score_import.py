"""Excel template and import: round trip through openpyxl, all-or-nothing validation."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from scoring.models import Score, Scorecard, ScoreEvent
from tests.control.conftest import english, events, score_template, score_upload

pytestmark = pytest.mark.django_db

HEADER = [
    "Judge email",
    "Judge",
    "Receipt number",
    "Case title",
    "Status",
    "Innovation (max 30)",
    "Effect (max 20)",
    "Comment",
    "Scorecard version (do not edit)",
]


def test_template_has_one_row_per_assignment_protected_header_and_validation(
    scene, organizer_client
):
    scene.entries[0].title = '=HYPERLINK("http://evil")'
    scene.entries[0].save()
    kim = scene.judges[0]
    scene.score(kim, scene.entries[1], {scene.innovation: "21"})
    sheet = score_template(organizer_client, scene).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert [row[:3] for row in rows[1:]] == [
        ["kim@judge.kr", "김심사", "2026-0001"],
        ["kim@judge.kr", "김심사", "2026-0002"],
        ["kim@judge.kr", "김심사", "2026-0003"],
        ["lee@judge.kr", "이심사", "2026-0001"],
        ["lee@judge.kr", "이심사", "2026-0002"],
    ]
    assert rows[2][4:] == ["Draft", 21, None, None, 1]
    assert rows[1][4] == "Not started"
    title = sheet["D2"]
    assert (title.value, title.data_type) == ('=HYPERLINK("http://evil")', "s")
    assert sheet.protection.sheet is True
    assert sheet["A1"].protection.locked is True
    assert sheet["A2"].protection.locked is True
    assert sheet["F2"].protection.locked is False
    assert sheet["H2"].protection.locked is False
    validations = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2)
        for dv in sheet.data_validations.dataValidation
    }
    assert validations == {
        "F2:F6": ("decimal", "between", "0", "30"),
        "G2:G6": ("decimal", "between", "0", "20"),
    }


def test_round_trip_saves_exact_values_as_import_events(scene, organizer_client):
    kim, _lee, _park = scene.judges
    scene.score(kim, scene.entries[1], {scene.innovation: "21"})  # stays as it is
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    sheet["F2"], sheet["G2"], sheet["H2"] = 27, 18.5, "=우수 사례"  # kim, 2026-0001
    sheet["G3"] = 15  # kim, 2026-0002: F3 keeps the stored 21
    sheet["F5"], sheet["G5"] = 30, "19.5"  # lee, 2026-0001 (text that is a number)
    response = score_upload(organizer_client, scene, workbook)
    assert response.status_code == 200
    assert (
        "Import finished: 3 scorecard(s) updated, 6 value(s) changed, 1 unchanged."
        in response.content.decode()
    )
    scores = {
        (s.scorecard.judge.user.email, s.scorecard.entry.receipt_number, s.criterion.name_ko): (
            s.value
        )
        for s in Score.objects.select_related("scorecard__judge__user", "scorecard__entry")
    }
    assert scores == {
        ("kim@judge.kr", "2026-0001", "혁신성"): Decimal("27"),
        ("kim@judge.kr", "2026-0001", "효과성"): Decimal("18.5"),
        ("kim@judge.kr", "2026-0002", "혁신성"): Decimal("21"),
        ("kim@judge.kr", "2026-0002", "효과성"): Decimal("15"),
        ("lee@judge.kr", "2026-0001", "혁신성"): Decimal("30"),
        ("lee@judge.kr", "2026-0001", "효과성"): Decimal("19.5"),
    }
    assert Scorecard.objects.get(judge=kim, entry=scene.entries[0]).comment == "=우수 사례"
    reason = "엑셀 가져오기 심사결과.xlsx"
    assert events(via="import") == [
        ("score", "혁신성", "", "27", "import", reason),
        ("score", "효과성", "", "18.5", "import", reason),
        ("comment", None, "", "=우수 사례", "import", reason),
        ("score", "효과성", "", "15", "import", reason),
        ("score", "혁신성", "", "30", "import", reason),
        ("score", "효과성", "", "19.5", "import", reason),
    ]
    assert set(ScoreEvent.objects.filter(via="import").values_list("by", flat=True)) == {
        scene.organizer.pk
    }
    # The same file again changes nothing.
    again = score_upload(organizer_client, scene, workbook)
    assert "0 scorecard(s) updated, 0 value(s) changed, 7 unchanged." in again.content.decode()
    assert ScoreEvent.objects.filter(via="import").count() == 6


def test_three_bad_rows_import_nothing_and_list_three_errors(scene, organizer_client):
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    sheet["F2"] = 20  # a good row: still not imported
    sheet["A3"] = "nobody@judge.kr"
    sheet["F4"] = 31
    sheet["G5"] = 18.25
    response = score_upload(organizer_client, scene, workbook)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Nothing was imported: 3 errors." in html
    errors = [
        "Row 3: no judge of this contest has the email “nobody@judge.kr”.",
        "Row 4, column “Innovation”: At most 30 points.",
        "Row 5, column “Effect”: Use steps of 0.5 points.",
    ]
    assert "".join(f"<li>{error}</li>" for error in errors) in html.replace("&ldquo;", "“")
    assert Score.objects.count() == 0
    assert ScoreEvent.objects.count() == 0
    assert Scorecard.objects.count() == 0


def test_non_numeric_and_unassigned_rows_are_errors(scene, organizer_client):
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    sheet["F4"], sheet["G4"] = "=1+1", "abc"
    sheet.append(["park@judge.kr", "박심사", "2026-0004", "사례 4", "", 10, 10, ""])
    html = score_upload(organizer_client, scene, workbook).content.decode()
    assert "Nothing was imported: 3 errors." in html
    assert "Row 4, column “Innovation”: Enter a number." in html
    assert "Row 4, column “Effect”: Enter a number." in html
    assert "Row 7: entry 2026-0004 is not assigned to 박심사 in this round." in html
    assert Score.objects.count() == 0


def test_unknown_receipt_and_duplicate_rows_are_errors(scene, organizer_client):
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    sheet["C2"] = "2026-9999"
    sheet.append(["lee@judge.kr", "", "2026-0002", "", "", 1, 1, ""])
    html = score_upload(organizer_client, scene, workbook).content.decode()
    assert "Row 2: no entry has the receipt number “2026-9999”." in html
    assert "Row 7: the same judge and entry appear again (first in row 6)." in html
    assert Score.objects.count() == 0


def test_submitted_scorecards_are_refused_until_reopened(scene, organizer_client):
    kim = scene.judges[0]
    scene.score(kim, scene.entries[0], {scene.innovation: "25", scene.effect: "10"}, submit=True)
    workbook = score_template(organizer_client, scene)
    sheet = workbook.active
    assert [sheet["E2"].value, sheet["F2"].value, sheet["G2"].value] == ["Submitted", 25, 10]
    sheet["F3"] = 12  # a draft row: would be fine
    unchanged = score_upload(organizer_client, scene, workbook).content.decode()
    assert "1 scorecard(s) updated, 1 value(s) changed, 2 unchanged." in unchanged
    sheet["F2"] = 26
    html = score_upload(organizer_client, scene, workbook).content.decode()
    assert (
        "Row 2: the scorecard of 김심사 for entry 2026-0001 is submitted; "
        "reopen it first to change it." in html
    )
    assert Score.objects.get(
        scorecard__entry=scene.entries[0], criterion=scene.innovation
    ).value == Decimal("25")


def test_not_a_workbook_and_a_foreign_header_are_refused(scene, organizer_client):
    url = reverse("control:score_import", args=[scene.contest.pk, scene.round.pk])
    fake = SimpleUploadedFile("scores.xlsx", b"not a zip")
    html = english(organizer_client).post(url, {"file": fake}).content.decode()
    assert "The file is not an Excel workbook (.xlsx) or it is damaged." in html
    workbook = score_template(organizer_client, scene)
    workbook.active["F1"] = "Something else"
    html = score_upload(organizer_client, scene, workbook).content.decode()
    assert "The header row is not the one of the template. Missing columns: Innovation." in html


def test_a_korean_template_is_read_back(scene, organizer_client):
    url = reverse("control:score_template", args=[scene.contest.pk, scene.round.pk])
    korean = organizer_client.get(url, headers={"Accept-Language": "ko"})
    workbook = load_workbook(io.BytesIO(korean.content))
    assert workbook.active["F1"].value.startswith("혁신성")
    workbook.active["F2"] = 9
    html = score_upload(organizer_client, scene, workbook).content.decode()
    assert "1 scorecard(s) updated, 1 value(s) changed, 0 unchanged." in html
