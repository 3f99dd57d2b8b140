"""`flask bench load-dataset`: the benchmark data set in our tables, with counters a live forum would have."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.auth.passwords import verify_password
from app.extensions import db
from app.models import Subject
from app.text import PIPELINE_VERSION
from app.users.models import User, UserRole
from bench.dataset.generator import SPEC
from dataset_spec import TOPICS, USERS
from factories import make_user
from forums import services
from forums.cooking import cook
from bench.dataset.forums import BENCH_PASSWORD, Extra, add_extra, valid_username
from forums.models import ForumCategory, Post, Thread

LIMIT = 600


def scalar(statement):
    return db.session.execute(statement).scalar_one()


def test_a_limited_load_gives_exact_counters_and_cooked_posts(app, run):
    result = run(app, "--limit-posts", str(LIMIT))
    assert result.exit_code == 0, result.output
    assert "posts in" in result.output and "/forums/" in result.output and "/u/" in result.output

    with app.app_context():
        assert scalar(select(func.count(Post.id))) == LIMIT
        assert scalar(select(func.count(User.id))) == USERS
        assert scalar(select(func.count(ForumCategory.id))) == 10
        threads = db.session.execute(select(Thread)).scalars().all()
        assert threads and scalar(select(func.count(Post.id)).where(Post.depth == 0)) == len(threads)
        assert {thread.language for thread in threads} == {"en"}  # the spec's text is English

        # Each thread: its counters agree with its posts.
        stats = {row.thread_id: row for row in db.session.execute(
            select(Post.thread_id, func.count(Post.id).label("posts"), func.max(Post.number).label("highest"),
                   func.min(Post.number).label("lowest"), func.max(Post.created_at).label("last"))
            .group_by(Post.thread_id))}
        for thread in threads:
            row = stats[thread.id]
            assert (row.lowest, row.highest, row.posts) == (1, thread.highest_post_number, thread.reply_count + 1)
            assert thread.last_posted_at == row.last
            last_post = db.session.execute(select(Post).where(
                Post.thread_id == thread.id, Post.number == thread.highest_post_number)).scalar_one()
            assert thread.last_poster_id == last_post.author_id
            assert thread.created_at <= thread.last_posted_at

        # Categories: threads and posts add up, overall and one by one.
        categories = db.session.execute(select(ForumCategory)).scalars().all()
        assert sum(c.thread_count for c in categories) == len(threads)
        assert sum(c.post_count for c in categories) == LIMIT == sum(t.reply_count + 1 for t in threads)
        for category in categories:
            mine = [t for t in threads if t.category_id == category.id]
            assert category.thread_count == len(mine)
            assert category.post_count == sum(t.reply_count + 1 for t in mine)
            assert category.last_posted_at == max((t.last_posted_at for t in mine), default=None)
            assert category.names["de"] and category.names["en"] and re.fullmatch(r"[a-z0-9-]+", category.slug)

        # Posts: openings and flat replies, numbered in time order, cooked once with the current pipeline.
        posts = db.session.execute(select(Post).order_by(Post.id)).scalars().all()
        for post in posts:
            if post.number == 1:
                assert (post.depth, post.root_id, post.sort_path) == (0, None, "")
            else:
                assert (post.depth, post.root_id, post.sort_path) == (1, post.id, f"{post.number:08d}")
            assert post.parent_id is None and post.cooked_version == PIPELINE_VERSION
        assert all(a.created_at <= b.created_at for a, b in zip(posts, posts[1:]))
        for post in posts[:50]:
            assert post.body_html == cook(post.body_md, []) and post.body_html.startswith("<p>")

        # Every thread and post has a Subject of its own.
        assert scalar(select(func.count(Subject.id)).where(Subject.kind == "post")) == LIMIT
        assert scalar(select(func.count(Subject.id)).where(Subject.kind == "thread")) == len(threads)
        assert scalar(select(func.count(func.distinct(Post.subject_id)))) == LIMIT

        # Users: valid names, confirmed members, one shared password hash that works.
        users = db.session.execute(select(User)).scalars().all()
        assert all(re.fullmatch(r"[a-z0-9_]{3,30}", u.username) for u in users)
        assert all(u.email == f"{u.username}@example.invalid" and u.is_confirmed for u in users)
        assert len({u.password_hash for u in users}) == 1
        assert verify_password(users[0].password_hash, BENCH_PASSWORD)
        assert scalar(select(func.count()).select_from(UserRole).where(UserRole.role == "member")) == USERS


def test_the_loaded_forum_takes_new_posts_with_the_next_ids(app, run):
    assert run(app, "--limit-posts", "300").exit_code == 0
    with app.app_context():
        thread = db.session.execute(select(Thread).order_by(Thread.reply_count.desc()).limit(1)).scalar_one()
        highest, replies = thread.highest_post_number, thread.reply_count
        category_posts = thread.category.post_count
        author = db.session.execute(select(User).where(User.username != "admin").limit(1)).scalar_one()
        post = services.reply(author, thread, "One more, after the load.")
        assert post.id == 301 and post.number == highest + 1
        db.session.refresh(thread)
        assert thread.reply_count == replies + 1 and thread.category.post_count == category_posts + 1
        other = services.create_thread(author, thread.category, title="A new thread", body_md="Hello.")
        assert other.id > scalar(select(func.max(Thread.id)).where(Thread.id != other.id))


def test_end_now_moves_the_time_line_but_not_the_content(app, run):
    assert run(app, "--limit-posts", "300").exit_code == 0
    with app.app_context():
        fixed = db.session.execute(select(Post.id, Post.created_at, Post.body_md).order_by(Post.id)).all()
    assert run(app, "--limit-posts", "300", "--reset", "--end-now").exit_code == 0
    with app.app_context():
        moved = db.session.execute(select(Post.id, Post.created_at, Post.body_md).order_by(Post.id)).all()
    assert [(row.id, row.body_md) for row in moved] == [(row.id, row.body_md) for row in fixed]
    shift = moved[0].created_at - fixed[0].created_at
    assert shift > timedelta(days=1)
    assert all(new.created_at - old.created_at == shift for new, old in zip(moved, fixed))
    assert max(row.created_at for row in moved) <= datetime.now(timezone.utc)


def test_it_refuses_to_load_twice_unless_told_to_reset(app, run):
    assert run(app, "--limit-posts", "100").exit_code == 0
    again = run(app, "--limit-posts", "100")
    assert again.exit_code != 0 and "--reset" in again.output
    reset = run(app, "--limit-posts", "150", "--reset")
    assert reset.exit_code == 0, reset.output
    with app.app_context():
        assert scalar(select(func.count(Post.id))) == 150
        assert scalar(select(func.count(User.id))) == USERS
        forum_subjects = select(func.count(Subject.id)).where(Subject.kind.in_(("thread", "post")))
        assert scalar(forum_subjects) == 150 + scalar(select(func.count(Thread.id)))  # ideas: tests/ideas


def test_extras_load_after_the_forum_rows_and_are_reset_with_them(app, run):
    calls: list[tuple] = []
    state = {"has_data": True}

    def load(ctx) -> list[str]:
        threads = scalar(select(func.count(Thread.id)))  # the forum rows are written (not yet committed)
        calls.append(("load", len(ctx.threads), threads, len(ctx.users), len(ctx.ds.topics)))
        with ctx.progress("Extra rows", 3) as bar:
            bar.update(3)
        return ["Extra: 3 rows"]

    add_extra(app, Extra("extra", has_data=lambda: state["has_data"], load=load,
                         reset=lambda: calls.append(("reset",))))
    refused = run(app, "--limit-posts", "100")  # no forum rows, but the extra has data of its own
    assert refused.exit_code != 0 and "--reset" in refused.output and calls == []

    result = run(app, "--limit-posts", "100", "--reset")

    assert result.exit_code == 0, result.output
    assert "Extra: 3 rows" in result.output and "(extra loaded in" in result.output
    with app.app_context():
        threads = scalar(select(func.count(Thread.id)))
    assert calls == [("reset",), ("load", threads, threads, USERS, TOPICS)]


def test_a_dataset_name_taken_by_an_existing_account_maps_to_that_account(app, run):
    with app.app_context():
        admin_id = make_user("admin").id
    assert run(app, "--limit-posts", "50").exit_code == 0
    with app.app_context():
        assert scalar(select(func.count(User.id))) == USERS  # all new but the existing "admin"
        assert db.session.get(User, admin_id).email == "admin@example.org"


def test_it_refuses_in_production_unless_forced(app, run):
    app.config["ENV_NAME"] = "production"
    result = run(app, "--limit-posts", "10")
    assert result.exit_code != 0 and "production" in result.output
    with app.app_context():
        assert scalar(select(func.count(Post.id))) == 0


def test_a_missing_spec_is_a_clear_error(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["bench", "load-dataset", "--spec", str(tmp_path / "nowhere.json")])
    assert result.exit_code != 0 and "nowhere.json" in result.output


def test_another_spec_gives_another_shape(app, tmp_path):
    spec = json.loads(SPEC.read_text())
    spec["users"]["count"], spec["categories"]["count"], spec["topics"]["count"] = 50, 3, 40
    spec["posts"].update(count=400, long_topics=[100, 50])
    path = tmp_path / "small.json"
    path.write_text(json.dumps(spec))

    result = app.test_cli_runner().invoke(args=["bench", "load-dataset", "--spec", str(path)])

    assert result.exit_code == 0, result.output
    with app.app_context():
        assert scalar(select(func.count(Post.id))) == 400 and scalar(select(func.count(User.id))) == 50
        assert scalar(select(func.count(ForumCategory.id))) == 3 and scalar(select(func.count(Thread.id))) == 40
        assert db.session.get(Thread, 1).reply_count == 99


def test_usernames_are_made_valid_and_unique():
    taken: set[str] = set()
    assert valid_username("Sara1929", taken) == "sara1929"
    assert valid_username("Jo", taken) == "jo_"
    assert valid_username("anna-maria müller", taken) == "anna_maria_m_ller"
    assert valid_username("SARA1929", taken) == "sara1929_1"
    long = valid_username("x" * 40, taken)
    assert len(long) == 30 and valid_username("x" * 40, taken) == "x" * 28 + "_1"


def test_a_partial_load_names_only_the_targets_it_holds(app, run):
    result = run(app, "--limit-posts", "10")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "thread:" in line]
    assert len(lines) == 2 and "None" not in result.output
    assert all(re.search(r"/t/\d+ \(\d+ posts\)|not in this load", line) for line in lines)
    assert "not in this load" in result.output  # ten posts hold at most the start of the long thread
