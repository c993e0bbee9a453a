"""The organizer opens the agency import from the join requests and uploads a sheet with a bad
row: the error names the row, nothing is imported. Axe in Korean and English on both pages."""

import io

from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect

from submissions.models import Agency
from tests import factories
from tests.e2e.conftest import axe_both_languages, login_as, url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bad_sheet() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name_ko", "name_en", "kind"])
    sheet.append(["MOIS", "행정안전부", "", "중앙행정기관"])
    sheet.append(["BAD", "잘못된 기관", "", "xyz"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_agency_import_reports_the_bad_row_and_imports_nothing(page, live_server):
    organizer = factories.OrganizerFactory()
    login_as(page, live_server, organizer)
    page.goto(url(live_server, "submissions:join_request_list"))
    page.locator(f"main a[href='{reverse('submissions:agency_import')}']").click()
    axe_both_languages(page, "agency import")
    page.locator("#id_file").set_input_files(
        files=[{"name": "agencies.xlsx", "mimeType": XLSX, "buffer": _bad_sheet()}]
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#import-errors li")).to_have_count(1)
    expect(page.locator("#import-errors li")).to_contain_text("3")
    assert not Agency.objects.exists()
    axe_both_languages(page, "agency import with errors")
