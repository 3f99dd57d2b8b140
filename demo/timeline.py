"""The demo's clock: the services write everything "now", and the loaders move it back to the story's times.

A demo that happened in one second tells no story, and one that happened in the wrong order tells a false one
(a reply older than its thread, a milestone done before the idea it builds on was published). The loaders say
when things happened in days before now; these helpers turn that into times and keep what depends on them
(a thread's latest activity and its category's) in step. tests/demo/test_demo_timeline.py checks the orderings
over every row the demo writes.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from app.extensions import db
from app.models import utcnow
from forums.models import ForumCategory, Post, Thread


def days_ago(days: float, now: datetime | None = None) -> datetime:
    """The moment `days` days before `now` (the current time by default)."""
    return (now or utcnow()) - timedelta(days=days)


def spread(count: int, start: datetime, end: datetime) -> list[datetime]:
    """`count` moments evenly after `start`, the last one at `end`."""
    return [start + (end - start) * number / count for number in range(1, count + 1)]


def move_posts(thread: Thread, posts: Sequence[Post], moments: Sequence[datetime]) -> None:
    """Date `posts` of `thread` at `moments` (in order), then let the thread and its category show their latest
    activity as the posts now say (flushes)."""
    for post, moment in zip(posts, moments, strict=True):
        post.created_at = moment
    settle(thread)


def settle(thread: Thread) -> None:
    """The thread's latest activity and last poster from its posts, and its category's latest activity from its
    threads, after posts were moved in time (flushes)."""
    db.session.flush()
    latest = db.session.execute(select(Post).where(Post.thread_id == thread.id)
                                .order_by(Post.created_at.desc(), Post.id.desc()).limit(1)).scalars().first()
    if latest is not None:
        thread.last_posted_at, thread.last_poster_id = latest.created_at, latest.author_id
    else:
        thread.last_posted_at = thread.created_at
    db.session.flush()
    if thread.category_id is not None:
        db.session.execute(update(ForumCategory).where(ForumCategory.id == thread.category_id).values(
            last_posted_at=select(func.max(Thread.last_posted_at)).where(
                Thread.category_id == thread.category_id).scalar_subquery()))
