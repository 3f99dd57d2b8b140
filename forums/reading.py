"""What the forum pages show, each in a fixed number of queries: the index, a category's threads, a thread page."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Integer, and_, bindparam, case, func, select
from sqlalchemy.orm import aliased, joinedload

from app.dbutil import upsert
from app.extensions import db
from app.models import utcnow
from app.moderation.banner import hide_decisions
from app.moderation.visibility import may_see_hidden, not_hidden
from app.unit_of_work import use_case
from app.users import marks
from app.users.models import User
from forums import likes
from forums.models import ForumCategory, Post, Thread, ThreadRead
from voting.queries import voted_subject_ids

THREADS_PER_PAGE = 20  # as the shared benchmark assumes: its biggest category then has a page 80
POSTS_PER_PAGE = 20
VIEWS = ("nested", "flat")


def pages_for(count: int, per_page: int) -> int:
    return max(1, math.ceil(count / per_page))


# --- the index and a category ------------------------------------------------------------------------------

@dataclass
class CategoryRow:
    category: ForumCategory
    latest: Thread | None


def category_index() -> list[CategoryRow]:
    """Every category in order, each with its most recently active thread (two queries)."""
    categories = db.session.execute(select(ForumCategory).order_by(ForumCategory.position, ForumCategory.id)
                                    ).scalars().all()
    latest = db.session.execute(_latest_threads()).scalars().all()
    by_category = {thread.category_id: thread for thread in latest}
    return [CategoryRow(category, by_category.get(category.id)) for category in categories]


# Statements the pages run on every request are built once: building one (aliases above all) costs more
# Python time than SQLite needs to run it.

@cache
def _latest_threads():
    """The most recently active thread of every category, with its last poster.

    Per category one index seek on ix_thread_category_listing ("pinned IN (false, true)" lets SQLite use the
    index past the pinned column), not a window over every thread: 0.02 ms instead of 5-10 ms at 5,000.
    """
    other = aliased(Thread)
    latest_id = (select(other.id).where(other.category_id == ForumCategory.id, other.pinned.in_((False, True)),
                                        not_hidden(other.subject_id))
                 .order_by(other.last_posted_at.desc(), other.id.desc()).limit(1)
                 .correlate(ForumCategory).scalar_subquery())
    return (select(Thread).join(ForumCategory, Thread.id == latest_id)
            .options(joinedload(Thread.last_poster).lazyload(User.roles)))


@cache
def _category_page():
    """A page of a category's threads: parameters category_id, limit and offset.

    The page's ids first, from the index alone; then only those rows with their authors. A deep page no longer
    fetches and joins every skipped row (page 56 of 1,694 threads: 0.07 ms instead of 0.7-1.3 ms). Listings
    show no roles: the users' roles are not loaded up front (they still load if asked for).
    """
    order = (Thread.pinned.desc(), Thread.last_posted_at.desc(), Thread.id.desc())
    ids = (select(Thread.id).where(Thread.category_id == bindparam("category_id"), not_hidden(Thread.subject_id))
           .order_by(*order)
           .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)).subquery())
    return (select(Thread).join(ids, ids.c.id == Thread.id)
            .options(joinedload(Thread.author).lazyload(User.roles),
                     joinedload(Thread.last_poster).lazyload(User.roles))
            .order_by(*order))


@dataclass
class ThreadRow:
    thread: Thread
    last_read_number: int | None  # None: never opened by this user (or nobody signed in)

    @property
    def unread(self) -> int | None:
        """New posts since the user's last visit; None when nobody is signed in or it was never read."""
        if self.last_read_number is None:
            return None
        return max(0, self.thread.highest_post_number - self.last_read_number)


def category_threads(category: ForumCategory, page: int, user=None) -> tuple[list[ThreadRow], int]:
    """One page of a category's threads, pinned first, then by last activity, with read positions. Threads
    hidden by moderation are left out for everyone (and out of the category's thread count)."""
    params = {"category_id": category.id, "limit": THREADS_PER_PAGE, "offset": (page - 1) * THREADS_PER_PAGE}
    rows = with_read_positions(_category_page(), user, params)
    return rows, pages_for(category.thread_count, THREADS_PER_PAGE)


