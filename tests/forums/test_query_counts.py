"""SQL statements for a forum page stay few and do not grow with the data: 5 posts or 500 (issue 4, house rule 10).

Named test_query_counts.py because tests/app/test_queries.py already owns the module name "test_queries".
"""
from __future__ import annotations

import pytest
from factories import PASSWORD, add_replies, make_category, make_reply, make_thread, make_user
from helpers import soup, translated
from snapshots import loaded_once
from sqlalchemy import delete, insert, select, update

from app.extensions import db
from app.models import utcnow
from app.users.models import User
from forums import likes, reading
from forums.categories import find_category
from forums.models import Post, Thread, ThreadRead
from forums.reading import POSTS_PER_PAGE, THREADS_PER_PAGE
from voting.models import Vote

# The most statements each service-level page may take: measured on SQLite and PostgreSQL, plus one to spare.
#   category page (4): the category; its threads with authors, last posters and read positions joined; the
#                      index's categories; their latest threads with last posters
#   nested page (12):  the thread, its category, its author; the opening post, the top-level replies, their trees,
#                      the number of top-level replies; the roles of the users each query loaded (5, selectin)
#   flat page (9):     the same without the trees and the count
#   signed in (+3):    the posts on the page the reader likes (one query, whatever their number), the read
#                      position, and moving it forward (one upsert)
MOST = {"category": 5, "nested": 13, "flat": 10}
SIGNED_IN_EXTRA = 3


class Forum:
    """A forum with a category "talk" and a thread "big" that starts with five posts and can grow to 500.

    The reader likes two of the first replies and, once it grew, every even-numbered post: every page of the
    thread has posts with a Like and posts with an Unlike button for the reader.
    """

    def __init__(self) -> None:
        # Built by this process's first test, copied back for the next ones (tests/snapshots.py).
        self.thread_id, self.reader_id = loaded_once(("query-count forum",), _build_small_forum)
        assert self.posts() == 5

    def posts(self) -> int:
        return db.session.get(Thread, self.thread_id).highest_post_number

    def grow(self) -> None:
        """500 posts in the big thread by many people, more threads than a page holds, more categories."""
        people = [make_user(f"person{i}") for i in range(25)]
        category, reader = find_category("talk"), db.session.get(User, self.reader_id)
        add_replies(db.session.get(Thread, self.thread_id), 495, people)
        for index in range(THREADS_PER_PAGE + 10):
            thread = make_thread(people[index % len(people)], category, title=f"more {index}")
            add_replies(thread, 3, people[(index + 1) % len(people)])
            if index % 3 == 0:
                reading.mark_read(reader, thread, 2)
        for slug in ("third", "fourth"):
            make_thread(people[0], make_category(slug), title=f"in {slug}")
        like_every_other_post(self.thread_id, self.reader_id)
        assert self.posts() == 500


def _build_small_forum() -> tuple[int, int]:
    """The Forum's five posts, two of them liked by the reader who read up to the second; (thread id, reader id)."""
    authors = [make_user(f"author{i}") for i in range(5)]
    reader = make_user("reader")
    category = make_category("talk")
    make_category("other")
    thread = make_thread(authors[0], category, title="big")
    first = make_reply(thread, authors[1])
    second = make_reply(thread, authors[2], to=first)
    make_reply(thread, authors[3], to=second)
    make_reply(thread, authors[4])
    ids = thread.id, reader.id
    likes.like_post(reader, first)
    likes.like_post(reader, second)
    reading.mark_read(reader, thread, 2)
    return ids


def like_every_other_post(thread_id: int, user_id: int) -> None:
    """The user likes every even-numbered post of the thread they do not like yet (straight into the tables)."""
    liked = select(Vote.subject_id).where(Vote.voter_id == user_id)
    posts = db.session.execute(select(Post.id, Post.subject_id).where(
        Post.thread_id == thread_id, Post.number % 2 == 0, Post.subject_id.not_in(liked))).all()
    now = utcnow()
    db.session.execute(insert(Vote), [{"subject_id": subject_id, "voter_id": user_id, "created_at": now}
                                      for _, subject_id in posts])
    db.session.execute(update(Post).where(Post.id.in_([ident for ident, _ in posts]))
                       .values(like_count=Post.like_count + 1))
    db.session.commit()


def category_page(slug: str, page: int, user_id: int | None) -> int:
    """What a category page needs, touching every attribute its template shows; returns the rows listed."""
    user = db.session.get(User, user_id) if user_id else None
    category = find_category(slug)
    rows, pages = reading.category_threads(category, page, user)
    for row in rows:
        _ = (row.thread.title, row.thread.author.display_name, row.thread.last_poster.display_name, row.unread,
             row.thread.reply_count, row.thread.last_posted_at, pages)
    for row in reading.category_index():
        _ = (row.category.name("de"), row.category.thread_count,
             row.latest and (row.latest.title, row.latest.last_poster.display_name))
    return len(rows)


