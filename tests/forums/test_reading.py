"""What forum pages show: the index, category listings with unread counts, thread pages, permalinks, read positions."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import add_replies, make_category, make_discussion, make_reply, make_thread, make_user
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.users.models import Role
from forums import reading, services
from forums.models import Post, Thread, ThreadRead
from forums.reading import POSTS_PER_PAGE, THREADS_PER_PAGE


def set_activity(thread: Thread, minutes_ago: int) -> None:
    thread.last_posted_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.commit()


def replies_of(thread: Thread) -> list[Post]:
    return list(db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth > 0)
                                   .order_by(Post.number)).scalars())


def tree(nodes) -> list:
    """The nested view as (number, [children...]) pairs, hidden nodes left out."""
    return [(node.post.number, tree(node.children)) for node in nodes if node.visible]


# --- the index -------------------------------------------------------------------------------------------

def test_the_index_lists_categories_in_position_order_with_their_latest_thread(db):
    later = make_category("later", position=5)
    first = make_category("first", position=1)
    empty = make_category("empty", position=3)
    old = make_thread(category=first, title="Old")
    new = make_thread(category=first, title="New")
    other = make_thread(category=later, title="Other")
    set_activity(old, 5)
    set_activity(new, 60)
    make_reply(old)  # a reply makes the older thread the latest
    set_activity(other, 1)

    rows = reading.category_index()

    assert [row.category.slug for row in rows] == ["first", "empty", "later"]
    assert [row.latest.title if row.latest else None for row in rows] == ["Old", None, "Other"]
    assert rows[1].category is empty


def test_the_index_ignores_discussions_about_subjects(db):
    make_category("only")
    make_discussion(title="About an idea")

    rows = reading.category_index()

    assert [(row.category.slug, row.latest) for row in rows] == [("only", None)]


# --- a category --------------------------------------------------------------------------------------------

def test_a_category_lists_pinned_threads_first_then_by_last_activity(db):
    category = make_category()
    admin = make_user(roles=(Role.ADMIN,))
    threads = {title: make_thread(category=category, title=title) for title in ("a", "b", "c", "d")}
    for minutes, title in enumerate(["c", "a", "d", "b"]):
        set_activity(threads[title], minutes)  # c is the most recent, b the oldest
    services.set_pinned(admin, threads["b"], True)
    make_thread(category=make_category(), title="elsewhere")

    rows, pages = reading.category_threads(category, 1)

    assert [row.thread.title for row in rows] == ["b", "c", "a", "d"]
    assert pages == 1


def test_a_category_is_paginated(db):
    category = make_category()
    author = make_user()
    for index in range(THREADS_PER_PAGE + 2):
        thread = make_thread(author, category, title=f"t{index}")
        thread.last_posted_at = utcnow() - timedelta(minutes=index)  # t0 is the most recent
    db.session.commit()

    first, pages = reading.category_threads(category, 1)
    second, _ = reading.category_threads(category, 2)
    beyond, _ = reading.category_threads(category, 3)

    assert pages == 2
    assert [row.thread.title for row in first] == [f"t{i}" for i in range(THREADS_PER_PAGE)]
    assert [row.thread.title for row in second] == [f"t{THREADS_PER_PAGE}", f"t{THREADS_PER_PAGE + 1}"]
    assert beyond == []


def test_unread_counts_for_a_signed_in_reader(db):
    category = make_category()
    reader = make_user("reader")
    read, partly, never = (make_thread(category=category, title=title) for title in ("read", "partly", "never"))
    for thread in (read, partly, never):
        make_reply(thread)
        make_reply(thread)
    reading.mark_read(reader, read, 3)
    reading.mark_read(reader, partly, 1)
    make_reply(read)

    rows, _ = reading.category_threads(category, 1, reader)
    anonymous_rows, _ = reading.category_threads(category, 1, AnonymousUserMixin())
    nobody_rows, _ = reading.category_threads(category, 1)

    unread = {row.thread.title: row.unread for row in rows}
    assert unread == {"read": 1, "partly": 2, "never": None}
    assert {row.last_read_number for row in rows if row.thread.title == "read"} == {3}
    assert all(row.unread is None for row in anonymous_rows + nobody_rows)
    assert len(anonymous_rows) == len(nobody_rows) == 3


def test_another_readers_position_does_not_count(db):
    category = make_category()
    thread = make_thread(category=category)
    make_reply(thread)
    reading.mark_read(make_user("other"), thread, 2)

    rows, _ = reading.category_threads(category, 1, make_user("reader"))

    assert [row.unread for row in rows] == [None]


# --- a thread, nested --------------------------------------------------------------------------------------

def test_the_nested_view_shows_the_opening_post_and_trees_in_order(db):
    thread = make_thread()
    a = make_reply(thread)  # 2
    b = make_reply(thread)  # 3
    a1 = make_reply(thread, to=a)  # 4
    b1 = make_reply(thread, to=b)  # 5
    a1x = make_reply(thread, to=a1)  # 6
    make_reply(thread, to=a1x)  # 7: attaches under a1
    make_reply(thread, to=a)  # 8

    page = reading.thread_page(thread, "nested", 1)

    assert page.opening.number == 1
    assert page.posts == []
    assert tree(page.nodes) == [(2, [(4, [(6, []), (7, [])]), (8, [])]), (3, [(5, [])])]
    assert (page.page, page.pages, page.highest_number_shown) == (1, 1, 8)
    assert page.nodes[0].children[0].children[1].post.reply_to.number == 6  # "in reply to" the depth-3 post


def test_the_nested_view_paginates_top_level_replies(db):
    thread = make_thread()
    add_replies(thread, POSTS_PER_PAGE * 4 + 4)  # every fourth reply starts a tree: 21 trees

    first = reading.thread_page(thread, "nested", 1)
    second = reading.thread_page(thread, "nested", 2)

    assert (first.pages, second.pages) == (2, 2)
    assert len(first.nodes) == POSTS_PER_PAGE and len(second.nodes) == 1
    assert first.opening is not None and second.opening is None
    assert [node.post.number for node in first.nodes] == list(range(2, 2 + 4 * POSTS_PER_PAGE, 4))
    assert tree(second.nodes) == [(82, [(83, [(84, [])]), (85, [])])]
    assert second.highest_number_shown == 85


def test_a_deleted_post_without_replies_is_hidden_and_with_replies_kept_as_a_placeholder(db):
    author = make_user("alice")
    thread = make_thread()
    lonely = make_reply(thread, author)  # 2
    parent = make_reply(thread, author)  # 3
    child = make_reply(thread, to=parent)  # 4
    services.delete_post(author, lonely)
    services.delete_post(author, parent)

    page = reading.thread_page(thread, "nested", 1)

    by_number = {node.post.number: node for node in page.nodes}
    assert by_number[2].visible is False
    assert by_number[3].visible is True and by_number[3].post.is_deleted
    assert [node.post.id for node in by_number[3].children] == [child.id]
    assert tree(page.nodes) == [(3, [(4, [])])]


def test_a_deleted_post_whose_replies_are_all_deleted_is_hidden(db):
    author = make_user("alice")
    thread = make_thread()
    parent = make_reply(thread, author)
    child = make_reply(thread, author, to=parent)
    services.delete_post(author, child)
    services.delete_post(author, parent)

    nested = reading.thread_page(thread, "nested", 1)
    flat = reading.thread_page(thread, "flat", 1)

    assert [node.visible for node in nested.nodes] == [False]
    assert flat.posts == []


# --- a thread, flat ----------------------------------------------------------------------------------------

def test_the_flat_view_lists_replies_by_number_with_page_boundaries(db):
    thread = make_thread()
    add_replies(thread, POSTS_PER_PAGE + 5)  # numbers 2 .. 26, nested in the data

    first = reading.thread_page(thread, "flat", 1)
    second = reading.thread_page(thread, "flat", 2)

    assert [post.number for post in first.posts] == list(range(2, 2 + POSTS_PER_PAGE))
    assert [post.number for post in second.posts] == list(range(2 + POSTS_PER_PAGE, 27))
    assert (first.pages, second.pages) == (2, 2)
    assert first.opening.number == 1 and second.opening is None
    assert first.nodes == [] and second.highest_number_shown == 26


def test_the_flat_view_of_a_discussion_starts_at_one(db):
    thread = make_discussion()
    add_replies(thread, POSTS_PER_PAGE, nested=False)

    page = reading.thread_page(thread, "flat", 1)

    assert page.opening is None
    assert [post.number for post in page.posts] == list(range(1, POSTS_PER_PAGE + 1))
    assert page.pages == 1


def test_the_flat_view_keeps_placeholders_only_for_deleted_posts_with_replies(db):
    author = make_user("alice")
    thread = make_thread()
    lonely = make_reply(thread, author)
    parent = make_reply(thread, author)
    make_reply(thread, to=parent)
    services.delete_post(author, lonely)
    services.delete_post(author, parent)

    page = reading.thread_page(thread, "flat", 1)

    assert [(post.number, post.is_deleted) for post in page.posts] == [(3, True), (4, False)]


# --- permalinks --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", reading.VIEWS)
def test_page_of_finds_every_post_on_its_page(db, view):
    thread = make_thread()
    add_replies(thread, 100)  # 25 trees: two nested pages, five flat ones
    make_reply(thread, to=replies_of(thread)[0])  # a late reply to the first tree: nested page 1, flat page 6

    for post in replies_of(thread):
        page = reading.thread_page(thread, view, reading.page_of(post, view))
        shown = [p.id for p in page.posts] + [node.post.id for node in reading._walk(page.nodes)]
        assert post.id in shown, f"post {post.number} is not on page {page.page} of the {view} view"


def test_page_of_known_posts(db):
    thread = make_thread()
    add_replies(thread, 100)
    late = make_reply(thread, to=replies_of(thread)[0])
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth == 0)).scalar_one()
    posts = {post.number: post for post in replies_of(thread)}

    assert reading.page_of(opening, "nested") == reading.page_of(opening, "flat") == 1
    assert (reading.page_of(late, "nested"), reading.page_of(late, "flat")) == (1, 6)
    assert (reading.page_of(posts[21], "flat"), reading.page_of(posts[22], "flat")) == (1, 2)
    assert reading.page_of(posts[78], "nested") == 1  # the 20th tree starts at 78
    assert (reading.page_of(posts[82], "nested"), reading.page_of(posts[84], "nested")) == (2, 2)


# --- read positions ----------------------------------------------------------------------------------------

def test_mark_read_never_moves_backwards(db):
    reader = make_user("reader")
    thread = make_thread()

    reading.mark_read(reader, thread, 5)
    reading.mark_read(reader, thread, 3)
    assert reading.last_read_number(reader, thread) == 5
    reading.mark_read(reader, thread, 8)
    assert reading.last_read_number(reader, thread) == 8
    rows = db.session.execute(select(ThreadRead).where(ThreadRead.thread_id == thread.id)).scalars().all()
    assert [(row.user_id, row.last_read_number) for row in rows] == [(reader.id, 8)]


def test_mark_read_ignores_anonymous_readers_and_nothing_read(db):
    reader = make_user("reader")
    thread = make_thread()

    reading.mark_read(AnonymousUserMixin(), thread, 4)
    reading.mark_read(None, thread, 4)
    reading.mark_read(reader, thread, 0)

    assert db.session.execute(select(ThreadRead)).first() is None
    assert reading.last_read_number(AnonymousUserMixin(), thread) is None
    assert reading.last_read_number(reader, thread) is None


def test_first_unread_is_the_next_live_post(db):
    author = make_user("alice")
    thread = make_thread()
    posts = [make_reply(thread, author) for _ in range(4)]  # 2 .. 5
    services.delete_post(author, posts[1])  # 3

    assert reading.first_unread(thread, None) is None
    assert reading.first_unread(thread, 1).number == 2
    assert reading.first_unread(thread, 2).number == 4
    assert reading.first_unread(thread, 4).number == 5
    assert reading.first_unread(thread, 5) is None
