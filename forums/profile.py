"""The "Posts" section of a profile (app.users.profile_sections): the posts a person wrote, newest first, replies
and opening posts, in forum threads and in the discussions of ideas and solutions; one query a list.

Left out, for every viewer (lists leave hidden Subjects out, app.moderation.visibility): deleted posts, posts
hidden by moderation or held for review, and posts in a thread that is hidden or discusses something hidden.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.moderation.visibility import not_hidden
from app.users import profile_sections
from forums.models import Post, Thread


def _shown(person):
    return (Post.author_id == person.id, Post.deleted_at.is_(None), not_hidden(Post.subject_id),
            not_hidden(Thread.subject_id), not_hidden(Thread.about_subject_id))


def posts_by(person, viewer, limit: int, offset: int = 0) -> list[Post]:
    """`person`'s posts that anyone may read, newest first, each with its thread (one query)."""
    return list(db.session.execute(
        select(Post).join(Post.thread).options(contains_eager(Post.thread)).where(*_shown(person))
        .order_by(Post.created_at.desc(), Post.id.desc()).limit(limit).offset(offset)).scalars())


def count_posts(person, viewer) -> int:
    return db.session.execute(select(func.count(Post.id)).join(Post.thread).where(*_shown(person))).scalar_one()


def register(app: Flask) -> None:
    """Add the section to every profile."""
    profile_sections.add(app, profile_sections.ProfileSection(
        "posts", _l("Posts"), "forums/_profile_posts.html", load=posts_by, count=count_posts, order=20))
