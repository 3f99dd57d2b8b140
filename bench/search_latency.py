"""In-process search latency: `app.search.service.search` timed for a few queries, per backend.

    WERKSTADT_ENV=development DATABASE_URL=sqlite:////work/bench-data/search.sqlite \
        SEARCH_INDEX_DIR=/tmp/index .venv/bin/python -m bench.search_latency --n 30

It builds the app from the environment, then for each query (a common word, a rare word, a frequent two-word
phrase, two words that must both match; `--query` replaces them), each viewer (a visitor and a signed-in member
who is not a moderator) and each order ("relevance", "newest") asks for the first page of /search (20 hits with
snippets) twice to warm up and then `--n` times. Printed per backend and query: p50 and p95 in ms over all of
that query's timed requests, the very first request of the query (nothing of it cached yet; the index itself is
open already) and the number of matches. The Whoosh backend always runs (SEARCH_INDEX_DIR); PostgreSQL
only when DATABASE_URL is a PostgreSQL database (its search_document table must be built: `flask search rebuild`
with SEARCH_BACKEND=postgres). The default queries fit the benchmark data set (bench/dataset: pseudo-English).
This is the in-process figure; HTTP throughput comes from bench/wrk.py.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from app import create_app
from app.search import service
from app.search.backends import get_backend
from app.search.query import SearchRequest, Viewer, parse

QUERIES = {
    "common word": "city",
    "rare word": "torsen",
    "two-word phrase": '"bike stop"',
    "two words": "city street",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(backend_name: str, queries: dict[str, str], n: int, member: int) -> list[dict]:
    """Time every query on the app's backend `backend_name` (a fresh app, so a fresh backend object)."""
    app = create_app(SEARCH_BACKEND=backend_name)
    rows = []
    with app.app_context():
        get_backend().check()
        for label, text in queries.items():
            times: list[float] = []
            first: float | None = None
            total = 0
            for viewer in (Viewer(), Viewer(member)):
                for sort in ("relevance", "newest"):
                    request = SearchRequest(parse(text), viewer, sort=sort, per_page=20)
                    for round_ in range(n + 2):
                        started = time.perf_counter()
                        results = service.search(request)
                        elapsed = (time.perf_counter() - started) * 1000
                        if first is None:
                            first = elapsed
                        if round_ >= 2:
                            times.append(elapsed)
                    total = results.total
            rows.append({"backend": backend_name, "query": label, "text": text, "total": total,
                         "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                         "first_ms": round(first or 0.0, 1), "n": len(times)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="timed repetitions per query, viewer and order")
    parser.add_argument("--member", type=int, default=2, help="the signed-in viewer's account id")
    parser.add_argument("--query", action="append", default=[], help="label=text (instead of the defaults)")
    parser.add_argument("--backend", action="append", choices=("whoosh", "postgres"),
                        help="only these backends (default: whoosh, and postgres on a PostgreSQL database)")
    parser.add_argument("--json", action="store_true", help="one JSON line per query instead of a table")
    options = parser.parse_args(argv)
    queries = dict(item.split("=", 1) for item in options.query) if options.query else QUERIES
    backends = options.backend
    if not backends:
        backends = ["whoosh"]
        with create_app().app_context():
            from app.extensions import db

            if db.engine.dialect.name == "postgresql":
                backends.append("postgres")
    print(f"{'backend':8} {'query':16} {'text':16} {'total':>7} {'p50 ms':>8} {'p95 ms':>8} {'first ms':>9}")
    for name in backends:
        for row in measure(name, queries, options.n, options.member):
            if options.json:
                print(json.dumps(row))
            else:
                print(f"{row['backend']:8} {row['query']:16} {row['text']:16} {row['total']:>7} "
                      f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['first_ms']:>9}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
