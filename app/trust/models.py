"""The tables of trust and administration: stored settings and watched words.

A person's trust level lives on `User` (`trust_level`, `trust_locked`, `trust_changed_at`); supports set aside and
the traces that find suspicious supports live with the votes (`voting.models`).
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import EnumText, UTCDateTime, utcnow


class TrustLevel:
    """Discourse's first two trust levels: new members start in the sandbox, members have earned some trust."""

    SANDBOX = 0
    MEMBER = 1


class StoredSetting(db.Model):  # type: ignore[name-defined]
    """An administrator's value for a setting of `app.trust.settings` (a setting without a row has its default)."""

    __tablename__ = "setting"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    def __repr__(self) -> str:
        return f"<StoredSetting {self.name}={self.value!r}>"


class WordAction(StrEnum):
    """What a watched word does to a post that contains it."""

    BLOCK = "block"      # the post is refused, with an error next to the field
    HOLD = "hold"        # the post waits in the review queue before anyone else sees it
    REPORT = "report"    # the post is published and reported to the moderators automatically
    REPLACE = "replace"  # the word is replaced by the word's replacement before the post is saved

    @property
    def label(self) -> str:
        return str(WORD_ACTION_LABELS[self])


WORD_ACTION_LABELS = {
    WordAction.BLOCK: _l("Block the post"),
    WordAction.HOLD: _l("Hold the post for review"),
    WordAction.REPORT: _l("Report the post to the moderators"),
    WordAction.REPLACE: _l("Replace the word"),
}

ALL_LANGUAGES = ""  # WatchedWord.locale for a word watched in every language


class WatchedWord(db.Model):  # type: ignore[name-defined]
    """A word (or phrase) administrators watch in one language, or in all (`locale` ""), with its action."""

    __tablename__ = "watched_word"
    __table_args__ = (UniqueConstraint("locale", "normalised", name="uq_watched_word_locale_normalised"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(100))  # as the administrator typed it
    normalised: Mapped[str] = mapped_column(String(100))  # app.trust.words.normalise(word)
    locale: Mapped[str] = mapped_column(String(8), default=ALL_LANGUAGES)
    action: Mapped[WordAction] = mapped_column(EnumText(WordAction, 10))
    replacement: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # the matchers' cache key moves

    def __repr__(self) -> str:
        return f"<WatchedWord {self.locale or '*'}:{self.normalised} {self.action}>"
