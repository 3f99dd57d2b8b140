#!/usr/bin/env python3
"""/search over HTTP with wrk, on both backends, against the floor, in one run (see bench/README.md).

    .venv/bin/python -m bench.run_search [--db /tmp/bench.sqlite] [--copy-from FILE] [--postgres URL]
        [--rebuild] [--repeat 1] [--duration 10] [--backends whoosh,postgres] [--report SESSION]

1. the data set: the SQLite file --db (loaded with `flask bench load-dataset` when it has no posts; --copy-from
   copies a loaded file there first, leaving the original alone) and, with --postgres, the same data set in that
   PostgreSQL database (`flask db upgrade` and `flask bench load-dataset` when it has no posts);
2. the index: `flask search rebuild` for each backend (Whoosh: SEARCH_INDEX_DIR next to the SQLite file;
   PostgreSQL: SEARCH_BACKEND=postgres, its table emptied first), when the index is missing or with --rebuild; wall
   and CPU time printed
   (the issue wants a full rebuild under two minutes; CPU is the flask process's, not PostgreSQL's own);
3. the words, read from the data set's text (post bodies; thread titles and category slugs only to keep the rare
   word out of them): the most frequent word that is no stop word (in English or German: forum posts are indexed
   in the site's language), a rare word (in 3-10 documents as the search itself counts them, or else the fewest:
   our data set has no word in fewer than about 90 posts), the most frequent two-word phrase of such words; writes bench/suites/search.json: /search?q=<common>, ?q=<rare>, ?q="<w1 w2>",
   each as a visitor and signed in (the most active bench user);
4. runs bench/wrk.py on the floor (gunicorn, 2 sync workers) and then on the app (gunicorn, 2 sync workers) for
   each backend, one session named by the start time; every page twice: with 8 connections (the capacity) and
   at a steady load of at least 25 requests per second (`*_paced`: 4 connections, each pausing 100 ms after an
   answer, as readers do; see verdict_table for why the target is read there). The app runs with ANONYMOUS_PAGE_CACHE_SECONDS=0, so the
   visitor's figures are searches too, not copies from the page cache;
5. prints per page the capacity in req/s and its share of the floor's 20-row ORM page, the steady load's req/s,
   p50 and p95 (from wrk's latency distribution), and the verdict against the issue's target: at least 25 requests
   per second with p95 <= 60 ms.

Loopback only. wrk must be installed (`apt-get install -y wrk`).
"""
from __future__ import annotations

import argparse
from bisect import bisect_left
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from whoosh.lang import stopwords_for_language

from bench import floor, wrk
from bench.search_verdict import (FLOOR_PAGE, MAX_P95_MS, MIN_RPS, PACED, PACED_CONNECTIONS, THINK_MS, read_rows,
                                   verdict_table)
from bench.dataset.forums import BENCH_PASSWORD  # every bench user's

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
FLASK = [str(VENV_BIN / "flask"), "--app", "wsgi"]
FLOOR_SUITE = ROOT / "bench" / "suites" / "floor.json"
RARE_DOCUMENTS = (3, 10)
STOP_WORDS = frozenset(stopwords_for_language("en")) | frozenset(stopwords_for_language("de"))
WORD = re.compile(r"[^\W\d_]+")
SENTENCE = re.compile(r"[.!?;:\n]+")


# --- the words ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Picks:
    """What the suite searches for, with how often the text holds it (occurrences; posts for the rare words)."""

    common: str
    common_count: int
    phrase: tuple[str, str]
    phrase_count: int
    rare_candidates: list[tuple[str, int]]  # (word, posts containing it), best first


def _content_word(word: str) -> bool:
    return len(word) >= 3 and word not in STOP_WORDS


