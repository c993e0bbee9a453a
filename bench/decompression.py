"""Memory taken by hostile uploads (issue 7, item 19), against an honest upload in the same run.

The issue measured a 612 KB HWPX whose `mimetype` part unpacks to 600 MB (server 137 MB → 1.3 GB)
and an agency-import workbook whose shared strings unpack to 300 MB (peak 780 MB). This script
builds both bombs, then in a fresh process per case measures the peak resident memory (ru_maxrss)
of our checks: `detect_kind` for attachments and `open_first_sheet` for workbooks, beside the
same check on an honest small file, and beside what reading the bomb's big part without a bound
costs in the same run (`ZipFile.read`, what the checks did before) — the cost the bounds remove.

    .venv/bin/python bench/decompression.py
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from tests.bombs import workbook, zip_of  # noqa: E402 (the project root is on the path now)

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
