"""Forum tables: categories (app.categories), threads, posts with their revisions and mentions, and read positions."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.categories.models import CategoryMixin
from app.extensions import db
from app.i18n import DEFAULT_LOCALE
from app.models import Subject, SubjectMixin, UTCDateTime, utcnow
from app.users.models import User

MAX_DEPTH = 3  # replies nest up to three levels; deeper ones attach at level three, "in reply to …"


class Stance(StrEnum):
    """What a reply says about the subject under discussion (an idea, later)."""

    FOR = "for"
    AGAINST = "against"
    QUESTION = "question"

    @property
    def label(self) -> str:
        return str(STANCE_LABELS[self])


STANCE_LABELS = {Stance.FOR: _l("For"), Stance.AGAINST: _l("Against"), Stance.QUESTION: _l("Question")}


class ForumCategory(CategoryMixin, db.Model):  # type: ignore[name-defined]
    """A forum category (app.categories) with its colour and the counters of its threads and posts; followable."""

    __tablename__ = "forum_category"
    subject_kind = "forum_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    color: Mapped[str] = mapped_column(String(7), default="#0b4f8a")
    thread_count: Mapped[int] = mapped_column(default=0)
    post_count: Mapped[int] = mapped_column(default=0)
    last_posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Thread(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """A discussion: in a forum category, or about another Subject (an idea, a solution)."""

    __tablename__ = "thread"
    __table_args__ = (
        Index("ix_thread_category_listing", "category_id", "pinned", "last_posted_at"),
        CheckConstraint("category_id IS NOT NULL OR about_subject_id IS NOT NULL", name="has_place"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("forum_category.id", ondelete="CASCADE"))
    about_subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("subject.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80))
    # The language its posts are written in: chosen with the thread, or its idea's or solution's language.
    language: Mapped[str] = mapped_column(String(8), server_default=DEFAULT_LOCALE)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_posted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_poster_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    highest_post_number: Mapped[int] = mapped_column(default=0)
    reply_count: Mapped[int] = mapped_column(default=0)
    for_count: Mapped[int] = mapped_column(default=0)
    against_count: Mapped[int] = mapped_column(default=0)
    question_count: Mapped[int] = mapped_column(default=0)
    pinned: Mapped[bool] = mapped_column(default=False)
    locked: Mapped[bool] = mapped_column(default=False)

    category: Mapped[ForumCategory | None] = relationship()
    about_subject: Mapped[Subject | None] = relationship(foreign_keys=[about_subject_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    last_poster: Mapped[User | None] = relationship(foreign_keys=[last_poster_id])

    @property
    def has_stances(self) -> bool:
        """Replies carry stances only in a discussion about another Subject."""
        return self.about_subject_id is not None

    def stance_count(self, stance: Stance) -> int:
        return getattr(self, f"{stance.value}_count")


class Post(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """One post: number 1 (depth 0) opens a forum thread; replies have depth 1 to 3.

    `root_id` is the depth-1 post a reply hangs under and `sort_path` orders a tree, so a page of the nested
    view is two indexed queries whatever the thread's size. `body_html` is the cooked Markdown.
    """

    __tablename__ = "post"
    __table_args__ = (
        UniqueConstraint("thread_id", "number"),
        Index("ix_post_thread_depth_number", "thread_id", "depth", "number"),
        CheckConstraint("stance IS NULL OR stance IN ('for', 'against', 'question')", name="stance_known"),
        CheckConstraint("depth BETWEEN 0 AND 3", name="depth_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="SET NULL"), index=True)
    root_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    depth: Mapped[int] = mapped_column(default=1)
    sort_path: Mapped[str] = mapped_column(String(40), default="")
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    cooked_version: Mapped[int] = mapped_column(default=0)
    stance: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revision_count: Mapped[int] = mapped_column(default=0)
    child_count: Mapped[int] = mapped_column(default=0)
    like_count: Mapped[int] = mapped_column(default=0, server_default="0")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    thread: Mapped[Thread] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reply_to: Mapped[Post | None] = relationship(foreign_keys=[reply_to_id], remote_side=[id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    @property
    def votes_open(self) -> bool:
        """Likes are given and taken back while the post stands and its thread is open."""
        return not self.is_deleted and not self.thread.locked

    @property
    def self_votes_allowed(self) -> bool:
        return False


class PostRevision(db.Model):  # type: ignore[name-defined]
    """The text a post had before an edit, and who made that edit."""

    __tablename__ = "post_revision"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    body_md: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User | None] = relationship()


class PostMention(db.Model):  # type: ignore[name-defined]
    """A user @mentioned in a post (notifications read this later)."""

    __tablename__ = "post_mention"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True)


class ThreadRead(db.Model):  # type: ignore[name-defined]
    """How far a signed-in user has read a thread, by post number."""

    __tablename__ = "thread_read"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True, index=True)
    last_read_number: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
