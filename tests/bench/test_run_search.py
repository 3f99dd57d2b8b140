"""bench/run_search.py: the words it picks from the data set's text, the suite it writes, and its verdict."""
from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import func, select

from app.extensions import db
from bench import run_search, search_verdict, wrk
from bench.dataset.forums import BENCH_PASSWORD
from forums.models import Post, Thread


def test_stop_words_sentence_ends_titles_and_leading_parts_shape_the_picks():
    bodies = ["Lane. Park. Lane. Park. Lane. Park. Lane. Park.", "The bus lane and the bus lane", "bus lane",
              "Kelfelros, solo wordy kelfel."]
    picks = run_search.pick_words(bodies, titles=["A wordy title"])
    assert picks.common == "lane" and picks.common_count == 7  # "the" and "and" are stop words
    assert picks.phrase == ("bus", "lane") and picks.phrase_count == 3  # "Lane. Park." (4 times) ends a sentence
    candidates = dict(picks.rare_candidates)
    assert "wordy" not in candidates  # in a title: every reply of the thread would carry it
    assert "kelfel" not in candidates  # "kelfelros" starts with it: a German prefix search finds both
    assert candidates["kelfelros"] == 1 and "solo" not in candidates  # four letters: too short to stand alone


def test_picks_and_suite_on_the_small_data_set(app, run, tmp_path):
    result = run(app, "--limit-posts", "400")  # enough text for the picks; the whole small set costs seconds
    assert result.exit_code == 0, result.output
    with app.app_context():
        connection = db.session.connection()
        bodies, titles = run_search.read_text(connection)
        picks = run_search.pick_words(bodies, titles)
        user = run_search.busiest_user(connection)
        assert len(bodies) == db.session.scalar(select(func.count(Post.id)))
        assert len(titles) > db.session.scalar(select(func.count(Thread.id)))  # and the category slugs
        most = db.session.execute(select(Post.author_id, func.count()).group_by(Post.author_id)
                                  .order_by(func.count().desc()).limit(2)).all()
    assert most[0][1] > most[1][1]  # the busiest user is one user

    words = Counter(w for body in bodies for w in re.findall(r"[a-z]+", body.lower()))
    content = [w for w, _ in words.most_common() if w not in run_search.STOP_WORDS and len(w) >= 3]
    assert picks.common == content[0] and picks.common_count == words[picks.common]
    assert words["the"] > words[picks.common]  # a stop word outnumbers it
    phrase = " ".join(picks.phrase)
    assert sum(body.lower().count(phrase) for body in bodies) >= picks.phrase_count > 1
    title_words = {w for title in titles for w in re.findall(r"[a-z]+", title.lower())}
    for word, posts in picks.rare_candidates:
        assert word not in title_words
        assert posts == sum(word in re.findall(r"[a-z]+", body.lower()) for body in bodies)
    rare = picks.rare_candidates[0][0]

    searches = run_search.queries(picks.common, rare, picks.phrase)
    run_search.write_suite(tmp_path / "search.json", searches, user, 8303)
    suite = wrk.load_suite(tmp_path / "search.json")
    assert suite["base_url"] == "http://127.0.0.1:8303"
    assert suite["login"] == {"path": "/login", "form": {"login": user, "password": BENCH_PASSWORD}}
    paths = {page["name"]: page["path"] for page in suite["pages"] if not page["name"].endswith("_paced")}
    assert paths == {
        "search_common": f"/search?q={picks.common}", "search_rare": f"/search?q={rare}",
        "search_phrase": f"/search?q=%22{picks.phrase[0]}+{picks.phrase[1]}%22",
        **{f"{name}_signed_in": f"/search?q={q}" for name, q in (
            ("search_common", picks.common), ("search_rare", rare),
            ("search_phrase", f"%22{picks.phrase[0]}+{picks.phrase[1]}%22"))}}
    assert [page["name"] for page in suite["pages"] if page.get("signed_in")] == [
        "search_common_signed_in", "search_rare_signed_in", "search_phrase_signed_in",
        "search_common_signed_in_paced", "search_rare_signed_in_paced", "search_phrase_signed_in_paced"]
    paced = [page for page in suite["pages"] if page["name"].endswith("_paced")]
    assert {page["name"].removesuffix("_paced"): page["path"] for page in paced} == paths
    # 4 connections pausing 100 ms offer 25 req/s exactly when the answers take 60 ms: 4 / (0.1 + 0.06)
    assert {(page["connections"], page["think_ms"]) for page in paced} == {(4, 100)}
    assert "ANONYMOUS_PAGE_CACHE_SECONDS=0" in suite["_doc"]


