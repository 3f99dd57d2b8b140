"""Managing idea categories (administrators): names, order, and the answer promise of each."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.users.models import User
from ideas import policy
from ideas.models import IdeaCategory
from ideas.services import NotAllowed


class SlugTaken(ValueError):
    """Raised when another category already uses the slug."""


@dataclass
class CategoryInput:
    slug: str
    names: dict[str, str]
    descriptions: dict[str, str]
    support_threshold: int = 25
    answer_days: int = 30
    authors_may_support: bool = False
    position: int | None = None


def all_categories() -> list[IdeaCategory]:
    return list(db.session.execute(
        select(IdeaCategory).order_by(IdeaCategory.position, IdeaCategory.id)).scalars())


def find_category(slug: str) -> IdeaCategory | None:
    return db.session.execute(select(IdeaCategory).where(IdeaCategory.slug == slug)).scalar_one_or_none()


def save_category(actor: User | None, data: CategoryInput, category: IdeaCategory | None = None) -> IdeaCategory:
    """Create a category and its Subject (placed last unless a position is given) or change `category`; commit.

    A changed answer period applies to ideas that reach the threshold from then on; due dates already
    promised stay. Raises NotAllowed (actor None means a command-line operator) or SlugTaken.
    """
    if actor is not None and not policy.can_manage_categories(actor):
        raise NotAllowed
    other = find_category(data.slug)
    if other is not None and other is not category:
        raise SlugTaken(data.slug)
    if category is None:
        last = db.session.execute(select(func.max(IdeaCategory.position))).scalar_one()
        now, subject = utcnow(), subjects.new_subject("idea_category")
        subject.created_at = now
        category = IdeaCategory(position=(last or 0) + 1, created_at=now, subject=subject)
        db.session.add(category)
    category.slug = data.slug
    category.names = {code: text.strip() for code, text in data.names.items() if text and text.strip()}
    category.descriptions = {code: text.strip() for code, text in data.descriptions.items() if text and text.strip()}
    category.support_threshold = data.support_threshold
    category.answer_days = data.answer_days
    category.authors_may_support = data.authors_may_support
    if data.position is not None:
        category.position = data.position
    db.session.commit()
    return category
