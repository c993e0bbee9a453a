"""bench/pages.py's rows and what it prints: a table per size, the flags against issue 12's
targets at L (no HTML page over 1 MB or over 20x the bare view; query counts equal at S and L),
the summary line, and with --markdown one table of both sizes for bench/RESULTS.md."""

from dataclasses import dataclass

MB = 1024 * 1024
RATIO_LIMIT = 20
ROLES = {"organizer": 8, "judge": 4}  # the permission matrix's columns


@dataclass
class Row:
    size: str
    name: str
    role: str
    status: int = 0
    kind: str = ""  # "html" or the file's kind
    size_bytes: int = 0
    queries: int = 0
    seconds: float = 0.0
    first: float = 0.0  # the first request's time (a cache filled, if the page keeps one)
    bare: float = 0.0  # the bare view's best in the same rounds
    runs: int = 0
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} [{self.role}]"


def ratio(row: Row) -> float:
    return row.seconds / row.bare if row.bare else float("nan")


def report(args, rows: list[Row], bares: dict, unbuilt: dict[str, str]) -> None:
    for size in args.sizes:
        print(f"\nSize {size}: {bare_summary(size, rows, bares)}")
        print(f"{'page':52} {'kind':>5} {'first ms':>9} {'ms':>9} {'bare ms':>8} {'x bare':>8} "
              f"{'KB':>9} {'queries':>7}  note")  # fmt: skip
        for row in (r for r in rows if r.size == size):
            print(f"{row.label:52} {row.kind:>5} {row.first * 1000:9.1f} {row.seconds * 1000:9.1f} "
                  f"{row.bare * 1000:8.1f} {ratio(row):8.1f} {row.size_bytes / 1024:9.1f} "
                  f"{row.queries:7d}  {row.note}")  # fmt: skip
    if unbuilt:
        print("\nNot benched (no URL could be built):")
        for name, why in unbuilt.items():
            print(f"  {name}: {why}")
    top = "L" if "L" in args.sizes else args.sizes[-1]
    at_top = [row for row in rows if row.size == top]
    big = [row for row in at_top if row.kind == "html" and row.size_bytes > MB]
    slow = [row for row in at_top if row.kind == "html" and ratio(row) > RATIO_LIMIT]
    slow_files = [row for row in at_top if row.kind != "html" and ratio(row) > RATIO_LIMIT]
    failed = [row for row in rows if row.status != 200]
    differ = query_differences(rows) if {"S", "L"} <= set(args.sizes) else []
    print(f"\nFlags at {top}:")
    for row in big:
        print(f"  over 1 MB of HTML: {row.label} {row.size_bytes / MB:.1f} MB")
    for row in slow:
        print(f"  over {RATIO_LIMIT}x bare: {row.label} {ratio(row):.0f}x "
              f"({row.seconds * 1000:.0f} ms)")  # fmt: skip
    for row in slow_files:
        print(f"  file over {RATIO_LIMIT}x bare (not an HTML page): {row.label} "
              f"{ratio(row):.0f}x ({row.seconds * 1000:.0f} ms)")  # fmt: skip
    for label, counts, cold in differ:
        print(f"  queries differ between S and L: {label} {counts['S']} -> {counts['L']}"
              + (f" (counted on the first request at {', '.join(cold)}: a cache filled?)"
                 if cold else ""))  # fmt: skip
    for row in failed:
        print(f"  not measured: {row.size} {row.label}: {row.note}")
    if args.markdown:
        print_markdown(args, rows, bares)
    print(f"\ntargets: {len(big)} pages over 1 MB, {len(slow)} over {RATIO_LIMIT}x, "
          f"{len(differ)} with query counts differing"
          + ("" if {"S", "L"} <= set(args.sizes) else " (not compared: one size)")
          + f"; {len(slow_files)} files over {RATIO_LIMIT}x, {len(failed)} not 200, "
          f"{len(unbuilt)} not benched")  # fmt: skip


def bare_summary(size: str, rows: list[Row], bares: dict) -> str:
    """The bare view at the start (best of 30) per role, and the spread of its best in the
    pages' own rounds (what the ratios divide by)."""
    start = ", ".join(
        f"{role} {bares[size, role].seconds * 1000:.1f} ms, {bares[size, role].queries} queries"
        for role in ROLES
    )
    paired = sorted(row.bare * 1000 for row in rows if row.size == size and row.bare)
    spread = (f"; in the pages' rounds {paired[0]:.1f} to {paired[-1]:.1f} ms, median "
              f"{paired[len(paired) // 2]:.1f} ms" if paired else "")  # fmt: skip
    return f"bare view at the start (best of 30): {start}{spread}"


def query_differences(rows: list[Row]) -> list[tuple[str, dict[str, int], list[str]]]:
    """(page, queries per size, sizes where only the first request was counted) of the pages
    whose counts differ between S and L."""
    counts: dict[str, dict[str, int]] = {}
    cold: dict[str, list[str]] = {}
    for row in rows:
        if row.status == 200:
            counts.setdefault(row.label, {})[row.size] = row.queries
            if row.runs == 1:
                cold.setdefault(row.label, []).append(row.size)
    return [
        (label, c, cold.get(label, []))
        for label, c in counts.items()
        if len(c) == 2 and c["S"] != c["L"]
    ]


def print_markdown(args, rows: list[Row], bares: dict) -> None:
    """One line per page, the sizes side by side: what bench/RESULTS.md shows."""
    sizes = args.sizes
    head = "| page | kind | " + " | ".join(
        f"{s} ms | {s} x bare | {s} KB | {s} queries" for s in sizes
    ) + " |"  # fmt: skip
    print("\n" + head + "\n|" + "---|" * (2 + 4 * len(sizes)))
    print("| bare POST /bench/bare/ [organizer · judge], best of 30 | json | " + " | ".join(
        f"{bares[s, 'organizer'].seconds * 1000:.1f} · {bares[s, 'judge'].seconds * 1000:.1f}"
        f" | 1.0 | {bares[s, 'organizer'].size_bytes / 1024:.2f} | "
        f"{bares[s, 'organizer'].queries} · {bares[s, 'judge'].queries}"
        for s in sizes
    ) + " |")  # fmt: skip
    by_label: dict[str, dict[str, Row]] = {}
    for row in rows:
        by_label.setdefault(row.label, {})[row.size] = row
    for label, found in by_label.items():
        cells = []
        for size in sizes:
            row = found.get(size)
            if row is None or row.status != 200:
                cells.append(f"{row.note if row else '-'} | | |")
                continue
            mark = "*" if row.runs == 1 else ""
            cells.append(f"{row.seconds * 1000:,.0f}{mark} | {ratio(row):.1f} | "
                         f"{row.size_bytes / 1024:,.0f} | {row.queries}")  # fmt: skip
        kind = next(iter(found.values())).kind
        print(f"| {label} | {kind} | " + " | ".join(cells) + " |")
    print(f"\n\\* one run only (it took over {args.slow:g} s)")
