"""Decompression bombs for the upload checks (issue 7, item 19): small ZIP files whose parts
unpack to many megabytes. Used by tests/hostile/test_input_files.py and bench/decompression.py."""

import io
import zipfile

from openpyxl import Workbook

MB = 1024 * 1024
SHARED_STRINGS = "xl/sharedStrings.xml"


def zip_of(members: dict[str, bytes | int]) -> bytes:
    """A ZIP archive; an int member is that many MB of zeros, written in 1 MB pieces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if isinstance(data, int):
                with archive.open(name, "w", force_zip64=True) as member:
                    for _ in range(data):
                        member.write(bytes(MB))
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def workbook(shared_strings_mb: int = 0) -> bytes:
    """An agency-list workbook; with `shared_strings_mb`, its shared strings unpack to that many
    MB (one long string), the rest of the workbook staying valid."""
    book = Workbook()
    book.active.append(["code", "name_ko", "kind"])
    plain = io.BytesIO()
    book.save(plain)
    if not shared_strings_mb:
        return plain.getvalue()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            if info.filename != SHARED_STRINGS:
                archive.writestr(info, source.read(info))
        with archive.open(SHARED_STRINGS, "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            member.write(b"<si><t>")
            for _ in range(shared_strings_mb):
                member.write(b"A" * MB)
            member.write(b"</t></si></sst>")
    return buffer.getvalue()