def pick_words(bodies: Iterable[str], titles: Iterable[str], limit: int = 20) -> Picks:
    """The common word, the frequent phrase and rare-word candidates of `bodies` (the posts' text). Rare candidates
    are in no title, and no other word of the text starts with them or their first letters but two (the German
    analysis finds compounds by their leading part); those in 3-10 bodies come first, then the rarest (our data
    set's Zipf vocabulary has no word in fewer than about 90 of its 100,000 posts)."""
    words: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for body in bodies:
        tokens_of_body = set()
        for sentence in SENTENCE.split(body.lower()):
            tokens = WORD.findall(sentence)
            words.update(tokens)
            tokens_of_body.update(tokens)
            pairs.update((a, b) for a, b in zip(tokens, tokens[1:]) if a != b and _content_word(a)
                         and _content_word(b))
        posts.update(tokens_of_body)
    common, common_count = next((w, n) for w, n in words.most_common() if _content_word(w))
    phrase, phrase_count = pairs.most_common(1)[0]
    in_titles = {w for title in titles for w in WORD.findall(title.lower())}
    vocabulary = sorted(words)
    low, high = RARE_DOCUMENTS
    middle = (low + high) / 2

    def stands_alone(word: str) -> bool:
        stem = word[:max(4, len(word) - 2)]
        return not any(other != word and other.startswith(stem) for other in _starting_with(vocabulary, stem))

    def rank(item: tuple[str, int]) -> tuple:  # in 3-10 posts, nearest the middle; else the rarest first
        return (0, abs(item[1] - middle), item[0]) if low <= item[1] <= high else (1, item[1], item[0])

    candidates = sorted(((w, n) for w, n in posts.items() if _content_word(w) and len(w) >= 5 and w not in in_titles),
                        key=rank)
    rare = [(w, n) for w, n in candidates if stands_alone(w)][:limit]
    return Picks(common, common_count, phrase, phrase_count, rare)


def _starting_with(vocabulary: list[str], prefix: str) -> list[str]:
    start = bisect_left(vocabulary, prefix)
    end = start
    while end < len(vocabulary) and vocabulary[end].startswith(prefix):
        end += 1
    return vocabulary[start:end]


def read_text(connection) -> tuple[list[str], list[str]]:
    """The post bodies (Markdown as written) and the titles (threads, category slugs) of the loaded data set."""
    bodies = list(connection.execute(text("SELECT body_md FROM post WHERE deleted_at IS NULL ORDER BY id")).scalars())
    titles = list(connection.execute(text("SELECT title FROM thread")).scalars())
    titles += [slug.replace("-", " ") for slug in connection.execute(text("SELECT slug FROM forum_category")).scalars()]
    return bodies, titles


def busiest_user(connection) -> str:
    """The username of the author of the most posts (as forums.json signs in)."""
    return connection.execute(text(
        'SELECT u.username FROM post p JOIN "user" u ON u.id = p.author_id GROUP BY u.id, u.username '
        "ORDER BY count(*) DESC, u.id LIMIT 1")).scalar_one()


def queries(common: str, rare: str, phrase: tuple[str, str]) -> dict[str, str]:
    """The three searches by page name, as typed into the search field."""
    return {"search_common": common, "search_rare": rare, "search_phrase": f'"{phrase[0]} {phrase[1]}"'}


def write_suite(path: Path, searches: dict[str, str], user: str, port: int, doc: str = "") -> dict:
    """The suite: each search's first page for a visitor and again signed in as `user` (`*_signed_in`), each
    measured twice: with as many requests as the server takes (8 connections: its capacity) and at a steady load
    of at least MIN_RPS (`*_paced`: PACED_CONNECTIONS connections that pause THINK_MS after each answer)."""
    pages = [{"name": name, "path": "/search?" + urllib.parse.urlencode({"q": q})} for name, q in searches.items()]
    pages += [{**page, "name": page["name"] + "_signed_in", "signed_in": True} for page in pages]
    suite = {
        "_doc": ("Search pages on the loaded data set, written by bench/run_search.py (run the app with "
                 "ANONYMOUS_PAGE_CACHE_SECONDS=0: the visitor's pages must be searches, not cached copies). "
                 + doc).strip(),
        "base_url": f"http://127.0.0.1:{port}",
        "health_path": "/",
        "duration_s": 10, "connections": 8, "threads": 2, "warmup_s": 3, "timeout_s": 10,
        "login": {"path": "/login", "form": {"login": user, "password": BENCH_PASSWORD}},
        "pages": pages + [{**page, "name": page["name"] + PACED, "connections": PACED_CONNECTIONS,
                           "think_ms": THINK_MS} for page in pages],
    }
    path.write_text(json.dumps(suite, indent=1) + "\n")
    return suite


# --- the data set and the index -----------------------------------------------------------------------------------

def sh(cmd: list[str], env: dict) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)


def backend_env(backend: str, db: Path, postgres: str | None) -> dict[str, str]:
    """The app's settings for a backend: Whoosh on the SQLite file (index next to it), PostgreSQL on --postgres."""
    common = {"WERKSTADT_ENV": "development", "ANONYMOUS_PAGE_CACHE_SECONDS": "0",
              "SEARCH_INDEX_AFTER_COMMIT": "0"}
    if backend == "whoosh":
        return {**common, "DATABASE_URL": f"sqlite:///{db}", "SEARCH_BACKEND": "whoosh",
                "SEARCH_INDEX_DIR": str(index_dir(db))}
    return {**common, "DATABASE_URL": postgres, "SEARCH_BACKEND": "postgres"}


