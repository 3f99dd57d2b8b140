"""Idea tables: categories with their answer promise, ideas, and the public history of their status."""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from app.categories.models import CategoryMixin
from app.extensions import db
from app.models import SubjectMixin, UTCDateTime, utcnow
from app.users.models import User
from forums.models import Thread

TITLE_MAX = 150


class Status(StrEnum):
    """Where an idea stands. A draft is seen by its author only; the rest are public."""

    DRAFT = "draft"
    NEW = "new"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DUPLICATE = "duplicate"
    IN_DEVELOPMENT = "in_development"
    IMPLEMENTED = "implemented"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def is_final(self) -> bool:
        """Final states take no supports (and no withdrawals of supports)."""
        return self in FINAL


STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.NEW: _l("New"),
    Status.UNDER_REVIEW: _l("Under review"),
    Status.ACCEPTED: _l("Accepted"),
    Status.DECLINED: _l("Declined"),
    Status.DUPLICATE: _l("Duplicate"),
    Status.IN_DEVELOPMENT: _l("In development"),
    Status.IMPLEMENTED: _l("Implemented"),
    Status.WITHDRAWN: _l("Withdrawn"),
}
FINAL = frozenset({Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED, Status.WITHDRAWN})
STATUS_VALUES = ", ".join(f"'{s.value}'" for s in Status)


class IdeaCategory(CategoryMixin, db.Model):  # type: ignore[name-defined]
    """A field of ideas (app.categories) with the city's promise: answer within `answer_days` once
    `support_threshold` is met."""

    __tablename__ = "idea_category"
    __table_args__ = (
        CheckConstraint("support_threshold >= 1", name="threshold_positive"),
        CheckConstraint("answer_days >= 1", name="answer_days_positive"),
    )
    subject_kind = "idea_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    support_threshold: Mapped[int] = mapped_column(default=25)
    answer_days: Mapped[int] = mapped_column(default=30)
    authors_may_support: Mapped[bool] = mapped_column(default=False)
    idea_count: Mapped[int] = mapped_column(default=0)


class Idea(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """A citizen's proposal. `support_count` moves with the vote rows; the answer clock starts at the threshold."""

    __tablename__ = "idea"
    __table_args__ = (
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
        CheckConstraint("support_count >= 0", name="support_count_not_negative"),
        Index("ix_idea_status_published_at", "status", "published_at"),
        Index("ix_idea_support_count_id", "support_count", "id"),
        Index("ix_idea_answer_due_at", "answer_due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("idea_category.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    cooked_version: Mapped[int] = mapped_column(default=0)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT.value)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"), index=True)
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    threshold_reached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea_status_change.id", ondelete="SET NULL", use_alter=True), index=True)
    # A short summary in plain language (Einfache Sprache), by the author or city staff, shown above the description.
    plain_summary: Mapped[str | None] = mapped_column(Text)
    plain_summary_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    plain_summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    plain_summary_by: Mapped[User | None] = relationship(foreign_keys=[plain_summary_by_id])
    category: Mapped[IdeaCategory] = relationship()
    duplicate_of: Mapped[Idea | None] = relationship(foreign_keys=[duplicate_of_id], remote_side=[id])
    answer: Mapped[IdeaStatusChange | None] = relationship(foreign_keys=[answer_id], post_update=True)
    discussion: Mapped[Thread | None] = relationship(
        Thread, primaryjoin=lambda: foreign(Thread.about_subject_id) == Idea.subject_id, viewonly=True,
        uselist=False)

    @property
    def reply_count(self) -> int:
        """Replies in the idea's discussion (the thread keeps the counter)."""
        return self.discussion.reply_count if self.discussion is not None else 0

    @property
    def state(self) -> Status:
        return Status(self.status)

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def votes_open(self) -> bool:
        """Supports are cast and withdrawn while the idea is published and not in a final state."""
        return not self.is_draft and not self.state.is_final

    @property
    def self_votes_allowed(self) -> bool:
        return self.category.authors_may_support

    @property
    def awaiting_answer(self) -> bool:
        return self.threshold_reached_at is not None and self.answered_at is None

    def is_overdue(self, now: datetime) -> bool:
        """Past its due date without an official answer."""
        return self.awaiting_answer and self.answer_due_at is not None and self.answer_due_at < now

    @property
    def answered_on_time(self) -> bool | None:
        """True or False once answered after the threshold; None while there is nothing to judge."""
        if self.answered_at is None or self.answer_due_at is None:
            return None
        return self.answered_at <= self.answer_due_at

    def due_date_for(self, reached_at: datetime) -> datetime:
        return reached_at + timedelta(days=self.category.answer_days)

    def __repr__(self) -> str:
        return f"<Idea {self.id} {self.status}>"


class IdeaStatusChange(db.Model):  # type: ignore[name-defined]
    """One step of an idea's public timeline: who moved it from what to what, why, and whether it answered."""

    __tablename__ = "idea_status_change"
    __table_args__ = (
        Index("ix_idea_status_change_idea_created", "idea_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    explanation_md: Mapped[str] = mapped_column(Text, default="")
    explanation_html: Mapped[str] = mapped_column(Text, default="")
    is_answer: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The work this step points to (the solution an idea went into): a reference, shown as a link by its title.
    reference_subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id", ondelete="SET NULL"),
                                                             index=True)

    actor: Mapped[User | None] = relationship()

    @property
    def to_state(self) -> Status:
        return Status(self.to_status)

    @property
    def from_state(self) -> Status | None:
        return Status(self.from_status) if self.from_status else None
