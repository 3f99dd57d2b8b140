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
from app.notifications.models import Notification
from app.users.models import User
from forums.models import ForumCategory, Post, Thread
from ideas.models import Idea, IdeaStatusChange
from ideas.solutions.models import Contribution, ProgressUpdate, Solution

# What a notification's event names (its key up to the colon, then an id) and when that happened.
EVENT_TIMES = {"post": Post.created_at, "idea-change": IdeaStatusChange.created_at, "idea-new": Idea.published_at,
               "idea-threshold": Idea.threshold_reached_at, "offer": Contribution.created_at,
               "offer-decided": Contribution.decided_at, "solution-update": ProgressUpdate.created_at,
               "solution-live": Solution.went_live_at}


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


def written(post: Post, hours_ago: float) -> Post:
    """`post`, dated `hours_ago` (its thread's latest activity follows; commits)."""
    move_posts(post.thread, [post], [days_ago(hours_ago / 24)])
    db.session.commit()
    return post


def date_notifications() -> int:
    """Date every notification of a known event when the event happened (a reply of three weeks ago does not
    arrive "just now"), or when its recipient joined if that was later; returns how many moved. Commits.

    One query for the notifications, then one per kind of event for the moments of all its events."""
    found = db.session.execute(select(Notification, User.created_at).join(User, User.id == Notification.user_id)).all()
    wanted: dict[str, set[int]] = {}
    for notification, _ in found:
        key, _, ident = notification.event.partition(":")
        if key in EVENT_TIMES and ident.isdigit():
            wanted.setdefault(key, set()).add(int(ident))
    moments = {}
    for key, idents in wanted.items():
        column = EVENT_TIMES[key]
        owner = column.class_
        moments.update({(key, ident): moment for ident, moment in db.session.execute(
            select(owner.id, column).where(owner.id.in_(idents)))})
    moved = 0
    for notification, joined in found:
        key, _, ident = notification.event.partition(":")
        moment = moments.get((key, int(ident))) if ident.isdigit() else None
        if moment is not None and max(moment, joined) != notification.created_at:
            notification.created_at = max(moment, joined)
            moved += 1
    db.session.commit()
    return moved