def thread_page(thread_id: int, view: str, page: int, user_id: int | None) -> int:
    """What a thread page needs, touching every post, author, "in reply to" and like button; returns the posts shown.

    Signed in, the page must have posts the reader likes (Unlike buttons), or it would prove nothing about them.
    """
    user = db.session.get(User, user_id) if user_id else None
    thread = db.session.get(Thread, thread_id)
    _ = (thread.title, thread.category.name("de"), thread.author.display_name)
    result = reading.thread_page(thread, view, page, user)
    posts = result.shown_posts
    actions = [result.like_action(post, user) for post in posts]
    for post in posts:
        _ = (post.body_html, post.author.display_name, post.number, post.is_deleted, post.edited_at,
             post.reply_to and post.reply_to.author.display_name, post.like_count)
    if user is not None:
        assert "unlike" in actions and "like" in actions, actions
        reading.last_read_number(user, thread)
        reading.mark_read(user, thread, result.highest_number_shown)
    return len(posts)


def measure(count_queries, page, *args) -> tuple[int, list[str]]:
    """Statements for one page with an empty session (nothing cached), after a warm-up run."""
    db.session.remove()
    page(*args)
    db.session.remove()
    user_id = args[-1]
    # The signed-in user is loaded by the login machinery, not by the page; holding it keeps it in the session.
    signed_in = db.session.get(User, user_id) if user_id else None
    with count_queries() as counter:
        shown = page(*args)
    del signed_in
    db.session.remove()
    assert shown > 0, "the page showed nothing, so it proves nothing"
    return counter.count, counter.statements


def run(forum: Forum, count_queries, kind: str, signed_in: bool, page: int = 1) -> tuple[int, list[str]]:
    user_id = forum.reader_id if signed_in else None
    if kind == "category":
        return measure(count_queries, category_page, "talk", page, user_id)
    return measure(count_queries, thread_page, forum.thread_id, kind, page, user_id)


def most(kind: str, signed_in: bool) -> int:
    return MOST[kind] + (SIGNED_IN_EXTRA if signed_in and kind != "category" else 0)


def shown(counts: dict, statements: dict) -> str:
    return f"{counts}\n" + "\n\n".join(f"{key}:\n" + "\n".join(value) for key, value in statements.items())


@pytest.mark.parametrize("kind", ["category", *reading.VIEWS])
def test_a_forum_page_takes_the_same_few_statements_with_5_or_500_posts(db, count_queries, kind):
    forum = Forum()
    last = {"category": 2, "nested": 7, "flat": 25}[kind]  # grown: 40 threads, 125 trees, 499 replies
    counts, statements = {}, {}
    for signed_in in (False, True):
        counts[5, signed_in, 1], statements[5, signed_in, 1] = run(forum, count_queries, kind, signed_in)

    forum.grow()
    for signed_in in (False, True):
        for page in (1, 2, last):
            counts[500, signed_in, page], statements[500, signed_in, page] = run(
                forum, count_queries, kind, signed_in, page)

    for signed_in in (False, True):
        assert counts[500, signed_in, 1] == counts[5, signed_in, 1], shown(counts, statements)
        assert counts[500, signed_in, 1] <= most(kind, signed_in), shown(counts, statements)
        assert counts[500, signed_in, 2] <= counts[500, signed_in, 1], shown(counts, statements)
        assert counts[500, signed_in, last] == counts[500, signed_in, 2], shown(counts, statements)


