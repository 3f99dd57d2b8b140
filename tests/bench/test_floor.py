"""bench/floor.py: the floor's table from our data set, its bare route and its 20-row page of one ORM query."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest
from sqlalchemy import event

from bench import floor
from bench.dataset.generator import SPEC, Dataset


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small data set (4 categories, 80 topics) and the floor built from it."""
    spec = json.loads(SPEC.read_text())
    spec["users"]["count"], spec["categories"]["count"], spec["topics"]["count"] = 60, 4, 80
    spec["posts"].update(count=900, long_topics=[200, 100])
    spec["ideas"].update(supports=500)
    folder = tmp_path_factory.mktemp("floor")
    (folder / "spec.json").write_text(json.dumps(spec))
    rows = floor.init_db(folder / "floor.sqlite", folder / "spec.json")
    return Dataset(spec), folder / "floor.sqlite", rows


def test_the_table_has_one_row_per_topic_of_the_data_set(small):
    data, path, rows = small
    assert rows == len(data.topics) == 80
    with sqlite3.connect(path) as connection:
        first = connection.execute("SELECT id, category_id, title, username, post_count FROM topic "
                                   "WHERE id = 1").fetchone()
        last_posts = dict(connection.execute("SELECT id, last_posted_at FROM topic"))
    connection.close()
    topic = data.topics[0]
    assert first == (1, topic.category + 1, topic.title, data.users[topic.author].username, 200)
    newest = max(post.created for post in data.posts(with_body=False) if post.topic == 0)
    assert last_posts[1] == newest.isoformat()


def test_hello_is_plain_text(small):
    response = floor.create_app(small[1]).test_client().get("/hello")
    assert response.status_code == 200 and response.data == b"Hello, World!"


def test_the_list_shows_20_rows_newest_first_from_one_query(small):
    data, path, _ = small
    app = floor.create_app(path)
    statements: list[str] = []
    event.listen(app.extensions["floor"], "before_cursor_execute",
                 lambda conn, cursor, statement, *args: statements.append(statement))
    client = app.test_client()
    response = client.get("/list")
    assert response.status_code == 200 and len(statements) == 1
    assert "LIMIT" in statements[0] and "ORDER BY topic.last_posted_at DESC" in statements[0]
    html = response.get_data(as_text=True)
    assert html.count("<tr class=") == floor.PER_PAGE and 'href="/hello"' in html  # the layout is there
    in_category = sorted((t for t in data.topics if t.category == 0), key=lambda t: t.index)
    assert sum(topic.title in html for topic in in_category) >= floor.PER_PAGE - 1  # titles may repeat words


def test_pages_follow_each_other_without_overlap(small):
    data, path, _ = small
    client = floor.create_app(path).test_client()
    ids = [set(re.findall(r"#t(\d+)", client.get(f"/list?page={page}").get_data(as_text=True)))
           for page in (1, 2)]
    in_category = {str(topic.index + 1) for topic in data.topics if topic.category == 0}
    assert 20 < len(in_category) < 40 and len(ids[0]) == 20 and len(ids[1]) == len(in_category) - 20
    assert ids[0] | ids[1] == in_category
    assert client.get("/list?page=99").get_data(as_text=True).count("<tr class=") == 0