def index_dir(db: Path) -> Path:
    return db.with_name(db.name + ".search-index")


def engine_of(url: str):
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def count(url: str, table: str) -> int:
    """Rows of `table`; 0 when it does not exist yet."""
    engine = engine_of(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    except DBAPIError:  # no table yet: nothing loaded
        return 0
    finally:
        engine.dispose()


def ensure_loaded(env: dict[str, str]) -> None:
    """Load the data set into the database of `env` unless it has posts already."""
    if count(env["DATABASE_URL"], "post"):
        return
    full = {**os.environ, **env}
    sh([*FLASK, "db", "upgrade"], full)
    started = time.perf_counter()
    sh([*FLASK, "bench", "load-dataset"], full)
    print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)


def index_missing(backend: str, env: dict[str, str]) -> bool:
    if backend == "whoosh":
        directory = Path(env["SEARCH_INDEX_DIR"])
        return not directory.is_dir() or not any(directory.iterdir())
    return count(env["DATABASE_URL"], "search_document") == 0


def cpu_reference() -> float:
    """Milliseconds for a million additions in pure Python (best of 5): how fast the machine is right now. On a
    shared host it varies (80-170 ms on ours within one evening), so each phase of a run prints it beside its
    figures."""
    best = float("inf")
    for _ in range(5):
        started, total = time.perf_counter(), 0
        for number in range(1_000_000):
            total += number
        best = min(best, (time.perf_counter() - started) * 1000)
    return round(best, 1)


def rebuild(env: dict[str, str]) -> dict:
    """`flask search rebuild` for the backend of `env`, from nothing: wall and CPU seconds (of the flask process).
    A PostgreSQL rebuild writes only new and changed documents, so its table is emptied first (a Whoosh rebuild
    always writes a new index)."""
    if env["SEARCH_BACKEND"] == "postgres":
        engine = engine_of(env["DATABASE_URL"])
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE search_document"))
        engine.dispose()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    sh([*FLASK, "search", "rebuild"], {**os.environ, **env})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": round(time.perf_counter() - started, 1),
            "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1)}


