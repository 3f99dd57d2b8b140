"""Follows, notifications, e-mail settings per kind, and the e-mail outbox."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import UTCDateTime, utcnow
from app.users.models import User


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


DELIVERIES = ("immediately", "daily", "weekly", "never")


class Notification(db.Model):  # type: ignore[name-defined]
    """One thing that happened, told to one person: what (`kind`), about what (`subject`, the followed thing a
    digest groups by), where exactly (`target`, e.g. a post), by whom, and whether it was read.

    `event` names the happening ("post:12"): one row per person and event, so several reasons never notify
    twice. `delivery` is how the recipient wanted this kind e-mailed when it was made; `email_id` is the
    e-mail (on its own, or in a digest) that carries it.
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("user_id", "event", name="uq_notification_user_event"),
        Index("ix_notification_user_created", "user_id", "created_at"),  # /notifications, newest first
        Index("ix_notification_user_read", "user_id", "read_at"),  # the header counter: unread of one user
        Index("ix_notification_pending_email", "delivery", "email_id", "user_id"),  # digests to build
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    event: Mapped[str] = mapped_column(String(80))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), index=True)
    target_subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    data: Mapped[str | None] = mapped_column(String(80))
    delivery: Mapped[str] = mapped_column(String(12), default="never")
    email_id: Mapped[int | None] = mapped_column(ForeignKey("email_outbox.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSetting(db.Model):  # type: ignore[name-defined]
    """How `user` wants one kind of notification e-mailed; no row means the kind's default."""

    __tablename__ = "notification_setting"
    __table_args__ = (CheckConstraint(f"delivery IN ({', '.join(repr(d) for d in DELIVERIES)})",
                                      name="delivery_known"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(12))


class EmailOutbox(db.Model):  # type: ignore[name-defined]
    """An e-mail still to send, or sent: the notifications that point here, one on its own (`period`
    "immediately") or a daily or weekly digest. Rendered when sent, in the recipient's language then; kept with
    its error when the server fails, and tried again later.
    """

    __tablename__ = "email_outbox"
    __table_args__ = (
        CheckConstraint("period IN ('immediately', 'daily', 'weekly')", name="period_known"),
        Index("ix_email_outbox_due", "sent_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dropped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # nothing left the recipient may see

    user: Mapped[User] = relationship()
