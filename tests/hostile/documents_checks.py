"""What a downloaded document may hold (test_documents_pdf.py, test_documents_files.py): each
check asserts the document has no trace of a payload acting, and returns the tags of the payloads
it shows as text."""

import io
import json
import logging
import re
import zipfile
import zlib
from urllib.parse import unquote

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.hostile.documents_world import (
    ATTACHMENT_BYTES,
    CASES,
    EXCEL_STARTS,
    PASSWD,
    World,
    _ids,
    shown,
)
from tests.pdftools import poppler


def flat(text: str) -> str:
    return "".join(text.split())


def in_cell(text: str) -> str:
    """`text` as a workbook cell gives it back: XML reads a raw CR as LF (XML 1.0, 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def embedded(pdf: bytes, tmp_path) -> list[str]:
    """The "emb" column of pdffonts, one per font (cut where its line of dashes says)."""
    lines = poppler("pdffonts", pdf, tmp_path).splitlines()
    start, end = [m.span() for m in re.finditer(r"-+", lines[1])][3]
    return [line[start:end].strip() for line in lines[2:]]


def file_names(disposition: str) -> list[str]:
    """The ASCII name and the UTF-8 name of a Content-Disposition header."""
    encoded = re.findall(r"filename\*=utf-8''(\S+)", disposition)
    return re.findall(r'filename="([^"]*)"', disposition) + [unquote(n) for n in encoded]


def clean_path(name: str) -> bool:
    """Relative, without a ".." part, a backslash or a control character."""
    bad = name.startswith(("/", ".")) or ".." in name.split("/")
    return not bad and not re.search(r"[\\\x00-\x1f]", name)


def decoded(pdf: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated: WeasyPrint packs its objects (a
    link's /URI, an embedded file's dictionary and content) in compressed object streams."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def check_pdf(pdf: bytes, tmp_path, payloads: dict) -> set[str]:
    """The PDF's traces (asserted here) and the tags whose payload it shows, read as text."""
    assert pdf.startswith(b"%PDF-")
    inflated = decoded(pdf)
    assert b"/EmbeddedFile" not in inflated
    assert poppler("pdfdetach", pdf, tmp_path, "-list").strip() == "0 embedded files"
    assert b"/URI (file:" not in inflated
    urls = poppler("pdfinfo", pdf, tmp_path, "-url").splitlines()[1:]  # page, type, URL
    assert [url for url in urls if "file:" in url or "evil.invalid" in url] == []
    text = poppler("pdftotext", pdf, tmp_path, "-raw")
    assert [t for t in PASSWD if t in text or t.encode() in inflated] == []
    assert set(embedded(pdf, tmp_path)) == {"yes"}  # at least one font, every one embedded
    # -raw keeps a hyphen that ends a line (the default joins "grand-\nen" into "granden");
    # white space is left out, as a table cell wraps the payload anywhere.
    return {tag for tag, typed in payloads.items() if flat(typed) in flat(text)}


def check_workbook(body: bytes, payloads: dict) -> set[str]:
    """The workbook's traces (asserted here) and the tags whose payload a cell holds."""
    assert not [n for n in zipfile.ZipFile(io.BytesIO(body)).namelist() if "externalLink" in n]
    typed = {in_cell(text): tag for tag, text in payloads.items()}
    found, problems = set(), []
    for sheet in load_workbook(io.BytesIO(body)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value, where = cell.value, f"{sheet.title}!{cell.coordinate}"
                if cell.data_type == "f" or cell.hyperlink is not None:
                    problems.append(f"{where}: formula or link {value!r}")
                if not isinstance(value, str):
                    continue
                found.update(tag for text, tag in typed.items() if text in value)
                # A cell that starts as a formula would is a text cell, and what it starts
                # with is a field exactly as typed ("<contest>: entries (as of …)").
                if value.startswith(EXCEL_STARTS) and (
                    cell.data_type != "s" or not value.startswith(tuple(typed))
                ):
                    problems.append(f"{where}: {cell.data_type} {value!r}")
    assert problems == []
    return found


def check_snapshot(body: bytes, payloads: dict) -> set[str]:
    inputs = json.loads(body)["inputs"]
    names = {"contest-ko": inputs["contest"]["name_ko"], "contest-en": inputs["contest"]["name_en"],
             "exclusion": inputs["excluded"][0]["reason"],
             "decision": inputs["decisions"][0]["reason"]}  # fmt: skip
    assert names == {tag: payloads[tag] for tag in names}
    return set(names)


def check(world: World, name: str, language: str, tmp_path) -> set[str]:
    """Download the document, assert it holds no trace; the tags of the payloads it shows."""
    (role, url_name, args), ids = CASES[name], _ids(world)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.users[role])
    response = client.get(reverse(url_name, args=[ids[arg] for arg in args.split()]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert all(clean_path(name) for name in file_names(response["Content-Disposition"]))
    assert [trace for trace in PASSWD if trace.encode() in body] == []
    kind = response["Content-Type"]
    if name in ("entry_attachment", "judge_attachment", "objection_file", "presentation_slides"):
        assert body == ATTACHMENT_BYTES  # the stored file as uploaded, under a clean name
        return set()
    if kind == "application/pdf":
        return check_pdf(body, tmp_path, world.payloads)
    if kind.endswith("spreadsheetml.sheet"):
        return check_workbook(body, world.payloads)
    if kind == "application/zip":  # "<receipt>_<agency>/<last part of the uploaded name>"
        archive = zipfile.ZipFile(io.BytesIO(body))
        [member] = archive.namelist()
        assert clean_path(member)
        assert member.count("/") == 1
        assert archive.read(member) == ATTACHMENT_BYTES
        return set()
    assert kind == "application/json"
    return check_snapshot(body, world.payloads)


def assert_shown_as_text(name, built, settings, tmp_path, caplog):
    assert name in CASES, f"add the exporter {name!r} to CASES (and SHOWN) in documents_world"
    caplog.set_level(logging.DEBUG, logger="weasyprint")
    world, settings.MEDIA_ROOT = built
    for language in ("ko", "en"):
        found = check(world, name, language, tmp_path)
        assert shown(name, language) - found == set()
    # Escaped text never became markup: WeasyPrint was never even asked for a file:// URL.
    assert [r.getMessage() for r in caplog.records if "passwd" in r.getMessage()] == []
