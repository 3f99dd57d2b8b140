"""The columns and the reading every category shares: an address, names and descriptions per language, an order."""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, Boolean, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import DEFAULT_LOCALE
from app.models import SubjectMixin, UTCDateTime, utcnow

SLUG_MAX = 60


class CategoryMixin(SubjectMixin):
    """A category of any feature: a followable Subject with a unique slug, texts per language and a position.

    `names` and `descriptions` map a language code to the text in that language; a language left out falls back
    to the default language. Each model sets `subject_kind`, the Subject kind it registers.
    """

    subject_kind: ClassVar[str]

    slug: Mapped[str] = mapped_column(String(SLUG_MAX), unique=True)
    names: Mapped[dict] = mapped_column(JSON)
    descriptions: Mapped[dict] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Pre-moderation (app/trust): posts by sandboxed members wait in the review queue until a moderator agrees.
    premoderated: Mapped[bool] = mapped_column(Boolean, server_default=false())  # server-side only (see 0011)

    def name(self, locale: str) -> str:
        """The name in `locale`, else in the default language, else the slug."""
        return self.names.get(locale) or self.names.get(DEFAULT_LOCALE) or self.slug

    def description(self, locale: str) -> str:
        """The description in `locale`, else in the default language, else empty."""
        return self.descriptions.get(locale) or self.descriptions.get(DEFAULT_LOCALE) or ""
