"""Categories as search documents: one Source a feature binds to its category model ("forum_category",
"idea_category"), so /search finds a category by its name or description in any language.

A category's document holds every language's name in the title and every description in the body; it files
under its own category key ("forum:<slug>"), so filtering by a category finds the category too. Categories are
never hidden by moderation and have no author.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.extensions import db
from app.i18n import DEFAULT_LOCALE, current_language
from app.search.documents import Document
from app.search.sources import Shown, Source, Watch
from app.search.text import plain

# What a category's document is built from: a change to any of these makes it stale.
TEXTS = frozenset({"slug", "names", "descriptions"})


def _joined(texts: dict | None) -> str:
    """The distinct non-empty texts of every language, the default language first."""
    texts = texts or {}
    seen: dict[str, None] = {}
    for code in sorted(texts, key=lambda code: (code != DEFAULT_LOCALE, code)):
        text = plain(texts[code])
        if text:
            seen.setdefault(text, None)
    return " · ".join(seen)


def category_source(model: type, *, prefix: str, label, kind_label, url: Callable[[object], str],
                    count: Callable[[object], str] | None = None) -> Source:
    """The Source of `model`'s categories (kind = `model.subject_kind`), filed under "<prefix>:<slug>".

    `label` names the kind on /search (plural), `kind_label` is the fact that says what a result is ("Forum
    category"), `url(category)` its page and `count(category)` an optional translated fact ("12 threads").
    """
    kind = model.subject_kind

    def load(ids: list[int]) -> dict[int, Document]:
        rows = db.session.execute(select(model).where(model.id.in_(ids))).scalars() if ids else []
        return {category.id: Document(
            kind=kind, id=category.id, title=_joined(category.names) or category.slug,
            body=_joined(category.descriptions), language=DEFAULT_LOCALE, created_at=category.created_at,
            category=f"{prefix}:{category.slug}") for category in rows}

    def all_ids():
        return select(model.id).order_by(model.id)

    def show(ids: list[int], viewer) -> dict[int, Shown]:
        rows = db.session.execute(select(model).where(model.id.in_(ids))).scalars() if ids else []
        code = current_language().code
        shown = {}
        for category in rows:
            facts = [str(kind_label)]
            if count is not None:
                facts.append(count(category))
            shown[category.id] = Shown(title=category.name(code), url=url(category), facts=tuple(facts))
        return shown

    return Source(kind=kind, label=label, load=load, all_ids=all_ids, subject_kind=kind, show=show,
                  watches=(Watch(model, lambda category: [(kind, category.id)], TEXTS),))
