"""Core tables every feature shares: Subject (the anchor of anything people take part in) and mixins."""
from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, String, false
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.extensions import db


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (stored as UTC on every database)."""
    return datetime.now(timezone.utc)


class UTCDateTime(db.TypeDecorator):  # type: ignore[name-defined]
    """A DateTime that always comes back timezone-aware in UTC, also from SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use app.models.utcnow()")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class EnumText(db.TypeDecorator):  # type: ignore[name-defined]
    """A StrEnum stored as its value in a VARCHAR (a CHECK constraint on the table names the values): the model
    reads and writes members, the database keeps plain text that every tool can read."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value, dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect):
        return None if value is None else self.enum(value)


class TimestampMixin:
    """`created_at` and `updated_at`, set by the database session on insert and update."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Subject(db.Model):  # type: ignore[name-defined]
    """One row per participatory object; votes, threads, follows and reports point here."""

    __tablename__ = "subject"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moderation (app/moderation): the reason category while hidden, None while shown. Lists filter on it.
    hidden_reason: Mapped[str | None] = mapped_column(String(20), index=True)
    hidden_automatically: Mapped[bool] = mapped_column(server_default=false())  # server-side only (see 0011)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_reason is not None

    def __repr__(self) -> str:
        return f"<Subject {self.id} {self.kind}>"


class SubjectMixin:
    """Gives a model its own Subject row through a unique, non-null foreign key."""

    @declared_attr
    def subject_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), unique=True)

    @declared_attr
    def subject(cls) -> Mapped[Subject]:
        return relationship(Subject, foreign_keys=f"{cls.__name__}.subject_id")
