"""One service for every category model: list, find, create or change (with its Subject), and order categories.

A feature package binds these functions to its model (see forums/categories.py, ideas/categories.py): it passes
its extra columns, its policy check and the exception that refuses. Both writes are use cases (app.unit_of_work).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import func, select

from app import subjects
from app.categories.models import CategoryMixin
from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.unit_of_work import use_case

C = TypeVar("C", bound=CategoryMixin)
Check = Callable[[object], bool]

STEPS = {"up": -1, "down": 1}  # the order buttons' directions


class SlugTaken(ValueError):
    """Raised when another category of the same model already uses the slug."""


@dataclass
class CategoryInput:
    """What is typed for any category; feature packages extend it with their own fields."""

    slug: str
    names: dict[str, str]
    descriptions: dict[str, str]
    position: int | None = field(default=None, kw_only=True)
    premoderated: bool = field(default=False, kw_only=True)  # sandboxed members' posts wait for review


def all_categories(model: type[C]) -> list[C]:
    """Every category of `model` in its order."""
    return list(db.session.execute(select(model).order_by(model.position, model.id)).scalars())


def find_category(model: type[C], slug: str) -> C | None:
    """The category of `model` at `slug`, or None."""
    return db.session.execute(select(model).where(model.slug == slug)).scalar_one_or_none()


def _texts(values: Mapping[str, str | None]) -> dict[str, str]:
    """The texts trimmed, languages left empty dropped (they fall back to the default language)."""
    return {code: text.strip() for code, text in values.items() if text and text.strip()}


def _refuse_unless(actor, may_manage: Check, refusal: type[Exception]) -> None:
    if actor is not None and not may_manage(actor):
        raise refusal


@use_case
def save_category(model: type[C], actor, data: CategoryInput, category: C | None = None, *,
                  extra: Mapping[str, object], may_manage: Check, refusal: type[Exception]) -> C:
    """Create a category of `model` with its Subject (placed last unless a position is given) or change `category`;
    set the common fields from `data` and the model's own columns from `extra`; commit.

    Raises `refusal` when `may_manage(actor)` is false (actor None means a command-line operator), SlugTaken when
    another category of `model` has the slug.
    """
    _refuse_unless(actor, may_manage, refusal)
    before = _audited(category) if category is not None else {}
    other = find_category(model, data.slug)
    if other is not None and other is not category:
        raise SlugTaken(data.slug)
    if category is None:
        last = db.session.execute(select(func.max(model.position))).scalar_one()
        now, subject = utcnow(), subjects.new_subject(model.subject_kind)
        subject.created_at = now
        category = model(position=(last or 0) + 1, created_at=now, subject=subject)
        db.session.add(category)
    category.slug = data.slug
    category.names = _texts(data.names)
    category.descriptions = _texts(data.descriptions)
    category.premoderated = bool(data.premoderated)
    for column, value in extra.items():
        setattr(category, column, value)
    if data.position is not None:
        category.position = data.position
    db.session.flush()
    if actor is not None:  # an administrator's change (the demo and benchmark loaders act as operators, unlogged)
        audit.record(actor, "category.edit" if before else "category.create", obj=category, before=before,
                     after=_audited(category))
    return category


def _audited(category: CategoryMixin) -> dict[str, object]:
    """What the audit log keeps of a category before and after a change."""
    return {"slug": category.slug, "names": dict(category.names or {}), "position": category.position,
            "premoderated": bool(category.premoderated)}


@use_case
def move_category(model: type[C], actor, category: C, step: int, *, may_manage: Check,
                  refusal: type[Exception]) -> None:
    """Swap `category` with its neighbour above (step -1) or below (+1), numbering all 1, 2, 3 …; commit.

    Nothing moves past either end. Raises `refusal` when `may_manage(actor)` is false.
    """
    _refuse_unless(actor, may_manage, refusal)
    ordered = all_categories(model)
    index = ordered.index(category)
    other_index = index + step
    if not 0 <= other_index < len(ordered):
        return
    for position, item in enumerate(ordered, start=1):
        item.position = position
    ordered[index].position, ordered[other_index].position = ordered[other_index].position, ordered[index].position
    if actor is not None:
        audit.record(actor, "category.move", obj=category, before={"position": index + 1},
                     after={"position": category.position})
