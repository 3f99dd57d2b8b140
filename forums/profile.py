"""The "Posts" section of a profile (app.users.profile_sections): the newest posts a person wrote, replies and
opening posts, in forum threads and in the discussions of ideas and solutions, in one query whatever they wrote.

Left out, for every viewer (lists leave hidden Subjects out, app.moderation.visibility): deleted posts, posts
hidden by moderation or held for review, and posts in a thread that is hidden or discusses something hidden.
"""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.moderation.visibility import not_hidden
from app.users import profile_sections
from forums.models import Post, Thread


def newest_posts(person, limit: int = profile_sections.SHOWN) -> list[Post]:
    """`person`'s newest `limit` posts that anyone may read, each with its thread (one query)."""
    return list(db.session.execute(
        select(Post).join(Post.thread).options(contains_eager(Post.thread))
        .where(Post.author_id == person.id, Post.deleted_at.is_(None), not_hidden(Post.subject_id),
               not_hidden(Thread.subject_id), not_hidden(Thread.about_subject_id))
        .order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)).scalars())


def register(app: Flask) -> None:
    """Add the section to every profile."""
    profile_sections.add(app, profile_sections.ProfileSection(
        "posts", "forums/_profile_posts.html", load=lambda person, viewer: newest_posts(person), order=20))
