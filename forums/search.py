"""What search finds in the forums: threads ("thread": title and opening post), replies ("post": each reply, under
its thread's title) and forum categories ("forum_category").

A thread in a forum category files under "forum:<slug>". A discussion about another Subject (an idea's, a
solution's) has no opening post and no thread document (the Subject's own document is the thing found), but its
replies are found; they file under the category the owning package gives (`add_discussion_category`: forums
knows no ideas), or none. Deleted replies have no document. A document is hidden when moderation hid it or its
thread (`policy.can_see_post`), visible to the accounts that policy still lets see it; a thread's replies are
indexed again with the thread (`related`), as they carry its title, category and visibility.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from flask_babel import format_date, gettext, lazy_gettext as _l, ngettext
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload

from app.categories.search import category_source
from app.extensions import db
from app.i18n import current_language
from app.search import sources
from app.search.documents import Document, Key, visible_to
from app.search.sources import Shown, Source, Watch
from app.search.text import plain, plain_text
from app.urls import path_for
from forums import policy
from forums.models import ForumCategory, Post, Thread

THREAD, POST = "thread", "post"
THREAD_TEXTS = frozenset({"title", "language", "category_id", "author_id", "about_subject_id", "created_at"})
POST_TEXTS = frozenset({"body_html", "deleted_at", "author_id", "thread_id", "depth", "created_at"})

# subject kind -> (subject ids -> {subject id: category key}): how discussions about that kind file.
_discussion_categories: dict[str, Callable[[list[int]], dict[int, str]]] = {}


def add_discussion_category(subject_kind: str, categories: Callable[[list[int]], dict[int, str]]) -> None:
    """Let replies in discussions about Subjects of `subject_kind` file under the category `categories(subject
    ids)` gives them (one query for all the ids). The owning package calls it in its register(app)."""
    _discussion_categories[subject_kind] = categories


def discussion_threads(subject_ids: list[int]) -> list[Key]:
    """The keys of the threads that discuss these Subjects (ideas, solutions): their replies file under their
    category, so they are indexed again when it changes (one query; none for no ids)."""
    if not subject_ids:
        return []
    return [(THREAD, thread_id) for thread_id in db.session.execute(
        select(Thread.id).where(Thread.about_subject_id.in_(subject_ids))).scalars()]



def _is_hidden(obj) -> bool:
    return obj.subject is not None and obj.subject.is_hidden


# --- threads ---------------------------------------------------------------------------------------------

def _threads(ids: list[int], *options) -> list[Thread]:
    if not ids:
        return []
    query = select(Thread).options(joinedload(Thread.subject), joinedload(Thread.category), *options)
    return list(db.session.execute(query.where(Thread.id.in_(ids), Thread.about_subject_id.is_(None))).scalars())


def load_threads(ids: list[int]) -> dict[int, Document]:
    """Forum threads with their opening posts (two queries)."""
    threads = _threads(ids)
    openings = {post.thread_id: post for post in db.session.execute(
        select(Post).where(Post.thread_id.in_([thread.id for thread in threads]), Post.depth == 0)).scalars()} \
        if threads else {}
    documents = {}
    for thread in threads:
        opening = openings.get(thread.id)
        hidden = _is_hidden(thread)
        documents[thread.id] = Document(
            kind=THREAD, id=thread.id, title=plain(thread.title),
            body=plain_text(opening.body_html) if opening is not None else "", language=thread.language,
            created_at=thread.created_at, author_id=thread.author_id, hidden=hidden,
            category=f"forum:{thread.category.slug}" if thread.category is not None else None,
            visible_to=visible_to((hidden, thread.author_id)))
    return documents


def thread_ids():
    return select(Thread.id).where(Thread.about_subject_id.is_(None)).order_by(Thread.id)


def replies_of(thread_ids: list[int]) -> Iterable[Key]:
    """Every reply of these threads (one query)."""
    if not thread_ids:
        return []
    return [(POST, post_id) for post_id in db.session.execute(
        select(Post.id).where(Post.thread_id.in_(thread_ids), Post.depth > 0)).scalars()]


def show_threads(ids: list[int], viewer) -> dict[int, Shown]:
    """Title, link, forum, replies, author and date of the threads `viewer` may read (one query)."""
    code = current_language().code
    shown = {}
    for thread in _threads(ids, joinedload(Thread.author)):
        if not policy.can_read(viewer, thread):
            continue
        facts = [gettext("Forum: %(name)s", name=thread.category.name(code))] if thread.category else []
        facts += [ngettext("%(num)s reply", "%(num)s replies", thread.reply_count),
                  gettext("by %(name)s", name=_name(thread.author)), format_date(thread.created_at, "medium")]
        shown[thread.id] = Shown(title=thread.title, url=path_for("forums.thread", thread_id=thread.id,
                                                                   slug=thread.slug),
                                 facts=tuple(facts), hidden=_is_hidden(thread))
    return shown


def _name(user) -> str:
    return user.display_name if user is not None else gettext("Deleted participant")


# --- replies ---------------------------------------------------------------------------------------------

def _replies(ids: list[int], *options) -> list[Post]:
    if not ids:
        return []
    query = select(Post).options(
        joinedload(Post.subject), joinedload(Post.thread).joinedload(Thread.subject),
        joinedload(Post.thread).joinedload(Thread.category), *options)
    return list(db.session.execute(query.where(Post.id.in_(ids), Post.depth > 0, Post.deleted_at.is_(None)))
                .scalars())


def _discussion_category_keys(posts: list[Post]) -> dict[int, str]:
    """subject id -> category key for the Subjects these replies' discussions are about (one query per kind)."""
    by_kind: dict[str, list[int]] = {}
    for post in posts:
        about = post.thread.about_subject
        if about is not None and about.kind in _discussion_categories:
            by_kind.setdefault(about.kind, []).append(about.id)
    found: dict[int, str] = {}
    for kind, subject_ids in sorted(by_kind.items()):
        found.update(_discussion_categories[kind](sorted(set(subject_ids))))
    return found


