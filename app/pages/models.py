"""Editable content pages (welcome text, imprint, privacy notice, accessibility statement), one row per language."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import TimestampMixin


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
