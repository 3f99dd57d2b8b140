"""SQL statements and in-process time per page of a suite (bench/suites/*.json), through the Flask test client.

    WERKSTADT_ENV=development DATABASE_URL=sqlite:////tmp/bench.sqlite \
        .venv/bin/python -m bench.sql_count --suite bench/suites/forums.json --n 30

Each page is requested twice to warm caches, then `--n` times, as an anonymous visitor with the anonymous page
cache off (every request renders). Printed per page: status, statements of the last request, how many distinct
statements that is and the most any one of them repeats (an N+1 shows as repeats), and the median time in ms.
Only GET pages are measured; a suite's other fields (wrk's) are ignored.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

_statements: list[str] = []


def _record(conn, cursor, statement, parameters, context, executemany) -> None:
    _statements.append(statement)


def normalise(sql: str) -> str:
    """`sql` with literals and bound parameters made alike, so repeats of one statement compare equal."""
    sql = re.sub(r"\s+", " ", sql).strip()
    sql = re.sub(r"'[^']*'|\b\d+\b|%\(\w+\)s|__\[POSTCOMPILE_\w+\]", "?", sql)
    return re.sub(r"\(\s*\?(?:\s*,\s*\?)*\s*\)", "(?…)", sql)


def measure(client, path: str, n: int) -> dict:
    """Statements of the last of `n` requests to `path` (after two warm-ups) and the median time."""
    for _ in range(2):
        client.get(path)
    times = []
    for _ in range(n):
        _statements.clear()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    repeats = Counter(normalise(statement) for statement in _statements)
    return {"status": response.status_code, "queries": len(_statements), "distinct": len(repeats),
            "max_repeat": max(repeats.values(), default=0), "p50_ms": statistics.median(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", type=Path, required=True, help="a suite JSON with pages (name, path)")
    parser.add_argument("--n", type=int, default=10, help="timed requests per page")
    parser.add_argument("--pages", help="only these pages (comma-separated names)")
    args = parser.parse_args(argv)

    from app import create_app

    app = create_app(ANONYMOUS_PAGE_CACHE_SECONDS=0)
    event.listen(Engine, "before_cursor_execute", _record)
    wanted = set(args.pages.split(",")) if args.pages else None
    pages = [page for page in json.loads(args.suite.read_text())["pages"]
             if page.get("method", "GET").upper() == "GET" and (wanted is None or page["name"] in wanted)]
    print("| page | status | queries/request | distinct stmts | max repeats of one stmt | in-process p50 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    with app.test_client() as client:
        for page in pages:
            row = measure(client, page["path"], args.n)
            print(f"| {page['name']} | {row['status']} | {row['queries']} | {row['distinct']} | {row['max_repeat']} "
                  f"| {row['p50_ms']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
