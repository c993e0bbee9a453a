"""Memory taken by hostile uploads (issue 7, item 19), against an honest upload in the same run.

The issue measured a 612 KB HWPX whose `mimetype` part unpacks to 600 MB (server 137 MB → 1.3 GB)
and an agency-import workbook whose shared strings unpack to 300 MB (peak 780 MB). This script
builds both bombs, then in a fresh process per case measures the peak resident memory (ru_maxrss)
of our checks: `detect_kind` for attachments and `open_first_sheet` for workbooks, beside the
same check on an honest small file, and beside what reading the bomb's big part without a bound
costs in the same run (`ZipFile.read`, what the checks did before) — the cost the bounds remove.

    .venv/bin/python bench/decompression.py
"""

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

CHILD = """
import os, resource, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from submissions.services.filetypes import detect_kind
from submissions.sheets import SheetError, open_first_sheet
kind, path = sys.argv[1], sys.argv[2]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(path, "rb") as handle:
    if kind == "unbounded":
        import zipfile
        with zipfile.ZipFile(handle) as archive:
            largest = max(archive.infolist(), key=lambda info: info.file_size)
            outcome = f"{len(archive.read(largest)) // 2**20}MB"
    elif kind == "attachment":
        outcome = detect_kind(handle)
    else:
        try:
            open_first_sheet(handle)
            outcome = "read"
        except SheetError:
            outcome = "refused"
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(outcome, before, after)
"""


def zip_of(members: dict[str, bytes | int]) -> bytes:
    """A ZIP archive; an int member is that many MB of zeros."""
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


def workbook(shared_strings_mb: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["code", "name_ko", "kind"])
    book.active.append(["1741000", "행정안전부", "central"])
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
            if info.filename != "xl/sharedStrings.xml":
                archive.writestr(info, source.read(info))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            strings = b"<si><t>" + b"a" * 1009 + b"</t></si>"  # about 1 KB each
            for _ in range(shared_strings_mb):
                member.write(strings * (MB // len(strings)))
            member.write(b"</sst>")
    return buffer.getvalue()


def measure(kind: str, data: bytes, folder: str) -> tuple[str, float]:
    path = os.path.join(folder, "upload.bin")
    Path(path).write_bytes(data)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHILD, kind, path],
        cwd=BASE_DIR, capture_output=True, text=True, check=True,
    )  # fmt: skip
    outcome, before, after = result.stdout.split()
    return outcome, (int(after) - int(before)) / 1024  # ru_maxrss is in KB on Linux


def main() -> None:
    hwpx_bomb, xlsx_bomb = zip_of({"mimetype": 600}), workbook(300)
    cases = [
        ("attachment", "honest HWPX", zip_of({"mimetype": b"application/hwp+zip"})),
        ("attachment", "HWPX bomb (mimetype unpacks to 600 MB)", hwpx_bomb),
        ("unbounded", "  same bomb, its part read unbounded", hwpx_bomb),
        ("workbook", "honest agency workbook", workbook(0)),
        ("workbook", "workbook bomb (shared strings 300 MB)", xlsx_bomb),
        ("unbounded", "  same bomb, its part read unbounded", xlsx_bomb),
    ]
    print(f"{'case':44} {'upload':>8} {'outcome':>9} {'peak memory growth':>19}")
    with tempfile.TemporaryDirectory() as folder:
        for kind, label, data in cases:
            outcome, grown = measure(kind, data, folder)
            print(f"{label:44} {len(data) / 1024:6.0f}KB {outcome:>9} {grown:16.1f} MB")


if __name__ == "__main__":
    main()
