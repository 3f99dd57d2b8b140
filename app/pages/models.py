"""Editable content pages (welcome text, imprint, privacy notice, accessibility statement, house rules), one row per
language, and every earlier text of each (moderation quotes the house rules as they were when it decided)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import TimestampMixin, UTCDateTime, utcnow


class Page(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """The text of one page in one language, written in Markdown by an administrator."""

    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("slug", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(150))
    body_md: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class PageRevision(db.Model):  # type: ignore[name-defined]
    """The text of one page in one language as it was saved, version by version (the current one included)."""

    __tablename__ = "page_revision"
    __table_args__ = (UniqueConstraint("page_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(150))
    body_md: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
