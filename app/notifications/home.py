"""What the home page shows of a signed-in person's notifications: "what changed in what you follow"."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.notices import Notice, notices_for

SHOWN = 5  # unread notifications on a member's home page


def latest_unread(user, limit: int = SHOWN) -> list[Notice]:
    """Up to `limit` of `user`'s unread notifications they may still see, newest first (each with `sentence` and
    `notification`, as the inbox shows them). Constant queries: the notifications with their actors, then the
    registry's one query for the Subjects and one per kind present; none for a visitor."""
    if user is None or not user.is_authenticated:
        return []
    rows = db.session.execute(
        select(Notification).options(joinedload(Notification.actor))
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)).scalars().all()
    return notices_for(user, list(rows))
