"""A person's notifications: the unread count for the header, pages of them, marking them read."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import utcnow
from app.notifications.models import Notification
from app.notifications.notices import Notice, notices_for
from app.unit_of_work import use_case

PER_PAGE = 20


def unread_count(user) -> int:
    """How many of `user`'s notifications are unread: one query on the (user_id, read_at) index."""
    if user is None or not user.is_authenticated:
        return 0
    return db.session.execute(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))).scalar_one()


def page_of(user, page: int) -> tuple[list[Notice], int]:
    """One page of `user`'s notifications, newest first, and the number of pages.

    Constant queries: the count, the page with its actors, then the registry's one query per Subject kind.
    An entry whose target was hidden by moderation or deleted since comes with `gone` set (the page says so).
    """
    total = db.session.execute(select(func.count()).select_from(Notification)
                               .where(Notification.user_id == user.id)).scalar_one()
    rows = db.session.execute(
        select(Notification).options(joinedload(Notification.actor)).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).scalars().all()
    return notices_for(user, list(rows), with_gone=True), max(1, -(-total // PER_PAGE))


def get_own(user, notification_id: int) -> Notification | None:
    """`user`'s notification `notification_id`, or None (someone else's is as good as missing)."""
    found = db.session.get(Notification, notification_id)
    return found if found is not None and found.user_id == user.id else None


@use_case
def mark_read(user, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read; False if it was read already or is not theirs. Commits."""
    result = db.session.execute(update(Notification).where(
        Notification.id == notification_id, Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()))
    return result.rowcount == 1


@use_case
def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many. Commits."""
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount
