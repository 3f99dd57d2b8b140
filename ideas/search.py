"""What search finds of ideas: published ideas ("idea": title, description and the official answer) and idea
categories ("idea_category").

Drafts and ideas withdrawn before they were published have no document (`published_at` is None); a withdrawn
published idea stays findable, as its page does. An idea files under "idea:<slug>" with its status, author and
language, dated when it was published; moderation's hiding makes it a hidden document its author still finds
(`policy.can_view`). The replies of an idea's discussion file under the idea's category (forums.search).
"""
from __future__ import annotations

from flask_babel import format_date, lazy_gettext as _l, ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.categories.search import category_source
from app.extensions import db
from app.i18n import current_language
from app.search import sources
from app.search.documents import Document, Key
from app.search.sources import Shown, Source, Watch
from app.search.text import plain, plain_text
from app.urls import path_for
from forums import search as forum_search
from ideas import policy
from ideas.models import Idea, IdeaCategory, IdeaStatusChange, Status

KIND = "idea"
IDEA_TEXTS = frozenset({"title", "body_html", "language", "status", "category_id", "author_id", "published_at",
                        "answer_id"})


def _ideas(ids: list[int], *options) -> list[Idea]:
    if not ids:
        return []
    query = select(Idea).options(joinedload(Idea.subject), joinedload(Idea.category), *options)
    return list(db.session.execute(query.where(Idea.id.in_(ids))).scalars())


def load(ids: list[int]) -> dict[int, Document]:
    """Published ideas with their official answers (one query)."""
    documents = {}
    for idea in _ideas(ids, joinedload(Idea.answer)):
        if idea.published_at is None or idea.is_draft:
            continue
        hidden = policy.is_hidden(idea)
        body = plain_text(idea.body_html)
        if idea.answer is not None and idea.answer.explanation_html:
            body = f"{body} {plain_text(idea.answer.explanation_html)}"
        documents[idea.id] = Document(
            kind=KIND, id=idea.id, title=plain(idea.title), body=body, language=idea.language,
            created_at=idea.published_at, category=f"idea:{idea.category.slug}", status=idea.status,
            author_id=idea.author_id, hidden=hidden,
            visible_to=frozenset({idea.author_id}) if hidden and idea.author_id is not None else frozenset())
    return documents


def all_ids():
    return select(Idea.id).where(Idea.published_at.is_not(None), Idea.status != Status.DRAFT.value).order_by(Idea.id)


def show(ids: list[int], viewer) -> dict[int, Shown]:
    """Title, link, supports, status, category and date of the ideas `viewer` may see (one query)."""
    code = current_language().code
    shown = {}
    for idea in _ideas(ids):
        if not policy.can_view(viewer, idea) or idea.published_at is None:
            continue
        facts = (ngettext("%(num)s support", "%(num)s supports", idea.support_count), idea.state.label,
                 idea.category.name(code), format_date(idea.published_at, "medium"))
        shown[idea.id] = Shown(title=idea.title, url=path_for("ideas.show", idea_id=idea.id), facts=facts,
                               hidden=policy.is_hidden(idea))
    return shown


def categories_of(model, subject_ids: list[int]) -> dict[int, str]:
    """Subject id -> "idea:<slug>" of the ideas or solutions (`model`) owning them, for the replies of their
    discussions (one query)."""
    rows = db.session.execute(select(model.subject_id, IdeaCategory.slug).join(IdeaCategory)
                              .where(model.subject_id.in_(subject_ids)))
    return {subject_id: f"idea:{slug}" for subject_id, slug in rows}


def discussion_categories(subject_ids: list[int]) -> dict[int, str]:
    """idea Subject id -> "idea:<slug>", for the replies of ideas' discussions (one query)."""
    return categories_of(Idea, subject_ids)


def _discussion(idea: Idea) -> list[Key]:
    """An idea in another category: its discussion's replies file under the new one (one query)."""
    return forum_search.discussion_threads([idea.subject_id])


def members_of(model, kind: str, category: IdeaCategory) -> list[Key]:
    """A category's new address: the keys of its ideas or solutions (`model`, search kind `kind`) and of their
    discussions, which file under it (two queries)."""
    rows = list(db.session.execute(select(model.id, model.subject_id).where(model.category_id == category.id)))
    return [(kind, object_id) for object_id, _ in rows] + \
        forum_search.discussion_threads([subject_id for _, subject_id in rows])


def _category_members(category: IdeaCategory) -> list[Key]:
    return members_of(Idea, KIND, category)


def _category_count(category: IdeaCategory) -> str:
    return ngettext("%(num)s idea", "%(num)s ideas", category.idea_count)


def register() -> None:
    """Register the "idea" and "idea_category" sources, and how ideas' discussions file."""
    sources.register(Source(
        kind=KIND, label=_l("Ideas"), load=load, all_ids=all_ids, subject_kind=KIND, show=show,
        watches=(Watch(Idea, lambda idea: [(KIND, idea.id)], IDEA_TEXTS),
                 Watch(Idea, _discussion, frozenset({"category_id"})),
                 Watch(IdeaStatusChange, lambda change: [(KIND, change.idea_id)],
                       frozenset({"explanation_html", "is_answer", "to_status"})),
                 Watch(IdeaCategory, _category_members, frozenset({"slug"})))))
    sources.register(category_source(
        IdeaCategory, prefix="idea", label=_l("Idea categories"), kind_label=_l("Idea category"),
        url=lambda category: path_for("ideas.index", category=category.slug), count=_category_count))
    forum_search.add_discussion_category(KIND, discussion_categories)
