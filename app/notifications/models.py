"""Follows: who follows which Subject, and since when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow


class Follow(db.Model):  # type: ignore[name-defined]
    """`user` follows `subject` (an idea, a thread): one row per pair."""

    __tablename__ = "follow"
    __table_args__ = (
        UniqueConstraint("user_id", "subject_id", name="uq_follow_user_subject"),
        Index("ix_follow_user_created", "user_id", "created_at"),  # /following: a user's follows, newest first
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FollowPreference(db.Model):  # type: ignore[name-defined]
    """Which automatic follows a user wants; no row means all of them (the defaults)."""

    __tablename__ = "follow_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    on_create: Mapped[bool] = mapped_column(default=True)  # what one proposes or opens
    on_support: Mapped[bool] = mapped_column(default=True)  # the ideas one supports
    on_reply: Mapped[bool] = mapped_column(default=True)  # the discussions one replies in
