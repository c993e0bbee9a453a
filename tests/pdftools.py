"""Reading a PDF back with poppler-utils (installed by ./run): one helper for every test."""

import subprocess


def poppler(tool: str, pdf: bytes, tmp_path, *args: str) -> str:
    """What `tool` (pdftotext, pdfinfo, pdffonts, pdfdetach, …) prints for `pdf`, with `args`
    before the file; pdftotext writes to standard output."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = ["-"] if tool == "pdftotext" else []
    command = [tool, *args, str(path), *out]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def pdf_text(pdf: bytes, tmp_path) -> str:
    return poppler("pdftotext", pdf, tmp_path)
