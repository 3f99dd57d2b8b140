"""bench/words.py: screening a typical post against 5,000 watched words costs a small share of the floor's 20-row
ORM page measured in the same run (a generous bound: a share, not a time, so a busy machine does not fail it)."""
from __future__ import annotations

import json

from bench import words as bench_words
from app.trust.words import normalise


def test_the_watched_words_and_posts_are_the_same_on_every_run():
    words = bench_words.watched_words()
    assert len(words) == len(set(words)) == 5000 and words == bench_words.watched_words()
    posts = bench_words.typical_posts()
    assert posts == bench_words.typical_posts() and 250 < sum(map(len, posts)) / len(posts) < 600


def test_the_unicode_posts_take_the_slow_path_and_fold_back():
    post = bench_words.with_unicode(bench_words.typical_posts()[0])
    assert not post.isascii() and "\u200b" in post
    assert "strasse" in normalise(post) and "paypal" in normalise(post)


def test_screening_a_post_against_5000_words_is_a_small_share_of_the_floor_page(tmp_path):
    figures = bench_words.measure(rounds=3)
    print(json.dumps(figures))  # the run's figures, for whoever looks at the output
    assert figures["words"] == 5000 and figures["hits_per_post"] > 0
    assert figures["screen_ascii_share_of_floor"] < 0.5, figures
    assert figures["screen_unicode_share_of_floor"] < 1.0, figures
    assert figures["screen_ascii_us"] < figures["alternation_us"], figures  # the trie pays off


def test_the_command_prints_and_appends_one_json_line(tmp_path, capsys):
    out = tmp_path / "words.jsonl"
    assert bench_words.main(["--words", "200", "--rounds", "1", "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert json.loads(out.read_text()) == printed and printed["words"] == 200
