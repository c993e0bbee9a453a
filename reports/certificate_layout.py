"""The look of an award certificate (reports.certificates): the type of each line, the page's
decorative frame, and the type size that makes a certificate's texts fit its one page.

Every certificate is one A4 page whatever its texts: the award's name, the agency name, the case
line and the body (which holds the case title and the contest name) are set smaller when they need
more room, and below `TIGHT` their margins and line spacing are tightened too. The size is chosen
before rendering: each text is broken into lines as the PDF engine breaks it (greedily, between
words; Korean words of more than `KEEP` characters also between syllables), measured with the
advance widths of the embedded PretendardGOV font, and the page's heights are added up from the
same numbers the style sheet is written from (`look`). The style sheet asks for minimum heights,
not heights: a certificate that did not fit would run onto a second page rather than hide text, and
the tests count the pages.
"""

import base64
import math
from dataclasses import dataclass, replace
from functools import cache

from fontTools.ttLib import TTFont

from reports.pdf import font_path

MM = 72 / 25.4  # points per millimetre
KEEP = 14  # words up to this long never break inside (longer ones may, to fit the line)
TIGHT = 0.9  # below this scale, margins and line spacing are tightened too
SMALLEST = 0.5  # a 200-character title and a 200-character agency name fit at this scale

# The certificate's box (A4 less the page margins of style.css), the frame's band and the inner
# line's inset from the box, the padding inside that line, in mm.
BOX_WIDTH, BOX_HEIGHT, BAND, INSET = 190, 272.5, 9, 11
PAD_TOP, PAD_SIDE, PAD_BOTTOM = 10, 14, 16
FOOT_GAP, DATE_GAP, ISSUER_LINE, SEAL, SAFETY = 8, 16, 20, 19, 4
INK = "#7a5c28"


@dataclass(frozen=True)
class Text:
    """One line kind of the certificate: size (pt), bold, letter spacing and margin-top in em
    and mm, line height (a multiple of the size)."""

    size: float
    bold: bool = False
    spacing: float = 0
    line: float = 1.3
    margin: float = 0


LOOK = {
    "number": Text(12, spacing=0.06, line=1.5),
    "title": Text(52, bold=True, spacing=0.9, line=1.2, margin=14),
    "award": Text(23, bold=True, spacing=0.3, margin=14),
    "agency": Text(19, bold=True, spacing=0.1, line=1.35, margin=9),
    "case": Text(12.5, line=1.5, margin=2.5),
    "body": Text(18, line=2.05, margin=14),
    "date": Text(16, spacing=0.12, line=1.2),
    "issuer-name": Text(25, bold=True, spacing=0.25),
}
ENGLISH = {
    "title": {"size": 34, "spacing": 0.05},
    "award": {"spacing": 0.04},
    "agency": {"spacing": 0.02},
    "body": {"line": 1.8},
    "date": {"spacing": 0.02},
    "issuer-name": {"size": 20, "spacing": 0.02},
}
TIGHTENED = {
    "title": {"margin": 10},
    "award": {"margin": 9},
    "agency": {"margin": 7},
    "body": {"line": 1.8, "margin": 9},
}
SCALED = ("award", "agency", "case", "body")  # their sizes are set on each page


def look(*, english: bool, tight: bool) -> dict[str, Text]:
    """The type of each line kind in one language and spacing."""
    out = dict(LOOK)
    for changes in (ENGLISH if english else {}, TIGHTENED if tight else {}):
        for name, values in changes.items():
            out[name] = replace(out[name], **values)
    return out


def css_rules() -> str:
    """The rules of each line kind: plain, in English (`.en`) and tightened (`.tight`)."""
    out = []
    for variant, english, tight in (
        ("", False, False),
        (".en", True, False),
        (".tight", False, True),
        (".en.tight", True, True),
    ):
        for name, text in look(english=english, tight=tight).items():
            size = "" if name in SCALED else f"font-size: {text.size}pt; "
            out.append(
                f".certificate{variant} .{name} {{ {size}font-weight: {700 if text.bold else 400}; "
                f"letter-spacing: {text.spacing}em; padding-left: {text.spacing}em; "
                f"line-height: {text.line}; margin-top: {text.margin}mm; }}"
            )
    return "\n".join(out)


# Measuring text -------------------------------------------------------------------------------


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Code point → advance width in em, of the embedded font; and the space's."""
    font = TTFont(font_path(700 if bold else 400))
    per_em, metrics = font["head"].unitsPerEm, font["hmtx"]
    widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, widths.get(32, 0.3)


def _wide(ch: str) -> bool:
    return "\u1100" <= ch <= "\u11ff" or "\u3000" <= ch <= "\ud7a3" or "\uf900" <= ch <= "\uffdc"


def _width(word: str, text: Text, size: float) -> float:
    widths, _space = _advances(text.bold)
    ems = sum(widths.get(ord(ch), 1.0 if _wide(ch) else 0.6) + text.spacing for ch in word)
    return ems * size


def lines(value: str, text: Text, size: float, room: float) -> int:
    """How many lines `value` takes at `size` in `room` points, broken greedily between words
    (a word wider than the line also inside it, where the line is full: style.css sets
    overflow-wrap: anywhere, so a long name without spaces never runs past the frame)."""
    space = (_advances(text.bold)[1] + text.spacing) * size
    count, used = 1, 0.0
    for word in value.split():
        width = _width(word, text, size)
        if used and used + space + width > room:
            count, used = count + 1, 0.0
        if width > room:
            for ch in word:  # breaks inside the word, wherever the line is full
                step = _width(ch, text, size)
                if used + step > room:
                    count, used = count + 1, 0.0
                used += step
        else:
            used += (space if used else 0) + width
    return count


