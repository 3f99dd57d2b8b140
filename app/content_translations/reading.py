"""Which version of an original a reader gets: the community translation into their language, when there is one
they may see, unless they asked for the original (`?original=1`); for a page and, in one query, for a list."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.content_translations import policy
from app.content_translations.models import ContentTranslation, TranslationRevision
from app.extensions import db
from app.moderation.visibility import not_hidden

ORIGINAL_ARGUMENT = "original"  # ?original=1 shows the original where a translation would be shown
CHOSEN_ARGUMENT = "translation"  # ?translation=tr shows the translation into Turkish


@dataclass(frozen=True)
class Version:
    """What a page shows of an original for one reader.

    - `title`, `body_html`, `language`: the text shown and its language;
    - `translation`: the translation shown, or None for the original;
    - `offered`: the translation into the reader's language that the reader set aside for the original
      (`?original=1`), so the page can offer it back; None otherwise;
    - `others`: every other translation the reader may see, by language (links to read them).
    """

    title: str
    body_html: str
    language: str
    translation: ContentTranslation | None = None
    offered: ContentTranslation | None = None
    others: list[ContentTranslation] = field(default_factory=list)


def translations_of(original: Any) -> list[ContentTranslation]:
    """Every translation of `original` that is not removed, with their translators and Subjects (one query)."""
    return list(db.session.execute(
        select(ContentTranslation).options(joinedload(ContentTranslation.translator),
                                           joinedload(ContentTranslation.subject))
        .where(ContentTranslation.original_subject_id == original.subject_id,
               ContentTranslation.removed_at.is_(None))
        .order_by(ContentTranslation.language)).scalars())


def version_for(viewer, original: Any, language: str, *, wants_original: bool = False,
                chosen: str | None = None) -> Version:
    """The version of `original` that `viewer`, reading in `language`, gets: the translation into `chosen` (a
    language they picked from the list) or into their own language, unless `wants_original` (one query)."""
    entry = policy.translatable(original)
    title, body_html, own_language = entry.title(original), entry.body_html(original), entry.language(original)
    visible = [t for t in translations_of(original) if policy.can_see(viewer, t, original)]
    by_language = {t.language: t for t in visible}
    wanted = chosen if chosen in by_language else language
    shown = None if wants_original or wanted == own_language else by_language.get(wanted)
    offered = by_language.get(language) if shown is None and language != own_language else None
    others = [t for t in visible if t is not shown]
    if shown is None:
        return Version(title, body_html, own_language, None, offered, others)
    return Version(shown.title, shown.body_html, shown.language, shown, None, others)


def page_version(viewer, original: Any, language: str, args) -> Version:
    """`version_for` as a page's query arguments ask: `?original=1`, `?translation=<language>`."""
    return version_for(viewer, original, language, wants_original=args.get(ORIGINAL_ARGUMENT) == "1",
                       chosen=args.get(CHOSEN_ARGUMENT))


def titles_in(subject_ids: list[int], language: str) -> dict[int, ContentTranslation]:
    """original Subject id -> its translation into `language` that everyone may see (not removed, not hidden):
    the titles a list shows (one query, whatever the number of originals)."""
    if not subject_ids:
        return {}
    rows = db.session.execute(select(ContentTranslation).where(
        ContentTranslation.original_subject_id.in_(subject_ids), ContentTranslation.language == language,
        ContentTranslation.removed_at.is_(None), not_hidden(ContentTranslation.subject_id))).scalars()
    return {row.original_subject_id: row for row in rows}


def earlier_versions(translation: ContentTranslation) -> list[TranslationRevision]:
    """The versions later edits replaced, newest first, with who wrote each (one query)."""
    return list(db.session.execute(
        select(TranslationRevision).options(joinedload(TranslationRevision.translator))
        .where(TranslationRevision.translation_id == translation.id)
        .order_by(TranslationRevision.number.desc())).scalars())
