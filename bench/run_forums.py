#!/usr/bin/env python3
"""Forum and idea pages on the big data set against the floor, in one run (see bench/README.md).

    .venv/bin/python -m bench.run_forums [--db /tmp/bench.sqlite] [--load] [--limit-posts N] [--repeat 2]
        [--duration 10] [--pages a,b] [--signed-in] [--also-uncached]

1. builds the floor's table (bench/floor.py, from our data set);
2. loads the data set into the SQLite file first if it has no forum data or no ideas yet (or with --load:
   afresh; --limit-posts loads only the first N posts, for a quick run);
3. writes bench/suites/forums.json with the targets read from that database: the biggest category (page 1
   and page 80, as the floor measures it: THREADS_PER_PAGE is 20, so its 1,707 threads make 86 pages), the
   longest thread (3,000 posts; nested view page 1, flat view page 1), a 7-post thread and the profile of the
   most active user, plus the forum index; and the idea list sorted by supports and by trend, and the page of
   the most supported idea (the data set's idea topics, loaded as ideas by bench/dataset/ideas.py);
4. runs bench/wrk.py on the floor (gunicorn, 2 sync workers, port 8302) and then on our app (gunicorn, 2 sync
   workers, port 8301), both appending to the same results file in one session named by this run's time;
5. prints each page's requests per second as a share of the floor's 20-row ORM page (/list); the target is
   >= 50 %. wrk is an anonymous visitor, so our pages come from the anonymous page cache (app/page_cache.py,
   10 s per worker) but for one render per page, worker and 10 s; --signed-in measures them again as a
   signed-in reader (the most active user, through the login form), --also-uncached with the cache off for
   anonymous visitors too (both printed for information; the verdict is the anonymous pages').

Loopback only. wrk must be installed (`apt-get install -y wrk`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench import floor, wrk
from bench.dataset.forums import BENCH_PASSWORD  # every bench user's
from bench.wrk_report import summarise

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
THREADS_PER_PAGE = int(re.search(r"^THREADS_PER_PAGE = (\d+)", (ROOT / "forums" / "reading.py").read_text(),
                                  re.M).group(1))
TARGET_SHARE = 0.5
FLOOR_SUITE = ROOT / "bench" / "suites" / "floor.json"
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


def load(db_path: Path, limit_posts: int | None = None) -> None:
    if db_path.exists():
        db_path.unlink()
    env = app_env(db_path)
    flask = [str(VENV_BIN / "flask"), "--app", "wsgi"]
    sh([*flask, "db", "upgrade"], cwd=ROOT, env=env)
    t = time.perf_counter()
    limit = ["--limit-posts", str(limit_posts)] if limit_posts else []
    sh([*flask, "bench", "load-dataset", "--end-now", *limit], cwd=ROOT, env=env)  # recent supports: "trending"
    print(f"loaded in {time.perf_counter() - t:.1f} s", flush=True)


def targets(db_path: Path) -> dict:
    """What to measure, read from the loaded database (ids follow the data set: the manifest's topics)."""
    with sqlite3.connect(db_path) as c:
        slug, threads = c.execute(
            "SELECT slug, thread_count FROM forum_category ORDER BY thread_count DESC LIMIT 1").fetchone()
        heavy, heavy_posts = c.execute(
            "SELECT id, highest_post_number FROM thread ORDER BY highest_post_number DESC, id LIMIT 1").fetchone()
        small = c.execute("SELECT id FROM thread WHERE category_id IS NOT NULL AND about_subject_id IS NULL "
                          "ORDER BY abs(highest_post_number - 7), id LIMIT 1").fetchone()[0]  # 7 posts, no idea's
        user = c.execute("SELECT u.username FROM post p JOIN \"user\" u ON u.id = p.author_id "
                         "GROUP BY u.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        ideas, idea, supports = c.execute(
            "SELECT (SELECT count(*) FROM idea), id, support_count FROM idea "
            "ORDER BY support_count DESC, id LIMIT 1").fetchone()
    deep = 80 if threads >= 80 * THREADS_PER_PAGE else max(1, threads // THREADS_PER_PAGE)  # the page 80
    return {"slug": slug, "threads": threads, "deep_page": deep, "heavy": heavy, "heavy_posts": heavy_posts,
            "small": small, "user": user, "ideas": ideas, "idea": idea, "idea_supports": supports}


def write_suite(path: Path, t: dict) -> dict:
    """Our suite for the loaded database: the pages anonymous, each again signed in (`*_signed_in`)."""
    pages = [
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
    ]
    suite = {
        "_doc": (f"Forum pages on the loaded data set (flask bench load-dataset), written by bench/run_forums.py. "
                 f"Category '{t['slug']}' has {t['threads']} threads: at {THREADS_PER_PAGE} per page page "
                 f"{t['deep_page']} is its deepest full page (the floor measures page 80). "
                 f"Thread {t['heavy']} has {t['heavy_posts']} posts"
                 f"{'' if t['heavy_posts'] == 3000 else ' (the names say 3000: the full data set has them)'}, "
                 f"thread {t['small']} is the non-idea thread nearest to 7 posts; {t['user']} wrote the most "
                 f"posts and signs in for the *_signed_in pages. {t['ideas']} ideas (the data set's idea "
                 f"topics); idea {t['idea']} has the most supports ({t['idea_supports']})."),
        "base_url": "http://127.0.0.1:8301",
        "health_path": "/",
        "duration_s": 10, "connections": 8, "threads": 2, "warmup_s": 3, "timeout_s": 10,
        "login": {"path": "/login", "form": {"login": t["user"], "password": BENCH_PASSWORD}},
        "pages": pages + [{**page, "name": page["name"] + "_signed_in", "signed_in": True} for page in pages],
    }
    path.write_text(json.dumps(suite, indent=1) + "\n")
    return suite


def share_table(rows: list[dict], session: str) -> tuple[str, bool]:
    """Markdown: every page of `session` as a share of the floor's 20-row ORM page; whether every anonymous,
    cached page of ours reaches the target (signed-in and uncached runs are for information)."""
    summary = summarise([row for row in rows if row.get("session") == session])
    base = next(s["rps"] for (_, page, _), s in summary.items() if page == FLOOR_PAGE)
    ok = True
    lines = [f"#### {session}", "",
             "| run | page | signed in | req/s (median) | p50 ms | bytes | errors | other load % "
             "| share of the ORM floor |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for (label, page, signed_in), s in summary.items():
        share, verdict = s["rps"] / base, ""
        if not label.startswith("floor") and not signed_in and "uncached" not in label:
            passed = share >= TARGET_SHARE and not s["errors"]
            ok &= passed
            verdict = " ok" if passed else " BELOW"
        lines.append(f"| {label} | {page.removesuffix('_signed_in')} | {'yes' if signed_in else 'no'} "
                     f"| {s['rps']:,.1f} | {s['p50']:.1f} | {s['bytes']:,} | {s['errors']} "
                     f"| {'–' if s['other'] is None else round(s['other'])} | {share:.0%}{verdict} |")
    return "\n".join(lines) + "\n", ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench.sqlite"), help="SQLite file with the data set")
    ap.add_argument("--floor-db", type=Path, default=Path("/tmp/floor.sqlite"))
    ap.add_argument("--load", action="store_true", help="rebuild --db from scratch first")
    ap.add_argument("--limit-posts", type=int, help="load only the first N posts (with --load or a new --db)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run (at most 10)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "forums.jsonl")
    ap.add_argument("--signed-in", action="store_true", help="measure our pages signed in too")
    ap.add_argument("--also-uncached", action="store_true",
                    help="measure our pages a second time with ANONYMOUS_PAGE_CACHE_SECONDS=0")
    ap.add_argument("--pages", help="only these pages of ours (comma-separated names, without _signed_in)")
    ap.add_argument("--report", metavar="SESSION", help="only print the table of a session already in --out")
    a = ap.parse_args()
    a.duration = min(a.duration, 10)
    if a.report:
        text, ok = share_table(_rows(a.out), a.report)
        print(text)
        return 0 if ok else 1

    print(f"floor: {floor.init_db(a.floor_db)} topics in {a.floor_db}", flush=True)
    if a.load or not has_forum_data(a.db):
        load(a.db, a.limit_posts)
    suite = write_suite(ROOT / "bench" / "suites" / "forums.json", targets(a.db))
    names = [page["name"] for page in suite["pages"]
             if (not a.pages or page["name"].removesuffix("_signed_in") in a.pages.split(","))
             and (a.signed_in or not page.get("signed_in"))]
    session = f"forums {time.strftime('%Y-%m-%dT%H:%M')}"
    gunicorn = str(VENV_BIN / "gunicorn")
    common = {"session": session, "out": a.out, "repeat": a.repeat, "duration": a.duration}
    wrk.run_suite(wrk.load_suite(FLOOR_SUITE), label="floor orm sync2", pages=[FLOOR_PAGE, "floor_list20_orm_p80"],
                  server_cmd=f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:8302 bench.floor:app",
                  server_env={"FLOOR_DB": str(a.floor_db)}, **common)
    ours_cmd = f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:8301 wsgi:app"
    ours_env = {"WERKSTADT_ENV": "development", "DATABASE_URL": f"sqlite:///{a.db}"}
    wrk.run_suite(suite, label="forums sqlite sync2", pages=names, server_cmd=ours_cmd, server_env=ours_env, **common)
    if a.also_uncached:
        wrk.run_suite(suite, label="forums sqlite sync2 uncached", server_cmd=ours_cmd,
                      pages=[name for name in names if not name.endswith("_signed_in")],
                      server_env={**ours_env, "ANONYMOUS_PAGE_CACHE_SECONDS": "0"}, **common)
    text, ok = share_table(_rows(a.out), session)
    print(f"\n{text}\nEvery anonymous page >= {TARGET_SHARE:.0%} of the ORM floor: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


def _rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


if __name__ == "__main__":
    sys.exit(main())
