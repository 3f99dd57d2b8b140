"""bench/dataset/generator.py: the spec's shape exactly, the same records for the same seed, consistent times."""
from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from itertools import islice

import pytest

from bench.dataset.generator import SPEC, Dataset


def small_spec(**changes) -> dict:
    spec = json.loads(SPEC.read_text())
    spec["users"]["count"], spec["categories"]["count"], spec["topics"]["count"] = 60, 4, 80
    spec["posts"].update(count=900, long_topics=[200, 100])
    spec["ideas"].update(supports=500)
    spec.update(changes)
    return spec


@pytest.fixture(scope="module")
def full() -> Dataset:
    return Dataset.from_file()


def test_the_spec_in_the_repository_has_the_benchmark_shape(full):
    targets = full.targets()
    assert (targets["users"], targets["categories"], targets["topics"], targets["posts"]) == (2000, 10, 5000, 100000)
    assert [topic.posts for topic in full.topics[:5]] == [3000, 2000, 1500, 1200, 1000]
    assert sum(topic.posts for topic in full.topics) == 100000 and min(t.posts for t in full.topics) == 1
    assert sum(topic.is_idea for topic in full.topics) == int(4995 * 0.2)
    assert targets["topics_per_category"][0] > 5000 / 4  # the first category holds about a third
    assert full.users[0].username == "admin" and len({user.username for user in full.users}) == 2000
    assert abs(sum(1 for _ in full.supports()) - 40000) < 100  # rounding per idea


def test_the_same_seed_gives_the_same_records():
    first, second = Dataset(small_spec()), Dataset(small_spec())
    assert first.topics == second.topics and first.users == second.users
    assert list(first.posts()) == list(second.posts())
    assert list(first.supports()) == list(second.supports())
    assert Dataset(small_spec(seed=1)).topics != first.topics


def test_posts_come_in_time_order_each_topic_opened_by_its_author():
    data = Dataset(small_spec())
    posts = list(data.posts())
    assert [post.index for post in posts] == list(range(900))
    assert all(a.created <= b.created for a, b in zip(posts, posts[1:]))
    per_topic = Counter(post.topic for post in posts)
    assert all(per_topic[topic.index] == topic.posts for topic in data.topics)
    seen: set[int] = set()
    for post in posts:
        assert post.first == (post.topic not in seen) and post.author != 0 and data.start <= post.created <= data.end
        if post.first:
            topic = data.topics[post.topic]
            assert (post.author, post.created) == (topic.author, topic.created)
        seen.add(post.topic)
    assert all(20 <= len(post.body) for post in posts) and max(len(post.body) for post in posts) <= 8000 * 1.5


def test_bodies_do_not_depend_on_how_many_posts_are_taken_or_on_with_body():
    data = Dataset(small_spec())
    prefix = list(islice(data.posts(), 50))
    assert prefix == list(data.posts())[:50]
    skeleton = [(p.topic, p.author, p.created, p.first) for p in data.posts(with_body=False)]
    assert skeleton == [(p.topic, p.author, p.created, p.first) for p in data.posts()]


def test_supports_are_one_per_user_and_idea_after_the_idea_started():
    data = Dataset(small_spec())
    supports = list(data.supports())
    pairs = [(support.topic, support.user) for support in supports]
    assert len(pairs) == len(set(pairs)) and 0 < len(pairs) <= 500  # at most 59 supporters an idea here
    for support in supports:
        topic = data.topics[support.topic]
        assert topic.is_idea and support.user != 0 and topic.created <= support.created <= data.end


def test_a_later_end_moves_every_time_and_nothing_else():
    before = Dataset(small_spec())
    later = Dataset.from_file(SPEC, end=before.end + timedelta(days=100))
    assert later.end - Dataset.from_file().end == timedelta(days=100)
    moved = Dataset(small_spec(end=(before.end + timedelta(days=100)).isoformat()))
    assert [(p.topic, p.body) for p in moved.posts()] == [(p.topic, p.body) for p in before.posts()]
    assert {b.created - a.created for a, b in zip(before.posts(), moved.posts())} == {timedelta(days=100)}


def test_a_spec_with_fewer_posts_than_topics_is_refused():
    spec = small_spec()
    spec["posts"].update(count=250, long_topics=[200, 100])
    with pytest.raises(ValueError, match="fewer posts than topics"):
        Dataset(spec)
