"""Registry of what a data export holds: each feature registers the parts of a person's data it keeps, so the core
builds the archive without importing the packages that own them.

A part is one file pair in the archive (`<name>.json`, `<name>.csv`): the rows of one table that belong to the
person, the columns it shows, and a sentence for the archive's README saying what the file is. Most parts are a
Table (rows whose `owner` column is the person's id); a part with rows of another shape gives its own `rows`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select

from app.extensions import db

Row = dict[str, Any]


@dataclass(frozen=True)
class Part:
    """One file pair of the archive: `rows(user_id)` gives its rows, all with `columns` as keys."""

    name: str
    description: object  # a lazy translation: what the file holds, for the README
    columns: tuple[str, ...]
    rows: Callable[[int], list[Row]]
    sources: tuple[tuple[str, str], ...] = ()  # (table, column) pointing at the person: what the part exports


def table(name: str, description: object, model: type, owner: str, columns: tuple[str, ...],
          order: str = "id") -> Part:
    """A part of the rows of `model` whose `owner` column is the person's id, with `columns` in that order."""
    def rows(user_id: int) -> list[Row]:
        query = select(*(getattr(model, column) for column in columns)).where(getattr(model, owner) == user_id)
        return [dict(zip(columns, map(plain, found))) for found in
                db.session.execute(query.order_by(getattr(model, order))).all()]

    return Part(name, description, columns, rows, ((model.__table__.name, owner),))


def plain(value: Any) -> Any:
    """A value as JSON and CSV hold it: dates and times in ISO 8601 (UTC), enumerations by their value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


_parts: dict[str, Part] = {}


def register(part: Part) -> None:
    """Add `part` to every export (registering a name again replaces it)."""
    _parts[part.name] = part


def all_parts() -> list[Part]:
    """Every registered part, by name."""
    return [_parts[name] for name in sorted(_parts)]
