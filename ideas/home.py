"""What the home page shows of ideas and solutions, in a fixed number of queries whatever the data.

For everyone (`public_home`): what needs attention (ideas close to their support threshold, answers due soon or
overdue), the newest ideas, solutions in progress, the latest official answers and the participation figures.
For a signed-in person (`personal_home`): their drafts and the ideas they support. Every list leaves out drafts
(but the reader's own in "your drafts") and what moderation hid, as the idea list does, and shows titles in the
reader's language where a community translation exists. app.main.home_reading runs both readers through the
sections `ideas.register` adds to the home page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Float, and_, case, cast, func, select

from app.content_translations.models import ContentTranslation
from app.content_translations.reading import titles_in
from app.extensions import db
from app.i18n import current_language
from app.models import utcnow
from app.notifications.following_state import followed_subject_ids
from app.users.models import User
from ideas.models import FINAL, Idea, IdeaCategory, Status
from ideas.reading import (IdeaFilters, IdeaRow, Sort, awaiting_conditions, drafts_of, idea_rows, listing_conditions,
                           listing_query, top_ideas)
from ideas.solutions.models import Solution
from ideas.solutions.reading import in_progress
from voting.models import Vote
from voting.queries import COUNTED

SHOWN = 3  # ideas or solutions per block
NEWEST_SHOWN = 5
DRAFTS_SHOWN = 5
CLOSE_SHARE = 0.5  # "close to the threshold": at least half of the supports it needs
DUE_SOON = timedelta(days=7)
OPEN_STATUSES = tuple(status.value for status in Status if status not in FINAL and status != Status.DRAFT)


@dataclass(frozen=True)
class Figures:
    """How many take part: published ideas, their counted supports, and how the city keeps its answer promise."""

    ideas: int
    supports: int
    answers: int  # official answers to ideas past their threshold
    on_time: int  # of which given by the date promised

    @property
    def on_time_percent(self) -> float | None:
        """The share of answers given on time, 0-100; None before the first answer."""
        return 100 * self.on_time / self.answers if self.answers else None


@dataclass(frozen=True)
class PublicHome:
    """The home page's blocks for everyone (rows are ideas.reading.IdeaRow)."""

    close: list[IdeaRow]
    due: list[IdeaRow]
    newest: list[IdeaRow]
    answered: list[IdeaRow]
    solutions: list[Solution]
    solution_titles: dict[int, ContentTranslation]
    followed_solutions: set[int]  # the Subject ids of the solutions shown that the reader follows
    figures: Figures


@dataclass(frozen=True)
class PersonalHome:
    """A signed-in person's part: their drafts (the newest changed first) and the ideas they support lately."""

    drafts: list[Idea]
    draft_count: int
    supported: list[IdeaRow] = field(default_factory=list)


def public_home(viewer: User | None, now: datetime | None = None) -> PublicHome:
    """Every block for everyone: nine queries (seven for a visitor), whatever the number of ideas.

    Close to the threshold, due soon, newest, answered, solutions in progress, one query each; the translated
    titles of all of them and which of them the viewer follows, at once; the viewer's supports (`idea_rows`);
    the figures.
    """
    now = now or utcnow()
    lists = [close_to_threshold(), due_soon(now), newest(), recently_answered()]
    shown = list({idea.id: idea for ideas in lists for idea in ideas}.values())
    solutions = in_progress(SHOWN)
    subject_ids = [thing.subject_id for thing in (*shown, *solutions)]
    translations = titles_in(subject_ids, current_language().code)
    followed = followed_subject_ids(viewer, subject_ids)
    rows = {row.idea.id: row for row in idea_rows(shown, viewer, now, translations=translations, followed=followed)}
    close, due, new, answered = ([rows[idea.id] for idea in ideas] for ideas in lists)
    return PublicHome(close, due, new, answered, solutions, translations, followed, figures())


def close_to_threshold(limit: int = SHOWN) -> list[Idea]:
    """Open ideas with at least half the supports their category asks for, the threshold not reached yet and no
    answer given early (it needs no more supports then), the largest share first (one query)."""
    share = cast(Idea.support_count, Float) / IdeaCategory.support_threshold
    query = (listing_query().join(IdeaCategory, IdeaCategory.id == Idea.category_id)
             .where(*listing_conditions(IdeaFilters(), None), Idea.status.in_(OPEN_STATUSES),
                    Idea.threshold_reached_at.is_(None), Idea.answered_at.is_(None),
                    Idea.support_count < IdeaCategory.support_threshold,
                    share >= CLOSE_SHARE)
             .order_by(share.desc(), Idea.support_count.desc(), Idea.id.desc()).limit(limit))
    return list(db.session.execute(query).unique().scalars())


def due_soon(now: datetime, limit: int = SHOWN) -> list[Idea]:
    """Ideas waiting for the city's answer that is overdue or due within seven days, the earliest due first (one
    query)."""
    query = (listing_query().where(*awaiting_conditions(), Idea.answer_due_at <= now + DUE_SOON)
             .order_by(Idea.answer_due_at.asc(), Idea.id.asc()).limit(limit))
    return list(db.session.execute(query).unique().scalars())


def newest(limit: int = NEWEST_SHOWN) -> list[Idea]:
    """The newest published ideas: the top of /ideas (one query)."""
    return top_ideas(IdeaFilters(), limit)


def recently_answered(limit: int = SHOWN) -> list[Idea]:
    """The ideas the city answered last: the top of /ideas?sort=answered (one query)."""
    return top_ideas(IdeaFilters(sort=Sort.ANSWERED), limit)


def figures() -> Figures:
    """Published ideas, their supports and the answers on time, in one aggregate query.

    An answer counts when the idea had reached its threshold (it has a due date); it is on time when it came by
    that date, as the idea page says ("answered on time").
    """
    judged = and_(Idea.answered_at.is_not(None), Idea.answer_due_at.is_not(None))
    row = db.session.execute(select(
        func.count(Idea.id), func.coalesce(func.sum(Idea.support_count), 0),
        func.count(case((judged, Idea.id))),
        func.count(case((and_(judged, Idea.answered_at <= Idea.answer_due_at), Idea.id))),
    ).where(*listing_conditions(IdeaFilters(), None))).one()
    return Figures(*(int(value) for value in row))


def personal_home(viewer: User | None) -> PersonalHome | None:
    """The signed-in viewer's drafts and latest supported ideas: their drafts with the number of them (one
    query), the supported ideas (one) and what `idea_rows` reads for them as for any list; None for a visitor."""
    if viewer is None or not viewer.is_authenticated:
        return None
    drafts, count = own_drafts(viewer)
    return PersonalHome(drafts, count, idea_rows(supported_by(viewer), viewer))


def own_drafts(author: User, limit: int = DRAFTS_SHOWN) -> tuple[list[Idea], int]:
    """`author`'s drafts, the last changed first, and how many they have (one query: the count rides along)."""
    rows = db.session.execute(drafts_of(author).add_columns(func.count().over().label("total")).limit(limit)).all()
    return [idea for idea, _ in rows], (rows[0].total if rows else 0)


def supported_by(viewer: User, limit: int = SHOWN) -> list[Idea]:
    """Published ideas `viewer` supports (counted supports), the latest supported first (one query)."""
    query = (listing_query().join(Vote, and_(Vote.subject_id == Idea.subject_id, Vote.voter_id == viewer.id,
                                             COUNTED))
             .where(*listing_conditions(IdeaFilters(), None))
             .order_by(Vote.created_at.desc(), Idea.id.desc()).limit(limit))
    return list(db.session.execute(query).unique().scalars())
