"""Organizer import of the agency list from Excel: all rows or none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from submissions.models import Agency
from submissions.services.agency_import import AgencyImportError, agency_import
from tests import factories

URL = reverse("submissions:agency_import")
HEADER = ["code", "name_ko", "name_en", "kind"]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "agencies.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def rows_in_db():
    return list(Agency.objects.order_by("code").values_list("code", "name_ko", "name_en", "kind"))


def import_errors(rows, header=HEADER) -> list[str]:
    with pytest.raises(AgencyImportError) as caught:
        agency_import(file=io.BytesIO(xlsx(rows, header)))
    return caught.value.errors


@pytest.mark.django_db
def test_good_file_creates_exact_rows():
    result = agency_import(
        file=io.BytesIO(
            xlsx(
                [
                    ["MOIS", "행정안전부", "Ministry of the Interior and Safety", "central"],
                    ["SEOUL", "서울특별시", "Seoul Metropolitan Government", "metropolitan"],
                    [None, None, None, None],  # blank lines are skipped
                    [6110000, "종로구", None, "LOCAL"],
                ]
            )
        )
    )
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert rows_in_db() == [
        ("6110000", "종로구", "", "local"),
        ("MOIS", "행정안전부", "Ministry of the Interior and Safety", "central"),
        ("SEOUL", "서울특별시", "Seoul Metropolitan Government", "metropolitan"),
    ]


@pytest.mark.django_db
def test_korean_kind_labels():
    labels = ["중앙행정기관", "광역자치단체", "기초자치단체", "교육청", "공공기관", "기타"]
    agency_import(
        file=io.BytesIO(xlsx([[f"K{i}", f"기관{i}", "", label] for i, label in enumerate(labels)]))
    )
    assert list(Agency.objects.order_by("code").values_list("kind", flat=True)) == [
        "central",
        "metropolitan",
        "local",
        "education",
        "public",
        "other",
    ]


@pytest.mark.django_db
def test_existing_codes_are_updated():
    factories.AgencyFactory(code="MOIS", name_ko="행정자치부", name_en="", kind="other")
    factories.AgencyFactory(
        code="KOSTAT", name_ko="통계청", name_en="Statistics Korea", kind="central"
    )
    untouched = factories.AgencyFactory(code="KEEP", name_ko="그대로", kind="public")
    result = agency_import(
        file=io.BytesIO(
            xlsx(
                [
                    ["MOIS", "행정안전부", "Ministry of the Interior and Safety", "중앙행정기관"],
                    ["KOSTAT", "통계청", "Statistics Korea", "central"],
                    ["NEW1", "새기관", "", "기타"],
                ]
            )
        )
    )
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert rows_in_db() == [
        ("KEEP", "그대로", untouched.name_en, "public"),
        ("KOSTAT", "통계청", "Statistics Korea", "central"),
        ("MOIS", "행정안전부", "Ministry of the Interior and Safety", "central"),
        ("NEW1", "새기관", "", "other"),
    ]


@pytest.mark.django_db
def test_two_bad_rows_write_nothing_and_report_both_row_numbers():
    factories.AgencyFactory(code="MOIS", name_ko="행정안전부", kind="central")
    before = rows_in_db()
    errors = import_errors(
        [
            ["MOIS", "행정안전부(변경)", "", "central"],
            ["X1", "좋은 행", "", "public"],
            ["X2", "나쁜 행", "", "xyz"],
            ["X3", "", "", "local"],
        ]
    )
    assert errors == [
        "Row 4: the agency kind 'xyz' is unknown.",
        "Row 5: the Korean name is missing.",
    ]
    assert rows_in_db() == before


@pytest.mark.django_db
def test_every_kind_of_row_error_is_listed():
    errors = import_errors(
        [
            ["", "코드 없음", "", "central"],
            ["A1", "첫 행", "", "central"],
            ["A1", "같은 코드", "", "central"],
            ["A2", "가" * 201, "", "central"],
            ["A3", "구분 없음", "", ""],
        ]
    )
    assert errors == [
        "Row 2: the code is missing.",
        "Row 4: the code A1 appears again (first in row 3).",
        "Row 5: the Korean name is longer than 200 characters.",
        "Row 6: the agency kind is missing.",
    ]
    assert Agency.objects.count() == 0


@pytest.mark.django_db
def test_header_row_is_required():
    errors = import_errors([["MOIS", "행정안전부", "", "central"]], header=None)
    assert errors == [
        "The first row must be the header with the columns code, name_ko, name_en, kind. "
        "Missing: code, name_ko, kind."
    ]
    errors = import_errors([["MOIS", "행정안전부"]], header=["code", "name_ko"])
    assert errors[0].endswith("Missing: kind.")
    # Any column order, header case ignored, name_en may be left out.
    agency_import(
        file=io.BytesIO(xlsx([["central", "MOIS", "행정안전부"]], ["Kind", "CODE", "name_ko"]))
    )
    assert rows_in_db() == [("MOIS", "행정안전부", "", "central")]


@pytest.mark.django_db
def test_empty_sheet_and_corrupt_file():
    assert import_errors([]) == ["The sheet has no agency rows below the header."]
    with pytest.raises(AgencyImportError) as caught:
        agency_import(file=io.BytesIO(b"PK\x03\x04 not really a zip"))
    assert caught.value.errors == ["The file is not an Excel workbook (.xlsx) or it is damaged."]


def test_view_imports_and_summarizes(client_for, organizer):
    factories.AgencyFactory(code="MOIS", name_ko="행정자치부", kind="central")
    client = client_for(organizer)
    assert client.get(URL).status_code == 200
    content = xlsx(
        [["MOIS", "행정안전부", "", "central"], ["SEOUL", "서울특별시", "", "광역자치단체"]]
    )
    response = client.post(URL, {"file": upload(content)}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Import finished: 1 created, 1 updated, 0 unchanged." in response.content.decode()
    assert rows_in_db() == [
        ("MOIS", "행정안전부", "", "central"),
        ("SEOUL", "서울특별시", "", "metropolitan"),
    ]


def test_view_lists_row_errors_and_writes_nothing(client_for, site_admin):
    content = xlsx([["A", "", "", "central"], ["B", "비", "", "xyz"]])
    response = client_for(site_admin).post(URL, {"file": upload(content)})
    assert response.status_code == 200
    assert response.context["errors"] == [
        "Row 2: the Korean name is missing.",
        "Row 3: the agency kind 'xyz' is unknown.",
    ]
    html = response.content.decode()
    assert "Nothing was imported: 2 errors." in html
    assert "<li>Row 3: the agency kind &#x27;xyz&#x27; is unknown.</li>" in html
    assert Agency.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "agencies.csv",
            b"code,name_ko\n",
            "Upload an Excel workbook saved as .xlsx (not .xls or .csv).",
        ),
        (
            "agencies.xlsx",
            b"MZ\x90\x00 an exe renamed",
            "The file is not an Excel workbook (.xlsx) or it is damaged.",
        ),
    ],
)
def test_view_refuses_other_files(client_for, organizer, name, content, message):
    response = client_for(organizer).post(URL, {"file": upload(content, name)})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert Agency.objects.count() == 0


def test_view_refuses_a_corrupt_zip(client_for, organizer):
    response = client_for(organizer).post(URL, {"file": upload(b"PK\x03\x04broken")})
    assert response.context["errors"] == [
        "The file is not an Excel workbook (.xlsx) or it is damaged."
    ]


def test_template_download(client_for, organizer):
    response = client_for(organizer).get(reverse("submissions:agency_import_template"))
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="agencies-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows == [
        ("code", "name_ko", "name_en", "kind"),
        ("MOIS", "행정안전부", "Ministry of the Interior and Safety", "중앙행정기관"),
    ]
    # The template imports as is.
    agency_import(file=io.BytesIO(response.content))
    assert rows_in_db() == [
        ("MOIS", "행정안전부", "Ministry of the Interior and Safety", "central")
    ]


@pytest.mark.parametrize("who", ["plain", "member", "admin"])
def test_only_organizers_import(client_for, agency, agency_admin, agency_member, who):
    user = {"plain": factories.UserFactory(), "member": agency_member, "admin": agency_admin}[who]
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("submissions:agency_import_template")).status_code == 403
    response = client.post(URL, {"file": upload(xlsx([["Z", "지", "", "central"]]))})
    assert response.status_code == 403
    assert not Agency.objects.filter(code="Z").exists()
