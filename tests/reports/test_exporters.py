"""The exporter abstraction itself: file names, the Content-Disposition header, the three kinds
of body, the registry."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from reports.exporters import (
    EXPORTERS,
    Exporter,
    ascii_filename,
    content_disposition,
    export_response,
    file_type,
    register,
)


@pytest.mark.parametrize(
    ("name", "fallback", "inline", "header"),
    [
        ("report.pdf", "x.pdf", False, 'attachment; filename="report.pdf"'),
        ("report.pdf", "x.pdf", True, 'inline; filename="report.pdf"'),
        (
            "우수사례 보고서.pdf",
            "attachment-7.pdf",
            False,
            "attachment; filename=\"attachment-7.pdf\"; "
            "filename*=utf-8''%EC%9A%B0%EC%88%98%EC%82%AC%EB%A1%80%20%EB%B3%B4%EA%B3%A0%EC%84%9C.pdf",
        ),
        # Cleaned: no path, no quote, no control character reaches the header.
        ('../a"b\r\nc.pdf', "x.pdf", False, 'attachment; filename="_a_bc.pdf"'),
        ('보고"서.pdf', "x.pdf", False, "attachment; filename=\"x.pdf\"; "
         "filename*=utf-8''%EB%B3%B4%EA%B3%A0_%EC%84%9C.pdf"),
        # Nothing left of the name: the fallback.
        ("\x00 ..", "empty.txt", False, 'attachment; filename="empty.txt"'),
        # A fallback with non-ASCII letters is folded to ASCII.
        ("사례.pdf", "résumé 사례.pdf", False,
         "attachment; filename=\"resume.pdf\"; filename*=utf-8''%EC%82%AC%EB%A1%80.pdf"),
    ],
)  # fmt: skip
def test_content_disposition(name, fallback, inline, header):
    assert content_disposition(name, fallback=fallback, inline=inline) == header


def test_ascii_filename():
    assert ascii_filename("2026_정부혁신_접수목록.xlsx") == "2026__.xlsx"
    assert ascii_filename("접수목록.xlsx") == "download.xlsx"
    assert ascii_filename("Ångström 보고서.pdf") == "Angstrom.pdf"
    assert ascii_filename("보고서") == "download"


def test_file_type():
    assert file_type("pdf") == "application/pdf"
    assert file_type("png") == "image/png"
    assert file_type("hwpx") == "application/octet-stream"


def _exporter(build, **extra) -> Exporter:
    fields = {
        "name": "sample",
        "permission": "contests.create_contest",  # any signed-in organizer
        "content_type": "text/plain",
        "filename": lambda obj: f"표본-{obj}.txt",
    }
    return Exporter(**(fields | extra), build=build)


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"bytes", HttpResponse),
        (io.BytesIO(b"bytes"), FileResponse),
        (iter([b"by", b"tes"]), StreamingHttpResponse),
    ],
)
def test_export_response_serves_every_kind_of_body(body, kind):
    from tests.factories import OrganizerFactory

    response = export_response(_exporter(lambda _obj: body), _request(OrganizerFactory()), 3)
    assert type(response) is kind
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"sample.txt\"; filename*=utf-8''%ED%91%9C%EB%B3%B8-3.txt"
    )
    assert response["Cache-Control"] == "private, no-store"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data == b"bytes"


@pytest.mark.django_db
def test_content_type_and_inline_may_depend_on_the_object():
    from tests.factories import OrganizerFactory

    exporter = _exporter(
        lambda _obj: b"",
        content_type=lambda obj: "image/png" if obj == "png" else "application/pdf",
        inline=lambda obj: obj == "pdf",
        fallback=lambda obj: f"sample.{obj}",
    )
    request = _request(OrganizerFactory())
    pdf = export_response(exporter, request, "pdf")
    png = export_response(exporter, request, "png")
    assert (pdf["Content-Type"], pdf["Content-Disposition"].split(";")[0]) == (
        "application/pdf",
        "inline",
    )
    assert (png["Content-Type"], png["Content-Disposition"][:33]) == (
        "image/png",
        'attachment; filename="sample.png"',
    )


def test_anonymous_users_are_refused():
    assert not _exporter(lambda _obj: b"").allows(AnonymousUser(), None)


def test_names_are_unique():
    with pytest.raises(ImproperlyConfigured):
        register(_exporter(lambda _obj: b"", name="entry_receipt"))
    assert "sample" not in EXPORTERS
