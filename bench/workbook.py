"""The contest's results workbook (issue 9, "Speed and memory") against bare openpyxl.

On PostgreSQL, in a scratch database of its own (created, migrated, dropped at the end), builds
bench/common.py's round (2,000 entries x 7 judges x 10 criteria, trimmed mean k=1, award tiers,
a tie-break chain), finalizes it through scoring.services.results.round_finalize, then times,
best of N rounds that each run both cases in turn:

  (a) bare openpyxl write-only writing the same cells: the same sheets and the same values
      (read back from a workbook (b) built), no styles, no formats, no widths, no filters;
  (b) reports.results_workbook.build_contest_workbook(contest): the snapshot read, the
      statistics, the criterion scores' query, every sheet with its formats, the file's bytes.

and prints (b)/(a) against the limit 1.5x, and the peak memory of one (b) measured by
tracemalloc (limit 200 MB).

    .venv/bin/python bench/workbook.py [--entries 2000] [--repeat 3] [--keep]

PostgreSQL at 127.0.0.1:5432, user postgres, trust auth; BENCH_PG overrides the server URL.
"""

import io
import sys
import tracemalloc
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from bench import common  # noqa: E402

common.use_database("simsa_bench_workbook")
LIMIT = 1.5
MEMORY_LIMIT_MB = 200


def sheets_of(data: bytes) -> list[tuple[str, list[tuple]]]:
    """(title, rows of values) of every sheet of a workbook."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    out = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    book.close()
    return out


def bare(sheets: list[tuple[str, list[tuple]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = common.options(__doc__, repeat=3)
    common.main(parser, run)


def run(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from reports.results_workbook import build_contest_workbook

    contest = common.finalized_round(args).contest
    translation.activate("ko")

    def ours():
        return build_contest_workbook(contest)

    data = ours()  # also warms up: connection, query plans, imports
    sheets = sheets_of(data)
    cells = sum(sum(v is not None for v in row) for _t, rows in sheets for row in rows)
    print(f"{len(data) / 1e6:.1f} MB, {cells} cells in "
          + ", ".join(f"{title} ({len(rows)} rows)" for title, rows in sheets))  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        ours()
    times = common.best_of({"base": lambda: bare(sheets), "ours": ours}, args.repeat)
    ratio = times["ours"] / times["base"]
    verdict = "OK" if ratio <= LIMIT else "OVER"
    print(f"{'(a) bare openpyxl write-only, same cells':46}{times['base']:8.2f} s")
    count = len(queries.captured_queries)
    print(f"{'(b) build_contest_workbook(contest)':46}{times['ours']:8.2f} s {ratio:6.2f}x "
          f"(limit {LIMIT:.1f}x: {verdict}); {count} queries")  # fmt: skip
    tracemalloc.start()
    ours()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    verdict = "OK" if peak <= MEMORY_LIMIT_MB else "OVER"
    print(f"{'(b) peak memory (tracemalloc)':46}{peak:8.1f} MB (limit {MEMORY_LIMIT_MB} MB: "
          f"{verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
