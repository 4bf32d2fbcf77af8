"""Print the benchmark's tables from bench/measure.py's JSON lines, and say which of issue 7's
targets hold. It only reads and prints: no target is asserted.

    report.py bench/out/results-….jsonl
"""

import json
import sys

PAGE_WARM_P95_MS = 150
PAGE_COLD_P95_MS = 500
CSV_ROWS_PER_S = 50_000
CSV_PEAK_RSS_MB = 200
SQLITE_OVER_POSTGRESQL = 2


def _read(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.startswith("{"))
    return rows


def _ms(value):
    return "—" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _size(events):
    return f"{events / 1_000_000:g}M" if events >= 1_000_000 else f"{events / 1000:g}k"


def _table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:<{width}}}" for width in widths)
    print(line.format(*header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line.format(*row))
    print()


def pages_table(pages):
    print("Pages: server time in ms over repeated requests (Django test Client, in-process).")
    print("cold = cache.clear() before every request; warm = the same request again.")
    print("floor = every query of one cold request run bare; heaviest = the slowest of them")
    print("(EXPLAIN ANALYZE's execution time beside it on PostgreSQL).\n")
    header = [
        "db", "events", "page", "cold p50", "cold p95", "warm p50", "warm p95",
        "queries cold/warm", "n", "SQL floor", "heaviest", "explain",
    ]  # fmt: skip
    rows = [
        [
            page["db"],
            _size(page["size"]),
            page["page"],
            _ms(page["cold"]["p50_ms"]),
            _ms(page["cold"]["p95_ms"]),
            _ms(page["warm"]["p50_ms"]),
            _ms(page["warm"]["p95_ms"]),
            f"{'/'.join(map(str, page['cold']['queries']))} / "
            f"{'/'.join(map(str, page['warm']['queries']))}",
            f"{page['cold']['n']}/{page['warm']['n']}",
            _ms(page["sql_floor_ms"]),
            _ms(page["heaviest_bare_ms"]),
            _ms(page.get("heaviest_explain_ms")),
        ]
        for page in pages
    ]
    _table(header, rows)


def exports_table(exports, loads):
    if exports:
        print("Exports of every event, each in its own process (peak RSS = VmHWM).\n")
        header = ["db", "events", "format", "seconds", "rows/s", "MB", "peak RSS MB"]
        _table(
            header,
            [
                [
                    e["db"],
                    _size(e["size"]),
                    e["format"],
                    f"{e['seconds']:.1f}",
                    f"{e['rows_per_s']:,.0f}",
                    f"{e['mb']:.0f}",
                    f"{e['peak_rss_mb']:.0f}",
                ]
                for e in exports
            ],
        )
    if loads:
        print("generate_synthetic (rows = every row written: events, links, citations, figures).\n")
        _table(
            ["db", "events", "seconds", "rows/s", "remove before (s)"],
            [
                [
                    load["db"],
                    _size(load["size"]),
                    f"{load['seconds']:.1f}",
                    f"{load['rows'] / load['seconds']:,.0f}",
                    f"{load['remove_seconds']:.1f}",
                ]
                for load in loads
            ],
        )


def verdicts(pages, exports):
    """Yield (target, holds, measured)."""
    for page in pages:
        if page["db"] != "postgresql" or page["size"] != 1_000_000:
            continue
        warm, cold = page["warm"]["p95_ms"], page["cold"]["p95_ms"]
        target = f"PostgreSQL 1M {page['page']}: warm p95 ≤ {PAGE_WARM_P95_MS} ms"
        yield target, warm <= PAGE_WARM_P95_MS, f"{_ms(warm)} ms"
        target = f"PostgreSQL 1M {page['page']}: uncached p95 ≤ {PAGE_COLD_P95_MS} ms"
        yield target, cold <= PAGE_COLD_P95_MS, f"{_ms(cold)} ms"
    for db in sorted({page["db"] for page in pages}):
        for name in dict.fromkeys(page["page"] for page in pages if page["db"] == db):
            counts = {
                page["size"]: "/".join(map(str, page["cold"]["queries"]))
                for page in pages
                if page["db"] == db and page["page"] == name
            }
            if len(counts) > 1:
                measured = ", ".join(f"{_size(size)}: {q}" for size, q in sorted(counts.items()))
                target = f"{db} {name}: queries constant across sizes"
                yield target, len(set(counts.values())) == 1, measured
    for export in exports:
        if export["format"] != "csv" or export["db"] != "postgresql":
            continue
        size, rate, rss = _size(export["size"]), export["rows_per_s"], export["peak_rss_mb"]
        yield (
            f"PostgreSQL CSV {size}: ≥ {CSV_ROWS_PER_S:,} rows/s",
            rate >= CSV_ROWS_PER_S,
            (f"{rate:,.0f}"),
        )
        yield (
            f"PostgreSQL CSV {size}: peak RSS ≤ {CSV_PEAK_RSS_MB} MB",
            rss <= CSV_PEAK_RSS_MB,
            (f"{rss:.0f} MB"),
        )
    postgresql = {(p["size"], p["page"]): p for p in pages if p["db"] == "postgresql"}
    for page in pages:
        other = postgresql.get((page["size"], page["page"]))
        if page["db"] != "sqlite" or page["size"] != 100_000 or not other:
            continue
        for mode in ("cold", "warm"):
            ratio = page[mode]["p95_ms"] / other[mode]["p95_ms"]
            target = f"SQLite 100k {page['page']} {mode} p95 ≤ {SQLITE_OVER_POSTGRESQL}× PostgreSQL"
            yield target, ratio <= SQLITE_OVER_POSTGRESQL, f"{ratio:.2f}×"


def main(paths):
    rows = _read(paths)
    pages = [row for row in rows if row["kind"] == "page"]
    exports = [row for row in rows if row["kind"] == "export"]
    loads = [row for row in rows if row["kind"] == "load"]
    if pages:
        pages_table(pages)
    exports_table(exports, loads)
    results = list(verdicts(pages, exports))
    if results:
        print("Issue 7's targets (printed, never asserted):\n")
        _table(
            ["target", "", "measured"],
            [[target, "holds" if ok else "MISSES", detail] for target, ok, detail in results],
        )


if __name__ == "__main__":
    main(sys.argv[1:])
