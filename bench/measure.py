"""Load synthetic data, then measure the public pages and the exports in-process with
Django's test Client: no HTTP server, so the times are server time, from the request entering
the middleware to the last byte of the body. Prints one JSON object per measurement, for
bench/report.py. bench/run calls it; by hand (with DATABASE_URL set):

    measure.py load --label sqlite --size 100000      (replaces any synthetic data)
    measure.py pages --label sqlite --size 100000
    measure.py export --label sqlite --size 100000 --format csv   (in its own process: RSS)
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from cooperation.garbage_collection import tune_for_requests  # noqa: E402
from pairings.models import Event, Pairing  # noqa: E402
from synthetic.generator import synthetic_reports  # noqa: E402

tune_for_requests()  # as the production server does (cooperation/wsgi.py)

# Stop repeating a page after this many seconds (but never before MIN_REQUESTS requests).
PAGE_BUDGET_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "20"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
MIN_REQUESTS = 3
BARE_REPEATS = 5
SEED = int(os.environ.get("BENCH_SEED", "1"))


class QueryLog:
    """Count and time every query a request runs (lighter than DEBUG's query log)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql, params))


def pages():
    """Return (name, url) of the pages the benchmark times."""
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    return [
        ("overview", "/"),
        ("pairing", f"/pairings/{pairing.pk}/"),
        ("events", "/events/"),
        (
            "events?prefecture+dates",
            "/events/?prefecture=532300&date_from=2020-01-01&date_to=2020-12-31",
        ),
        ("events?q", "/events/?q=嘉定"),
        ("region", "/regions/532300/"),
        ("report (synthetic)", f"/reports/{synthetic_reports().get().pk}/"),
    ]


def _get(client, url):
    log = QueryLog()
    with connection.execute_wrapper(log):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, log.queries, len(body)


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timings(client, url, cold):
    times, counts, queries = [], [], []
    budget_end = time.perf_counter() + PAGE_BUDGET_SECONDS
    if not cold:
        _get(client, url)  # fill the cache
    while len(times) < REQUESTS and (len(times) < MIN_REQUESTS or time.perf_counter() < budget_end):
        if cold:
            cache.clear()
        elapsed, queries, _size = _get(client, url)
        times.append(elapsed)
        counts.append(len(queries))
    return {
        "n": len(times),
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": _percentile(times, 0.95) * 1000,
        "queries": sorted(set(counts)),
    }, queries


def _bare(sql, params):
    """Return the median time, in ms, of running the query alone and fetching all its rows
    (SQLite does most of a query's work while the rows are fetched, not in execute())."""
    times = []
    with connection.cursor() as cursor:
        # A query of seconds is timed once: its variance is not what the table is about.
        while len(times) < BARE_REPEATS and sum(times) < 1:
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _explain_ms(sql, params):
    """Return PostgreSQL's own execution time of the query (EXPLAIN ANALYZE), or None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Execution Time"]


def _database_floor(queries):
    """Return the page's database floor: every query of one uncached request run bare, their
    sum, and the heaviest one."""
    bare = [(_bare(sql, params), sql, params) for _duration, sql, params in queries]
    heaviest_ms, sql, params = max(bare, key=lambda item: item[0])
    return {
        "sql_floor_ms": sum(ms for ms, _sql, _params in bare),
        "heaviest_bare_ms": heaviest_ms,
        "heaviest_explain_ms": _explain_ms(sql, params),
        "heaviest_sql": sql[:300],
    }


def measure_pages(label, size):
    client = Client()
    events = Event.objects.count()
    for name, url in pages():
        result = {"kind": "page", "db": label, "size": size, "events": events, "page": name}
        result["url"] = url
        result["cold"], queries = _timings(client, url, cold=True)
        result["warm"], _queries = _timings(client, url, cold=False)
        result.update(_database_floor(queries))
        print(json.dumps(result, ensure_ascii=False), flush=True)


def _peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def measure_export(label, size, fmt):
    rows = Event.objects.count()
    client = Client()
    baseline = _peak_rss_mb()
    started = time.perf_counter()
    response = client.get(f"/events/export.{fmt}", secure=True)
    size_bytes = 0
    for chunk in response.streaming_content:
        size_bytes += len(chunk)
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "kind": "export",
                "db": label,
                "size": size,
                "format": fmt,
                "status": response.status_code,
                "rows": rows,
                "seconds": elapsed,
                "rows_per_s": rows / elapsed,
                "mb": size_bytes / 2**20,
                "baseline_rss_mb": baseline,
                "peak_rss_mb": _peak_rss_mb(),
            }
        ),
        flush=True,
    )


def load(label, size):
    """Replace the synthetic data with `size` events and refresh the planner's statistics,
    as autovacuum would after a bulk load."""
    from synthetic.generator import generate, remove

    started = time.perf_counter()
    remove()
    removed = time.perf_counter() - started
    started = time.perf_counter()
    counts = generate(size, SEED)
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        json.dumps(
            {
                "kind": "load",
                "db": label,
                "size": size,
                "seconds": generated,
                "remove_seconds": removed,
                "rows": counts["rows written"],
                "figures": counts["figures"],
            }
        ),
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("load", "pages", "export"))
    parser.add_argument("--label", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--format", default="csv", choices=("csv", "xlsx"))
    args = parser.parse_args()
    if args.what == "load":
        load(args.label, args.size)
    elif args.what == "pages":
        measure_pages(args.label, args.size)
    else:
        measure_export(args.label, args.size, args.format)


if __name__ == "__main__":
    main()
