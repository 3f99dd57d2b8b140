"""What forum members write, for the trust sandbox and write limits (`app.trust.activity`): threads opened in a
category and replies (posts below the opening one), deleted ones left out."""
from __future__ import annotations

from sqlalchemy import Select, select

from app.trust import activity
from forums.models import Post, Thread


def threads() -> Select:
    return select(Thread.author_id.label("author_id"), Thread.created_at.label("created_at"),
                  Thread.subject_id.label("subject_id")).where(Thread.category_id.is_not(None))


def replies() -> Select:
    return select(Post.author_id.label("author_id"), Post.created_at.label("created_at"),
                  Post.subject_id.label("subject_id")).where(Post.depth > 0, Post.deleted_at.is_(None))


def register() -> None:
    activity.register("thread", threads)
    activity.register("reply", replies)
