"""Discussions about other Subjects (an idea's, a solution's) as the forums list them.

The design (Discourse's "every conversation is a topic", Decidim's comments that stay with their proposal): an idea
has exactly one discussion, a forum thread about its Subject (`Thread.about_subject_id`, no category). It is read
and answered on the idea's page, which embeds it; the same thread has its own page in the forums, which says whose
discussion it is and links back ("Discussion of the idea ‹title›"), and `/forums/discussions` lists all of them
by their latest activity, each marked the same way, next to the categories on the forum index. So a conversation
is never split between an idea and a forum thread of the same name, and whoever browses the forums still finds
it. The wording per kind is the owner's (`discussion_label` in app.subjects), so the forums name no idea.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.orm import joinedload

from app import subjects
from app.extensions import db
from app.moderation.visibility import not_hidden
from app.users.models import User
from forums.models import Thread
from forums.reading import THREADS_PER_PAGE, ThreadRow, with_read_positions, pages_for

GENERIC_LABEL = _l("Discussion of %(title)s")


@dataclass(frozen=True)
class About:
    """What a discussion is about: the owner's title and address, and how its kind names the discussion."""

    title: str
    url: str
    label: Any = None  # a text with %(title)s, from the owner's kind
    author_id: int | None = None  # the account the owner belongs to (marked "Author" in the discussion)

    def sentence(self, link: Markup) -> Markup:
        """"Discussion of the idea <link>", with `link` (the owner's title, linked) in its place."""
        return Markup(escape(str(self.label or GENERIC_LABEL))) % {"title": link}


def about_owner(owner: Any) -> About | None:
    """The About of a registered owner object (None for an unknown kind)."""
    try:
        kind = subjects.get(owner.subject.kind)
    except subjects.UnknownKind:
        return None
    return About(kind.title(owner), kind.url(owner), kind.discussion_label, subjects.author_id_of(owner))


def about(thread: Thread) -> About | None:
    """What `thread` discusses, if it is a discussion about a Subject whose owner is still there."""
    if thread.about_subject is None:
        return None
    try:
        owner = subjects.resolve(thread.about_subject)
    except subjects.UnknownKind:
        return None
    return about_owner(owner) if owner is not None else None


@dataclass
class DiscussionRow(ThreadRow):
    """A row of /forums/discussions: the thread with the reader's position, and what it is about."""

    about: About | None = None


def _listed():
    return (Thread.category_id.is_(None), Thread.about_subject_id.is_not(None), not_hidden(Thread.subject_id))


@cache
def _page():
    """A page of discussions, the most recently active first: parameters limit and offset (built once)."""
    return (select(Thread).where(*_listed()).order_by(Thread.last_posted_at.desc(), Thread.id.desc())
            .options(joinedload(Thread.author).lazyload(User.roles), joinedload(Thread.last_poster).lazyload(User.roles))
            .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)))


@cache
def _summary():
    """The latest discussion with its last poster, and how many there are, in one statement."""
    count = select(func.count(Thread.id)).where(*_listed()).scalar_subquery()
    return (select(Thread, count).where(*_listed()).order_by(Thread.last_posted_at.desc(), Thread.id.desc())
            .options(joinedload(Thread.last_poster).lazyload(User.roles)).limit(1))


def summary() -> tuple[int, Thread | None]:
    """(how many discussions the forums list, the most recently active one) for the forum index: one query."""
    row = db.session.execute(_summary()).first()
    return (row[1], row[0]) if row is not None else (0, None)


def discussion_threads(page: int, user=None) -> tuple[list[DiscussionRow], int]:
    """One page of the discussions about Subjects, the most recently active first, with the reader's positions and
    what each is about; and the number of pages. Discussions hidden by moderation (also with the idea they are
    about) are left out. A fixed number of queries: the count, the page, the owners (one per kind)."""
    total = db.session.execute(select(func.count(Thread.id)).where(*_listed())).scalar_one()
    rows = with_read_positions(_page(), user, {"limit": THREADS_PER_PAGE, "offset": (page - 1) * THREADS_PER_PAGE})
    owners = subjects.resolve_many([row.thread.about_subject_id for row in rows])
    listed = []
    for row in rows:
        owner = owners.get(row.thread.about_subject_id)
        listed.append(DiscussionRow(row.thread, row.last_read_number, about_owner(owner) if owner else None))
    return listed, pages_for(total, THREADS_PER_PAGE)
