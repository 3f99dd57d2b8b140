"""What the idea listings show, each page in a fixed number of queries: browse, sort, filter, awaiting answer."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import contains_eager, defer, joinedload

from app.content_translations.models import ContentTranslation
from app.content_translations.reading import titles_in
from app.extensions import db
from app.i18n import current_language
from app.models import utcnow
from app.moderation.visibility import not_hidden
from app.notifications.following_state import followed_subject_ids
from app.users.models import User
from forums.models import Thread
from ideas.models import Idea, IdeaCategory, Status
from voting.models import Vote
from voting.queries import COUNTED, recent_votes, voted_subject_ids

IDEAS_PER_PAGE = 20
TRENDING_DAYS = 14
PUBLIC_STATUSES = tuple(status for status in Status if status != Status.DRAFT)


class Sort(StrEnum):
    """The orders of the idea list; the first is the default."""

    NEWEST = "newest"
    SUPPORTED = "supported"
    TRENDING = "trending"
    DISCUSSED = "discussed"
    ANSWERED = "answered"

    @property
    def label(self) -> str:
        return str(SORT_LABELS[self])


SORT_LABELS = {
    Sort.NEWEST: _l("Newest"),
    Sort.SUPPORTED: _l("Most supported"),
    Sort.TRENDING: _l("Trending (most supports in the last %(days)s days)", days=TRENDING_DAYS),
    Sort.DISCUSSED: _l("Most discussed"),
    Sort.ANSWERED: _l("Recently answered"),
}


@dataclass(frozen=True)
class IdeaFilters:
    """What the visitor asked for; `mine` and `supported` need a signed-in viewer and are ignored without one."""

    sort: Sort = Sort.NEWEST
    status: Status | None = None
    category: IdeaCategory | None = None
    mine: bool = False
    supported: bool = False
    language: str | None = None  # the language the ideas are written in


@dataclass(frozen=True)
class IdeaRow:
    """One entry of a list: the idea (category, author and discussion loaded), and what it means to the viewer."""

    idea: Idea
    supported: bool  # the viewer supports it
    overdue: bool = False  # past its answer date without an official answer
    translation: ContentTranslation | None = None  # its community translation into the reader's language
    following: bool = False  # the viewer follows it


@dataclass(frozen=True)
class IdeaPage:
    rows: list[IdeaRow]
    page: int
    pages: int
    total: int


def pages_for(count: int, per_page: int = IDEAS_PER_PAGE) -> int:
    """Pages needed for `count` entries; an empty list still has its page 1."""
    return max(1, math.ceil(count / per_page))


# --- browsing ------------------------------------------------------------------------------------------------

def list_ideas(filters: IdeaFilters, page: int, viewer: User | None = None) -> IdeaPage:
    """One page of published ideas in the filters' order (three queries: count, page, the viewer's supports)."""
    conditions = listing_conditions(filters, viewer)
    total = _count(conditions)
    query = _ordered(listing_query().where(*conditions), filters.sort)
    ideas = _page_of(query, page)
    return IdeaPage(idea_rows(ideas, viewer), page, pages_for(total), total)


def listing_conditions(filters: IdeaFilters, viewer: User | None) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a listing: published only, then each filter that applies."""
    conditions = published_conditions()
    if filters.status is not None and filters.status != Status.DRAFT:
        conditions.append(Idea.status == filters.status.value)
    if filters.category is not None:
        conditions.append(Idea.category_id == filters.category.id)
    if filters.language is not None:
        conditions.append(Idea.language == filters.language)
    if filters.sort == Sort.ANSWERED:
        conditions.append(Idea.answered_at.is_not(None))
    if viewer is not None and filters.mine:
        conditions.append(Idea.author_id == viewer.id)
    if viewer is not None and filters.supported:
        conditions.append(exists().where(Vote.subject_id == Idea.subject_id, Vote.voter_id == viewer.id,
                                                   COUNTED))
    return conditions


def drafts_of(author: User) -> Select:
    """`author`'s drafts, the last changed first (their home page and their profile list them)."""
    return (select(Idea).where(Idea.author_id == author.id, Idea.status == Status.DRAFT.value)
            .order_by(Idea.updated_at.desc(), Idea.id.desc()))


