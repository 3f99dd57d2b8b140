"""Watched words: how long screening a typical post against 5,000 watched words takes, next to the floor.

A time alone says little on a shared machine; next to the floor's 20-row ORM page (bench/floor.py, rendered
in-process through its test client) measured in the same run it says what share of the cheapest page of the stack
the screen adds to a write. Measured per post (median of several rounds over the same posts):

    screen_ascii_us     `Matcher.find` on typical posts of the data set (pseudo-English, ~350 characters)
    screen_unicode_us   the same posts with umlauts, ß, a fullwidth word, a zero-width space and Cyrillic
                        look-alikes in them (the slow path of `fold`: character by character)
    alternation_us      for comparison: the same words as one plain alternation `(?<!\\w)(?:w1|w2|...)(?!\\w)`
                        instead of the trie the matcher compiles
    floor_list20_orm_us the floor's `/list` page in-process (one ORM query for 20 rows, a Jinja template)
    build_ms            compiling the matcher of 5,000 words (once per process and change of the list)

    .venv/bin/python -m bench.words [--words 5000] [--floor-db /tmp/floor.sqlite] [--out bench/results/words.jsonl]

Without `--floor-db` the floor's table is built from a small spec in a temporary folder (its page reads 20 rows
either way). The figures go to stdout as one JSON line (and are appended to `--out`).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

WORDS = 5000
POSTS = 40
ROUNDS = 7
SEED = 16


def typical_posts(count: int = POSTS, seed: int = SEED) -> list[str]:
    """`count` post bodies of the data set's text generator (about 350 characters, as the data set's median)."""
    from bench.dataset.generator import SPEC, Text

    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    text = Text(spec["text"], rng)
    median = spec["posts"]["length_median"]
    return [text.body(rng, median) for _ in range(count)]


def watched_words(count: int = WORDS, seed: int = SEED) -> list[str]:
    """`count` distinct words: a fifth from the data set's vocabulary past its 500 most frequent words (so posts
    contain some), the rest made up, a few of them phrases of two words."""
    from bench.dataset.generator import SPEC, Text

    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    rng = random.Random(seed + 1)
    vocabulary = Text(spec["text"], random.Random(seed)).words
    chosen = set(rng.sample(vocabulary[500:], count // 5))
    while len(chosen) < count:
        word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß") for _ in range(rng.randint(4, 11)))
        chosen.add(word if rng.random() > 0.05 else f"{word} {rng.choice(vocabulary)}")
    return sorted(chosen)


def with_unicode(post: str) -> str:
    """The post with the characters that take `fold`'s slow path: umlauts, ß, fullwidth letters, a zero-width
    space inside a word and Cyrillic look-alikes."""
    tricky = ["Straße", "Ｗｏｒｔ", "grüße", "wi\u200bndow", "раураl", "cafe\u0301"]
    words = post.split(" ")
    for number, place in enumerate(range(1, len(words), 7)):
        words[place] = tricky[number % len(tricky)]
    return " ".join(words)


def per_call_us(call: Callable[[], object], items: int, rounds: int = ROUNDS) -> float:
    """Median over `rounds` of the time of one `call()` (which handles `items` items), per item, in µs."""
    call()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) / items)
    return statistics.median(times) * 1e6


def floor_page_us(floor_db: Path, rounds: int = ROUNDS, pages: int = 40) -> float:
    """The floor's `/list` page (20 rows, one ORM query) rendered in-process, per page in µs."""
    from bench import floor

    client = floor.create_app(floor_db).test_client()

    def load() -> None:
        for _ in range(pages):
            assert client.get("/list").status_code == 200

    return per_call_us(load, pages, rounds)


def small_floor(folder: Path) -> Path:
    """A floor table of a small spec (80 topics in 4 categories) in `folder`."""
    from bench import floor
    from bench.dataset.generator import SPEC

    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    spec["users"]["count"], spec["categories"]["count"], spec["topics"]["count"] = 60, 4, 80
    spec["posts"].update(count=900, long_topics=[200, 100])
    spec["ideas"].update(supports=500)
    (folder / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    floor.init_db(folder / "floor.sqlite", folder / "spec.json")
    return folder / "floor.sqlite"


def measure(word_count: int = WORDS, floor_db: Path | None = None, rounds: int = ROUNDS) -> dict:
    """The figures of the module's docstring, as a dict (times in µs, the build in ms, shares of the floor)."""
    from app.trust.models import WordAction
    from app.trust.words import Entry, Matcher, normalise, normalise_word

    words = watched_words(word_count)
    entries = [Entry(normalise_word(word), word, WordAction.BLOCK) for word in words]
    start = time.perf_counter()
    matcher = Matcher(entries)
    build_ms = (time.perf_counter() - start) * 1e3
    posts = typical_posts()
    unicode_posts = [with_unicode(post) for post in posts]
    alternation = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(e.normalised) for e in entries) + r")(?!\w)")

    def screen(texts: list[str]) -> Callable[[], int]:
        return lambda: sum(len(matcher.find(text)) for text in texts)

    figures = {
        "words": word_count, "posts": len(posts),
        "post_chars": round(statistics.mean(len(post) for post in posts)),
        "hits_per_post": round(screen(posts)() / len(posts), 2),
        "build_ms": round(build_ms, 1),
        "screen_ascii_us": per_call_us(screen(posts), len(posts), rounds),
        "screen_unicode_us": per_call_us(screen(unicode_posts), len(posts), rounds),
        "alternation_us": per_call_us(lambda: [alternation.findall(normalise(p)) for p in posts], len(posts), 3),
    }
    if floor_db is None:
        with tempfile.TemporaryDirectory() as folder:
            figures["floor_list20_orm_us"] = floor_page_us(small_floor(Path(folder)), rounds)
    else:
        figures["floor_list20_orm_us"] = floor_page_us(floor_db, rounds)
    for name in ("screen_ascii_us", "screen_unicode_us", "alternation_us"):
        figures[name.replace("_us", "_share_of_floor")] = round(figures[name] / figures["floor_list20_orm_us"], 3)
    for name in [key for key in figures if key.endswith("_us")]:
        figures[name] = round(figures[name], 1)
    figures["measured_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=WORDS, help="how many watched words (default 5000)")
    parser.add_argument("--floor-db", type=Path, help="the floor's SQLite file (python -m bench.floor --init)")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--out", type=Path, help="append the figures as a JSON line to this file")
    args = parser.parse_args(argv)
    figures = measure(args.words, args.floor_db, args.rounds)
    line = json.dumps(figures)
    print(line)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
