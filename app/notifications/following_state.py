"""Which of many Subjects a reader follows, in one statement: lists show a Follow or Unfollow button per entry."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Follow


def followed_subject_ids(user, subject_ids: Iterable[int]) -> set[int]:
    """Which of `subject_ids` `user` follows: one query, none for anonymous visitors or an empty list."""
    ids = list(subject_ids)
    if not ids or user is None or not user.is_authenticated:
        return set()
    rows = db.session.execute(select(Follow.subject_id).where(Follow.user_id == user.id, Follow.subject_id.in_(ids)))
    return set(rows.scalars())