def with_read_positions(query, user, params=None) -> list[ThreadRow]:
    """The threads `query` selects, each with `user`'s read position (joined in the same statement)."""
    if user is None or not user.is_authenticated:
        return [ThreadRow(thread, None) for thread in db.session.execute(query, params).scalars().unique()]
    query = query.add_columns(ThreadRead.last_read_number).outerjoin(
        ThreadRead, and_(ThreadRead.thread_id == Thread.id, ThreadRead.user_id == user.id))
    return [ThreadRow(thread, number) for thread, number in db.session.execute(query, params).unique()]


# --- a thread --------------------------------------------------------------------------------------------

@dataclass
class Node:
    """A post in the nested view with the replies hanging under it."""

    post: Post
    children: list[Node] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        """Deleted posts stay as placeholders only while visible replies hang under them."""
        return not self.post.is_deleted or any(child.visible for child in self.children)


@dataclass
class ThreadPage:
    thread: Thread
    view: str
    page: int
    pages: int
    opening: Post | None
    posts: list[Post]  # flat view: this page's replies in order
    nodes: list[Node]  # nested view: this page's top-level replies with their trees
    liked: frozenset[int] | None = None  # subject ids of the shown posts the viewer likes; None: not loaded
    statements: dict[int, int] = field(default_factory=dict)  # hidden post's subject id -> its hide decision
    roles: dict[int, frozenset[str]] = field(default_factory=dict)  # author id -> marked roles (app.users.marks)
    owner_author_id: int | None = None  # who wrote what the discussion is about (an idea's author, a solution's owner)

    def marks_of(self, post: Post) -> list[str]:
        """The role marks beside `post`'s author: city staff, moderator, and "author" in the discussion of an
        idea or a solution for the one it belongs to (`owner_author_id`; a forum thread marks no author)."""
        if post.author_id is None:
            return []
        return marks.marks(self.roles.get(post.author_id, ()), author=post.author_id == self.owner_author_id)

    def statement_of(self, post: Post) -> int | None:
        """The decision that hid `post` (for its author's link to the statement of reasons), if any."""
        return self.statements.get(post.subject_id)

    @property
    def shown_posts(self) -> list[Post]:
        """Every post on the page: the opening post, then the flat replies or the trees in order."""
        opening = [self.opening] if self.opening is not None else []
        return opening + self.posts + [node.post for node in _walk(self.nodes)]

    @property
    def highest_number_shown(self) -> int:
        return max((post.number for post in self.shown_posts), default=0)

    def like_action(self, post: Post, viewer) -> str | None:
        """"like" or "unlike" for the button `viewer` gets on `post`; None without one (or when not loaded)."""
        if self.liked is None:
            return None
        return likes.like_action(viewer, post, liked=post.subject_id in self.liked)


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


@cache
def _post_query():
    """Posts with their authors, Subjects (hidden or not) and the post each replies to (built once; callers add
    their conditions)."""
    reply_to = aliased(Post)
    return select(Post).options(joinedload(Post.author), joinedload(Post.subject),
                                joinedload(Post.reply_to.of_type(reply_to)).joinedload(reply_to.author),
                                joinedload(Post.reply_to.of_type(reply_to)).joinedload(reply_to.subject))


def thread_page(thread: Thread, view: str, page: int, viewer=None, owner_author_id: int | None = None) -> ThreadPage:
    """One page of a thread in the nested or the flat view (two or three queries, whatever the thread's size).

    The page knows the marked roles of the posts' authors (one query, app.users.marks). Given the `viewer`, it
    also knows which of its posts they like (one more query when signed in),
    and in the discussion of an idea or a solution `owner_author_id` is marked "Author";
    so the thread macro shows them Like and Unlike buttons, and, when it shows hidden posts, the decisions that
    hid them (one more query, only then).
    """
    shown = _thread_page(thread, view, page)
    shown.owner_author_id = owner_author_id
    shown.roles = marks.roles_of(post.author_id for post in shown.shown_posts if not post.is_deleted)
    if viewer is not None:
        live = [post.subject_id for post in shown.shown_posts if not post.is_deleted]
        shown.liked = frozenset(voted_subject_ids(viewer, live))
        hidden = [post.subject_id for post in shown.shown_posts
                  if post.subject.is_hidden and not post.is_deleted and may_see_hidden(viewer, post.author_id)]
        shown.statements = hide_decisions(hidden)
    return shown


