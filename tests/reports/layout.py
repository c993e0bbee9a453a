"""Checks that a PDF's pages are laid out as printed documents: read back with poppler's tools
(pdftoppm renders the pages; pdftotext -bbox-layout gives every word's box), so that a broken
layout fails a test rather than a reader.

- every page is A4 portrait;
- no ink within EDGE_MM of the page's edge (pdftoppm's greyscale image of each page): nothing
  runs off the paper or into the part a printer cannot print. This is also what sees text that
  runs off the paper: pdftotext leaves out every character outside the page, so such words
  are not there to be checked, only the one cut by the edge;
- every word lies inside the page and out of its side margins (`margins`, in mm: the frame's
  by default), and no two words on a page overlap (the running header and footer never sit on
  the body, a table never runs over the footer). The DRAFT mark of a draft is meant to lie
  over the body: its letters are left out of the overlap check;
- with `footer=True`, the words in the bottom margin are only the frame's footer (the digest
  line and "n / N", in Korean or English), and page k's footer says "k / N".
"""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from django.utils import translation
from django.utils.translation import gettext

A4 = (595.3, 841.9)  # points
MM = 72 / 25.4
EDGE_MM = 4
FRAME_MARGINS_MM = (24, 16, 22, 16)  # top, right, bottom, left: reports.pdf.DOCUMENT_CSS's @page
MARK_HEIGHT = 30  # points: a letter of the DRAFT mark (80 pt) is taller than any other word
NS = "{http://www.w3.org/1999/xhtml}"


def poppler(tool: str, *args: str) -> str:
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Word") -> bool:
        """True when the two boxes share more than a sliver (20% of the smaller one's area):
        neighbouring words touch at their edges, overlapping text covers one another."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        if width <= 0 or height <= 0:
            return False
        smaller = min(
            (self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0)
        )
        return width * height > 0.2 * smaller


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]


def pages_of(path: Path) -> list[Page]:
    """Every page with its words, from pdftotext -bbox-layout."""
    # Our own PDF read back by poppler, not untrusted input.
    tree = ElementTree.fromstring(poppler("pdftotext", "-bbox-layout", str(path), "-"))  # noqa: S314
    pages = []
    for number, page in enumerate(tree.iter(f"{NS}page"), 1):
        words = [
            Word(
                word.text or "",
                *(float(word.get(name)) for name in ("xMin", "yMin", "xMax", "yMax")),
            )
            for word in page.iter(f"{NS}word")
        ]
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), words))
    return pages


def inked_edges(path: Path, tmp_path: Path, *, dpi: int = 40) -> list[tuple[int, str]]:
    """(page, edge) for each page edge with a dark pixel within EDGE_MM of it, from pdftoppm's
    greyscale rendering (PGM)."""
    prefix = tmp_path / "page"
    poppler("pdftoppm", "-gray", "-r", str(dpi), str(path), str(prefix))
    found = []
    for image in sorted(tmp_path.glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
        number = int(image.stem.split("-")[-1])
        width, height, pixels = _pgm(image.read_bytes())
        band = max(1, round(EDGE_MM / 25.4 * dpi))
        rows = {
            "top": range(band),
            "bottom": range(height - band, height),
        }
        for edge, ys in rows.items():
            if any(pixels[y * width + x] < 200 for y in ys for x in range(width)):
                found.append((number, edge))
        for edge, xs in {"left": range(band), "right": range(width - band, width)}.items():
            if any(pixels[y * width + x] < 200 for y in range(height) for x in xs):
                found.append((number, edge))
    return found


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """width, height and the 8-bit pixels of a binary PGM (P5)."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, "pdftoppm -gray writes binary PGM"
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, data[header.end() :]


def layout_problems(
    pdf: bytes,
    tmp_path: Path,
    *,
    footer: bool = True,
    margins: tuple[float, float, float, float] = FRAME_MARGINS_MM,
) -> list[str]:
    """Everything wrong with the layout of `pdf` (empty when it is a well-formed document);
    `margins` are its pages' margins in mm (top, right, bottom, left)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    pages = pages_of(path)
    problems = []
    for page in pages:
        if abs(page.width - A4[0]) > 1 or abs(page.height - A4[1]) > 1:
            problems.append(f"page {page.number} is {page.width} x {page.height} pt, not A4")
        problems += _outside_problems(page, margins)
        problems += [
            f"page {page.number}: {a.text!r} overlaps {b.text!r}" for a, b in _overlapping(page)
        ]
        if footer:
            problems += _footer_problems(page, len(pages), margins[2])
    problems += [f"page {n}: ink at the {edge} edge" for n, edge in inked_edges(path, tmp_path)]
    return problems


def _outside_problems(page: Page, margins: tuple[float, float, float, float]) -> list[str]:
    """Words outside the page, or in its left or right margin (0.5 pt of slack: a glyph's box
    may reach a little past the line's edge)."""
    left, right = margins[3] * MM - 0.5, page.width - margins[1] * MM + 0.5
    problems = []
    for word in page.words:
        if word.x0 < 0 or word.y0 < 0 or word.x1 > page.width or word.y1 > page.height:
            problems.append(f"page {page.number}: {word.text!r} lies outside the page")
        elif word.x0 < left or word.x1 > right:
            side = "left" if word.x0 < left else "right"
            problems.append(f"page {page.number}: {word.text!r} runs into the {side} margin")
    return problems


def _mark_letters() -> set[str]:
    """The letters of the frame's DRAFT mark (templates/reports/pdf/base.html), both languages:
    pdftotext reads the rotated mark back letter by letter."""
    letters = set()
    for language in ("ko", "en"):
        with translation.override(language):
            letters.update(gettext("DRAFT"))
    return letters


def _overlapping(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of overlapping words, sweeping down the page (only words whose lines meet), the
    letters of the DRAFT mark left out."""
    mark = _mark_letters()
    words = sorted(
        (w for w in page.words if not (w.text in mark and w.y1 - w.y0 > MARK_HEIGHT)),
        key=lambda word: word.y0,
    )
    pairs = []
    for i, word in enumerate(words):
        for other in words[i + 1 :]:
            if other.y0 >= word.y1:
                break
            if word.overlaps(other):
                pairs.append((word, other))
    return pairs


def _footer_words() -> set[str]:
    """The words of the frame's footer labels (templates/reports/pdf/base.html), both languages."""
    words = set()
    for language in ("ko", "en"):
        with translation.override(language):
            for label in ("Snapshot SHA-256", "Not a finalized result"):
                words.update(gettext(label).split())
    return words


def _footer_problems(page: Page, count: int, bottom_mm: float) -> list[str]:
    top = page.height - bottom_mm * MM
    below = [word for word in page.words if word.y1 > top]
    texts = " ".join(word.text for word in below)
    allowed = _footer_words()
    problems = [
        f"page {page.number}: {word.text!r} is in the bottom margin, not the footer"
        for word in below
        if word.text not in allowed and not re.fullmatch(r"[0-9a-f]+|/", word.text)
    ]
    if f"{page.number} / {count}" not in texts:
        problems.append(f"page {page.number}: footer {texts!r} lacks '{page.number} / {count}'")
    for word in below:
        if word.y0 < top - 1:
            problems.append(f"page {page.number}: {word.text!r} crosses into the footer")
    return problems
