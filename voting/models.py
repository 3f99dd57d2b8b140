"""The Vote: one row per person and Subject, enforced by a unique constraint."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow


class Vote(db.Model):  # type: ignore[name-defined]
    """A person's support of an idea or like of a post: which Subject, who, and when (for trending)."""

    __tablename__ = "vote"
    __table_args__ = (
        UniqueConstraint("subject_id", "voter_id", name="uq_vote_subject_voter"),
        Index("ix_vote_created_at_subject_id", "created_at", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"))
    voter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Vote subject={self.subject_id} voter={self.voter_id}>"