def test_the_pages_measured_are_real_pages(db):
    """The page numbers above are the last pages of the grown forum."""
    forum = Forum()
    forum.grow()
    thread = db.session.get(Thread, forum.thread_id)

    assert reading.category_threads(find_category("talk"), 1)[1] == 2
    assert reading.thread_page(thread, "nested", 1).pages == 7 == -(-125 // POSTS_PER_PAGE)
    assert reading.thread_page(thread, "flat", 1).pages == 25 == -(-499 // POSTS_PER_PAGE)


# --- whole pages through the routes ------------------------------------------------------------------------

# The most statements a whole request may take: measured on SQLite and PostgreSQL, plus one to spare.
#   /forums            3: the categories, their latest threads, the discussions of ideas and solutions (how many,
#                      the latest) (+2 signed in: the session's user, the unread notifications in the header)
#   /forums/<slug>     2: the category, a page of its threads with read positions (+2 signed in as above; +1 more:
#                      whether the reader follows the category, for its follow button, so the reader's bound is 6)
#   /t/<id>            10: the thread, its category, the opening post, the top-level replies, their trees, their
#                      count, and the users' roles (+5 signed in: the user, the header's unread count, the read
#                      position, the posts on the page the reader likes, moving the read position on; measured
#                      with likes: 6 and 11 nested, 4 and 9 flat, so the bounds below still hold one to spare)
#   /t/<id>?view=flat  7: the same without the trees and the count (+5 signed in)
#   jumping to the first unread post: 5 nested (the post, its tree's place), 4 flat
PAGE_MOST = {("index", "anonymous"): 4, ("index", "reader"): 6, ("category", "anonymous"): 3,
             ("category", "reader"): 6, ("nested", "anonymous"): 11, ("nested", "reader"): 14,
             ("flat", "anonymous"): 8, ("flat", "reader"): 11}
JUMP_MOST = {"nested": 6, "flat": 5}


def page_path(forum: Forum, kind: str) -> str:
    return {"index": "/forums", "category": "/forums/talk", "nested": f"/t/{forum.thread_id}",
            "flat": f"/t/{forum.thread_id}?view=flat"}[kind]


def read_up_to(forum: Forum, number: int | None) -> None:
    """Set the reader's position in the big thread (None: all of it), so a page renders instead of jumping."""
    thread = db.session.get(Thread, forum.thread_id)
    db.session.execute(delete(ThreadRead).where(ThreadRead.thread_id == thread.id))
    reading.mark_read(db.session.get(User, forum.reader_id), thread, number or thread.highest_post_number)
    db.session.remove()


def fetch(app, count_queries, forum: Forum, path: str, client, *, read: int | None = None,
          status: int = 200) -> tuple[int, list[str]]:
    """Statements for one request (no redirect followed), after a warm-up request."""
    counter = None
    for _ in range(2):  # the first request warms up: templates, prepared statements
        if client is not None:
            read_up_to(forum, read)
        with count_queries() as counter:
            response = (client or app.test_client()).get(path)
        assert response.status_code == status, response.location
    return counter.count, counter.statements


def signed_in_client(app):
    client = app.test_client()
    assert client.post("/login", data={"login": "reader", "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("kind", ["index", "category", *reading.VIEWS])
def test_a_forum_route_takes_the_same_few_statements_with_5_or_500_posts(app, db, count_queries, kind):
    forum = Forum()
    path = page_path(forum, kind)
    reader = signed_in_client(app)
    counts, statements = {}, {}
    for size in (5, 500):
        if size == 500:
            forum.grow()
        for who, client in (("anonymous", None), ("reader", reader)):
            counts[size, who], statements[size, who] = fetch(app, count_queries, forum, path, client)

    for who in ("anonymous", "reader"):
        assert counts[500, who] == counts[5, who], shown(counts, statements)
        assert counts[500, who] <= PAGE_MOST[kind, who], shown(counts, statements)


@pytest.mark.parametrize("view", reading.VIEWS)
def test_jumping_to_the_first_unread_post_takes_the_same_few_statements(app, db, count_queries, view):
    forum = Forum()
    path = page_path(forum, view)
    reader = signed_in_client(app)
    counts, statements = {}, {}
    for size in (5, 500):
        if size == 500:
            forum.grow()
        counts[size], statements[size] = fetch(app, count_queries, forum, path, reader, read=1, status=302)

    assert counts[500] == counts[5], shown(counts, statements)
    assert counts[500] <= JUMP_MOST[view], shown(counts, statements)


def test_the_forum_pages_show_what_was_counted(app, db):
    """The routes counted above are the real pages: the thread and its posts are on them."""
    forum = Forum()
    client = app.test_client()

    assert "Talk" in client.get("/forums").get_data(as_text=True)
    assert "big" in client.get("/forums/talk").get_data(as_text=True)
    for kind in reading.VIEWS:
        body = client.get(page_path(forum, kind)).get_data(as_text=True)
        assert "big" in body
        assert all(f"Author{i}" in body for i in range(5)), kind


def test_the_signed_in_pages_counted_show_like_and_unlike_buttons(app, db):
    """The reader's pages counted above carry the liked set: Unlike on the posts they like, Like on the others."""
    forum = Forum()
    reader = signed_in_client(app)
    for kind in reading.VIEWS:
        read_up_to(forum, None)
        response = reader.get(page_path(forum, kind))
        assert response.status_code == 200, response.location
        buttons = [button.find(string=True, recursive=False).strip()
                   for button in soup(response).find_all("button", class_="like-button")]
        like, unlike = translated(app, "de", "Like"), translated(app, "de", "Unlike")  # the reader reads German
        assert sorted(buttons) == sorted([like, like, like, unlike, unlike]), (kind, buttons)
