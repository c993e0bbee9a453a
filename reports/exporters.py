"""The one way to produce a download.

An `Exporter` says what a download is: its name, the permission that lets a user have it (a
`rules` permission, asked about `target(obj)`), its content type, its file name (with an ASCII
fallback for old clients), whether the browser shows it (`inline`) or saves it, and how its body
is built. A view finds the object (404 for what the user may not even know exists) and hands
exporter, request and object to `export_response`, which checks the permission (403), builds the
body and writes the headers. Every download's Content-Type, Content-Disposition, Cache-Control
and nosniff are written here and nowhere else; `reports.catalog` declares every exporter.

A body is bytes (an `HttpResponse`), an open binary file (a `FileResponse`: streamed, with its
length) or an iterator of bytes (a `StreamingHttpResponse`, for a ZIP built while it is sent).

File names go through `safe_filename` (the one file-name cleaner) and then Django's
`content_disposition_header`: an ASCII name as `filename="…"`; any other name as
`filename="<ASCII fallback>"; filename*=utf-8''<the name, percent-encoded>` (RFC 6266), so the
Korean name survives in every current browser and old clients still get a usable one.

Layering: the views of every app call `export_response` with an exporter of `reports.catalog`,
the one place where a view imports from reports (the app after it). This module itself imports
only the two pure helpers it shares with uploads and imports, `safe_filename` and `XLSX_TYPE`.
"""

import mimetypes
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import rules
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from submissions.services.filetypes import safe_filename
from submissions.sheets import XLSX_TYPE

PDF_TYPE = "application/pdf"
ZIP_TYPE = "application/zip"
JSON_TYPE = "application/json"
OCTET_STREAM = "application/octet-stream"
CACHE_CONTROL = "private, no-store"  # what one user may download is never kept by a cache

__all__ = [
    "CACHE_CONTROL",
    "EXPORTERS",
    "JSON_TYPE",
    "PDF_TYPE",
    "XLSX_TYPE",
    "ZIP_TYPE",
    "Exporter",
    "add_once",
    "ascii_filename",
    "content_disposition",
    "export_response",
    "file_type",
    "open_stored",
    "register",
]

Body = bytes | BinaryIO | Iterator[bytes]


def _same(obj: Any) -> Any:
    return obj


@dataclass(frozen=True, kw_only=True)
class Exporter[T]:
    """One kind of download. Every callable takes the object the view found."""

    name: str
    permission: str  # a `rules` permission, e.g. "contests.manage_contest"
    content_type: str | Callable[[T], str]
    filename: Callable[[T], str]
    build: Callable[[T], Body]
    target: Callable[[T], Any] = _same  # what the permission is asked about
    fallback: Callable[[T], str] | None = None  # ASCII name; default "<name><suffix>"
    inline: bool | Callable[[T], bool] = False

    def allows(self, user, obj: T) -> bool:
        # rules.has_perm, not user.has_perm: Django lets every active superuser through the latter.
        return rules.has_perm(self.permission, user, self.target(obj))

    def type_for(self, obj: T) -> str:
        return self.content_type(obj) if callable(self.content_type) else self.content_type

    def is_inline(self, obj: T) -> bool:
        return self.inline(obj) if callable(self.inline) else self.inline

    def disposition(self, obj: T) -> str:
        name = self.filename(obj)
        fallback = self.fallback(obj) if self.fallback else self.name + _split(name)[1]
        return content_disposition(name, fallback=fallback, inline=self.is_inline(obj))


EXPORTERS: dict[str, Exporter] = {}


def add_once[V](registry: dict[str, V], name: str, value: V, *, what: str, error=ValueError) -> V:
    """registry[name] = value, and the value; a name taken already raises `error` ("Two <what>
    are named …"): each registry (EXPORTERS, reports.jobs.KINDS) holds a name once."""
    if name in registry:
        raise error(f"Two {what} are named {name!r}.")
    registry[name] = value
    return value


def register[E: Exporter](exporter: E) -> E:
    """Add `exporter` to `EXPORTERS` (each name once) and return it."""
    return add_once(
        EXPORTERS, exporter.name, exporter, what="exporters", error=ImproperlyConfigured
    )


def _split(name: str) -> tuple[str, str]:
    """(stem, ".ext"), or (name, "") when it has no short ASCII extension."""
    stem, dot, ext = name.rpartition(".")
    if dot and ext.isascii() and ext.isalnum() and len(ext) <= 10:
        return stem, f".{ext}"
    return name, ""


def ascii_filename(name: str) -> str:
    """`name` with accents folded and every other non-ASCII character left out, cleaned;
    "download.<ext>" when no letter or digit of its stem is left."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem, ext = _split(folded)
    return safe_filename(safe_filename(stem, fallback="download") + ext)


def content_disposition(filename: str, *, fallback: str, inline: bool = False) -> str:
    """The Content-Disposition header of a download named `filename` (cleaned here)."""
    name = safe_filename(filename, fallback=ascii_filename(fallback))
    header = content_disposition_header(not inline, name)
    if name.isascii():
        return header
    _disposition, encoded = header.split("; ", 1)
    return f"{content_disposition_header(not inline, ascii_filename(fallback))}; {encoded}"


def file_type(extension: str) -> str:
    """The content type of a file with this extension (an attachment's kind)."""
    return mimetypes.guess_type(f"file.{extension}")[0] or OCTET_STREAM


def open_stored(field_file) -> BinaryIO:
    """A stored file opened for reading; 404 when it is missing from storage."""
    try:
        return field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc


def export_response[T](exporter: Exporter[T], request: HttpRequest, obj: T) -> HttpResponseBase:
    """The download of `obj` by `exporter` for `request.user`: 403 without the permission."""
    if not exporter.allows(request.user, obj):
        raise PermissionDenied
    body = exporter.build(obj)
    content_type = exporter.type_for(obj)
    if isinstance(body, bytes | bytearray):
        response: HttpResponseBase = HttpResponse(body, content_type=content_type)
    elif hasattr(body, "read"):
        response = FileResponse(body, content_type=content_type)
    else:
        response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = exporter.disposition(obj)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
