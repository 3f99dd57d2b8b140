"""A small benchmark data set for tests: the repository's spec scaled down, so a load takes tenths of a second.

The generator's cost grows with the spec (the full one schedules 100,000 posts and 40,000 supports before the
first row is written), and most tests only need the shape: counters, ids, a reset. Tests that check the
repository's own spec read bench/dataset/spec.json itself (tests/bench/test_generator.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from bench.dataset.generator import SPEC

USERS = 300
CATEGORIES = 10
TOPICS = 600
POSTS = 6000
SUPPORTS = 4000


def write_small_spec(directory: Path) -> Path:
    """The repository's spec with fewer users, topics, posts and supports, written to `directory`; its path."""
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    spec["users"]["count"] = USERS
    spec["categories"]["count"] = CATEGORIES
    spec["topics"]["count"] = TOPICS
    spec["posts"].update(count=POSTS, long_topics=[400, 300, 200, 150, 100])
    spec["ideas"]["supports"] = SUPPORTS
    path = directory / "small-spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path