def _height(value: str, text: Text, size: float, room: float) -> float:
    return text.margin * MM + lines(value, text, size, room) * size * text.line


def fit(texts: dict[str, str], *, english: bool) -> tuple[float, bool]:
    """(scale, tight): the largest scale of the agency, case and body sizes (tightened only
    when needed) at which the certificate's `texts` (by line kind) fit its page."""
    room = (BOX_WIDTH - 2 * INSET - 2 * PAD_SIDE) * MM - 2
    height = (BOX_HEIGHT - 2 * INSET - PAD_TOP - PAD_BOTTOM - SAFETY) * MM - 2
    steps = [(k / 100, False) for k in range(100, round(TIGHT * 100) - 1, -2)]
    steps += [(k / 100, True) for k in range(100, round(SMALLEST * 100) - 1, -2)]
    for scale, tight in steps:
        kinds = look(english=english, tight=tight)
        used = (FOOT_GAP + DATE_GAP + ISSUER_LINE) * MM
        used += kinds["date"].size * kinds["date"].line
        issuer = lines(texts["issuer-name"], kinds["issuer-name"], kinds["issuer-name"].size,
                       room - (SEAL - 3) * MM)  # fmt: skip
        used += (issuer - 1) * ISSUER_LINE * MM
        for name in ("number", "title", *SCALED):
            size = kinds[name].size * (scale if name in SCALED else 1)
            used += _height(texts[name], kinds[name], size, room)
        if used <= height:
            return scale, tight
    return SMALLEST, True


# The frame ------------------------------------------------------------------------------------


def frame_svg(width: float = BOX_WIDTH, height: float = BOX_HEIGHT, band: float = BAND) -> str:
    """The decorative double frame as one SVG in mm, drawn behind the certificate's box: two
    rails around the page, a 回 square in each corner and, between the rails, a running fret
    whose keys are spaced evenly along each side (no seams, whatever the box's size)."""
    u = band / 20  # the band is 20 units across: rails at 1.5 and 18.5, the fret's base at 15
    paths = []

    def line(points, closed: bool = False) -> None:
        path = "M" + "L".join(f"{x:.2f} {y:.2f}" for x, y in points)
        paths.append(path + "Z" if closed else path)

    for inset in (1.5 * u, 18.5 * u):
        line([(inset, inset), (width - inset, inset), (width - inset, height - inset),
              (inset, height - inset)], closed=True)  # fmt: skip
    dots = []
    for fx, fy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):  # the corners, mirrored
        x0, y0 = (0 if fx > 0 else width), (0 if fy > 0 else height)

        def at(a, b, fx=fx, fy=fy, x0=x0, y0=y0):
            return x0 + fx * a * u, y0 + fy * b * u

        line([at(18.5, 1.5), at(18.5, 18.5), at(1.5, 18.5)])
        line([at(5.5, 5.5), at(14.5, 5.5), at(14.5, 14.5), at(5.5, 14.5)], closed=True)
        dots.append(at(10, 10))
    sides = (  # (length, along/across → x, y) with "across" 0 at the page's edge
        (width, lambda a, c: (a, c)),
        (width, lambda a, c: (a, height - c)),
        (height, lambda a, c: (c, a)),
        (height, lambda a, c: (width - c, a)),
    )
    key = [(5, 15), (5, 5), (-5, 5), (-5, 12), (2, 12), (2, 8), (-1.5, 8)]  # a fret's key
    for length, place in sides:
        start, end = 20 * u, length - 20 * u
        keys = max(1, math.floor((end - start) / (20 * u) + 0.5))
        step = (end - start) / keys
        line([place(18.5 * u, 15 * u), place(length - 18.5 * u, 15 * u)])
        for n in range(keys):
            mid = start + step * (n + 0.5)
            line([place(mid + a * u, c * u) for a, c in key])
    dot = 2 * u
    squares = "".join(
        f'<rect x="{x - dot / 2:.2f}" y="{y - dot / 2:.2f}" width="{dot:.2f}" height="{dot:.2f}"/>'
        for x, y in dots
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}"><path fill="none" stroke="{INK}" '
        f'stroke-width="{0.065 * band:.3f}" d="{" ".join(paths)}"/>'
        f'<g fill="{INK}">{squares}</g></svg>'
    )


@cache
def style_context() -> dict:
    """What templates/reports/pdf/certificate/style.css is written from."""
    frame = base64.b64encode(frame_svg().encode()).decode()
    return {
        "frame_uri": f"data:image/svg+xml;base64,{frame}",
        "width": BOX_WIDTH,
        "height": BOX_HEIGHT,
        "inset": INSET,
        "inner": BOX_HEIGHT - 2 * INSET,
        "pad": f"{PAD_TOP}mm {PAD_SIDE}mm {PAD_BOTTOM}mm",
        "foot_gap": FOOT_GAP,
        "date_gap": DATE_GAP,
        "issuer_line": ISSUER_LINE,
        "seal": SEAL,
        "ink": INK,
        "rules": css_rules(),
    }