def totals(searches: list[str], env: dict[str, str]) -> dict[str, int | str]:
    """How many documents each search finds for a visitor, asked of the app in a process with `env` (">1000" from
    a backend that stopped counting there)."""
    output = subprocess.run([sys.executable, "-m", "bench.run_search", "--totals", *searches], check=True,
                            cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _print_totals(searches: list[str]) -> int:
    """For --totals (in the app's environment): one JSON line, each search's number of documents for a visitor."""
    from app import create_app
    from app.search import service
    from app.search.query import SearchRequest, parse

    app = create_app()
    with app.app_context():
        found = {}
        for q in searches:
            results = service.search(SearchRequest(parse(q), per_page=1, snippets=False))
            found[q] = f">{results.total}" if results.more else results.total  # a backend that stops counting
    print(json.dumps(found))
    return 0


def choose_rare(candidates: list[tuple[str, int]], env: dict[str, str]) -> tuple[str, int]:
    """The first candidate the search itself finds in 3-10 documents, else the one it finds in the fewest."""
    found = {word: number if isinstance(number, int) else int(number.lstrip(">")) + 1
             for word, number in totals([word for word, _ in candidates], env).items()}
    low, high = RARE_DOCUMENTS
    return next(((w, found[w]) for w, _ in candidates if low <= found[w] <= high),
                min(((w, found[w]) for w, _ in candidates), key=lambda item: item[1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench.sqlite"), help="SQLite file with the data set")
    ap.add_argument("--copy-from", type=Path, help="copy this loaded SQLite file to --db first (read only)")
    ap.add_argument("--postgres", help="PostgreSQL URL of a database for the same data set (PostgreSQL backend)")
    ap.add_argument("--backends", default="whoosh,postgres", help="which to measure (postgres needs --postgres)")
    ap.add_argument("--floor-db", type=Path, default=Path("/tmp/floor.sqlite"))
    ap.add_argument("--rebuild", action="store_true", help="rebuild (and time) every index even if it is there")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run (at most 10)")
    ap.add_argument("--port", type=int, default=8303, help="our app's port (the floor's is the next one)")
    ap.add_argument("--signed-in-only", action="store_true", help="skip the visitor's pages")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "search.jsonl")
    ap.add_argument("--report", metavar="SESSION", help="only print the table of a session already in --out")
    ap.add_argument("--totals", nargs="+", help=argparse.SUPPRESS)  # internal: counts in the app's environment
    a = ap.parse_args()
    if a.totals:
        return _print_totals(a.totals)
    if a.report:
        table, ok = verdict_table(read_rows(a.out), a.report)
        print(table)
        return 0 if ok else 1
    a.duration = min(a.duration, 10)
    backends = [b for b in a.backends.split(",") if b == "whoosh" or a.postgres]
    if a.copy_from:
        print(f"copying {a.copy_from} to {a.db}", flush=True)
        shutil.copyfile(a.copy_from, a.db)
    envs = {backend: backend_env(backend, a.db, a.postgres) for backend in backends}
    print(f"CPU reference {cpu_reference()} ms (a million additions in Python; lower is faster)", flush=True)
    for backend, env in envs.items():
        ensure_loaded(env)
        if a.rebuild or index_missing(backend, env):
            figures = rebuild(env)
            print(f"REBUILD {backend}: {figures['wall_s']} s wall, {figures['cpu_s']} s CPU (flask process) "
                  f"- target under 120 s: {'yes' if figures['wall_s'] < 120 else 'NO'}", flush=True)

    engine = engine_of(f"sqlite:///{a.db}")
    with engine.connect() as connection:
        picks = pick_words(*read_text(connection))
        user = busiest_user(connection)
    engine.dispose()
    first = next(iter(envs.values()))
    rare, rare_found = choose_rare(picks.rare_candidates, first)
    searches = queries(picks.common, rare, picks.phrase)
    found = {backend: totals(list(searches.values()), env) for backend, env in envs.items()}
    print(f"common word {picks.common!r} ({picks.common_count:,} times in the posts), rare word {rare!r}, phrase "
          f"{' '.join(picks.phrase)!r} ({picks.phrase_count:,} times); documents found for a visitor: {found}",
          flush=True)
    doc = (f"Common word '{picks.common}' ({picks.common_count} times in the posts), rare word '{rare}' "
           f"({rare_found} documents), phrase '{' '.join(picks.phrase)}' ({picks.phrase_count} times); "
           f"documents found per backend: {json.dumps(found)}. {user} wrote the most posts and signs in.")
    suite = write_suite(ROOT / "bench" / "suites" / "search.json", searches, user, a.port, doc)
    names = [p["name"] for p in suite["pages"] if p.get("signed_in") or not a.signed_in_only]

    print(f"floor: {floor.init_db(a.floor_db)} topics in {a.floor_db}", flush=True)
    session = f"search {time.strftime('%Y-%m-%dT%H:%M')}"
    gunicorn = str(VENV_BIN / "gunicorn")
    common = {"session": session, "out": a.out, "repeat": a.repeat, "duration": a.duration}
    floor_suite = {**wrk.load_suite(FLOOR_SUITE), "base_url": f"http://127.0.0.1:{a.port + 1}"}
    floor_page = next(page for page in floor_suite["pages"] if page["name"] == FLOOR_PAGE)
    floor_suite["pages"] = [floor_page, {**floor_page, "name": FLOOR_PAGE + PACED,
                                         "connections": PACED_CONNECTIONS, "think_ms": THINK_MS}]
    wrk.run_suite(floor_suite, label="floor orm sync2", pages=[FLOOR_PAGE, FLOOR_PAGE + PACED],
                  server_cmd=f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:{a.port + 1} bench.floor:app",
                  server_env={"FLOOR_DB": str(a.floor_db)}, **common)
    for backend, env in envs.items():
        database = "sqlite" if backend == "whoosh" else "postgresql"
        print(f"CPU reference {cpu_reference()} ms before {backend}", flush=True)
        wrk.run_suite(suite, label=f"search {backend} {database} sync2", pages=names, server_env=env,
                      server_cmd=f"{gunicorn} -w 2 -k sync --timeout 120 -b 127.0.0.1:{a.port} wsgi:app", **common)
    print(f"CPU reference {cpu_reference()} ms at the end", flush=True)
    table, ok = verdict_table(read_rows(a.out), session)
    print(f"\n{table}\nEvery search page p95 <= {MAX_P95_MS:.0f} ms and >= {MIN_RPS:.0f} req/s: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
