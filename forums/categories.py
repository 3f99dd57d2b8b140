"""Forum categories: the shared category service (app.categories) bound to ForumCategory, which adds a colour.

Only administrators manage them (forums.policy); a refusal raises forums.services.NotAllowed.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.categories import services as shared
from app.categories.services import SlugTaken
from app.users.models import User
from forums import policy
from forums.models import ForumCategory
from forums.services import NotAllowed

__all__ = ["CategoryInput", "SlugTaken", "all_categories", "find_category", "move_category", "save_category"]

ACCESS = {"may_manage": policy.can_manage_categories, "refusal": NotAllowed}


@dataclass
class CategoryInput(shared.CategoryInput):
    color: str


def all_categories() -> list[ForumCategory]:
    """The forum categories in the order of the forum index."""
    return shared.all_categories(ForumCategory)


def find_category(slug: str) -> ForumCategory | None:
    return shared.find_category(ForumCategory, slug)


def save_category(actor: User | None, data: CategoryInput, category: ForumCategory | None = None) -> ForumCategory:
    """Create a category and its Subject (placed last unless a position is given) or change `category`; commit.

    Raises NotAllowed (actor None means a command-line operator) or SlugTaken.
    """
    return shared.save_category(ForumCategory, actor, data, category, extra={"color": data.color}, **ACCESS)


def move_category(actor: User, category: ForumCategory, step: int) -> None:
    """Swap `category` with its neighbour above (step -1) or below (+1) and commit. Raises NotAllowed."""
    shared.move_category(ForumCategory, actor, category, step, **ACCESS)
