#!/usr/bin/env python3
"""Forum and idea pages on the 100,000-post data set against the ORM floor, in one run (see bench/README.md).

    python3 bench/run_forums.py [--db /tmp/bench.sqlite] [--load] [--repeat 2] [--duration 10]

1. builds the floor app's table (`<perf dir>/floor_app.py --init`);
2. loads the data set into the SQLite file first if it has no forum data or no ideas yet (or with --load:
   afresh);
3. writes bench/suites/forums.json with the targets read from that database: the biggest category (page 1
   and page 80, as the floor suite has it: THREADS_PER_PAGE is 20, so its 1,707 threads make 86 pages), the
   3,000-post thread (nested view page 1, flat view page 1), a 7-post thread and the profile of the most
   active user, plus the forum index; and the idea list sorted by supports and by trend, and the page of the
   most supported idea (the data set's idea topics, loaded as ideas by bench/dataset/ideas.py);
4. runs <perf dir>/wrk_runner.py on the floor app (gunicorn, 2 sync workers, port 8302) and then on our
   app (gunicorn, 2 sync workers, port 8301), both appending to the same results file under labels that
   carry this run's time stamp;
5. prints each page's requests per second as a share of the ORM floor (/list_orm); the target is >= 50 %.
   wrk is an anonymous visitor, so our pages come from the anonymous page cache (app/page_cache.py, 10 s per
   worker) but for one render per page, worker and 10 s; --also-uncached measures them again with the cache
   off, which is what a signed-in reader costs (printed for information; the verdict is the first table's).

The ORM floor and the wrk runner are the house's peer-comparison harness, not part of this repository: pass its
directory with --perf-dir (or WERKSTADT_PERF_DIR; default ../shared/perf). Everything of ours it runs (the data
set, the app, the suite) comes from the repository.

Loopback only; stdlib only (runs with any python3; our app runs in .venv).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERF = Path(os.environ.get("WERKSTADT_PERF_DIR") or ROOT.parent / "shared" / "perf").resolve()  # --perf-dir
VENV_BIN = ROOT / ".venv" / "bin"
THREADS_PER_PAGE = int(re.search(r"^THREADS_PER_PAGE = (\d+)", (ROOT / "forums" / "reading.py").read_text(),
                                  re.M).group(1))
TARGET_SHARE = 0.5
NCPU = os.cpu_count() or 1
FLOOR_PAGE = "floor_list20_orm"


def sh(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def app_env(db_path: Path) -> dict:
    return {**os.environ, "WERKSTADT_ENV": "development", "DATABASE_URL": f"sqlite:///{db_path}"}


def has_forum_data(db_path: Path) -> bool:
    """Posts and ideas are there (a file loaded before ideas joined the load has no ideas: load it again)."""
    if not db_path.exists():
        return False
    with sqlite3.connect(db_path) as c:
        try:
            return all(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0 for table in ("post", "idea"))
        except sqlite3.OperationalError:
            return False


def load(db_path: Path) -> None:
    if db_path.exists():
        db_path.unlink()
    env = app_env(db_path)
    flask = [str(VENV_BIN / "flask"), "--app", "wsgi"]
    sh([*flask, "db", "upgrade"], cwd=ROOT, env=env)
    t = time.perf_counter()
    sh([*flask, "bench", "load-dataset", "--end-now"], cwd=ROOT, env=env)  # recent supports for "trending"
    print(f"loaded in {time.perf_counter() - t:.1f} s", flush=True)


def targets(db_path: Path) -> dict:
    """What to measure, read from the loaded database (ids follow the data set: the manifest's topics)."""
    with sqlite3.connect(db_path) as c:
        slug, threads = c.execute(
            "SELECT slug, thread_count FROM forum_category ORDER BY thread_count DESC LIMIT 1").fetchone()
        heavy, heavy_posts = c.execute(
            "SELECT id, highest_post_number FROM thread ORDER BY highest_post_number DESC, id LIMIT 1").fetchone()
        small = c.execute("SELECT id FROM thread WHERE highest_post_number = 7 AND category_id IS NOT NULL "
                          "AND about_subject_id IS NULL ORDER BY id LIMIT 1").fetchone()[0]  # not an idea's
        user = c.execute("SELECT u.username FROM post p JOIN \"user\" u ON u.id = p.author_id "
                         "GROUP BY u.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        ideas, idea, supports = c.execute(
            "SELECT (SELECT count(*) FROM idea), id, support_count FROM idea "
            "ORDER BY support_count DESC, id LIMIT 1").fetchone()
    deep = 80 if threads >= 80 * THREADS_PER_PAGE else max(1, threads // THREADS_PER_PAGE)  # the page 80
    return {"slug": slug, "threads": threads, "deep_page": deep, "heavy": heavy, "heavy_posts": heavy_posts,
            "small": small, "user": user, "ideas": ideas, "idea": idea, "idea_supports": supports}


def write_suite(path: Path, t: dict) -> dict:
    suite = {
        "_doc": (f"Forum pages on the loaded data set (flask bench load-dataset), written by bench/run_forums.py. "
                 f"Category '{t['slug']}' has {t['threads']} threads: at {THREADS_PER_PAGE} per page page "
                 f"{t['deep_page']} is its deepest full page (the house's floor suite measures page 80). "
                 f"Thread {t['heavy']} has {t['heavy_posts']} posts, thread {t['small']} has 7; "
                 f"{t['user']} wrote the most posts. {t['ideas']} ideas (the data set's idea topics); idea "
                 f"{t['idea']} has the most supports ({t['idea_supports']}). Anonymous visitor."),
        "base_url": "http://127.0.0.1:8301",
        "duration_s": 10, "connections": 8, "threads": 2, "warmup_s": 3, "timeout_s": 10,
        "health_path": "/",
        "pages": [
            {"name": "forum_index", "path": "/forums"},
            {"name": "category_p1", "path": f"/forums/{t['slug']}"},
            {"name": f"category_p{t['deep_page']}_deep", "path": f"/forums/{t['slug']}?page={t['deep_page']}"},
            {"name": "thread_3000_nested_p1", "path": f"/t/{t['heavy']}"},
            {"name": "thread_3000_flat_p1", "path": f"/t/{t['heavy']}?view=flat"},
            {"name": "thread_7posts", "path": f"/t/{t['small']}"},
            {"name": "profile_top_user", "path": f"/u/{t['user']}"},
            {"name": "ideas_supported", "path": "/ideas?sort=supported"},
            {"name": "ideas_trending", "path": "/ideas?sort=trending"},
            {"name": "idea_most_supported", "path": f"/ideas/{t['idea']}"},
        ],
    }
    path.write_text(json.dumps(suite, indent=1) + "\n")
    return suite


def floor_suite(path: Path) -> None:
    suite = json.loads((PERF / "suites" / "floor.json").read_text())
    suite["pages"] = [p for p in suite["pages"] if p["name"] in (FLOOR_PAGE, "floor_list20_sqlite")]
    suite["pages"].append({"name": "floor_list20_orm_p80", "path": "/list_orm?page=80"})
    path.write_text(json.dumps(suite, indent=1) + "\n")


def wrk(suite: Path, label: str, out: Path, server_cmd: str, env: list[str], a) -> None:
    cmd = [sys.executable, str(PERF / "wrk_runner.py"), "run", "--suite", str(suite), "--label", label,
           "--out", str(out), "--repeat", str(a.repeat), "--duration", str(a.duration),
           "--quiet-wait", str(a.quiet_wait), "--retry-contaminated", str(a.retry),
           "--server-cmd", server_cmd, "--server-cwd", str(ROOT)]
    for kv in env:
        cmd += ["--server-env", kv]
    sh(cmd, cwd=ROOT)


def report(out: Path, floor_label: str, ours_label: str) -> bool:
    rows = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]

    def medians(label: str) -> dict:
        groups: dict[str, list] = {}
        for r in rows:
            if r["label"] == label:
                groups.setdefault(r["page"], []).append(r)
        return {page: Row(statistics.median(x["rps"] for x in rs), statistics.median(x["lat_p50_ms"] for x in rs),
                          sum(x["non2xx"] + x["socket_errors"] for x in rs), rs[-1].get("bytes", 0),
                          statistics.median(per_cpu_second(x) for x in rs),
                          max(x.get("foreign_cpu_pct") or 0 for x in rs))
                for page, rs in groups.items()}

    floor, ours = medians(floor_label), medians(ours_label)
    base, base_cpu = floor[FLOOR_PAGE].rps, floor[FLOOR_PAGE].per_cpu
    ok = True
    print(f"\n#### {ours_label} vs {floor_label}\n")
    print("| page | req/s (median) | p50 ms | bytes | errors | other load % | req per CPU-s | share of ORM floor "
          "(req/s) | share (per CPU-s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, rows in (("floor", floor), ("ours", ours)):
        for page, r in rows.items():
            share = r.rps / base
            verdict = ""
            if label == "ours":
                passed = share >= TARGET_SHARE and not r.errors
                ok &= passed
                verdict = " ok" if passed else " BELOW"
            print(f"| {page}{' (floor)' if label == 'floor' else ''} | {r.rps:,.1f} | {r.p50:.1f} | {r.size:,} | "
                  f"{r.errors} | {r.foreign:.0f} | {r.per_cpu:,.0f} | {share:.0%}{verdict} | "
                  f"{r.per_cpu / base_cpu:.0%} |")
    return ok


@dataclass
class Row:
    rps: float
    p50: float
    errors: int
    size: int
    per_cpu: float   # requests per CPU-second of the server and wrk: robust against other tenants' load
    foreign: float   # % of the machine other processes used during the run (wrk_runner's measure)


def per_cpu_second(row: dict) -> float:
    cpu = (row.get("own_cpu_pct") or 0) / 100 * NCPU
    return row["rps"] / cpu if cpu else 0.0


def main() -> int:
    global PERF
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench.sqlite"), help="SQLite file with the data set")
    ap.add_argument("--floor-db", type=Path, default=Path("/tmp/floor.sqlite"))
    ap.add_argument("--load", action="store_true", help="rebuild --db from scratch first")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run (at most 10)")
    ap.add_argument("--quiet-wait", type=int, default=60, help="wait up to N s for an idle machine per run")
    ap.add_argument("--retry", type=int, default=1, help="redo a run disturbed by other processes up to N times")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "forums.jsonl")
    ap.add_argument("--also-uncached", action="store_true",
                    help="measure our pages a second time with ANONYMOUS_PAGE_CACHE_SECONDS=0")
    ap.add_argument("--pages", help="only these pages of ours (comma-separated names)")
    ap.add_argument("--report", nargs=2, metavar=("FLOOR_LABEL", "OURS_LABEL"),
                    help="only print the table for two labels already in --out")
    ap.add_argument("--perf-dir", type=Path, default=PERF,
                    help="the peer-comparison harness (floor_app.py, wrk_runner.py, suites/floor.json)")
    a = ap.parse_args()
    PERF = a.perf_dir.resolve()
    if not a.report and not (PERF / "wrk_runner.py").is_file():
        ap.error(f"no wrk_runner.py in {PERF}: the floor comparison needs the peer harness (--perf-dir)")
    a.duration = min(a.duration, 10)
    if a.report:
        return 0 if report(a.out, *a.report) else 1

    sh([sys.executable, str(PERF / "floor_app.py"), "--init", str(a.floor_db)])
    if a.load or not has_forum_data(a.db):
        load(a.db)
    t = targets(a.db)
    suite = ROOT / "bench" / "suites" / "forums.json"
    write_suite(suite, t)
    floor_path = ROOT / "bench" / "suites" / "floor_orm.json"
    floor_suite(floor_path)
    a.out.parent.mkdir(parents=True, exist_ok=True)

    stamp = time.strftime("%Y-%m-%dT%H:%M")
    floor_label, ours_label = f"floor orm sync2 {stamp}", f"forums sqlite sync2 {stamp}"
    gunicorn = str(VENV_BIN / "gunicorn")
    wrk(floor_path, floor_label, a.out,
        f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:8302 --chdir {PERF} floor_app:app",
        [f"FLOOR_DB={a.floor_db}"], a)
    ours_cmd = f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:8301 wsgi:app"
    if a.pages:
        ours_suite = json.loads(suite.read_text())
        ours_suite["pages"] = [p for p in ours_suite["pages"] if p["name"] in a.pages.split(",")]
        suite = Path(f"/tmp/forums_suite_{os.getpid()}.json")
        suite.write_text(json.dumps(ours_suite))
    ours_env = ["WERKSTADT_ENV=development", f"DATABASE_URL=sqlite:///{a.db}"]
    wrk(suite, ours_label, a.out, ours_cmd, ours_env, a)
    if a.also_uncached:
        wrk(suite, f"{ours_label} uncached", a.out, ours_cmd, [*ours_env, "ANONYMOUS_PAGE_CACHE_SECONDS=0"], a)
        report(a.out, floor_label, f"{ours_label} uncached")
    ok = report(a.out, floor_label, ours_label)
    print(f"\nEvery page >= {TARGET_SHARE:.0%} of the ORM floor: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