def test_the_app_runs_without_the_page_cache_on_either_backend(tmp_path):
    whoosh = run_search.backend_env("whoosh", tmp_path / "b.sqlite", None)
    postgres = run_search.backend_env("postgres", tmp_path / "b.sqlite", "postgresql+psycopg://root@127.0.0.1/x")
    assert whoosh["ANONYMOUS_PAGE_CACHE_SECONDS"] == postgres["ANONYMOUS_PAGE_CACHE_SECONDS"] == "0"
    assert whoosh["SEARCH_INDEX_DIR"] == str(tmp_path / "b.sqlite.search-index")
    assert (whoosh["SEARCH_BACKEND"], postgres["SEARCH_BACKEND"]) == ("whoosh", "postgres")


def row(label, page, rps, p95, **extra):
    return {"session": "s", "label": label, "page": page, "rps": rps, "lat_p50_ms": 5.0, "lat_p95_ms": p95,
            "non2xx": 0, "socket_errors": 0, "bytes": 10, "other_load_pct": 40.0, **extra}


def test_every_search_page_must_answer_25_requests_per_second_within_60_ms():
    rows = [row("floor orm sync2", search_verdict.FLOOR_PAGE, 200.0, 90.0),  # the floor is never judged
            row("floor orm sync2", search_verdict.FLOOR_PAGE + "_paced", 25.5, 4.0),
            row("search whoosh sqlite sync2", "search_common", 50.0, 160.0),  # the queue of 8 connections
            row("search whoosh sqlite sync2", "search_common_paced", 25.0, 60.0),
            row("search whoosh sqlite sync2", "search_rare_signed_in", 60.0, 150.0, signed_in=True),
            row("search whoosh sqlite sync2", "search_rare_signed_in_paced", 26.0, 20.0, signed_in=True)]
    text, ok = search_verdict.verdict_table(rows, "s")
    assert ok, text
    assert ("| search whoosh sqlite sync2 | search_common | no | 50.0 | 25% | 25.0 | 5.0 | 60.0 | 10 | 0 | 40 "
            "| yes |") in text
    assert "| search whoosh sqlite sync2 | search_rare | yes | 60.0 | 30% | 26.0 |" in text
    assert "| floor orm sync2 | floor_list20_orm | no | 200.0 | 100% | 25.5 | 5.0 | 4.0 |" in text
    for bad in ([row("search postgres sync2", "search_phrase_paced", 24.9, 10.0)],  # too few
                [row("search postgres sync2", "search_phrase_paced", 25.0, 60.1)],  # too slow
                [row("search postgres sync2", "search_phrase_paced", 25.0, 10.0, non2xx=3)],  # errors
                [row("search postgres sync2", "search_phrase", 90.0, 10.0, socket_errors=1),  # errors at capacity
                 row("search postgres sync2", "search_phrase_paced", 25.0, 10.0)],
                [row("search postgres sync2", "search_phrase", 90.0, 10.0)]):  # never measured at the steady load
        text, ok = search_verdict.verdict_table([*rows, *bad], "s")
        assert not ok and "| search_phrase | no |" in text and "| **no** |" in text