def load_posts(ids: list[int]) -> dict[int, Document]:
    """Live replies (one query, and one per kind of Subject their discussions are about)."""
    posts = _replies(ids, joinedload(Post.thread).joinedload(Thread.about_subject))
    discussed = _discussion_category_keys(posts)
    documents = {}
    for post in posts:
        thread = post.thread
        post_hidden, thread_hidden = _is_hidden(post), _is_hidden(thread)
        if thread.category is not None:
            category = f"forum:{thread.category.slug}"
        else:
            category = discussed.get(thread.about_subject_id)
        documents[post.id] = Document(
            kind=POST, id=post.id, title=plain(thread.title), body=plain_text(post.body_html),
            language=thread.language, created_at=post.created_at, category=category, author_id=post.author_id,
            hidden=post_hidden or thread_hidden,
            visible_to=visible_to((post_hidden, post.author_id), (thread_hidden, thread.author_id)))
    return documents


def post_ids():
    return select(Post.id).where(Post.depth > 0, Post.deleted_at.is_(None)).order_by(Post.id)


def show_posts(ids: list[int], viewer) -> dict[int, Shown]:
    """Thread title, permalink, forum, author and date of the replies `viewer` may see (one query)."""
    code = current_language().code
    shown = {}
    shown_only = (defer(Post.body_md, raiseload=True), defer(Post.body_html, raiseload=True))  # the index has the text
    for post in _replies(ids, joinedload(Post.author), *shown_only):
        if not policy.can_see_post(viewer, post):
            continue
        thread = post.thread
        facts = [gettext("Forum: %(name)s", name=thread.category.name(code))] if thread.category else []
        facts += [gettext("Reply by %(author)s", author=_name(post.author)), format_date(post.created_at, "medium")]
        shown[post.id] = Shown(title=thread.title,
                               url=path_for("forums.permalink", thread_id=post.thread_id, post_id=post.id),
                               facts=tuple(facts), hidden=_is_hidden(post) or _is_hidden(thread))
    return shown


# --- what makes them stale -------------------------------------------------------------------------------

def _post_keys(post: Post) -> list[Key]:
    """A reply is its own document; the opening post is its thread's body."""
    return [(THREAD, post.thread_id)] if post.depth == 0 else [(POST, post.id)]


def _category_threads(category: ForumCategory) -> list[Key]:
    """A forum's new address: every thread in it files under a new key (one query; replies come as `related`)."""
    return [(THREAD, thread_id) for thread_id in db.session.execute(
        select(Thread.id).where(Thread.category_id == category.id)).scalars()]


def _category_count(category: ForumCategory) -> str:
    return ngettext("%(num)s thread", "%(num)s threads", category.thread_count)


def register() -> None:
    """Register the "thread", "post" and "forum_category" sources."""
    sources.register(Source(
        kind=THREAD, label=_l("Threads"), load=load_threads, all_ids=thread_ids, subject_kind=THREAD,
        show=show_threads, related=replies_of,
        watches=(Watch(Thread, lambda thread: [(THREAD, thread.id)], THREAD_TEXTS),
                 Watch(ForumCategory, _category_threads, frozenset({"slug"})))))
    sources.register(Source(
        kind=POST, label=_l("Replies"), load=load_posts, all_ids=post_ids, subject_kind=POST, show=show_posts,
        watches=(Watch(Post, _post_keys, POST_TEXTS),)))
    sources.register(category_source(
        ForumCategory, prefix="forum", label=_l("Forum categories"), kind_label=_l("Forum category"),
        url=lambda category: path_for("forums.category", slug=category.slug), count=_category_count))