def top_ideas(filters: IdeaFilters, limit: int) -> list[Idea]:
    """The first `limit` ideas of the list /ideas shows for `filters` (one query)."""
    query = _ordered(listing_query().where(*listing_conditions(filters, None)), filters.sort).limit(limit)
    return list(db.session.execute(query).unique().scalars())


def published_conditions() -> list[ColumnElement[bool]]:
    """Published and not hidden by moderation (for everyone: lists, counts and feeds leave hidden ideas out)."""
    return [Idea.status != Status.DRAFT.value, Idea.published_at.is_not(None), not_hidden(Idea.subject_id)]


def _count(conditions: list[ColumnElement[bool]]) -> int:
    return db.session.execute(select(func.count(Idea.id)).where(*conditions)).scalar_one()


def listing_query() -> Select:
    """Ideas with their category, author, Subject and discussion thread in the same statement.

    Lists show no descriptions: those columns stay in the database, and touching them raises instead of
    sending one query per row.
    """
    return (select(Idea)
            .outerjoin(Thread, Thread.about_subject_id == Idea.subject_id)
            .options(joinedload(Idea.category), joinedload(Idea.author), joinedload(Idea.subject),
                     contains_eager(Idea.discussion),
                     defer(Idea.body_md, raiseload=True), defer(Idea.body_html, raiseload=True)))


def _ordered(query: Select, sort: Sort) -> Select:
    newest = (Idea.published_at.desc(), Idea.id.desc())
    if sort == Sort.SUPPORTED:
        return query.order_by(Idea.support_count.desc(), *newest)
    if sort == Sort.TRENDING:
        recent = recent_votes(utcnow() - timedelta(days=TRENDING_DAYS))
        return (query.outerjoin(recent, recent.c.subject_id == Idea.subject_id)
                .order_by(func.coalesce(recent.c.votes, 0).desc(), Idea.support_count.desc(), *newest))
    if sort == Sort.DISCUSSED:
        return query.order_by(func.coalesce(Thread.reply_count, 0).desc(), *newest)
    if sort == Sort.ANSWERED:
        return query.order_by(Idea.answered_at.desc(), Idea.id.desc())
    return query.order_by(*newest)


def _page_of(query: Select, page: int) -> list[Idea]:
    query = query.limit(IDEAS_PER_PAGE).offset((page - 1) * IDEAS_PER_PAGE)
    return list(db.session.execute(query).unique().scalars())


def idea_rows(ideas: list[Idea], viewer: User | None, now: datetime | None = None, *,
              translations: dict | None = None, followed: set[int] | None = None) -> list[IdeaRow]:
    """Rows of any list of ideas: the viewer's supports and follows (a query each, none for anonymous visitors),
    the overdue mark, and the titles translated into the reader's language (one query). A page that shows other
    things beside the ideas passes `translations` and `followed` it read for all of them at once."""
    subject_ids = [idea.subject_id for idea in ideas]
    supported = voted_subject_ids(viewer, subject_ids)
    followed = followed_subject_ids(viewer, subject_ids) if followed is None else followed
    translations = titles_in(subject_ids, current_language().code) if translations is None else translations
    now = now or utcnow()
    return [IdeaRow(idea, idea.subject_id in supported, idea.is_overdue(now), translations.get(idea.subject_id),
                    idea.subject_id in followed)
            for idea in ideas]


# --- awaiting the city's answer --------------------------------------------------------------------------------

def awaiting_answer(page: int, viewer: User | None = None, now: datetime | None = None) -> IdeaPage:
    """Published ideas past their threshold without an official answer, the earliest due first (three queries).

    Rows past their due date at `now` are marked overdue.
    """
    conditions = awaiting_conditions()
    total = _count(conditions)
    query = listing_query().where(*conditions).order_by(Idea.answer_due_at.asc(), Idea.id.asc())
    ideas = _page_of(query, page)
    return IdeaPage(idea_rows(ideas, viewer, now), page, pages_for(total), total)


def awaiting_conditions() -> list[ColumnElement[bool]]:
    """Published, not withdrawn, past the threshold and without an official answer: waiting for the city."""
    return [*published_conditions(), Idea.status != Status.WITHDRAWN.value,
            Idea.threshold_reached_at.is_not(None), Idea.answered_at.is_(None)]


def awaiting_triage(viewer: User | None = None) -> IdeaPage:
    """The newest page of ideas still in status "new": what city staff have not looked at yet."""
    return list_ideas(IdeaFilters(status=Status.NEW), 1, viewer)