def _thread_page(thread: Thread, view: str, page: int) -> ThreadPage:
    opening = None
    if page == 1 and thread.category_id is not None:
        opening = db.session.execute(
            _post_query().where(Post.thread_id == thread.id, Post.depth == 0)).scalars().first()
    if view == "flat":
        first = (page - 1) * POSTS_PER_PAGE
        posts = db.session.execute(
            _post_query().where(Post.thread_id == thread.id, Post.depth > 0,
                                Post.number > first + _offset(thread), Post.number <= first + POSTS_PER_PAGE
                                + _offset(thread))
            .order_by(Post.number)).scalars().all()
        posts = [post for post in posts if not post.is_deleted or post.child_count]
        pages = pages_for(thread.highest_post_number - _offset(thread), POSTS_PER_PAGE)
        return ThreadPage(thread, view, page, pages, opening, posts, [])
    roots = db.session.execute(
        _post_query().where(Post.thread_id == thread.id, Post.depth == 1).order_by(Post.number)
        .limit(POSTS_PER_PAGE).offset((page - 1) * POSTS_PER_PAGE)).scalars().all()
    nodes = _build_trees(roots)
    pages = pages_for(_root_count(thread), POSTS_PER_PAGE)
    return ThreadPage(thread, view, page, pages, opening, [], nodes)


def _offset(thread: Thread) -> int:
    """Replies are numbered after the opening post in a category thread."""
    return 1 if thread.category_id is not None else 0


def _root_count(thread: Thread) -> int:
    return db.session.execute(
        select(func.count(Post.id)).where(Post.thread_id == thread.id, Post.depth == 1)).scalar_one()


def _build_trees(roots: list[Post]) -> list[Node]:
    if not roots:
        return []
    descendants = db.session.execute(
        _post_query().where(Post.root_id.in_([root.id for root in roots]), Post.depth > 1)
        .order_by(Post.sort_path)).scalars().all()
    nodes = {root.id: Node(root) for root in roots}
    for post in descendants:  # sort_path order: every parent comes before its children
        node = Node(post)
        nodes[post.id] = node
        parent = nodes.get(post.parent_id)
        if parent is not None:
            parent.children.append(node)
    return [nodes[root.id] for root in roots]


def page_of(post: Post, view: str) -> int:
    """The page of `view` that shows `post` (one query at most)."""
    thread = post.thread
    if post.depth == 0:
        return 1
    if view == "flat":
        return (post.number - _offset(thread) - 1) // POSTS_PER_PAGE + 1
    root_number = post.number if post.depth == 1 else db.session.execute(
        select(Post.number).where(Post.id == post.root_id)).scalar_one()
    before = db.session.execute(select(func.count(Post.id)).where(
        Post.thread_id == thread.id, Post.depth == 1, Post.number < root_number)).scalar_one()
    return before // POSTS_PER_PAGE + 1


# --- read positions --------------------------------------------------------------------------------------

def last_read_number(user, thread: Thread) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    return db.session.execute(select(ThreadRead.last_read_number).where(
        ThreadRead.user_id == user.id, ThreadRead.thread_id == thread.id)).scalar_one_or_none()


def first_unread(thread: Thread, last_read: int | None) -> Post | None:
    """The first post after the user's read position, if any (one query)."""
    if last_read is None or last_read >= thread.highest_post_number:
        return None
    return db.session.execute(select(Post).where(
        Post.thread_id == thread.id, Post.number > last_read, Post.deleted_at.is_(None))
        .order_by(Post.number).limit(1)).scalar_one_or_none()


@use_case
def mark_read(user, thread: Thread, up_to: int) -> None:
    """Move the user's read position forward to post `up_to` (never back) and commit."""
    if user is None or not user.is_authenticated or up_to <= 0:
        return
    table = ThreadRead.__table__
    now = utcnow()
    upsert(ThreadRead, {"user_id": user.id, "thread_id": thread.id}, {"last_read_number": up_to, "updated_at": now},
           update={"last_read_number": case((table.c.last_read_number < up_to, up_to),
                                            else_=table.c.last_read_number), "updated_at": now})
