"""bench/run_forums.py: the suite it writes (each page anonymous and signed in) and its verdict against the floor."""
from __future__ import annotations

from bench import run_forums, wrk
from bench.dataset.forums import BENCH_PASSWORD

TARGETS = {"slug": "big", "threads": 1707, "deep_page": 80, "heavy": 1, "heavy_posts": 3000, "small": 66,
           "user": "frieda1156", "ideas": 999, "idea": 238, "idea_supports": 900}


def test_the_written_suite_loads_and_signs_the_busiest_user_in(tmp_path):
    run_forums.write_suite(tmp_path / "forums.json", TARGETS)
    suite = wrk.load_suite(tmp_path / "forums.json")
    names = [page["name"] for page in suite["pages"]]
    assert len(names) == 20 and "category_p80_deep_signed_in" in names
    assert suite["login"] == {"path": "/login", "form": {"login": "frieda1156", "password": BENCH_PASSWORD}}
    signed_in = {page["path"] for page in suite["pages"] if page.get("signed_in")}
    assert signed_in == {page["path"] for page in suite["pages"] if not page.get("signed_in")}
    assert "/forums/big?page=80" in signed_in and "/ideas/238" in signed_in


def row(label, page, rps, **extra):
    return {"session": "s", "label": label, "page": page, "rps": rps, "lat_p50_ms": 1.0, "non2xx": 0,
            "socket_errors": 0, "bytes": 10, "other_load_pct": None, **extra}


def test_only_anonymous_cached_pages_decide_the_verdict():
    rows = [row("floor orm sync2", run_forums.FLOOR_PAGE, 1000.0), row("forums sqlite sync2", "index", 600.0),
            row("forums sqlite sync2", "index_signed_in", 100.0, signed_in=True),
            row("forums sqlite sync2 uncached", "index", 100.0)]
    text, ok = run_forums.share_table(rows, "s")
    assert ok and "| forums sqlite sync2 | index | no | 600.0 | 1.0 | 10 | 0 | – | 60% ok |" in text
    assert "| forums sqlite sync2 | index | yes | 100.0 |" in text and "10% BELOW" not in text
    _, ok = run_forums.share_table([*rows, row("forums sqlite sync2", "thread", 400.0)], "s")
    assert not ok
