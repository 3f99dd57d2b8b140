"""Who may translate, edit, remove and see community translations.

- Any member who may write (signed in, confirmed, not silenced) and may see the original translates it into each
  language of the site other than the original's, while the original is open (a published idea, a solution).
- A translation is improved like a wiki page: anyone who may translate the original may write a new version;
  every version is kept with its translator.
- The original's author, the translator and the moderators may remove a translation.
- A translation is shown where its original is shown, unless moderation hid it (or its original).
"""
from __future__ import annotations

from typing import Any

from app import subjects
from app.content_translations import registry
from app.content_translations.models import ContentTranslation
from app.i18n import LANGUAGES
from app.moderation.policy import is_moderator
from app.moderation.visibility import hidden_from
from app.permissions import may_contribute, signed_in_member


def translatable(obj: Any) -> registry.Translatable | None:
    """The registration of `obj`'s kind, or None when such objects are not translated."""
    return registry.get(subjects.kind_of(obj).kind)


def target_languages(obj: Any) -> list[str]:
    """The languages of the site `obj` may be translated into: all but its own."""
    entry = translatable(obj)
    own = entry.language(obj).split("-")[0] if entry else None
    return [code for code in LANGUAGES if code != own] if entry else []


def can_view_original(user, obj: Any) -> bool:
    return subjects.kind_of(obj).visible(user, obj)


def can_translate(user, obj: Any, language: str | None = None) -> bool:
    """Whether `user` may add (or improve) a translation of `obj`, into `language` when given."""
    entry = translatable(obj)
    if entry is None or not may_contribute(user) or not entry.open(obj) or not can_view_original(user, obj):
        return False
    return language is None or language in target_languages(obj)


def _is_own(user, translation: ContentTranslation, obj: Any) -> bool:
    """Whether `user` translated it or wrote its original."""
    entry = translatable(obj)
    return translation.translator_id == user.id or (entry is not None and entry.author_id(obj) == user.id)


def can_remove(user, translation: ContentTranslation, obj: Any) -> bool:
    """The original's author, the translator and the moderators remove a translation that is there."""
    if translation.is_removed or translatable(obj) is None or not signed_in_member(user):
        return False
    return is_moderator(user) or _is_own(user, translation, obj)


def removes_as_moderator(user, translation: ContentTranslation, obj: Any) -> bool:
    """Whether removing is a moderator's act on someone else's work (they give a reason, and it is logged)."""
    return is_moderator(user) and not _is_own(user, translation, obj)


def can_see(user, translation: ContentTranslation, obj: Any) -> bool:
    """Shown with its original: not removed, neither hidden from `user`."""
    return (not translation.is_removed and can_view_original(user, obj)
            and not hidden_from(user, translation.subject, translation.translator_id))
