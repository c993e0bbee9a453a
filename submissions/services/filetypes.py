"""Attachment file types, told from the file's content rather than its name (pure functions).

`detect_kind(fileobj)` reads the leading bytes (and, for ZIP and OLE2 containers, the
container's table of contents) and returns one of the `Attachment.Kind` values or None.
`kind_from_name(name)` maps the extension. An upload is accepted only when both agree.

ZIP containers are read with bounded memory (issue 7, item 19): the table of contents must be
small (`zip_directory_ok`) and members are read up to a limit (`read_member`). zipfile never
yields more than a member's declared size (it stops there and checks the CRC), so the declared
sizes (`unpacked_size`) are a true bound on what reading can produce.
"""

import re
import unicodedata
import zipfile
from typing import BinaryIO

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# HWP 5.0 keeps "HWP Document File" at the start of its FileHeader stream; the stream's name is
# stored UTF-16LE in the compound file's directory.
HWP_SIGNATURE = b"HWP Document File"
HWP_FILEHEADER_ENTRY = "FileHeader".encode("utf-16-le")

EXTENSIONS = {
    "pdf": "pdf",
    "hwp": "hwp",
    "hwpx": "hwpx",
    "docx": "docx",
    "pptx": "pptx",
    "xlsx": "xlsx",
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
}
# The ZIP-based formats and the member that proves each one.
_ZIP_MARKERS = (
    ("docx", "word/document.xml"),
    ("pptx", "ppt/presentation.xml"),
    ("xlsx", "xl/workbook.xml"),
)
_SCAN_CHUNK = 1024 * 1024
# A real DOCX, PPTX, XLSX or HWPX has at most a few thousand members; a 1 MB table of contents
# holds some 20,000. Reading a larger one costs about 7 times its size in memory.
MAX_ZIP_DIRECTORY = 1024 * 1024
# Office documents unpack to a few times their size (their images are compressed already); an
# archive that unpacks to more than 100 times its size and over 10 MB is a decompression bomb.
MAX_ZIP_RATIO = 100
_RATIO_FLOOR = 10 * 1024 * 1024
_MIMETYPE_LIMIT = 100
_MAX_NAME = 120


def kind_from_name(name: str) -> str | None:
    """The kind the file name's extension claims, or None for anything not accepted."""
    _, dot, ext = name.rpartition(".")
    if not dot:
        return None
    return EXTENSIONS.get(ext.lower())


def zip_directory_ok(fileobj: BinaryIO) -> bool:
    """A ZIP whose table of contents is small enough to read (at most MAX_ZIP_DIRECTORY bytes).

    It uses the end-of-archive record exactly as zipfile does, so what is checked is what
    zipfile would then read. The file position is restored to the start afterwards.
    """
    try:
        end = zipfile._EndRecData(fileobj)
    except (OSError, ValueError, EOFError):
        return False
    finally:
        fileobj.seek(0)
    return end is not None and end[zipfile._ECD_SIZE] <= MAX_ZIP_DIRECTORY


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` bytes of a member, decompressed as they are read (never the whole)."""
    with archive.open(name) as member:
        return member.read(limit)


def unpacked_size(archive: zipfile.ZipFile) -> int:
    """The sum of the members' declared sizes: the most that reading them all can produce."""
    return sum(info.file_size for info in archive.infolist())


def is_zip_bomb(archive: zipfile.ZipFile, file_size: int) -> bool:
    """Unpacks to more than MAX_ZIP_RATIO times the archive's file size (and over 10 MB)."""
    unpacked = unpacked_size(archive)
    return unpacked > _RATIO_FLOOR and unpacked > MAX_ZIP_RATIO * max(file_size, 1)


def _zip_kind(fileobj: BinaryIO) -> str | None:
    if not zip_directory_ok(fileobj):
        return None
    fileobj.seek(0, 2)
    file_size = fileobj.tell()
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            if is_zip_bomb(archive, file_size):
                return None
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = read_member(archive, "mimetype", _MIMETYPE_LIMIT).strip()
                if mimetype == b"application/hwp+zip":
                    return "hwpx"
            if any(name.startswith("Contents/") for name in names):
                return "hwpx"
            for kind, marker in _ZIP_MARKERS:
                if marker in names:
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    return None


def _is_hwp(fileobj: BinaryIO) -> bool:
    """An OLE2 compound file with a FileHeader stream that starts with the HWP signature."""
    found_entry = found_signature = False
    tail = b""
    while chunk := fileobj.read(_SCAN_CHUNK):
        window = tail + chunk
        found_entry = found_entry or HWP_FILEHEADER_ENTRY in window
        found_signature = found_signature or HWP_SIGNATURE in window
        if found_entry and found_signature:
            return True
        tail = window[-64:]
    return False


def detect_kind(fileobj: BinaryIO) -> str | None:
    """The attachment kind told by the content, or None when it is none of the accepted types.

    The file position is restored to the start afterwards.
    """
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    try:
        if head.startswith(PDF_MAGIC):
            return "pdf"
        if head.startswith(PNG_MAGIC):
            return "png"
        if head.startswith(JPEG_MAGIC):
            return "jpg"
        if head.startswith(ZIP_MAGIC):
            return _zip_kind(fileobj)
        if head.startswith(OLE2_MAGIC):
            return "hwp" if _is_hwp(fileobj) else None
        return None
    finally:
        fileobj.seek(0)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Path separators and the characters Windows refuses in a file name.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]+')


def safe_filename(name: str, *, fallback: str = "file", max_length: int = _MAX_NAME) -> str:
    """The one file-name cleaner: stored upload names, download names, ZIP member names.

    Korean and other letters are kept (NFC-normalized, as macOS sends decomposed Hangul); control
    and format characters (a right-to-left override, say) are dropped; path separators and the
    characters Windows refuses (``\\ / : * ? " < > |``) become "_"; runs of white space become
    one space; no leading or trailing dot or space. An over-long name is shortened in its stem
    so the extension survives; `fallback` when nothing is left.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(
        ch for ch in name if not _CONTROL.match(ch) and unicodedata.category(ch) not in ("Cf", "Cc")
    )
    name = " ".join(_FORBIDDEN.sub("_", name).split()).strip(" .")
    if not name:
        return fallback
    if len(name) > max_length:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[: max_length - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:max_length]
    return name


def clean_filename(name: str, *, fallback: str = "file", max_length: int = _MAX_NAME) -> str:
    """An uploaded file's name as we keep it: its last path part (some browsers send
    "C:\\Users\\…\\x.pdf", an attacker "../../x.pdf"), made safe by `safe_filename`."""
    last_part = re.split(r"[/\\]", name or "")[-1]
    return safe_filename(last_part, fallback=fallback, max_length=max_length)
