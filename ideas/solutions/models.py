"""Solution tables: solutions built from ideas, their milestones, progress updates, team and closure ratings."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import EnumText, SubjectMixin, UTCDateTime, utcnow
from app.users.models import User
from ideas.models import Idea, IdeaCategory

TITLE_MAX = 150
SUMMARY_MAX = 300


class SolutionStatus(StrEnum):
    """Where a solution stands; "live" closes the loop with the supporters of its ideas."""

    PLANNED = "planned"
    IN_DEVELOPMENT = "in_development"
    PILOTING = "piloting"
    LIVE = "live"
    DISCONTINUED = "discontinued"

    @property
    def label(self) -> str:
        return str(SOLUTION_STATUS_LABELS[self])


SOLUTION_STATUS_LABELS = {
    SolutionStatus.PLANNED: _l("Planned"),
    SolutionStatus.IN_DEVELOPMENT: _l("In development"),
    SolutionStatus.PILOTING: _l("Piloting"),
    SolutionStatus.LIVE: _l("Live"),
    SolutionStatus.DISCONTINUED: _l("Discontinued"),
}
STATUS_VALUES = ", ".join(f"'{s.value}'" for s in SolutionStatus)


class Role(StrEnum):
    """What a volunteer offers."""

    TESTING = "testing"
    DESIGN = "design"
    DEVELOPMENT = "development"
    DOMAIN = "domain"
    OTHER = "other"


ROLE_LABELS = {Role.TESTING: _l("Testing"), Role.DESIGN: _l("Design"), Role.DEVELOPMENT: _l("Development"),
               Role.DOMAIN: _l("Domain knowledge"), Role.OTHER: _l("Other")}
ROLE_VALUES = ", ".join(f"'{r.value}'" for r in Role)


class ContributionState(StrEnum):
    """Where an offer of help stands: the owner accepts or declines it once."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


CONTRIBUTION_STATE_VALUES = ", ".join(f"'{s.value}'" for s in ContributionState)


class Solution(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """A digital service, app, data set or pilot the city and the community build from ideas, in the open.

    Progress is set by hand (`progress_manual`) or, when that is None, computed from the milestones done.
    `rating_count` and `rating_sum` move with the closure ratings in the same transaction.
    """

    __tablename__ = "solution"
    __table_args__ = (
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
        CheckConstraint("progress_manual IS NULL OR progress_manual BETWEEN 0 AND 100", name="progress_range"),
        Index("ix_solution_status_updated", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX))
    description_md: Mapped[str] = mapped_column(Text)
    description_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20), default=SolutionStatus.PLANNED.value)
    progress_manual: Mapped[int | None] = mapped_column()
    category_id: Mapped[int | None] = mapped_column(ForeignKey("idea_category.id", ondelete="SET NULL"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    milestone_count: Mapped[int] = mapped_column(default=0)
    milestones_done: Mapped[int] = mapped_column(default=0)
    rating_count: Mapped[int] = mapped_column(default=0)
    rating_sum: Mapped[int] = mapped_column(default=0)
    went_live_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    category: Mapped[IdeaCategory | None] = relationship()

    @property
    def state(self) -> SolutionStatus:
        return SolutionStatus(self.status)

    @property
    def progress(self) -> int:
        """0–100: set by hand, else the share of milestones done."""
        if self.progress_manual is not None:
            return self.progress_manual
        if not self.milestone_count:
            return 100 if self.state == SolutionStatus.LIVE else 0
        return round(100 * self.milestones_done / self.milestone_count)

    @property
    def average_rating(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None


class SolutionIdea(db.Model):  # type: ignore[name-defined]
    """An idea feeding a solution (an idea may feed several, a solution may link several)."""

    __tablename__ = "solution_idea"
    __table_args__ = (UniqueConstraint("solution_id", "idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    idea: Mapped[Idea] = relationship()


class Milestone(db.Model):  # type: ignore[name-defined]
    """A step on a solution's timeline: planned for a date, done on a date."""

    __tablename__ = "milestone"
    __table_args__ = (Index("ix_milestone_solution_planned", "solution_id", "planned_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description_md: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def is_late(self, today: date) -> bool:
        """Not done and its planned date has passed (said in words on the page, not by colour)."""
        return self.done_on is None and self.planned_on < today


class ProgressUpdate(db.Model):  # type: ignore[name-defined]
    """A short Markdown post by the team on how the work goes."""

    __tablename__ = "progress_update"
    __table_args__ = (Index("ix_progress_update_solution_created", "solution_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class Contribution(db.Model):  # type: ignore[name-defined]
    """A citizen volunteering for a solution with a role; the owner accepts or declines. Accepted contributors
    who consent appear on the public team list."""

    __tablename__ = "contribution"
    __table_args__ = (
        UniqueConstraint("solution_id", "user_id"),
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),
        CheckConstraint(f"state IN ({CONTRIBUTION_STATE_VALUES})", name="state_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")
    public: Mapped[bool] = mapped_column(default=False)
    state: Mapped[ContributionState] = mapped_column(EnumText(ContributionState, 10),
                                                     default=ContributionState.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Rating(db.Model):  # type: ignore[name-defined]
    """A supporter's answer to "does it meet the need?": 1–5 and an optional comment, one per person, changeable."""

    __tablename__ = "solution_rating"
    __table_args__ = (
        UniqueConstraint("solution_id", "user_id"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    solution_id: Mapped[int] = mapped_column(ForeignKey("solution.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column()
    comment_md: Mapped[str] = mapped_column(Text, default="")
    comment_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
