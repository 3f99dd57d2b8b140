"""The floor: the fastest a Flask + Jinja + SQLAlchemy page can be on this machine, served like our app.

Our pages are measured next to it in the same run (bench/wrk.py, bench/run_forums.py), so a figure reads as a
share of what the stack itself allows, whatever the machine and its other load.

    /hello            plain text: no template, no database (the request machinery alone)
    /list?page=N      one SQLAlchemy ORM query (20 topics of a category, newest activity first, LIMIT/OFFSET on
                      an index) rendered by a Jinja template that extends a layout, one `url_for` per row
                      (`&category=N` picks the category; default 1, the data set's biggest)

Build the table from our data set (bench/dataset/generator.py), then serve it with the settings of our app:

    .venv/bin/python -m bench.floor --init /tmp/floor.sqlite [--spec bench/dataset/spec.json]
    FLOOR_DB=/tmp/floor.sqlite .venv/bin/gunicorn -w 2 -k sync -b 127.0.0.1:8302 bench.floor:app

It knows nothing of our app: its own engine and mapped class, no Flask extension.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

from flask import Flask, render_template, request
from jinja2 import DictLoader
from sqlalchemy import Engine, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

PER_PAGE = 20
TEMPLATES = {
    "floor_base.html": """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}Floor{% endblock %}</title></head>
<body>
<nav><a href="{{ url_for('hello') }}">home</a></nav>
<main>{% block content %}{% endblock %}</main>
<footer>rendered {{ now }}</footer>
</body>
</html>
""",
    "floor_list.html": """{% extends "floor_base.html" %}
{% block title %}Topics, page {{ page }}{% endblock %}
{% block content %}
<h1>Category {{ category }}, page {{ page }}</h1>
<table>
  <thead><tr><th>Topic</th><th>Author</th><th>Posts</th><th>Last activity</th></tr></thead>
  <tbody>
  {% for topic in topics %}
    <tr class="{{ loop.cycle('odd', 'even') }}">
      <td><a href="{{ url_for('topics', category=category, page=page) }}#t{{ topic.id }}">{{ topic.title }}</a></td>
      <td>{{ topic.username }}</td>
      <td>{{ topic.post_count }}</td>
      <td>{{ topic.last_posted_at[:16]|replace('T', ' ') }}</td>
    </tr>
  {% endfor %}
  </tbody>
</table>
{% endblock %}
""",
}


class Base(DeclarativeBase):
    pass


class Topic(Base):
    """One row of the floor's only table: what a category page lists of a topic."""

    __tablename__ = "topic"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String)
    username: Mapped[str] = mapped_column(String)
    post_count: Mapped[int] = mapped_column(Integer)
    last_posted_at: Mapped[str] = mapped_column(String)  # ISO 8601, as SQLite keeps it


def create_app(db_path: str | Path) -> Flask:
    """The floor app on the SQLite file at `db_path` (built by `init_db`); the engine is `app.extensions["floor"]`."""
    app = Flask(__name__)
    app.jinja_loader = DictLoader(TEMPLATES)
    engine: Engine = create_engine(f"sqlite:///{db_path}")
    app.extensions["floor"] = engine

    @app.get("/hello")
    def hello() -> str:
        return "Hello, World!"

    @app.get("/list")
    def topics() -> str:
        page = max(1, request.args.get("page", 1, type=int))
        category = request.args.get("category", 1, type=int)
        query = (select(Topic).where(Topic.category_id == category).order_by(Topic.last_posted_at.desc())
                 .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
        with Session(engine) as session:
            rows = session.scalars(query).all()
            return render_template("floor_list.html", topics=rows, page=page, category=category,
                                   now=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    return app


def init_db(path: str | Path, spec: str | Path | None = None) -> int:
    """Write the floor's table to a fresh SQLite file at `path` from the data set of `spec` (default: ours):
    one row per topic with its category, author, number of posts and the time of its last post. Returns the
    number of rows."""
    from bench.dataset.generator import Dataset

    data = Dataset.from_file(spec)
    last_post = {post.topic: post.created for post in data.posts(with_body=False)}  # time order: the last wins
    rows = [(topic.index + 1, topic.category + 1, topic.title, data.users[topic.author].username, topic.posts,
             last_post[topic.index].isoformat()) for topic in data.topics]
    path = Path(path)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE topic (id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL, "
                           "title TEXT NOT NULL, username TEXT NOT NULL, post_count INTEGER NOT NULL, "
                           "last_posted_at TEXT NOT NULL)")
        connection.executemany("INSERT INTO topic VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute("CREATE INDEX ix_topic_category_last ON topic (category_id, last_posted_at)")
        connection.execute("ANALYZE")
    connection.close()
    return len(rows)


# For gunicorn (`bench.floor:app`): the engine connects on the first request, so importing this is cheap.
app = create_app(os.environ.get("FLOOR_DB", "/tmp/floor.sqlite"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--init", metavar="DB", type=Path, required=True, help="SQLite file to (re)build")
    parser.add_argument("--spec", type=Path, help="the data set's shape (default: bench/dataset/spec.json)")
    args = parser.parse_args(argv)
    print(f"wrote {init_db(args.init, args.spec)} topics to {args.init}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
