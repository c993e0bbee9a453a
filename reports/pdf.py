"""The one way to render a PDF: WeasyPrint with a fetcher that reaches only our static files.

WeasyPrint fetches `file://` and `http(s)://` by default and even embeds local files named by
`<link rel=attachment>`. Every render here goes through `StaticOnlyURLFetcher` (given to both
`HTML` and `CSS`), which serves:

- our own static files, found with Django's staticfiles finders (relative URLs such as
  `{% static 'krds/fonts/…' %}` resolve against `PDF_BASE_URL`, a host that never exists), and
- `data:` URIs.

Everything else (other hosts, `file://`, `ftp://`, path tricks) is refused; WeasyPrint then logs
the refusal and renders without that resource.

Korean text uses PretendardGOV (SIL Open Font License), the KRDS typeface, from the npm package
pretendard-gov: its full fonts (all 11,172 Hangul syllables; the subset krds-uiux ships for web
pages has 2,780, and a syllable outside it would print as a box, as this machine has no other
Korean font). They are read from `settings.PDF_FONT_DIR` under the URL `/pdf-fonts/<file>`, not
collected as static files; WeasyPrint embeds only the glyphs a document uses.
"""

import mimetypes
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_HOST = "pdf-static.invalid"
PDF_BASE_URL = f"http://{PDF_HOST}/"
FONT_FAMILY = "Pretendard GOV"
FONT_FILES = {400: "PretendardGOV-Regular.woff", 700: "PretendardGOV-Bold.woff"}
FONT_URL_PATH = "/pdf-fonts/"


class BlockedURL(ValueError):
    """A resource the PDF may not load."""


def font_path(weight: int) -> Path:
    """The font file of `weight` (400 or 700)."""
    return Path(settings.PDF_FONT_DIR) / FONT_FILES[weight]


def font_file_for(url: str) -> Path | None:
    """The font file behind one of our font URLs (resolved against PDF_BASE_URL), else None."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.netloc != PDF_HOST or parts.query:
        return None
    for weight, name in FONT_FILES.items():
        if parts.path == FONT_URL_PATH + name:
            return font_path(weight)
    return None


def static_file_for(url: str) -> Path | None:
    """The file behind one of our static URLs (as resolved against PDF_BASE_URL), else None."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.netloc != PDF_HOST or parts.query:
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    relative = unquote(parts.path[len(prefix) :])
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    normalized = posixpath.normpath(relative)
    if normalized.startswith(("/", "..")) or normalized != relative:
        return None
    found = finders.find(normalized)
    if not found:
        return None
    path = Path(found)
    return path if path.is_file() else None


class StaticOnlyURLFetcher(URLFetcher):
    """Serve our static files and data: URIs; refuse everything else."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allowed_protocols", ("data", "http"))
        kwargs.setdefault("allow_redirects", False)
        super().__init__(**kwargs)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = font_file_for(url) or static_file_for(url)
        if path is None:
            raise BlockedURL(f"PDF resource not allowed: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".woff":
            content_type = "font/woff"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def base_stylesheet_text() -> str:
    """@font-face rules for the Korean font plus page defaults every PDF shares."""
    faces = "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
        f'src: url("{FONT_URL_PATH}{name}") format("woff"); }}'
        for weight, name in FONT_FILES.items()
    )
    return (
        faces
        + f"""
@page {{ size: A4; margin: 20mm 18mm; }}
html {{ font-family: "{FONT_FAMILY}", sans-serif; font-size: 10.5pt; color: #1e2124; }}
"""
    )


def render_pdf(template_name: str, context: dict, *, extra_css: str = "") -> bytes:
    """Render a Django template to PDF bytes with the safe fetcher and the Korean font.

    Templates must autoescape user text (the default): nothing a user typed becomes markup.
    """
    html_text = render_to_string(template_name, context)
    fetcher = StaticOnlyURLFetcher()
    font_config = FontConfiguration()
    stylesheets = [
        CSS(
            string=base_stylesheet_text() + extra_css,
            base_url=PDF_BASE_URL,
            url_fetcher=fetcher,
            font_config=font_config,
        )
    ]
    document = HTML(string=html_text, base_url=PDF_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=font_config)


# The page frame every document shares (templates/reports/pdf/base.html): A4, the contest's name
# and the document's title at the top of every page, the snapshot's digest and "n / N" at the
# bottom, table headers repeated on every page a table spans, rows never split, and a DRAFT mark
# on every page of a draft.
DOCUMENT_CSS = """
@page {
  size: A4; margin: 24mm 16mm 22mm;
  @top-left { content: element(head); vertical-align: bottom; padding-bottom: 3mm;
              border-bottom: 0.5pt solid #b1b8be; width: 60%; }
  @top-right { content: element(title); vertical-align: bottom; padding-bottom: 3mm;
               border-bottom: 0.5pt solid #b1b8be; width: 40%; text-align: right; }
  @bottom-left { content: element(foot); vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: counter(page) " / " counter(pages); vertical-align: top;
                  padding-top: 3mm; font-size: 8pt; color: #464c53; }
}
.running-contest { position: running(head); font-size: 8pt; color: #464c53; }
.running-title { position: running(title); font-size: 8pt; color: #464c53; text-align: right; }
.running-foot { position: running(foot); font-size: 7pt; color: #6d7882;
                font-variant-numeric: tabular-nums; }
.draft-mark { position: fixed; top: 95mm; left: 0; width: 100%; text-align: center;
              font-size: 80pt; font-weight: 700; color: rgba(214, 46, 46, 0.16);
              transform: rotate(-30deg); }
h1 { font-size: 18pt; font-weight: 700; margin: 0 0 6mm; }
h2 { font-size: 13pt; font-weight: 700; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; font-weight: 700; margin: 5mm 0 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #8a949e; padding: 1.4mm 2mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }  /* a name without spaces breaks inside its cell */
th { background: #f4f5f6; font-weight: 700; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #6d7882; }
"""


@dataclass(frozen=True)
class DocumentFrame:
    """What the page frame prints on every page of a document."""

    title: str
    contest_name: str
    digest: str = ""  # the SHA-256 of the frozen snapshot the numbers come from
    draft: bool = False


def render_document(
    template_name: str, context: dict, *, frame: DocumentFrame, extra_css: str = ""
) -> bytes:
    """A PDF of a template extending `reports/pdf/base.html`, in the active language, with the
    shared page frame; `extra_css` comes after the frame's rules."""
    return render_pdf(
        template_name, {**context, "document": frame}, extra_css=DOCUMENT_CSS + extra_css
    )
