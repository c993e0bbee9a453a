"""The Excel export of the (filtered) entry list, read back with openpyxl."""

import datetime as dt
import io
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.screening.conftest import english

pytestmark = pytest.mark.django_db

HEADER = [
    "Receipt number",
    "Category",
    "Agency",
    "Agency kind",
    "Case title",
    "Status",
    "Screening",
    "Screening reason",
    "Submitted (Asia/Seoul)",
    "Background",
    "Results",
    "Attachments",
]


def export(client, world, **params):
    url = reverse("reports:entries_xlsx", args=[world.contest.pk])
    if params:
        url += "?" + urlencode(params)
    return client.get(url)


def sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def rows(ws):
    return [list(row) for row in ws.iter_rows(min_row=3, values_only=True)]


def test_header_title_and_every_row(world, org):
    from tests.screening.conftest import attach

    attach(world.shortcut, "a.pdf", b"a")
    attach(world.shortcut, "b.pdf", b"b")
    response = export(org, world)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    ws = sheet(response)
    assert ws.title == "Entries"
    assert ws["A1"].value.startswith("2026 Government Innovation Contest: entries (as of ")
    assert [cell.value for cell in ws[2]] == HEADER
    assert rows(ws) == [
        [
            "2026-0001",
            "Central",
            "Ministry of the Interior",
            "Central government agency",
            "찾아라! 119 지름길",
            "Submitted",
            "Not screened yet",
            None,
            dt.datetime(2026, 3, 2, 10, 30),
            "출동 지연\n<b>교통</b> 문제",
            '=HYPERLINK("http://evil.example","클릭")',
            2,
        ],
        [
            "2026-0002",
            "Local",
            "Seoul",
            "Metropolitan government",
            "스마트 버스정류장",
            "Submitted",
            "Eligible",
            None,
            dt.datetime(2026, 3, 2, 11, 30),
            "+82 정류장 정보",
            None,
            0,
        ],
        [
            "2026-0003",
            "Local",
            "Gangnam-gu",
            "Local government",
            "민원 원스톱 창구",
            "Submitted",
            "Ineligible",
            "제출 기한 이후 보완",
            dt.datetime(2026, 3, 2, 12, 30),
            None,
            None,
            0,
        ],
        [
            "2026-0004",
            "Local",
            "Gangnam-gu",
            "Local government",
            "철회된 사례",
            "Withdrawn",
            "Not screened yet",
            None,
            dt.datetime(2026, 3, 2, 13, 30),
            None,
            None,
            0,
        ],
        [
            None,
            "Local",
            "Seoul",
            "Metropolitan government",
            "작성 중인 사례",
            "Draft",
            "Not screened yet",
            None,
            None,
            None,
            None,
            0,
        ],
    ]


def test_datetime_is_a_real_excel_date_in_seoul_time(world, org):
    ws = sheet(export(org, world))
    cell = ws["I3"]
    assert cell.is_date
    assert cell.value == dt.datetime(2026, 3, 2, 10, 30)
    assert cell.number_format == "yyyy-mm-dd hh:mm"


def test_layout_styles_frozen_panes_widths_and_autofilter(world, org):
    ws = sheet(export(org, world))
    assert ws["A1"].font.bold
    assert all(cell.font.bold for cell in ws[2])
    assert all(cell.fill.fill_type == "solid" for cell in ws[2])
    assert ws["A2"].fill.start_color.rgb == "FFDDE6F4"
    assert ws.freeze_panes == "B3"
    assert ws.auto_filter.ref == "A2:L7"
    assert ws.column_dimensions["E"].width == 40
    assert ws.column_dimensions["J"].width == 50


def test_same_filters_as_the_page(world, org):
    ws = sheet(export(org, world, kind="local", status="submitted"))
    assert [row[4] for row in rows(ws)] == ["민원 원스톱 창구"]
    assert ws.auto_filter.ref == "A2:L3"
    ws = sheet(export(org, world, q="버스"))
    assert [row[4] for row in rows(ws)] == ["스마트 버스정류장"]


def test_filename_is_korean_with_an_ascii_fallback(world, org):
    response = export(org, world)
    name = quote("2026_정부혁신우수사례경진대회_접수목록.xlsx", safe="")
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"2026_entries.xlsx\"; filename*=utf-8''{name}"
    )


def test_export_permissions(world, roles, login):
    assert export(Client(), world).status_code == 302
    for who in ["plain", "member", "agency_admin", "judge", "other_organizer"]:
        assert export(english(login(roles[who])), world).status_code == 403, who
