"""What search finds of community translations ("translation"): each translation that is not removed, in its
own language (so the Turkish analyser reads a Turkish translation), filed under its original's category,
hidden when moderation hides it or its original. A result links to the original's page showing that
translation."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import subjects
from app.content_translations import policy
from app.content_translations.models import ContentTranslation
from app.extensions import db
from app.i18n import language_name
from app.search import sources
from app.search.documents import Document, visible_to
from app.search.sources import Shown, Source, Watch
from app.search.text import plain, plain_text

KIND = "translation"
TEXTS = frozenset({"title", "body_html", "removed_at", "language", "translator_id"})


def _with_originals(ids: list[int]) -> list[tuple[ContentTranslation, object]]:
    """The translations of `ids` with their originals (three queries: translations, Subjects, one per kind)."""
    if not ids:
        return []
    rows = list(db.session.execute(select(ContentTranslation).options(
        joinedload(ContentTranslation.subject), joinedload(ContentTranslation.translator))
        .where(ContentTranslation.id.in_(ids))).scalars())
    originals = subjects.resolve_many([row.original_subject_id for row in rows])
    return [(row, originals[row.original_subject_id]) for row in rows if row.original_subject_id in originals]


def load(ids: list[int]) -> dict[int, Document]:
    documents = {}
    for translation, original in _with_originals(ids):
        entry = policy.translatable(original)
        if translation.is_removed or entry is None or not entry.open(original):
            continue
        own_hidden, original_hidden = translation.subject.is_hidden, original.subject.is_hidden
        documents[translation.id] = Document(
            kind=KIND, id=translation.id, title=plain(translation.title), body=plain_text(translation.body_html),
            language=translation.language, created_at=translation.created_at,
            category=entry.search_category(original), author_id=translation.translator_id,
            hidden=own_hidden or original_hidden,
            visible_to=visible_to((own_hidden, translation.translator_id),
                                  (original_hidden, entry.author_id(original))))
    return documents


def all_ids():
    return select(ContentTranslation.id).where(ContentTranslation.removed_at.is_(None)).order_by(
        ContentTranslation.id)


def show(ids: list[int], viewer) -> dict[int, Shown]:
    """Title, link (the original's page showing the translation) and what it is, for those `viewer` may see."""
    shown = {}
    for translation, original in _with_originals(ids):
        if not policy.can_see(viewer, translation, original):
            continue
        facts = (_("Translation from %(language)s", language=language_name(translation.from_language)),
                 subjects.kind_of(original).title(original))
        url = subjects.kind_of(original).url(original) + f"?translation={translation.language}"
        shown[translation.id] = Shown(title=translation.title, url=url, facts=facts,
                                      hidden=translation.subject.is_hidden or original.subject.is_hidden)
    return shown


def shown_with(subject_ids: list[int]):
    """The translations of originals whose Subjects were hidden or shown again (one query)."""
    rows = db.session.execute(select(ContentTranslation.id).where(
        ContentTranslation.original_subject_id.in_(subject_ids)))
    return [(KIND, translation_id) for (translation_id,) in rows]


def register() -> None:
    sources.register(Source(
        kind=KIND, label=_l("Translations"), load=load, all_ids=all_ids, subject_kind=KIND, show=show,
        watches=(Watch(ContentTranslation, lambda translation: [(KIND, translation.id)], TEXTS),),
        shown_with=shown_with))
