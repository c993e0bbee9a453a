"""The ranked results report (PDF) of a large round (issue 9, "Speed") against bare WeasyPrint.

On PostgreSQL, in a scratch database of its own (created, migrated, dropped at the end), builds
bench/common.py's round (2,000 entries x 7 judges x 10 criteria, 100 judges, 3 categories,
trimmed mean k=1, award tiers, a tie-break chain), finalizes it through
scoring.services.results.round_finalize, then times, best of N rounds that each run both cases
in turn:

  (a) bare WeasyPrint rendering the same ranking tables: a plain HTML string written here, with
      the same rows (the overall ranking and the ranking within each category, read once from
      the report's own context before timing) and the same @font-face CSS
      (reports.pdf.base_stylesheet_text), no Django template, no selector, no page frame;
  (b) reports.results_report.build_round_report: the snapshot read, every section (cover,
      method, awards, both rankings, judge statistics with 100 SVG charts, robustness from the
      cache, conflicts), the templates, the page frame, WeasyPrint.

and prints (b)/(a) against the limit 1.3x, with both documents' page counts and the queries of
one (b). The robustness report is computed by the first (warm-up) build and read from the cache
afterwards, as the robustness page reads it. --reference also times (a) with `table-layout:
fixed` (as the report's ranking tables are laid out: WeasyPrint then skips measuring every cell
for the column widths), to show what the report's other sections cost (no limit). --profile adds
cProfile's top entries for one (b).

    .venv/bin/python bench/pdf.py [--entries 2000] [--repeat 3] [--reference] [--profile]
        [--keep] [--out FILE]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
"""

import html
import re
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common  # noqa: E402

common.use_database("simsa_bench_pdf")
LIMIT = 1.3


def pages_of(pdf: bytes) -> int:
    """The page count, by poppler's pdfinfo."""
    command = ["pdfinfo", "-"]  # poppler-utils, which ./run installs
    info = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout  # noqa: S603
    return int(re.search(rb"^Pages:\s+(\d+)$", info, re.M).group(1))


def bare_html(sections: list[tuple[str, list]]) -> str:
    """The ranking tables as a plain HTML string: (heading, rows) per table."""
    head = (
        "<thead><tr><th>순위</th><th>접수번호</th><th>사례 제목</th><th>기관</th><th>부문</th>"
        "<th>점수</th><th>결과</th></tr></thead>"
    )
    parts = ['<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"></head><body>']
    for heading, rows in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2><table>{head}<tbody>")
        for row in rows:
            title = html.escape(row.title)
            if row.split:
                title += "<br>동점 처리: " + html.escape(row.split)
            cells = [html.escape(c) for c in (row.rank, row.receipt)]
            cells += [title, *(html.escape(c) for c in (row.agency, row.category, row.score,
                                                        row.result))]  # fmt: skip
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)


BARE_CSS = """
table { width: 100%; border-collapse: collapse; font-size: 8pt; }
th, td { border: 0.5pt solid #8a949e; padding: 1mm 1.2mm; text-align: left; }
"""


FIXED_CSS = "table { table-layout: fixed; }"


def bare(text: str, extra_css: str = "") -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from reports.pdf import PDF_BASE_URL, StaticOnlyURLFetcher, base_stylesheet_text

    fetcher, fonts = StaticOnlyURLFetcher(), FontConfiguration()
    css = CSS(string=base_stylesheet_text() + BARE_CSS + extra_css, base_url=PDF_BASE_URL,
              url_fetcher=fetcher, font_config=fonts)  # fmt: skip
    document = HTML(string=text, base_url=PDF_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], font_config=fonts)


def main() -> None:
    parser = common.options(__doc__, repeat=3)
    parser.add_argument("--profile", action="store_true", help="cProfile (b) once")
    parser.add_argument("--out", type=Path, help="write (b)'s PDF to FILE, to look at")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also time (a) with table-layout: fixed, as the report's tables are (no limit)",
    )
    common.main(parser, run)


def run(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from reports.results_report import build_round_report, round_context, round_report

    round_ = common.finalized_round(args)
    translation.activate("ko")
    report = round_report(round_, draft=False, language="ko")

    def ours():
        return build_round_report(report)

    started = time.perf_counter()
    pdf = ours()  # also warms up: the robustness report (then cached), fonts, imports
    print(f"(b) first build, robustness computed and cached: "
          f"{time.perf_counter() - started:.2f} s")  # fmt: skip
    if args.out:
        args.out.write_bytes(pdf)
    context, _frame = round_context(report)
    sections = [("순위", context["ranking"]), *context["by_category"]]
    text = bare_html(sections)
    rows = sum(len(lines) for _heading, lines in sections)
    base_pdf = bare(text)
    print(f"(a) {rows} rows in {len(sections)} tables, {pages_of(base_pdf)} pages; "
          f"(b) {pages_of(pdf)} pages, {len(pdf) / 1e6:.1f} MB")  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        ours()
    cases = {"base": lambda: bare(text), "ours": ours}
    if args.reference:
        cases["fixed"] = lambda: bare(text, FIXED_CSS)
    times = common.best_of(cases, args.repeat)
    ratio = times["ours"] / times["base"]
    verdict = "OK" if ratio <= LIMIT else "OVER"
    print(f"{'(a) bare WeasyPrint, the same ranking rows':46}{times['base']:8.2f} s")
    if args.reference:
        fixed = times["fixed"]
        print(f"{'    same, table-layout: fixed (reference)':46}{fixed:8.2f} s; (b) is "
              f"{times['ours'] / fixed:.2f}x of it")  # fmt: skip
    count = len(queries.captured_queries)
    print(f"{'(b) build_round_report(report)':46}{times['ours']:8.2f} s {ratio:6.2f}x "
          f"(limit {LIMIT:.1f}x: {verdict}); {count} queries")  # fmt: skip
    if args.profile:
        common.print_profile(ours, 30, 20)


if __name__ == "__main__":
    main()
