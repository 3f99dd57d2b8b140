"""Managing forum categories (administrators): create, change, and order them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.users.models import User
from forums import policy
from forums.models import ForumCategory
from forums.services import NotAllowed


class SlugTaken(ValueError):
    """Raised when another category already uses the slug."""


@dataclass
class CategoryInput:
    slug: str
    names: dict[str, str]
    descriptions: dict[str, str]
    color: str
    position: int | None = None


def all_categories() -> list[ForumCategory]:
    return list(db.session.execute(
        select(ForumCategory).order_by(ForumCategory.position, ForumCategory.id)).scalars())


def find_category(slug: str) -> ForumCategory | None:
    return db.session.execute(select(ForumCategory).where(ForumCategory.slug == slug)).scalar_one_or_none()


def save_category(actor: User | None, data: CategoryInput, category: ForumCategory | None = None) -> ForumCategory:
    """Create a category and its Subject (placed last unless a position is given) or change `category`; commit.

    Raises NotAllowed (actor None means a command-line operator) or SlugTaken.
    """
    if actor is not None and not policy.can_manage_categories(actor):
        raise NotAllowed
    other = find_category(data.slug)
    if other is not None and other is not category:
        raise SlugTaken(data.slug)
    if category is None:
        last = db.session.execute(select(func.max(ForumCategory.position))).scalar_one()
        now, subject = utcnow(), subjects.new_subject("forum_category")
        subject.created_at = now
        category = ForumCategory(position=(last or 0) + 1, created_at=now, subject=subject)
        db.session.add(category)
    category.slug = data.slug
    category.names = {code: text.strip() for code, text in data.names.items() if text and text.strip()}
    category.descriptions = {code: text.strip() for code, text in data.descriptions.items() if text and text.strip()}
    category.color = data.color
    if data.position is not None:
        category.position = data.position
    db.session.commit()
    return category


def move_category(actor: User, category: ForumCategory, step: int) -> None:
    """Swap `category` with its neighbour above (step -1) or below (+1) and commit. Raises NotAllowed."""
    if not policy.can_manage_categories(actor):
        raise NotAllowed
    ordered = all_categories()
    index = ordered.index(category)
    other_index = index + step
    if not 0 <= other_index < len(ordered):
        return
    for position, item in enumerate(ordered, start=1):
        item.position = position
    ordered[index].position, ordered[other_index].position = ordered[other_index].position, ordered[index].position
    db.session.commit()
