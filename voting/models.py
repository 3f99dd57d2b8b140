"""The Vote: one row per person and Subject, enforced by a unique constraint."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow


class Vote(db.Model):  # type: ignore[name-defined]
    """A person's support of an idea or like of a post: which Subject, who, and when (for trending)."""

    __tablename__ = "vote"
    __table_args__ = (
        UniqueConstraint("subject_id", "voter_id", name="uq_vote_subject_voter"),
        # Trending reads the counted votes of a recent period from this index alone (set-aside votes are left out).
        Index("ix_vote_counted_created_at_subject_id", "created_at", "subject_id",
              sqlite_where=text("set_aside_at IS NULL"), postgresql_where=text("set_aside_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"))
    voter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set aside by staff (support integrity): the vote stays, as evidence, but no longer counts.
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    set_aside_reason: Mapped[str | None] = mapped_column(Text)
    set_aside_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    def __repr__(self) -> str:
        return f"<Vote subject={self.subject_id} voter={self.voter_id}>"


class SupportTrace(db.Model):  # type: ignore[name-defined]
    """What support integrity needs of a vote's request, hashed, and only for VOTE_TRACE_DAYS: the network
    (an IPv4 /24 or IPv6 /48 prefix) and the browser signature (User-Agent), each a keyed hash."""

    __tablename__ = "support_trace"

    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True)
    network_hash: Mapped[str] = mapped_column(String(64), index=True)
    agent_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SupportTrace vote={self.vote_id}>"
