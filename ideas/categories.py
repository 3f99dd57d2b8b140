"""Idea categories: the shared category service (app.categories) bound to IdeaCategory, which adds the answer
promise (support threshold, answer period) and whether authors may support their own ideas.

Only administrators manage them (ideas.policy); a refusal raises ideas.services.NotAllowed.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.categories import services as shared
from app.categories.services import SlugTaken
from app.users.models import User
from ideas import policy
from ideas.models import IdeaCategory
from ideas.services import NotAllowed

__all__ = ["CategoryInput", "SlugTaken", "all_categories", "find_category", "move_category", "save_category"]

ACCESS = {"may_manage": policy.can_manage_categories, "refusal": NotAllowed}


@dataclass
class CategoryInput(shared.CategoryInput):
    support_threshold: int = 25
    answer_days: int = 30
    authors_may_support: bool = False


def all_categories() -> list[IdeaCategory]:
    """The idea categories in the order of the idea list."""
    return shared.all_categories(IdeaCategory)


def find_category(slug: str) -> IdeaCategory | None:
    return shared.find_category(IdeaCategory, slug)


def save_category(actor: User | None, data: CategoryInput, category: IdeaCategory | None = None) -> IdeaCategory:
    """Create a category and its Subject (placed last unless a position is given) or change `category`; commit.

    A changed answer period applies to ideas that reach the threshold from then on; due dates already
    promised stay. Raises NotAllowed (actor None means a command-line operator) or SlugTaken.
    """
    extra = {"support_threshold": data.support_threshold, "answer_days": data.answer_days,
             "authors_may_support": data.authors_may_support}
    return shared.save_category(IdeaCategory, actor, data, category, extra=extra, **ACCESS)


def move_category(actor: User, category: IdeaCategory, step: int) -> None:
    """Swap `category` with its neighbour above (step -1) or below (+1) and commit. Raises NotAllowed."""
    shared.move_category(IdeaCategory, actor, category, step, **ACCESS)
