"""Community translations: a member's translation of an idea's or a solution's title and description into
another language of the site, one per language and original, with the versions edits replaced."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import Subject, SubjectMixin, UTCDateTime, utcnow
from app.users.models import User

TITLE_MAX = 150  # as ideas and solutions
BODY_MAX = 20_000


class ContentTranslation(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """The translation of one original (an idea, a solution: `original_subject_id`) into `language`: its title
    and description (Markdown, and the HTML the text pipeline made of it), who wrote the current version, and
    from which language. It has a Subject of its own, so it can be reported, hidden and held like any
    contribution. Removed translations keep their row (`removed_at`) for the log and the translator's data
    export; adding one again into that language starts a new version of the same row."""

    __tablename__ = "content_translation"
    __table_args__ = (UniqueConstraint("original_subject_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    original_subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    from_language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    cooked_version: Mapped[int] = mapped_column(default=0)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    original_subject: Mapped[Subject] = relationship(foreign_keys=[original_subject_id])
    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    removed_by: Mapped[User | None] = relationship(foreign_keys=[removed_by_id])
    revisions: Mapped[list[TranslationRevision]] = relationship(
        back_populates="translation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TranslationRevision.number")

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class TranslationRevision(db.Model):  # type: ignore[name-defined]
    """A version of a translation that a later edit (or its removal) replaced: its text and who wrote it."""

    __tablename__ = "translation_revision"
    __table_args__ = (UniqueConstraint("translation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(ForeignKey("content_translation.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body_md: Mapped[str] = mapped_column(Text)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    translation: Mapped[ContentTranslation] = relationship(back_populates="revisions")
    translator: Mapped[User | None] = relationship()
