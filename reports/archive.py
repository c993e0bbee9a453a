"""A ZIP of a contest's attachments, produced piece by piece for a streaming response.

`zipfile` writes into `_ChunkSink`, a tiny file-like object without `seek`: zipfile then uses data
descriptors (sizes and CRC after each file's data) and never goes back, so every byte it writes
can be handed to the client at once. Files are read in `READ_SIZE` pieces; memory stays at a few
of those whatever the size of the archive.
"""

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from submissions.models import Attachment
from submissions.services.filetypes import clean_filename, safe_filename

READ_SIZE = 64 * 1024
MISSING_LIST_NAME = "_missing_files.txt"


class _ChunkSink:
    """Write-only, non-seekable: collects what zipfile writes until the generator takes it."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._position = 0

    def write(self, data) -> int:
        if data:
            self._chunks.append(bytes(data))
            self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def take(self) -> Iterator[bytes]:
        if self._chunks:
            data = b"".join(self._chunks)
            self._chunks.clear()
            yield data


def entry_folder(attachment: Attachment) -> str:
    entry = attachment.entry
    receipt = safe_filename(entry.receipt_number or "", fallback=f"entry-{entry.pk}")
    agency = safe_filename(entry.agency.name_ko, fallback=entry.agency.code)
    return f"{receipt}_{agency}"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or "stem (2).ext", "stem (3).ext"…, case-insensitively unused (for Windows)."""
    stem, ext = posixpath.splitext(name)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){ext}"
    taken.add(candidate.casefold())
    return candidate


def archive_names(attachments: Iterable[Attachment]) -> Iterator[tuple[Attachment, str]]:
    """(attachment, "<receipt number>_<agency>/<original name>") with duplicates renamed."""
    taken: set[str] = set()
    for attachment in attachments:
        # Only the last path part of the uploaded name: "../../x.pdf" is "x.pdf".
        name = clean_filename(attachment.original_name, fallback=f"file-{attachment.pk}")
        yield attachment, unique_name(f"{entry_folder(attachment)}/{name}", taken)


def _zip_time(moment: dt.datetime | None) -> tuple:
    local = timezone.localtime(moment) if moment else timezone.localtime()
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def stream_attachments_zip(attachments: Iterable[Attachment]) -> Iterator[bytes]:
    """Yield the bytes of a ZIP holding every attachment, one read-sized piece at a time."""
    return stream_named_zip(archive_names(attachments))


def stream_named_zip(named: Iterable[tuple[Attachment, str]]) -> Iterator[bytes]:
    """Yield the bytes of a ZIP of (attachment, member name) pairs, one read-sized piece at a
    time (the names already unique, e.g. from `archive_names` or `unique_name`).

    A file missing from storage is skipped and listed in `_missing_files.txt` at the end, so
    one lost file does not break the whole download.
    """
    sink = _ChunkSink()
    missing: list[str] = []
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for attachment, arcname in named:
            try:
                source = attachment.file.open("rb")
            except (FileNotFoundError, OSError, ValueError):
                missing.append(arcname)
                continue
            info = zipfile.ZipInfo(arcname, date_time=_zip_time(attachment.uploaded_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = attachment.size
            with source, zf.open(info, mode="w") as target:
                while piece := source.read(READ_SIZE):
                    target.write(piece)
                    yield from sink.take()
            yield from sink.take()
        if missing:
            zf.writestr(MISSING_LIST_NAME, "\n".join(missing) + "\n")
    yield from sink.take()
